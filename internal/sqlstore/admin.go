package sqlstore

import (
	"context"
	"fmt"
	"time"

	"sitroom/internal/domain"
)

const auditColumns = `id, at, actor, action, entity_type, entity_id, reason, detail`

var insertAudit = insertSQL("audit", auditColumns)

func auditArgs(e *domain.AuditEntry) ([]any, error) {
	detail, err := nullJSON(e.Detail)
	if err != nil {
		return nil, err
	}
	return []any{e.ID, ts(e.At), e.Actor, e.Action, e.EntityType, e.EntityID, e.Reason, detail}, nil
}

// AppendAudit records one audit entry.
func (s *Store) AppendAudit(ctx context.Context, e domain.AuditEntry) error {
	a, err := auditArgs(&e)
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, s.q(insertAudit), a...); err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	return nil
}

// History returns an entity's audit trail, oldest first.
func (s *Store) History(ctx context.Context, entityType, id string) ([]domain.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+auditColumns+` FROM audit
		WHERE entity_type = ? AND entity_id = ? ORDER BY at, id`), entityType, id)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer rows.Close()
	var out []domain.AuditEntry
	for rows.Next() {
		var e domain.AuditEntry
		if err := rows.Scan(&e.ID, tsScan{&e.At}, &e.Actor, &e.Action, &e.EntityType, &e.EntityID, &e.Reason, jsonScan{&e.Detail}); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const tokenColumns = `id, name, role, hash, created_at, expires_at, revoked_at`

func scanToken(row interface{ Scan(...any) error }) (domain.Token, error) {
	var t domain.Token
	var role string
	err := row.Scan(&t.ID, &t.Name, &role, &t.Hash, tsScan{&t.CreatedAt}, nullTSScan{&t.ExpiresAt}, nullTSScan{&t.RevokedAt})
	t.Role = domain.Role(role)
	return t, err
}

// CreateToken stores a token's hash and metadata.
func (s *Store) CreateToken(ctx context.Context, t domain.Token) error {
	_, err := s.db.ExecContext(ctx, s.q(insertSQL("tokens", tokenColumns)),
		t.ID, t.Name, string(t.Role), t.Hash, ts(t.CreatedAt), nullTS(t.ExpiresAt), nullTS(t.RevokedAt))
	if err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	return nil
}

// TokenByHash returns the token with a hash, revoked or not: the caller
// decides whether it is live, so that it can say why it is not.
func (s *Store) TokenByHash(ctx context.Context, hash string) (domain.Token, error) {
	t, err := scanToken(s.db.QueryRowContext(ctx, s.q(`SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`), hash))
	if err != nil {
		return t, notFound(err, "token", "(by hash)")
	}
	return t, nil
}

// ListTokens lists every token, oldest first.
func (s *Store) ListTokens(ctx context.Context) ([]domain.Token, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []domain.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks a token revoked.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`), ts(at), id)
	if err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var one int
		if err := s.db.QueryRowContext(ctx, s.q(`SELECT 1 FROM tokens WHERE id = ?`), id).Scan(&one); err != nil {
			return notFound(err, "token", id)
		}
	}
	return nil
}
