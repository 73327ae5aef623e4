package domain

import (
	"context"
	"time"
)

// Site is a named place of humanitarian or military significance that
// events happen at: a base, an IDP site, a scam compound, a border gate, a
// bridge, an airport.
type Site struct {
	Name string   `json:"name"`
	Kind SiteKind `json:"kind,omitempty"`
}

// SiteKind classifies sites.
type SiteKind string

// Site kinds.
const (
	SiteMilitaryBase SiteKind = "military_base"
	SiteIDP          SiteKind = "idp_site"
	SiteScamCompound SiteKind = "scam_compound"
	SiteBorderGate   SiteKind = "border_gate"
	SiteBridge       SiteKind = "bridge"
	SiteAirport      SiteKind = "airport"
	SiteOther        SiteKind = "other"
)

// SiteKinds lists the site kinds.
var SiteKinds = []SiteKind{SiteMilitaryBase, SiteIDP, SiteScamCompound, SiteBorderGate, SiteBridge, SiteAirport, SiteOther}

// Valid reports whether k is a known site kind (or empty).
func (k SiteKind) Valid() bool {
	if k == "" {
		return true
	}
	for _, x := range SiteKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Sensitive reports whether sites of this kind are coarsened to their
// township in public output: where displaced people shelter is not
// published to the metre.
func (k SiteKind) Sensitive() bool { return k == SiteIDP }

// Overrides are the fields of an event a reviewer has set by hand; they win
// over what the claims say, and survive re-clustering.
type Overrides struct {
	Type      EventType            `json:"type,omitempty"`
	SubType   SubEventType         `json:"sub_type,omitempty"`
	Kind      *Kind                `json:"kind,omitempty"`
	Title     string               `json:"title,omitempty"`
	Location  *Location            `json:"location,omitempty"`
	DateStart Date                 `json:"date_start,omitempty"`
	DateEnd   Date                 `json:"date_end,omitempty"`
	Figures   map[FigureKind]int64 `json:"figures,omitempty"`
	Control   *ControlChange       `json:"control,omitempty"`
	Notes     map[string]string    `json:"notes,omitempty"` // field → the reviewer's reason
}

// IsZero reports whether no field is overridden.
func (o *Overrides) IsZero() bool {
	return o == nil || (o.Type == "" && o.SubType == "" && o.Kind == nil && o.Title == "" && o.Location == nil &&
		o.DateStart == "" && o.DateEnd == "" && len(o.Figures) == 0 && o.Control == nil)
}

// EventUpdate rewrites an event, provided it is still at PrevVersion.
type EventUpdate struct {
	Event       Event
	PrevVersion int64
	// SameActors says the event's actors are unchanged, so the store need
	// not rewrite them.
	SameActors bool
}

// EventRetire removes an event from the picture because it was merged into
// another (or emptied by a split), provided it is still at PrevVersion.
type EventRetire struct {
	ID          string
	MergedInto  string
	PrevVersion int64
}

// Dissolved is the MergedInto of an event whose claims were all sent back
// to be clustered afresh.
const Dissolved = "-"

// ClaimAssignment moves a claim to an event (to none, for re-clustering,
// when EventID is empty). Pinned assignments were made
// by a reviewer and are never undone by re-clustering.
type ClaimAssignment struct {
	ClaimID string
	EventID string
	Pinned  bool
}

// EventChanges is one atomic change to the picture: events created,
// rewritten or retired, claims assigned, and the audit entries saying why.
// Clustering and review both write through it, so a stale write by either
// fails with CodeConflict instead of overwriting the other.
type EventChanges struct {
	Create []Event
	Update []EventUpdate
	Retire []EventRetire
	Assign []ClaimAssignment
	Audit  []AuditEntry
}

// IsEmpty reports whether there is nothing to write.
func (c *EventChanges) IsEmpty() bool {
	return len(c.Create)+len(c.Update)+len(c.Retire)+len(c.Assign)+len(c.Audit) == 0
}

// CandidateQuery selects live events that a new claim might join.
type CandidateQuery struct {
	Types []EventType
	Area  string // a P-code: events there or, for a township, in it; "" for any
	// Exact limits Area to events placed at exactly that P-code.
	Exact        bool
	PlaceName    string // with no Area: events with no P-code and this place name (any case)
	Since, Until Date   // the period must overlap [Since, Until]
}

// EventStore is the part of the store that corroboration and review use.
type EventStore interface {
	// PendingClaims returns up to limit claims that belong to no event and
	// are not superseded, in the order they were stored, after the claim id
	// afterID ("" from the start).
	PendingClaims(ctx context.Context, afterID string, limit int) ([]Claim, error)
	// ClaimsOfEvents returns the live claims of the given events.
	ClaimsOfEvents(ctx context.Context, eventIDs []string) ([]Claim, error)
	// EventsByID returns the given events (without claims); missing ids are
	// left out.
	EventsByID(ctx context.Context, ids []string) ([]Event, error)
	// CandidateEvents returns the live events a query describes.
	CandidateEvents(ctx context.Context, q CandidateQuery) ([]Event, error)
	// EventsChangedSince returns events (live or retired) changed after the
	// change sequence number seq, with the latest sequence number seen.
	EventsChangedSince(ctx context.Context, seq int64, limit int) ([]Event, int64, error)
	// ApplyEventChanges writes changes atomically and returns the change
	// sequence number it stamped them with; a version mismatch on any update
	// or retire fails the whole change with CodeConflict.
	ApplyEventChanges(ctx context.Context, ch EventChanges) (int64, error)
	// ChangeSeq returns the latest event change sequence number.
	ChangeSeq(ctx context.Context) (int64, error)
	// LockClustering takes the node-wide clustering lock if it is free; the
	// returned function releases it. ok is false when another process holds it.
	LockClustering(ctx context.Context) (unlock func(), ok bool, err error)
	// SupersedeClaims marks claims as replaced (by re-extraction): they leave
	// their events, which the caller then reconciles.
	SupersedeClaims(ctx context.Context, claimIDs []string, at time.Time) error
}
