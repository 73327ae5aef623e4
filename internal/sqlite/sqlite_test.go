package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/sqlite"
	"sitroom/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) domain.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
