package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sitroom/internal/domain"
)

var _ domain.ChannelStore = (*Store)(nil)

// PutContact stores a reporter's sealed contact, replacing an older one.
func (s *Store) PutContact(ctx context.Context, c domain.SealedContact) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO contacts (reporter_id, channel, sealed, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (reporter_id) DO UPDATE SET channel = excluded.channel, sealed = excluded.sealed, updated_at = excluded.updated_at`),
		c.ReporterID, string(c.Channel), c.Sealed, ts(c.UpdatedAt))
	if err != nil {
		return fmt.Errorf("put contact: %w", err)
	}
	return nil
}

// Contact returns a reporter's sealed contact.
func (s *Store) Contact(ctx context.Context, reporterID string) (domain.SealedContact, error) {
	var c domain.SealedContact
	var ch string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT reporter_id, channel, sealed, updated_at FROM contacts WHERE reporter_id = ?`), reporterID).
		Scan(&c.ReporterID, &ch, &c.Sealed, tsScan{&c.UpdatedAt})
	if err != nil {
		return c, notFound(err, "contact of reporter", reporterID)
	}
	c.Channel = domain.Channel(ch)
	return c, nil
}

const outboxColumns = `id, gateway, reporter_id, report_id, text, state, attempts, next_attempt_at, last_error, delivery, created_at, updated_at`

func scanOutbound(row interface{ Scan(...any) error }) (domain.OutboundMessage, error) {
	var m domain.OutboundMessage
	var reportID sql.NullString
	var state string
	err := row.Scan(&m.ID, &m.Gateway, &m.ReporterID, &reportID, &m.Text, &state, &m.Attempts, tsScan{&m.NextAttemptAt},
		&m.LastError, &m.Delivery, tsScan{&m.CreatedAt}, tsScan{&m.UpdatedAt})
	m.ReportID, m.State = reportID.String, domain.OutboxState(state)
	return m, err
}

