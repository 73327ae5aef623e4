package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"sitroom/internal/domain"
)

var _ domain.ReprocessStore = (*Store)(nil)

// FreeTextReports returns reports whose claims come from the extractor.
func (s *Store) FreeTextReports(ctx context.Context, afterID string, limit int) ([]domain.Report, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+reportColumns+` FROM reports
		WHERE id > ? AND coding IN (?, ?) ORDER BY id LIMIT ?`),
		afterID, string(domain.CodingExtracted), string(domain.CodingUncoded), limit)
	if err != nil {
		return nil, fmt.Errorf("free-text reports: %w", err)
	}
	defer rows.Close()
	var out []domain.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, fmt.Errorf("free-text reports: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddClaims stores new claims of a report, numbered after its earlier
// (superseded) ones, and updates its coding and live claim count.
func (s *Store) AddClaims(ctx context.Context, reportID string, claims []domain.Claim, coding domain.Coding) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT MAX(seq) FROM claims WHERE report_id = ?`), reportID).Scan(&next); err != nil {
			return fmt.Errorf("add claims: %w", err)
		}
		seq := 0
		if next.Valid {
			seq = int(next.Int64) + 1
		}
		rows := make([][]any, 0, len(claims))
		for i := range claims {
			c := &claims[i]
			c.ReportID, c.Seq = reportID, seq+i
			a, err := claimArgs(c)
			if err != nil {
				return err
			}
			rows = append(rows, a)
		}
		if err := s.insertRows(ctx, tx, "claims", claimColumns, rows); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE reports SET coding = ?, claim_count =
			(SELECT COUNT(*) FROM claims WHERE report_id = ? AND superseded_at IS NULL) WHERE id = ?`),
			string(coding), reportID, reportID)
		if err != nil {
			return fmt.Errorf("add claims: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.NotFound("report", reportID)
		}
		return nil
	})
}
