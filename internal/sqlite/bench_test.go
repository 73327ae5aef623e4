package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"sitroom/internal/sqlite"
	"sitroom/internal/sqlstore"
	"sitroom/internal/storetest"
)

// BenchmarkIntake: go test ./internal/sqlite -run XXX -bench Intake -benchtime 2000x
func BenchmarkIntake(b *testing.B) {
	storetest.BenchmarkIntake(b, func(b *testing.B) *sqlstore.Store {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	})
}
