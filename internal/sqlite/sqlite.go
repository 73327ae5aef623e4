// Package sqlite is sitroom's embedded storage: a pure-Go SQLite
// (modernc.org/sqlite) in WAL mode with a busy timeout and foreign keys,
// behind the shared sqlstore implementation.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"sitroom/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Dialect is the SQLite dialect of sqlstore.
func Dialect() sqlstore.Dialect {
	sub, _ := fs.Sub(migrations, "migrations")
	return sqlstore.Dialect{Name: "sqlite", Migrations: sub, IsBusy: isBusy}
}

func isBusy(err error) bool {
	var e *sqlite.Error
	if errors.As(err, &e) {
		code := e.Code() & 0xff
		return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
	}
	return false
}

// DSN returns the connection string for a database file: WAL journal,
// a busy timeout so that concurrent writers wait instead of failing,
// foreign keys on, full fsync on commit so that an acknowledged write
// survives a crash, a 32 MiB page cache and memory-mapped reads so that
// large databases are not read a page per system call, and
// IMMEDIATE transactions so that a writer takes the
// write lock at BEGIN rather than failing to upgrade later.
func DSN(path string) string {
	v := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(FULL)",
		"cache_size(-32768)", "mmap_size(268435456)", "temp_store(MEMORY)"} {
		v.Add("_pragma", p)
	}
	v.Set("_txlock", "immediate")
	return "file:" + path + "?" + v.Encode()
}

// Open opens (creating if needed) and migrates the database at path.
func Open(ctx context.Context, path string) (*sqlstore.Store, error) {
	if path == "" || strings.HasPrefix(path, "postgres") {
		return nil, fmt.Errorf("sqlite: %q is not a file path", path)
	}
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// One writer at a time is SQLite's rule; a few connections let reads
	// proceed beside it in WAL mode.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	d := Dialect()
	if _, err := sqlstore.Migrate(ctx, db, d, time.Now); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return sqlstore.New(db, d), nil
}
