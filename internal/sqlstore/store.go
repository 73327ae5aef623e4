package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"sitroom/internal/domain"
)

// Store implements domain.Store over a *sql.DB.
type Store struct {
	db *sql.DB
	d  Dialect
	// clusterMu is the clustering lock where the dialect has none across
	// processes.
	clusterMu sync.Mutex
}

var _ domain.Store = (*Store)(nil)

// New returns a Store over an open, migrated database.
func New(db *sql.DB, d Dialect) *Store { return &Store{db: db, d: d} }

// DB returns the underlying database, for backend-specific work (benchmarks,
// migrations).
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns the store's dialect.
func (s *Store) Dialect() Dialect { return s.d }

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return &domain.Error{Code: domain.CodeUnavailable, Message: "database unavailable", Err: err}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// q rebinds a query for the dialect.
func (s *Store) q(query string) string { return s.d.rebind(query) }

// inTx runs fn in a transaction, retrying a few times when the database
// reports a transient lock conflict.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = s.tryTx(ctx, fn)
		if err == nil || s.d.IsBusy == nil || !s.d.IsBusy(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(10<<attempt) * time.Millisecond):
		}
	}
	return err
}

func (s *Store) tryTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into a domain not-found error.
func notFound(err error, what, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound(what, id)
	}
	return fmt.Errorf("get %s %s: %w", what, id, err)
}
