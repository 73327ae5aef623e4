package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sitroom/internal/domain"
)

var _ domain.SubscriptionStore = (*Store)(nil)

const subscriptionColumns = `id, reporter_id, channel, gateway, area, area_name, topics, language, contact_hint, created_by, created_at, updated_at`

func scanSubscription(row interface{ Scan(...any) error }) (domain.Subscription, error) {
	var s domain.Subscription
	var ch, topics string
	err := row.Scan(&s.ID, &s.ReporterID, &ch, &s.Gateway, &s.Area, &s.AreaName, &topics, &s.Language, &s.ContactHint,
		&s.CreatedBy, tsScan{&s.CreatedAt}, tsScan{&s.UpdatedAt})
	s.Channel = domain.Channel(ch)
	if topics != "" {
		s.Topics = strings.Split(topics, ",")
	}
	return s, err
}

func (s *Store) subscriptions(ctx context.Context, query string, args ...any) ([]domain.Subscription, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+subscriptionColumns+` FROM subscriptions `+query), args...)
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	defer rows.Close()
	var out []domain.Subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, fmt.Errorf("subscriptions: %w", err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// PutSubscription stores a subscription, or updates the subscriber's
// subscription to the same area.
func (s *Store) PutSubscription(ctx context.Context, sub domain.Subscription) (domain.Subscription, bool, error) {
	topics := strings.Join(sub.Topics, ",")
	res, err := s.db.ExecContext(ctx, s.q(insertSQL("subscriptions", subscriptionColumns)+` ON CONFLICT (reporter_id, area) DO NOTHING`),
		sub.ID, sub.ReporterID, string(sub.Channel), sub.Gateway, sub.Area, sub.AreaName, topics, sub.Language, sub.ContactHint,
		sub.CreatedBy, ts(sub.CreatedAt), ts(sub.CreatedAt))
	if err != nil {
		return sub, false, fmt.Errorf("put subscription: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return sub, false, fmt.Errorf("put subscription: %w", err)
	}
	created := n == 1
	if !created {
		at := sub.UpdatedAt
		if at.IsZero() {
			at = sub.CreatedAt
		}
		if _, err := s.db.ExecContext(ctx, s.q(`UPDATE subscriptions SET channel = ?, gateway = ?, area_name = ?, topics = ?, language = ?,
			contact_hint = ?, updated_at = ? WHERE reporter_id = ? AND area = ?`),
			string(sub.Channel), sub.Gateway, sub.AreaName, topics, sub.Language, sub.ContactHint, ts(at), sub.ReporterID, sub.Area); err != nil {
			return sub, false, fmt.Errorf("put subscription: %w", err)
		}
	}
	got, err := s.subscriptions(ctx, `WHERE reporter_id = ? AND area = ?`, sub.ReporterID, sub.Area)
	if err != nil {
		return sub, false, err
	}
	if len(got) != 1 {
		return sub, false, fmt.Errorf("put subscription: %d rows after writing", len(got))
	}
	return got[0], created, nil
}

// Subscription returns one subscription.
func (s *Store) Subscription(ctx context.Context, id string) (domain.Subscription, error) {
	sub, err := scanSubscription(s.db.QueryRowContext(ctx, s.q(`SELECT `+subscriptionColumns+` FROM subscriptions WHERE id = ?`), id))
	if err != nil {
		return sub, notFound(err, "subscription", id)
	}
	return sub, nil
}

// ListSubscriptions lists subscriptions in id order.
func (s *Store) ListSubscriptions(ctx context.Context, afterID string, limit int) ([]domain.Subscription, error) {
	if limit <= 0 || limit > domain.MaxPageSize {
		limit = domain.MaxPageSize
	}
	return s.subscriptions(ctx, fmt.Sprintf(`WHERE id > ? ORDER BY id LIMIT %d`, limit), afterID)
}

// SubscriptionsOf lists one subscriber's subscriptions.
func (s *Store) SubscriptionsOf(ctx context.Context, reporterID string) ([]domain.Subscription, error) {
	return s.subscriptions(ctx, `WHERE reporter_id = ? ORDER BY area`, reporterID)
}

// SubscriptionsIn lists the subscriptions to any of the areas.
func (s *Store) SubscriptionsIn(ctx context.Context, areas []string) ([]domain.Subscription, error) {
	if len(areas) == 0 {
		return nil, nil
	}
	return s.subscriptions(ctx, `WHERE area IN (`+placeholders(len(areas))+`) ORDER BY id`, anys(areas)...)
}

// DeleteSubscription removes one subscription.
func (s *Store) DeleteSubscription(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM subscriptions WHERE id = ?`), id)
	if err != nil {
		return fmt.Errorf("delete subscription: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete subscription: %w", err)
	} else if n == 0 {
		return domain.NotFound("subscription", id)
	}
	return nil
}

// DeleteSubscriptionsOf removes a subscriber's subscriptions to an area,
// or all of them.
func (s *Store) DeleteSubscriptionsOf(ctx context.Context, reporterID, area string) (int, error) {
	q, args := `DELETE FROM subscriptions WHERE reporter_id = ?`, []any{reporterID}
	if area != "" {
		q, args = q+` AND area = ?`, append(args, area)
	}
	res, err := s.db.ExecContext(ctx, s.q(q), args...)
	if err != nil {
		return 0, fmt.Errorf("delete subscriptions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// AddDelivery records a delivery once.
func (s *Store) AddDelivery(ctx context.Context, d domain.Delivery) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO subscription_deliveries (subscription_id, kind, item_key, message_id, queued_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`), d.SubscriptionID, d.Kind, d.Key, d.MessageID, ts(d.At))
	if err != nil {
		return false, fmt.Errorf("record delivery: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SubscriptionDeliveries lists a subscription's deliveries, newest first.
func (s *Store) SubscriptionDeliveries(ctx context.Context, subscriptionID string, limit int) ([]domain.Delivery, error) {
	if limit <= 0 || limit > domain.MaxPageSize {
		limit = domain.MaxPageSize
	}
	rows, err := s.db.QueryContext(ctx, s.q(fmt.Sprintf(`SELECT subscription_id, kind, item_key, message_id, queued_at FROM subscription_deliveries
		WHERE subscription_id = ? ORDER BY queued_at DESC, item_key DESC LIMIT %d`, limit)), subscriptionID)
	if err != nil {
		return nil, fmt.Errorf("deliveries: %w", err)
	}
	defer rows.Close()
	var out []domain.Delivery
	for rows.Next() {
		var d domain.Delivery
		if err := rows.Scan(&d.SubscriptionID, &d.Kind, &d.Key, &d.MessageID, tsScan{&d.At}); err != nil {
			return nil, fmt.Errorf("deliveries: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Cursor returns a follower's position.
func (s *Store) Cursor(ctx context.Context, name string) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM output_cursors WHERE name = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cursor %s: %w", name, err)
	}
	return v, nil
}

// SetCursor stores a follower's position.
func (s *Store) SetCursor(ctx context.Context, name string, value int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO output_cursors (name, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`), name, value, ts(at))
	if err != nil {
		return fmt.Errorf("set cursor %s: %w", name, err)
	}
	return nil
}
