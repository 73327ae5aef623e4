package export

import (
	"sitroom/internal/domain"
	"sitroom/internal/redact"
)

// Redact returns the event as a reader may see it. For the public it is
// the node's one public view (package redact, as the API and the
// dashboard show it): an event at a sensitive site (an IDP site:
// domain.SiteKind Sensitive) is placed at its township — the township's
// P-code and name, ACLED precision 2, no site name, no point of its own
// (outputs that need one take the township's from the gazetteer, see
// Point) — and reviewers' notes are dropped; exports also drop the claims,
// which they never need. Readers with a role see the event as stored. The
// event passed in is not changed.
func Redact(e domain.Event, public bool, places domain.Gazetteer) domain.Event {
	if !public {
		return e
	}
	e = redact.Event(e, func(pcode string) string { return placeName(places, pcode) })
	e.Claims = nil
	e.Overrides = nil
	return e
}
