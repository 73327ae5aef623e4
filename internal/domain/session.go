package domain

import (
	"context"
	"time"
)

// Session is a signed-in browser: the dashboard's cookie names it. Only the
// hash of the cookie's secret is stored, so a copy of the database opens no
// sessions. A session stands for the token it was opened with and dies
// with it: revoking the token ends its sessions.
type Session struct {
	Hash      string    `json:"-"`
	TokenID   string    `json:"token_id"`
	Name      string    `json:"name"` // the token's name, as the principal
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Principal is who a session acts as.
func (s Session) Principal() Principal {
	return Principal{Name: s.Name, TokenID: s.TokenID, Role: s.Role}
}

// SessionStore keeps dashboard sessions.
type SessionStore interface {
	// CreateSession stores a session.
	CreateSession(ctx context.Context, s Session) error
	// SessionByHash returns the live session with a hash at time now, with
	// the role of its token; a CodeNotFound error when there is none, it has
	// expired, or its token is revoked or expired.
	SessionByHash(ctx context.Context, hash string, now time.Time) (Session, error)
	// DeleteSession ends a session (signing out); deleting a missing one is
	// not an error.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteExpiredSessions removes sessions that expired before now and
	// returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error)
}
