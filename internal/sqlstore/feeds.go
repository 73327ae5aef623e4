package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sitroom/internal/domain"
)

var _ domain.FeedStore = (*Store)(nil)

const feedColumns = `id, url, source, title, interval_seconds, created_at, created_by, etag, last_modified,
	last_attempt, last_success, last_status, last_error, failures, next_poll, items_seen, last_new`

func scanFeed(row interface{ Scan(...any) error }) (domain.Feed, error) {
	var f domain.Feed
	var secs int64
	h := &f.Health
	err := row.Scan(&f.ID, &f.URL, &f.Source, &f.Title, &secs, tsScan{&f.CreatedAt}, &f.CreatedBy, &f.ETag, &f.LastModified,
		nullTSScan{&h.LastAttempt}, nullTSScan{&h.LastSuccess}, &h.LastStatus, &h.LastError, &h.Failures,
		tsScan{&h.NextPoll}, &h.ItemsSeen, &h.LastNew)
	f.Interval = time.Duration(secs) * time.Second
	return f, err
}

// CreateFeed stores a new feed; one with the same URL is a conflict.
func (s *Store) CreateFeed(ctx context.Context, f domain.Feed) error {
	h := &f.Health
	res, err := s.db.ExecContext(ctx, s.q(insertSQL("feeds", feedColumns)+` ON CONFLICT DO NOTHING`),
		f.ID, f.URL, f.Source, f.Title, int64(f.Interval/time.Second), ts(f.CreatedAt), f.CreatedBy, f.ETag, f.LastModified,
		nullTS(h.LastAttempt), nullTS(h.LastSuccess), h.LastStatus, h.LastError, h.Failures, ts(h.NextPoll), h.ItemsSeen, h.LastNew)
	if err != nil {
		return fmt.Errorf("create feed: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("create feed: %w", err)
	} else if n == 0 {
		return domain.Errorf(domain.CodeConflict, "a feed with this URL (or id) already exists: %s", f.URL)
	}
	return nil
}

// GetFeed returns one feed.
func (s *Store) GetFeed(ctx context.Context, id string) (domain.Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, s.q(`SELECT `+feedColumns+` FROM feeds WHERE id = ?`), id))
	if err != nil {
		return f, notFound(err, "feed", id)
	}
	return f, nil
}

func (s *Store) queryFeeds(ctx context.Context, query string, args ...any) ([]domain.Feed, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var out []domain.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ListFeeds lists every feed, oldest first.
func (s *Store) ListFeeds(ctx context.Context) ([]domain.Feed, error) {
	return s.queryFeeds(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY created_at, id`)
}

// DeleteFeed removes a feed; the keys of its items stay.
func (s *Store) DeleteFeed(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, s.q(`DELETE FROM feeds WHERE id = ?`), id)
	if err != nil {
		return fmt.Errorf("delete feed: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete feed: %w", err)
	} else if n == 0 {
		return domain.NotFound("feed", id)
	}
	return nil
}

// DueFeeds lists feeds due for a poll, most overdue first.
func (s *Store) DueFeeds(ctx context.Context, now time.Time, limit int) ([]domain.Feed, error) {
	if limit <= 0 {
		limit = domain.MaxPageSize
	}
	return s.queryFeeds(ctx, `SELECT `+feedColumns+` FROM feeds WHERE next_poll <= ? ORDER BY next_poll, id LIMIT ?`, ts(now), limit)
}

// ClaimFeed moves a feed's next poll from was to until, if no one else has.
func (s *Store) ClaimFeed(ctx context.Context, id string, was, until time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE feeds SET next_poll = ? WHERE id = ? AND next_poll = ?`), ts(until), id, ts(was))
	if err != nil {
		return false, fmt.Errorf("claim feed: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim feed: %w", err)
	}
	return n == 1, nil
}

// SaveFeedState records a poll's outcome.
func (s *Store) SaveFeedState(ctx context.Context, f domain.Feed) error {
	h := &f.Health
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE feeds SET title = ?, etag = ?, last_modified = ?, last_attempt = ?,
		last_success = ?, last_status = ?, last_error = ?, failures = ?, next_poll = ?, items_seen = ?, last_new = ? WHERE id = ?`),
		f.Title, f.ETag, f.LastModified, nullTS(h.LastAttempt), nullTS(h.LastSuccess), h.LastStatus, h.LastError,
		h.Failures, ts(h.NextPoll), h.ItemsSeen, h.LastNew, f.ID)
	if err != nil {
		return fmt.Errorf("save feed state: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("save feed state: %w", err)
	} else if n == 0 {
		return domain.NotFound("feed", f.ID)
	}
	return nil
}

// SeenFeedKeys returns which keys are already recorded.
func (s *Store) SeenFeedKeys(ctx context.Context, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	const chunk = 200
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT key FROM feed_items WHERE key IN (`+placeholders(len(part))+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("seen feed keys: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("seen feed keys: %w", err)
			}
			seen[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("seen feed keys: %w", err)
		}
	}
	return seen, nil
}

// RecordFeedItems stores the keys of items taken, in one transaction.
func (s *Store) RecordFeedItems(ctx context.Context, items []domain.FeedItem, at time.Time) error {
	if len(items) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, s.q(insertSQL("feed_items", "key, feed_id, report_id, first_seen")+` ON CONFLICT DO NOTHING`))
		if err != nil {
			return fmt.Errorf("record feed items: %w", err)
		}
		defer st.Close()
		for _, it := range items {
			for _, k := range it.Keys {
				if _, err := st.ExecContext(ctx, k, it.FeedID, it.ReportID, ts(at)); err != nil {
					return fmt.Errorf("record feed items: %w", err)
				}
			}
		}
		return nil
	})
}
