package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"sitroom/internal/domain"
)

// Rows are the encoded rows a batch of submissions writes, ready for
// plain INSERTs.
type Rows struct {
	reports, events, actors, claims, audit [][]any
}

// EncodeRows encodes the rows of submissions once, so that a baseline can
// insert them without paying for the encoding.
func EncodeRows(subs []domain.Submission) (Rows, error) {
	var rs Rows
	for i := range subs {
		sub := &subs[i]
		sub.Report.ClaimCount = len(sub.Claims)
		a, err := reportArgs(&sub.Report, sub.SubmittedBy)
		if err != nil {
			return rs, err
		}
		rs.reports = append(rs.reports, a)
		for j := range sub.Events {
			a, err := eventArgs(&sub.Events[j])
			if err != nil {
				return rs, err
			}
			rs.events = append(rs.events, a)
			for _, act := range sub.Events[j].Actors {
				rs.actors = append(rs.actors, []any{sub.Events[j].ID, act.Name})
			}
		}
		for j := range sub.Claims {
			a, err := claimArgs(&sub.Claims[j])
			if err != nil {
				return rs, err
			}
			rs.claims = append(rs.claims, a)
		}
		for j := range sub.Audit {
			a, err := auditArgs(&sub.Audit[j])
			if err != nil {
				return rs, err
			}
			rs.audit = append(rs.audit, a)
		}
	}
	return rs, nil
}

// InsertBaseline writes pre-encoded rows with plain prepared INSERTs in one
// transaction: no de-duplication, no encoding. It is the raw rate that
// benchmarks compare SaveReports with (docs/BENCHMARKS.md); sitroom itself
// never writes this way.
func (s *Store) InsertBaseline(ctx context.Context, rs Rows) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range []struct {
			query string
			rows  [][]any
		}{
			{insertSQL("reports", reportColumns), rs.reports},
			{insertEvent, rs.events},
			{`INSERT INTO event_actors (event_id, actor) VALUES (?, ?)`, rs.actors},
			{insertClaim, rs.claims},
			{insertAudit, rs.audit},
		} {
			st, err := tx.PrepareContext(ctx, s.q(t.query))
			if err != nil {
				return fmt.Errorf("baseline prepare: %w", err)
			}
			for _, row := range t.rows {
				if _, err := st.ExecContext(ctx, row...); err != nil {
					st.Close()
					return fmt.Errorf("baseline insert: %w", err)
				}
			}
			st.Close()
		}
		return nil
	})
}
