package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
)

var _ domain.EventStore = (*Store)(nil)

// clusterLockKey is the advisory lock key of the clustering engine.
const clusterLockKey = 0x5174_7200_0002

func (s *Store) queryClaims(ctx context.Context, query string, args ...any) ([]domain.Claim, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	defer rows.Close()
	var out []domain.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *Store) queryEvents(ctx context.Context, query string, args ...any) ([]domain.Event, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var out []domain.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PendingClaims returns claims not yet in an event, in id order.
func (s *Store) PendingClaims(ctx context.Context, afterID string, limit int) ([]domain.Claim, error) {
	return s.queryClaims(ctx, `SELECT `+claimColumns+` FROM claims
		WHERE event_id IS NULL AND superseded_at IS NULL AND id > ? ORDER BY id LIMIT ?`, afterID, limit)
}

// chunks splits ids into groups small enough for one IN list.
func chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

// ClaimsOfEvents returns the live claims of events, ordered by id.
func (s *Store) ClaimsOfEvents(ctx context.Context, eventIDs []string) ([]domain.Claim, error) {
	var out []domain.Claim
	for _, ch := range chunks(eventIDs, 500) {
		cs, err := s.queryClaims(ctx, `SELECT `+claimColumns+` FROM claims WHERE superseded_at IS NULL AND event_id IN (`+
			placeholders(len(ch))+`) ORDER BY id`, anys(ch)...)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// EventsByID returns the events with the given ids, live or retired.
func (s *Store) EventsByID(ctx context.Context, ids []string) ([]domain.Event, error) {
	var out []domain.Event
	for _, ch := range chunks(ids, 500) {
		es, err := s.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE id IN (`+placeholders(len(ch))+`) ORDER BY id`, anys(ch)...)
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	return out, nil
}

// CandidateEvents returns live events of some types overlapping a period
// within an area, or at a named place with no P-code.
func (s *Store) CandidateEvents(ctx context.Context, cq domain.CandidateQuery) ([]domain.Event, error) {
	q := `SELECT ` + eventColumns + ` FROM events e WHERE e.merged_into = '' AND e.date_end >= ? AND e.date_start <= ?`
	args := []any{string(cq.Since), string(cq.Until)}
	if len(cq.Types) > 0 {
		q += ` AND e.type IN (` + placeholders(len(cq.Types)) + `)`
		args = append(args, anys(strs(cq.Types))...)
	}
	switch {
	case cq.Area != "" && cq.Exact:
		q += ` AND e.pcode = ?`
		args = append(args, cq.Area)
	case cq.Area != "":
		q += ` AND (e.pcode = ? OR e.adm1 = ? OR e.adm2 = ? OR e.adm3 = ?)`
		args = append(args, cq.Area, cq.Area, cq.Area, cq.Area)
	case cq.PlaceName != "":
		q += ` AND e.pcode = '' AND LOWER(e.place_name) = ?`
		args = append(args, strings.ToLower(cq.PlaceName))
	}
	return s.queryEvents(ctx, q+` ORDER BY e.id`, args...)
}

// EventsChangedSince follows the change sequence.
func (s *Store) EventsChangedSince(ctx context.Context, seq int64, limit int) ([]domain.Event, int64, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+eventColumns+`, change_seq FROM events
		WHERE change_seq > ? ORDER BY change_seq, id LIMIT ?`), seq, limit)
	if err != nil {
		return nil, seq, fmt.Errorf("changed events: %w", err)
	}
	defer rows.Close()
	var out []domain.Event
	last := seq
	for rows.Next() {
		var cs int64
		e, err := scanEvent(scanPlus{rows, &cs})
		if err != nil {
			return nil, seq, fmt.Errorf("changed events: %w", err)
		}
		out = append(out, e)
		if cs > last {
			last = cs
		}
	}
	return out, last, rows.Err()
}

// scanPlus scans a row with extra trailing columns into extra.
type scanPlus struct {
	row   interface{ Scan(...any) error }
	extra any
}

func (p scanPlus) Scan(dest ...any) error { return p.row.Scan(append(dest, p.extra)...) }

// ChangeSeq returns the latest event change sequence number.
func (s *Store) ChangeSeq(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM counters WHERE name = ?`), "event_change").Scan(&seq); err != nil {
		return 0, fmt.Errorf("change sequence: %w", err)
	}
	return seq, nil
}

// nextChangeSeq advances the event change counter inside a transaction.
func nextChangeSeq(ctx context.Context, tx *sql.Tx, d *Dialect) (int64, error) {
	var seq int64
	err := tx.QueryRowContext(ctx, d.rebind(`UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value`), "event_change").Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("change sequence: %w", err)
	}
	return seq, nil
}

// updateEventSQL rewrites every column of an event, guarded by its version.
var updateEventSQL = func() string {
	cols := strings.Split(eventColumns, ",")
	var sets []string
	for _, c := range cols[1:] {
		sets = append(sets, strings.TrimSpace(c)+" = ?")
	}
	return `UPDATE events SET ` + strings.Join(sets, ", ") + `, change_seq = ? WHERE id = ? AND version = ?`
}()

// ApplyEventChanges writes a change to the picture atomically.
func (s *Store) ApplyEventChanges(ctx context.Context, ch domain.EventChanges) (int64, error) {
	if ch.IsEmpty() {
		return 0, nil
	}
	var seq int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		seq, err = nextChangeSeq(ctx, tx, &s.d)
		if err != nil {
			return err
		}
		if len(ch.Create) > 0 {
			rows := make([][]any, 0, len(ch.Create))
			var actors [][]any
			for i := range ch.Create {
				a, err := eventArgs(&ch.Create[i])
				if err != nil {
					return err
				}
				rows = append(rows, append(a, seq))
				for _, act := range ch.Create[i].Actors {
					actors = append(actors, []any{ch.Create[i].ID, act.Name})
				}
			}
			if err := s.insertRows(ctx, tx, "events", eventColumns+", change_seq", rows); err != nil {
				return err
			}
			if err := s.insertRows(ctx, tx, "event_actors", "event_id, actor", dedupeActors(actors)); err != nil {
				return err
			}
		}
		if len(ch.Update) > 0 {
			up, err := tx.PrepareContext(ctx, s.q(updateEventSQL))
			if err != nil {
				return fmt.Errorf("prepare: %w", err)
			}
			defer up.Close()
			for i := range ch.Update {
				u := &ch.Update[i]
				a, err := eventArgs(&u.Event)
				if err != nil {
					return err
				}
				res, err := up.ExecContext(ctx, append(a[1:], seq, u.Event.ID, u.PrevVersion)...)
				if err != nil {
					return fmt.Errorf("update event: %w", err)
				}
				if n, _ := res.RowsAffected(); n == 0 {
					return domain.Errorf(domain.CodeConflict, "event %s changed since version %d; reload it and try again", u.Event.ID, u.PrevVersion)
				}
				if !u.SameActors {
					if err := s.writeActors(ctx, tx, &u.Event); err != nil {
						return err
					}
				}
			}
		}
		for _, r := range ch.Retire {
			res, err := tx.ExecContext(ctx, s.q(`UPDATE events SET merged_into = ?, version = version + 1, change_seq = ? WHERE id = ? AND version = ?`),
				r.MergedInto, seq, r.ID, r.PrevVersion)
			if err != nil {
				return fmt.Errorf("retire event: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return domain.Errorf(domain.CodeConflict, "event %s changed since version %d; reload it and try again", r.ID, r.PrevVersion)
			}
		}
		if err := s.assign(ctx, tx, ch.Assign); err != nil {
			return err
		}
		rows := make([][]any, 0, len(ch.Audit))
		for i := range ch.Audit {
			a, err := auditArgs(&ch.Audit[i])
			if err != nil {
				return err
			}
			rows = append(rows, a)
		}
		return s.insertRows(ctx, tx, "audit", auditColumns, rows)
	})
	return seq, err
}

