package sqlstore

import (
	"context"
	"fmt"
	"time"

	"sitroom/internal/domain"
)

var _ domain.SessionStore = (*Store)(nil)

// CreateSession stores a dashboard session.
func (s *Store) CreateSession(ctx context.Context, se domain.Session) error {
	if se.Hash == "" || se.TokenID == "" {
		return domain.Errorf(domain.CodeInvalid, "a session needs a hash and a token")
	}
	_, err := s.db.ExecContext(ctx, s.q(insertSQL("web_sessions", "hash, token_id, created_at, expires_at")),
		se.Hash, se.TokenID, ts(se.CreatedAt), ts(se.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionByHash returns a live session with its token's name and role. The
// token is checked in the same query, so a revoked or expired token ends
// its sessions at once.
func (s *Store) SessionByHash(ctx context.Context, hash string, now time.Time) (domain.Session, error) {
	var se domain.Session
	var role string
	at := ts(now)
	err := s.db.QueryRowContext(ctx, s.q(`SELECT w.hash, w.token_id, t.name, t.role, w.created_at, w.expires_at
		FROM web_sessions w JOIN tokens t ON t.id = w.token_id
		WHERE w.hash = ? AND w.expires_at > ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`),
		hash, at, at).Scan(&se.Hash, &se.TokenID, &se.Name, &role, tsScan{&se.CreatedAt}, tsScan{&se.ExpiresAt})
	if err != nil {
		return se, notFound(err, "session", "(by hash)")
	}
	se.Role = domain.Role(role)
	return se, nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM web_sessions WHERE hash = ?`), hash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM web_sessions WHERE expires_at <= ?`), ts(now))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return res.RowsAffected()
}
