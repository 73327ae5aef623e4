package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/postgres"
	"sitroom/internal/sqlstore"
	"sitroom/internal/storetest"
)

// testDSN returns the PostgreSQL server for tests, or skips: the
// conformance suite needs a real server, set with SITROOM_TEST_POSTGRES_DSN.
func testDSN(t testing.TB) string {
	dsn := os.Getenv("SITROOM_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("PostgreSQL tests skipped: set SITROOM_TEST_POSTGRES_DSN, e.g. " +
			"SITROOM_TEST_POSTGRES_DSN='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' go test ./internal/postgres/")
	}
	return dsn
}

var schemaSeq atomic.Int64

// freshSchema creates an empty schema for one test and returns a DSN whose
// search_path points at it; the schema is dropped when the test ends.
func freshSchema(t testing.TB) string {
	dsn := testDSN(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("sitroom_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + name + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("SITROOM_TEST_POSTGRES_DSN: %v", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) domain.Store {
		s, err := postgres.Open(context.Background(), freshSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestConcurrentMigrate starts several instances against one empty
// database at once: the advisory lock must let exactly one apply each
// migration, and all must end up on the same schema.
func TestConcurrentMigrate(t *testing.T) {
	dsn := freshSchema(t)
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	stores := make([]*sqlstore.Store, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			stores[i], errs[i] = postgres.Open(context.Background(), dsn)
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	ms, err := sqlstore.Migrations(postgres.Dialect().Migrations)
	if err != nil {
		t.Fatal(err)
	}
	var rows int
	if err := stores[0].DB().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d (one per migration)", rows, len(ms))
	}
	// A later start finds nothing to do.
	applied, err := sqlstore.Migrate(context.Background(), stores[0].DB(), postgres.Dialect(), time.Now)
	if err != nil || len(applied) != 0 {
		t.Errorf("re-migrate applied %v, err %v; want nothing", applied, err)
	}
	if !strings.HasPrefix(postgres.Dialect().Name, "postgres") {
		t.Errorf("dialect name %q", postgres.Dialect().Name)
	}
}

// BenchmarkIntake: SITROOM_TEST_POSTGRES_DSN=… go test ./internal/postgres -run XXX -bench Intake -benchtime 2000x
func BenchmarkIntake(b *testing.B) {
	storetest.BenchmarkIntake(b, func(b *testing.B) *sqlstore.Store {
		s, err := postgres.Open(context.Background(), freshSchema(b))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	})
}
