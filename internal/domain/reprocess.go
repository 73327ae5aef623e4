package domain

import "context"

// ReprocessStore is what re-extraction needs of the store.
type ReprocessStore interface {
	// FreeTextReports returns up to limit reports coded from free text (not
	// structured, not kept for review as unparseable structure), in id
	// order after afterID.
	FreeTextReports(ctx context.Context, afterID string, limit int) ([]Report, error)
	// AddClaims stores new claims of an existing report (numbered after its
	// earlier ones) and records the report's new coding and claim count.
	AddClaims(ctx context.Context, reportID string, claims []Claim, coding Coding) error
}
