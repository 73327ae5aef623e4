package storetest

import (
	"context"
	"testing"
	"time"

	"sitroom/internal/domain"
)

func init() {
	register(
		suite{"SessionsLive", testSessionsLive},
		suite{"SessionsEndWithTheirToken", testSessionsEndWithToken},
	)
}

func sessionToken(t *testing.T, s domain.Store, id string, role domain.Role, expires *time.Time) {
	t.Helper()
	tok := domain.Token{ID: id, Name: "web " + id, Role: role, Hash: "hash-" + id, CreatedAt: base, ExpiresAt: expires}
	if err := s.CreateToken(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
}

func testSessionsLive(t *testing.T, s domain.Store) {
	ctx := context.Background()
	ss, ok := s.(domain.SessionStore)
	if !ok {
		t.Fatal("store does not implement domain.SessionStore")
	}
	sessionToken(t, s, "T1", domain.RoleReviewer, nil)
	se := domain.Session{Hash: "S1", TokenID: "T1", CreatedAt: base, ExpiresAt: base.Add(time.Hour)}
	if err := ss.CreateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	got, err := ss.SessionByHash(ctx, "S1", base.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "web T1" || got.Role != domain.RoleReviewer || got.TokenID != "T1" || !got.ExpiresAt.Equal(se.ExpiresAt) {
		t.Errorf("session = %+v", got)
	}
	if p := got.Principal(); p.Name != "web T1" || p.Role != domain.RoleReviewer {
		t.Errorf("principal = %+v", p)
	}
	for _, tc := range []struct {
		name string
		hash string
		at   time.Time
	}{
		{"unknown hash", "nope", base.Add(time.Minute)},
		{"at expiry", "S1", base.Add(time.Hour)},
		{"after expiry", "S1", base.Add(2 * time.Hour)},
	} {
		if _, err := ss.SessionByHash(ctx, tc.hash, tc.at); !domain.IsCode(err, domain.CodeNotFound) {
			t.Errorf("%s: err = %v, want not found", tc.name, err)
		}
	}
	if err := ss.CreateSession(ctx, domain.Session{Hash: "S2", TokenID: "T1", CreatedAt: base, ExpiresAt: base.Add(3 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	n, err := ss.DeleteExpiredSessions(ctx, base.Add(2*time.Hour))
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
	if _, err := ss.SessionByHash(ctx, "S2", base.Add(2*time.Hour)); err != nil {
		t.Errorf("S2 should outlive the clean-up: %v", err)
	}
	if err := ss.DeleteSession(ctx, "S2"); err != nil {
		t.Fatal(err)
	}
	if _, err := ss.SessionByHash(ctx, "S2", base.Add(2*time.Hour)); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("after sign-out: err = %v, want not found", err)
	}
	if err := ss.DeleteSession(ctx, "S2"); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
}

func testSessionsEndWithToken(t *testing.T, s domain.Store) {
	ctx := context.Background()
	ss := s.(domain.SessionStore)
	exp := base.Add(30 * time.Minute)
	sessionToken(t, s, "T2", domain.RoleViewer, nil)
	sessionToken(t, s, "T3", domain.RoleAdmin, &exp)
	for _, se := range []domain.Session{
		{Hash: "S2", TokenID: "T2", CreatedAt: base, ExpiresAt: base.Add(time.Hour)},
		{Hash: "S3", TokenID: "T3", CreatedAt: base, ExpiresAt: base.Add(time.Hour)},
	} {
		if err := ss.CreateSession(ctx, se); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ss.SessionByHash(ctx, "S3", base.Add(10*time.Minute)); err != nil {
		t.Fatalf("S3 before its token expires: %v", err)
	}
	if _, err := ss.SessionByHash(ctx, "S3", base.Add(40*time.Minute)); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("S3 after its token expired: err = %v, want not found", err)
	}
	if err := s.RevokeToken(ctx, "T2", base.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := ss.SessionByHash(ctx, "S2", base.Add(10*time.Minute)); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("S2 after its token was revoked: err = %v, want not found", err)
	}
	if err := ss.CreateSession(ctx, domain.Session{Hash: "S4", TokenID: "", CreatedAt: base, ExpiresAt: base}); !domain.IsCode(err, domain.CodeInvalid) {
		t.Errorf("session without token: err = %v, want invalid", err)
	}
}