// assign moves claims to events with one UPDATE … FROM (VALUES …) per few
// hundred claims, so that a batch of thousands costs a handful of
// statements.
func (s *Store) assign(ctx context.Context, tx *sql.Tx, as []domain.ClaimAssignment) error {
	const per = 300 // three parameters each, under SQLite's limit
	for i := 0; i < len(as); i += per {
		part := as[i:min(i+per, len(as))]
		var b strings.Builder
		b.WriteString(`UPDATE claims SET event_id = v.column2, pinned = CAST(v.column3 AS INTEGER) FROM (VALUES `)
		args := make([]any, 0, 3*len(part))
		for j, a := range part {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?)")
			var ev any
			if a.EventID != "" {
				ev = a.EventID
			}
			// As text: PostgreSQL types untyped VALUES columns as text.
			args = append(args, a.ClaimID, ev, strconv.Itoa(boolInt(a.Pinned)))
		}
		b.WriteString(`) AS v WHERE claims.id = v.column1`)
		res, err := tx.ExecContext(ctx, s.q(b.String()), args...)
		if err != nil {
			return fmt.Errorf("assign claims: %w", err)
		}
		if n, _ := res.RowsAffected(); int(n) != len(part) {
			return domain.Errorf(domain.CodeNotFound, "assign claims: %d of %d claims exist", n, len(part))
		}
	}
	return nil
}

