// Package sqlstore implements domain.Store over database/sql, once for both
// backends. The sqlite and postgres packages supply a Dialect (driver, SQL
// placeholders, migrations, locking) and open the database; everything else
// — the queries, idempotency, pagination — is shared here so that the two
// behave alike by construction, and the storetest conformance suite checks
// that they do.
package sqlstore

import (
	"context"
	"database/sql"
	"io/fs"
	"strconv"
	"strings"
)

// Dialect is what differs between SQL backends.
type Dialect struct {
	// Name is "sqlite" or "postgres".
	Name string
	// Numbered placeholders ($1, $2 …) instead of "?".
	Numbered bool
	// Migrations holds NNNN_name.sql files, applied in order.
	Migrations fs.FS
	// Lock serialises migrations across processes (PostgreSQL advisory
	// lock). It returns a function that releases the lock. Nil when the
	// database's own locking suffices (SQLite).
	Lock func(ctx context.Context, conn *sql.Conn) (unlock func(), err error)
	// IsBusy reports whether an error is a transient lock conflict worth
	// retrying.
	IsBusy func(error) bool
	// TryLock takes a named lock across processes on conn without waiting,
	// and Unlock releases it; nil where one process owns the database.
	TryLock func(ctx context.Context, conn *sql.Conn, key int64) (bool, error)
	Unlock  func(conn *sql.Conn, key int64)
}

// rebind rewrites "?" placeholders to "$n" for dialects that number them.
// Queries in this package never contain a literal "?".
func (d *Dialect) rebind(q string) string {
	if !d.Numbered || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
