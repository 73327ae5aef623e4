package auth

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/sqlite"
)

func TestIssueAndAuthenticate(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "auth.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	clk := clock.NewManual(time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC))
	is := Issuer{Store: store, Clock: clk, IDs: ids.NewSequence("tok")}

	secret, tok, err := is.Issue(ctx, "Lashio team", domain.RoleReporter, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, Prefix) || tok.Hash == secret || tok.Hash != Hash(secret) {
		t.Fatalf("secret %q, hash %q", secret, tok.Hash)
	}
	p, err := Authenticate(ctx, store, clk, secret)
	if err != nil || p.Role != domain.RoleReporter || p.Name != "Lashio team" || p.TokenID != tok.ID {
		t.Fatalf("Authenticate = %+v, %v", p, err)
	}
	clk.Advance(time.Hour)
	if _, err := Authenticate(ctx, store, clk, secret); !domain.IsCode(err, domain.CodeUnauthorized) || !strings.Contains(err.Error(), "expired") {
		t.Errorf("expired token: %v", err)
	}
	s2, t2, _ := is.Issue(ctx, "admin", domain.RoleAdmin, 0)
	if err := store.RevokeToken(ctx, t2.ID, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := Authenticate(ctx, store, clk, s2); !strings.Contains(err.Error(), "revoked") {
		t.Errorf("revoked token: %v", err)
	}
	for _, bad := range []string{"", "Bearer x", Prefix + "nope"} {
		if _, err := Authenticate(ctx, store, clk, bad); !domain.IsCode(err, domain.CodeUnauthorized) {
			t.Errorf("Authenticate(%q) = %v", bad, err)
		}
	}
	if _, _, err := is.Issue(ctx, "x", "overlord", 0); domain.ErrorField(err) != "role" {
		t.Errorf("bad role: %v", err)
	}
	if _, _, err := is.Issue(ctx, " ", domain.RoleViewer, 0); domain.ErrorField(err) != "name" {
		t.Errorf("empty name: %v", err)
	}
}

func TestRequire(t *testing.T) {
	if err := Require(domain.Anonymous, domain.RoleViewer); !domain.IsCode(err, domain.CodeUnauthorized) {
		t.Errorf("anonymous: %v", err)
	}
	if err := Require(domain.Principal{Role: domain.RoleViewer}, domain.RoleReporter); !domain.IsCode(err, domain.CodeForbidden) {
		t.Errorf("viewer writing: %v", err)
	}
	if err := Require(domain.Principal{Role: domain.RoleAdmin}, domain.RoleReviewer); err != nil {
		t.Errorf("admin: %v", err)
	}
}