// insertRows inserts rows with multi-row INSERTs, which cost far fewer
// statement executions than one INSERT per row.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	ncol := strings.Count(columns, ",") + 1
	per := max(1, 900/ncol) // stay well under SQLite's bound-parameter limit
	one := "(" + placeholders(ncol) + ")"
	for i := 0; i < len(rows); i += per {
		part := rows[i:min(i+per, len(rows))]
		var b strings.Builder
		b.WriteString(`INSERT INTO ` + table + ` (` + columns + `) VALUES `)
		args := make([]any, 0, len(part)*ncol)
		for j, r := range part {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, s.q(b.String()), args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
	}
	return nil
}

// dedupeActors drops repeated (event, actor) rows.
func dedupeActors(rows [][]any) [][]any {
	seen := map[[2]any]bool{}
	out := rows[:0]
	for _, r := range rows {
		k := [2]any{r[0], r[1]}
		if !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

// writeActors replaces an event's actors.
func (s *Store) writeActors(ctx context.Context, tx *sql.Tx, e *domain.Event) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM event_actors WHERE event_id = ?`), e.ID); err != nil {
		return fmt.Errorf("event actors: %w", err)
	}
	for _, a := range e.Actors {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO event_actors (event_id, actor) VALUES (?, ?) ON CONFLICT DO NOTHING`), e.ID, a.Name); err != nil {
			return fmt.Errorf("event actors: %w", err)
		}
	}
	return nil
}

// LockClustering takes the clustering lock: a PostgreSQL advisory lock
// held on its own connection, so that one instance of a node clusters at a
// time; on SQLite, which one process owns, a lock within the process.
func (s *Store) LockClustering(ctx context.Context) (func(), bool, error) {
	if s.d.TryLock == nil {
		if !s.clusterMu.TryLock() {
			return nil, false, nil
		}
		return s.clusterMu.Unlock, true, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("clustering lock: %w", err)
	}
	ok, err := s.d.TryLock(ctx, conn, clusterLockKey)
	if err != nil || !ok {
		conn.Close()
		return nil, false, err
	}
	return func() {
		s.d.Unlock(conn, clusterLockKey)
		conn.Close()
	}, true, nil
}

// SupersedeClaims takes claims out of the picture (re-extraction made new
// ones); their events keep them for history but no longer count them.
func (s *Store) SupersedeClaims(ctx context.Context, claimIDs []string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, ch := range chunks(claimIDs, 500) {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE claims SET superseded_at = ? WHERE id IN (`+placeholders(len(ch))+`)`),
				append([]any{ts(at)}, anys(ch)...)...); err != nil {
				return fmt.Errorf("supersede claims: %w", err)
			}
		}
		return nil
	})
}
