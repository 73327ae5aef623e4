package domain

import (
	"context"
	"time"
)

// Clock tells the time. Injected everywhere so that tests are deterministic.
type Clock interface {
	Now() time.Time
}

// IDs makes new unique identifiers. Injected everywhere so that tests are
// deterministic.
type IDs interface {
	NewID() string
}

// Gazetteer looks up places by P-code. The gazetteer package implements it;
// stages that only need parents and points depend on this interface.
type Gazetteer interface {
	// Place returns the place with a P-code (a superseded code resolves to
	// its successor), or a CodeNotFound error.
	Place(pcode string) (Place, error)
}

// Submission is one report on its way into the store, with the claims the
// pipeline made of it and the events those claims start.
type Submission struct {
	Report Report
	Claims []Claim
	Events []Event // new events; each claim's EventID names one of these or an existing event
	// SubmittedBy names the principal that sent the report.
	SubmittedBy string
	// Audit holds the entries to record when the report is new (the
	// creation of its events); a duplicate records nothing.
	Audit []AuditEntry
}

// SaveResult tells what became of one submission.
type SaveResult struct {
	ReportID  string
	Duplicate bool // an earlier report had the same client id or content; nothing was written
	ClaimIDs  []string
	EventIDs  []string
}

// Page is one page of a listing: the items and the cursor of the next page
// ("" on the last).
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// Page size limits for every listing.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Since, Until Date // events whose period overlaps [Since, Until]
	BBox         *BBox
	Types        []EventType
	SubTypes     []SubEventType
	Kinds        []Kind
	Actors       []string // canonical actor names; an event with any of them matches
	PCode        string   // at any admin level: state, district, township, town…
	Statuses     []Status
	Query        string // words in the title, place, actors or claims' summaries
	Cursor       string
	Limit        int
}

// BBox is a longitude/latitude box.
type BBox struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

// Contains reports whether the point lies in the box.
func (b BBox) Contains(lon, lat float64) bool {
	return lon >= b.MinLon && lon <= b.MaxLon && lat >= b.MinLat && lat <= b.MaxLat
}

// ReportFilter selects reports.
type ReportFilter struct {
	Channel Channel
	Coding  Coding
	Source  string
	Since   time.Time // received at or after
	Cursor  string
	Limit   int
}

// Store is sitroom's storage. The sqlite and postgres packages implement it,
// and storetest's conformance suite holds both to the same behaviour.
type Store interface {
	// SaveReports stores each submission atomically and idempotently: a
	// report whose client id, or whose content hash from the same source,
	// is already stored writes nothing and returns the first report's id.
	SaveReports(ctx context.Context, subs []Submission) ([]SaveResult, error)
	// GetReport returns a report or a CodeNotFound error.
	GetReport(ctx context.Context, id string) (Report, error)
	// ListReports lists reports, newest first.
	ListReports(ctx context.Context, f ReportFilter) (Page[Report], error)
	// ReportClaims returns the claims made from one report.
	ReportClaims(ctx context.Context, reportID string) ([]Claim, error)

	// GetEvent returns an event with its claims, or a CodeNotFound error.
	GetEvent(ctx context.Context, id string) (Event, error)
	// ListEvents lists events, latest period first.
	ListEvents(ctx context.Context, f EventFilter) (Page[Event], error)

	// CreateToken stores a token (its hash only).
	CreateToken(ctx context.Context, t Token) error
	// TokenByHash finds a live token by the hash of its secret.
	TokenByHash(ctx context.Context, hash string) (Token, error)
	// ListTokens lists every token, revoked ones included.
	ListTokens(ctx context.Context) ([]Token, error)
	// RevokeToken revokes a token by id.
	RevokeToken(ctx context.Context, id string, at time.Time) error

	// AppendAudit records an entry in the audit trail.
	AppendAudit(ctx context.Context, e AuditEntry) error
	// History returns the audit trail of one entity, oldest first.
	History(ctx context.Context, entityType, id string) ([]AuditEntry, error)

	// Ping checks the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error
}
