// Package postgres is sitroom's storage for many concurrent users and
// several instances: PostgreSQL through pgx, behind the shared sqlstore
// implementation.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"sitroom/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrateLockKey is the advisory lock every instance takes while migrating,
// so that two instances starting together apply each migration once.
const migrateLockKey = 0x5174_7200_0001

// Dialect is the PostgreSQL dialect of sqlstore.
func Dialect() sqlstore.Dialect {
	sub, _ := fs.Sub(migrations, "migrations")
	return sqlstore.Dialect{Name: "postgres", Numbered: true, Migrations: sub, Lock: advisoryLock, IsBusy: isBusy,
		TryLock: tryAdvisoryLock, Unlock: advisoryUnlock}
}

func tryAdvisoryLock(ctx context.Context, conn *sql.Conn, key int64) (bool, error) {
	var ok bool
	err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok)
	return ok, err
}

func advisoryUnlock(conn *sql.Conn, key int64) {
	conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
}

func advisoryLock(ctx context.Context, conn *sql.Conn) (func(), error) {
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLockKey)); err != nil {
		return nil, err
	}
	return func() {
		// Unlock on a fresh context: the caller's may be done.
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(migrateLockKey))
	}, nil
}

// isBusy reports serialization failures and deadlocks, which a retry cures.
func isBusy(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "40001" || pg.Code == "40P01"
	}
	return false
}

// Open connects to the database at a postgres:// URL and migrates it.
func Open(ctx context.Context, dsn string) (*sqlstore.Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	d := Dialect()
	if _, err := sqlstore.Migrate(ctx, db, d, time.Now); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return sqlstore.New(db, d), nil
}
