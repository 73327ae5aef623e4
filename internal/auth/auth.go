// Package auth issues and checks bearer tokens. A token's secret is shown
// once, when it is made; only its SHA-256 hash is stored, so a copy of the
// database gives no working credentials.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// Prefix starts every token secret, so that a leaked one is recognisable.
const Prefix = "srt_"

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// Hash returns the stored form of a secret.
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Issuer makes tokens.
type Issuer struct {
	Store domain.Store
	Clock domain.Clock
	IDs   domain.IDs
}

// Issue creates a token with a role, valid for ttl (forever when zero), and
// returns its secret — the only time the secret exists outside the caller.
func (is Issuer) Issue(ctx context.Context, name string, role domain.Role, ttl time.Duration) (string, domain.Token, error) {
	if !role.Valid() {
		return "", domain.Token{}, domain.FieldError("role", "%q is not a role (admin, reviewer, reporter, viewer)", role)
	}
	if strings.TrimSpace(name) == "" {
		return "", domain.Token{}, domain.FieldError("name", "a token needs a name saying whose it is")
	}
	raw := make([]byte, 20)
	if _, err := rand.Read(raw); err != nil {
		return "", domain.Token{}, domain.Errorf(domain.CodeInternal, "make token: %w", err)
	}
	secret := Prefix + strings.ToLower(b32.EncodeToString(raw))
	now := is.Clock.Now()
	t := domain.Token{ID: is.IDs.NewID(), Name: name, Role: role, Hash: Hash(secret), CreatedAt: now}
	if ttl > 0 {
		exp := now.Add(ttl)
		t.ExpiresAt = &exp
	}
	if err := is.Store.CreateToken(ctx, t); err != nil {
		return "", domain.Token{}, err
	}
	return secret, t, nil
}

// Authenticate returns the principal a secret stands for, or an
// unauthorized error saying why it is refused.
func Authenticate(ctx context.Context, store domain.Store, clock domain.Clock, secret string) (domain.Principal, error) {
	if !strings.HasPrefix(secret, Prefix) {
		return domain.Anonymous, domain.Errorf(domain.CodeUnauthorized, "not a sitroom token")
	}
	t, err := store.TokenByHash(ctx, Hash(secret))
	if domain.IsCode(err, domain.CodeNotFound) {
		return domain.Anonymous, domain.Errorf(domain.CodeUnauthorized, "unknown token")
	}
	if err != nil {
		return domain.Anonymous, err
	}
	now := clock.Now()
	if t.RevokedAt != nil {
		return domain.Anonymous, domain.Errorf(domain.CodeUnauthorized, "token revoked")
	}
	if t.ExpiresAt != nil && !now.Before(*t.ExpiresAt) {
		return domain.Anonymous, domain.Errorf(domain.CodeUnauthorized, "token expired")
	}
	return domain.Principal{Name: t.Name, TokenID: t.ID, Role: t.Role}, nil
}

// Require returns a forbidden (or, for anonymous, unauthorized) error unless
// p holds role want.
func Require(p domain.Principal, want domain.Role) error {
	if p.Can(want) {
		return nil
	}
	if p.IsAnonymous() {
		return domain.Errorf(domain.CodeUnauthorized, "this needs a token with role %s or higher", want)
	}
	return domain.Errorf(domain.CodeForbidden, "role %s may not do this; it needs %s or higher", p.Role, want)
}