// Enqueue adds a message to the outbox, once per id.
func (s *Store) Enqueue(ctx context.Context, m domain.OutboundMessage) (bool, error) {
	if m.State == "" {
		m.State = domain.OutboxQueued
	}
	var reportID any
	if m.ReportID != "" {
		reportID = m.ReportID
	}
	res, err := s.db.ExecContext(ctx, s.q(insertSQL("outbox", outboxColumns)+` ON CONFLICT DO NOTHING`),
		m.ID, m.Gateway, m.ReporterID, reportID, m.Text, string(m.State), m.Attempts, ts(m.NextAttemptAt),
		m.LastError, m.Delivery, ts(m.CreatedAt), ts(m.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("enqueue: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("enqueue: %w", err)
	}
	return n == 1, nil
}

// Outbound returns one outbox message.
func (s *Store) Outbound(ctx context.Context, id string) (domain.OutboundMessage, error) {
	m, err := scanOutbound(s.db.QueryRowContext(ctx, s.q(`SELECT `+outboxColumns+` FROM outbox WHERE id = ?`), id))
	if err != nil {
		return m, notFound(err, "outbound message", id)
	}
	return m, nil
}

// OutboundFor lists the messages answering a report, oldest first.
func (s *Store) OutboundFor(ctx context.Context, reportID string) ([]domain.OutboundMessage, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+outboxColumns+` FROM outbox WHERE report_id = ? ORDER BY created_at, id`), reportID)
	if err != nil {
		return nil, fmt.Errorf("outbound for report: %w", err)
	}
	defer rows.Close()
	var out []domain.OutboundMessage
	for rows.Next() {
		m, err := scanOutbound(rows)
		if err != nil {
			return nil, fmt.Errorf("outbound for report: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// LeaseDue leases due messages. Candidates are read first, then each is
// taken with a conditional UPDATE on the state and time it was read with:
// a message another worker took in between is skipped, on both backends,
// without holding a lock across the send.
func (s *Store) LeaseDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]domain.OutboundMessage, error) {
	if limit <= 0 {
		limit = 10
	}
	rows, err := s.db.QueryContext(ctx, s.q(fmt.Sprintf(`SELECT `+outboxColumns+` FROM outbox
		WHERE state IN (?, ?) AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT %d`, limit)),
		string(domain.OutboxQueued), string(domain.OutboxSending), ts(now))
	if err != nil {
		return nil, fmt.Errorf("lease due: %w", err)
	}
	var due []domain.OutboundMessage
	for rows.Next() {
		m, err := scanOutbound(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("lease due: %w", err)
		}
		due = append(due, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("lease due: %w", err)
	}
	until := now.Add(lease)
	var out []domain.OutboundMessage
	for _, m := range due {
		res, err := s.db.ExecContext(ctx, s.q(`UPDATE outbox SET state = ?, attempts = attempts + 1, next_attempt_at = ?, updated_at = ?
			WHERE id = ? AND state = ? AND next_attempt_at = ?`),
			string(domain.OutboxSending), ts(until), ts(now), m.ID, string(m.State), ts(m.NextAttemptAt))
		if err != nil {
			return out, fmt.Errorf("lease %s: %w", m.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return out, fmt.Errorf("lease %s: %w", m.ID, err)
		} else if n == 0 {
			continue // another worker took it
		}
		m.State, m.Attempts, m.NextAttemptAt, m.UpdatedAt = domain.OutboxSending, m.Attempts+1, until, now
		out = append(out, m)
	}
	return out, nil
}

// setState moves a message from one of the given states to another.
func (s *Store) setState(ctx context.Context, id string, to domain.OutboxState, from []domain.OutboxState, set string, args ...any) error {
	q := `UPDATE outbox SET state = ?` + set + ` WHERE id = ? AND state IN (` + placeholders(len(from)) + `)`
	all := append([]any{string(to)}, args...)
	all = append(all, id)
	for _, f := range from {
		all = append(all, string(f))
	}
	res, err := s.db.ExecContext(ctx, s.q(q), all...)
	if err != nil {
		return fmt.Errorf("outbox %s → %s: %w", id, to, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("outbox %s → %s: %w", id, to, err)
	} else if n == 0 {
		if _, err := s.Outbound(ctx, id); err != nil {
			return err
		}
		// The message exists but has moved on (a delivery report beat the
		// worker): nothing to do.
	}
	return nil
}

// MarkSent records that the gateway accepted a leased message.
func (s *Store) MarkSent(ctx context.Context, id string, at time.Time) error {
	return s.setState(ctx, id, domain.OutboxSent, []domain.OutboxState{domain.OutboxSending},
		`, last_error = '', updated_at = ?`, ts(at))
}

// MarkRetry puts a leased message back in the queue.
func (s *Store) MarkRetry(ctx context.Context, id string, next time.Time, reason string, at time.Time) error {
	return s.setState(ctx, id, domain.OutboxQueued, []domain.OutboxState{domain.OutboxSending},
		`, next_attempt_at = ?, last_error = ?, updated_at = ?`, ts(next), reason, ts(at))
}

// MarkFailed gives up on a queued or leased message.
func (s *Store) MarkFailed(ctx context.Context, id, reason string, at time.Time) error {
	return s.setState(ctx, id, domain.OutboxFailed, []domain.OutboxState{domain.OutboxSending, domain.OutboxQueued},
		`, last_error = ?, updated_at = ?`, reason, ts(at))
}

// RecordDelivery applies a delivery report; delivered and failed are final.
func (s *Store) RecordDelivery(ctx context.Context, id string, state domain.OutboxState, detail string, at time.Time) error {
	from := []domain.OutboxState{domain.OutboxSending, domain.OutboxSent, domain.OutboxQueued}
	if state == domain.OutboxSent {
		// "Accepted by the SMSC" only confirms what sending already did.
		from = []domain.OutboxState{domain.OutboxSending, domain.OutboxSent}
	}
	return s.setState(ctx, id, state, from, `, delivery = ?, updated_at = ?`, detail, ts(at))
}

// ReportByClientID finds a report by its channel and client id. Client ids
// are unique per sender; a channel's message keys name the chat, so one
// key names one report.
func (s *Store) ReportByClientID(ctx context.Context, ch domain.Channel, clientID string) (domain.Report, error) {
	r, err := scanReport(s.db.QueryRowContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports
		WHERE channel = ? AND client_id = ? ORDER BY received_at, id LIMIT 1`), string(ch), clientID))
	if err != nil {
		return r, notFound(err, "report with client id", clientID)
	}
	return r, nil
}
