package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"sitroom/internal/domain"
)

const reportColumns = `id, client_id, dedupe_key, channel, source, source_url, reporter_id, submitted_by,
	received_at, report_date, language, text, normal_text, encoding, zawgyi_prob, content_hash,
	coding, flags, payload, meta, previous_id, claim_count`

// reportArgs returns the values of reportColumns for a report.
func reportArgs(r *domain.Report, submittedBy string) ([]any, error) {
	flags := r.Flags
	if flags == nil {
		flags = []string{}
	}
	fl, err := jsonText(flags)
	if err != nil {
		return nil, err
	}
	meta := r.Meta
	if meta == nil {
		meta = map[string]string{}
	}
	mt, err := jsonText(meta)
	if err != nil {
		return nil, err
	}
	payload, err := nullJSON(r.Payload)
	if err != nil {
		return nil, err
	}
	var clientID, prev any
	if r.ClientID != "" {
		clientID = r.ClientID
	}
	if r.PreviousID != "" {
		prev = r.PreviousID
	}
	return []any{r.ID, clientID, r.DedupeKey(), string(r.Channel), r.Source, r.SourceURL, r.ReporterID, submittedBy,
		ts(r.ReceivedAt), string(r.Date), r.Language, r.Text, r.NormalText, string(r.Encoding), r.ZawgyiProb, r.ContentHash,
		string(r.Coding), fl, payload, mt, prev, r.ClaimCount}, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// insertSQL builds an INSERT of every column in a comma-separated list, so
// that the placeholders always match the columns.
func insertSQL(table, columns string) string {
	return `INSERT INTO ` + table + ` (` + columns + `) VALUES (` + placeholders(strings.Count(columns, ",")+1) + `)`
}

var insertReport = insertSQL("reports", reportColumns) + ` ON CONFLICT DO NOTHING`

// SaveReports stores each submission with its claims and events, in one
// transaction for the batch. A submission whose report is already stored
// (same dedupe key and client id, or same content on the same day) writes
// nothing and reports the earlier id.
func (s *Store) SaveReports(ctx context.Context, subs []domain.Submission) ([]domain.SaveResult, error) {
	if len(subs) == 0 {
		return nil, nil
	}
	var results []domain.SaveResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		results = make([]domain.SaveResult, len(subs))
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		for i := range subs {
			res, err := w.save(ctx, &subs[i])
			if err != nil {
				return fmt.Errorf("save report %d: %w", i, err)
			}
			results[i] = res
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// writer holds the prepared statements of one write transaction: batches
// reuse them rather than re-parsing the SQL per row.
type writer struct {
	s                                                *Store
	tx                                               *sql.Tx
	report, claim, event, actor, audit, findByClient *sql.Stmt
	findByContent                                    *sql.Stmt
}

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{s: s, tx: tx}
	stmts := []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.report, insertReport},
		{&w.claim, insertClaim},
		{&w.event, insertEvent},
		{&w.actor, `INSERT INTO event_actors (event_id, actor) VALUES (?, ?) ON CONFLICT DO NOTHING`},
		{&w.audit, insertAudit},
		{&w.findByClient, `SELECT id FROM reports WHERE dedupe_key = ? AND client_id = ?`},
		{&w.findByContent, `SELECT id FROM reports WHERE dedupe_key = ? AND content_hash = ? AND report_date = ?`},
	}
	for _, st := range stmts {
		p, err := tx.PrepareContext(ctx, s.q(st.query))
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*st.dst = p
	}
	return w, nil
}

func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.report, w.claim, w.event, w.actor, w.audit, w.findByClient, w.findByContent} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *writer) save(ctx context.Context, sub *domain.Submission) (domain.SaveResult, error) {
	r := &sub.Report
	r.ClaimCount = len(sub.Claims)
	args, err := reportArgs(r, sub.SubmittedBy)
	if err != nil {
		return domain.SaveResult{}, err
	}
	res, err := w.report.ExecContext(ctx, args...)
	if err != nil {
		return domain.SaveResult{}, fmt.Errorf("insert report: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return domain.SaveResult{}, err
	} else if n == 0 {
		id, err := w.existing(ctx, r)
		if err != nil {
			return domain.SaveResult{}, err
		}
		return domain.SaveResult{ReportID: id, Duplicate: true}, nil
	}
	out := domain.SaveResult{ReportID: r.ID}
	for i := range sub.Events {
		if err := w.insertEvent(ctx, &sub.Events[i]); err != nil {
			return out, err
		}
		out.EventIDs = append(out.EventIDs, sub.Events[i].ID)
	}
	for i := range sub.Claims {
		c := &sub.Claims[i]
		c.ReportID = r.ID
		a, err := claimArgs(c)
		if err != nil {
			return out, err
		}
		if _, err := w.claim.ExecContext(ctx, a...); err != nil {
			return out, fmt.Errorf("insert claim: %w", err)
		}
		out.ClaimIDs = append(out.ClaimIDs, c.ID)
	}
	for i := range sub.Audit {
		if err := w.insertAudit(ctx, &sub.Audit[i]); err != nil {
			return out, err
		}
	}
	return out, nil
}

// existing finds the stored report a rejected insert collided with.
func (w *writer) existing(ctx context.Context, r *domain.Report) (string, error) {
	key := r.DedupeKey()
	var id string
	if r.ClientID != "" {
		err := w.findByClient.QueryRowContext(ctx, key, r.ClientID).Scan(&id)
		if err == nil {
			return id, nil
		}
		if err != sql.ErrNoRows {
			return "", fmt.Errorf("find duplicate: %w", err)
		}
	}
	err := w.findByContent.QueryRowContext(ctx, key, r.ContentHash, string(r.Date)).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("find duplicate of report %s: %w", r.ID, err)
	}
	return id, nil
}

func (w *writer) insertEvent(ctx context.Context, e *domain.Event) error {
	a, err := eventArgs(e)
	if err != nil {
		return err
	}
	if _, err := w.event.ExecContext(ctx, a...); err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	for _, act := range e.Actors {
		if _, err := w.actor.ExecContext(ctx, e.ID, act.Name); err != nil {
			return fmt.Errorf("insert event actor: %w", err)
		}
	}
	return nil
}

func (w *writer) insertAudit(ctx context.Context, e *domain.AuditEntry) error {
	a, err := auditArgs(e)
	if err != nil {
		return err
	}
	if _, err := w.audit.ExecContext(ctx, a...); err != nil {
		return fmt.Errorf("insert audit: %w", err)
	}
	return nil
}

func scanReport(row interface{ Scan(...any) error }) (domain.Report, error) {
	var r domain.Report
	var clientID, prev sql.NullString
	var dedupe, submittedBy string
	var channel, encoding, coding string
	err := row.Scan(&r.ID, &clientID, &dedupe, &channel, &r.Source, &r.SourceURL, &r.ReporterID, &submittedBy,
		tsScan{&r.ReceivedAt}, dateScan{&r.Date}, &r.Language, &r.Text, &r.NormalText, &encoding, &r.ZawgyiProb, &r.ContentHash,
		&coding, jsonScan{&r.Flags}, jsonScan{&r.Payload}, jsonScan{&r.Meta}, &prev, &r.ClaimCount)
	if err != nil {
		return r, err
	}
	r.ClientID, r.PreviousID = clientID.String, prev.String
	r.Channel, r.Encoding, r.Coding = domain.Channel(channel), domain.Encoding(encoding), domain.Coding(coding)
	if len(r.Flags) == 0 {
		r.Flags = nil
	}
	if len(r.Meta) == 0 {
		r.Meta = nil
	}
	return r, nil
}

// GetReport returns one report.
func (s *Store) GetReport(ctx context.Context, id string) (domain.Report, error) {
	r, err := scanReport(s.db.QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports WHERE id = ?`), id))
	if err != nil {
		return r, notFound(err, "report", id)
	}
	return r, nil
}

// ListReports lists reports, newest first, with cursor pagination.
func (s *Store) ListReports(ctx context.Context, f domain.ReportFilter) (domain.Page[domain.Report], error) {
	var page domain.Page[domain.Report]
	limit := pageLimit(f.Limit)
	var where []string
	var args []any
	if f.Channel != "" {
		where, args = append(where, "channel = ?"), append(args, string(f.Channel))
	}
	if f.Coding != "" {
		where, args = append(where, "coding = ?"), append(args, string(f.Coding))
	}
	if f.Source != "" {
		where, args = append(where, "source = ?"), append(args, f.Source)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "received_at >= ?"), append(args, ts(f.Since))
	}
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		t, err := time.Parse(time.RFC3339Nano, c.Key)
		if err != nil {
			return page, domain.FieldError("cursor", "not a cursor this listing gave")
		}
		where = append(where, "(received_at < ? OR (received_at = ? AND id < ?))")
		args = append(args, ts(t), ts(t), c.ID)
	}
	q := `SELECT ` + reportColumns + ` FROM reports`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(` ORDER BY received_at DESC, id DESC LIMIT %d`, limit+1)
	rows, err := s.db.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return page, fmt.Errorf("list reports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return page, fmt.Errorf("list reports: %w", err)
		}
		page.Items = append(page.Items, r)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list reports: %w", err)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(cursor{Key: ts(last.ReceivedAt), ID: last.ID})
	}
	return page, nil
}

// ReportClaims returns the claims of one report, in order.
func (s *Store) ReportClaims(ctx context.Context, reportID string) ([]domain.Claim, error) {
	return s.claimsWhere(ctx, `report_id = ?`, reportID)
}
