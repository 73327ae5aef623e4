// Package corroborate is the stage that turns claims into events: each new
// claim joins the event it describes or starts a new one, and an event's
// fields and figures are reconciled from all the claims behind it.
package corroborate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// Assigner decides which event each claim belongs to, creating events as
// needed. It sets each claim's EventID and returns the new events.
type Assigner interface {
	Assign(ctx context.Context, claims []domain.Claim) ([]domain.Event, error)
}

// PerClaim starts one event per claim: the behaviour until claims are
// clustered.
type PerClaim struct {
	Clock domain.Clock
	IDs   domain.IDs
}

// Assign gives every claim a new event of its own.
func (p PerClaim) Assign(_ context.Context, claims []domain.Claim) ([]domain.Event, error) {
	events := make([]domain.Event, 0, len(claims))
	now := p.Clock.Now()
	for i := range claims {
		e := NewEvent(p.IDs.NewID(), now, []domain.Claim{claims[i]})
		claims[i].EventID = e.ID
		events = append(events, e)
	}
	return events, nil
}

// NewEvent builds a new event from its first claims: type, place and
// period from the first claim, actors and figures from all of them.
func NewEvent(id string, now time.Time, claims []domain.Claim) domain.Event {
	c := claims[0]
	e := domain.Event{
		ID: id, Type: c.Type, SubType: c.SubType, Kind: c.Kind, Location: c.Location,
		DateStart: c.DateStart, DateEnd: c.DateEnd, TimePrecision: c.TimePrecision,
		Control: c.Control, Access: c.Access,
		Status: domain.StatusNew, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	Reconcile(&e, claims)
	e.Title = Title(&e)
	return e
}

// Reconcile recomputes what an event derives from its claims: actors,
// figures with their sources, and the counts of claims and independent
// sources. An event's figure is the highest lower bound any claim gives:
// each claim says "at least N", so all of them hold when the largest does;
// the sources are kept so that a reader sees every figure stated.
func Reconcile(e *domain.Event, claims []domain.Claim) {
	e.ClaimCount = len(claims)
	sources := map[string]bool{}
	actors := map[string]int{}
	e.Actors = e.Actors[:0]
	figures := map[domain.FigureKind]*domain.EventFigure{}
	for _, c := range claims {
		sources[sourceKey(c)] = true
		for _, a := range c.Actors {
			if i, ok := actors[a.Name]; ok {
				if e.Actors[i].Role == "" {
					e.Actors[i].Role = a.Role
				}
				continue
			}
			actors[a.Name] = len(e.Actors)
			e.Actors = append(e.Actors, domain.EventActor(a))
		}
		for _, f := range c.Figures {
			ef, ok := figures[f.Kind]
			if !ok {
				ef = &domain.EventFigure{Kind: f.Kind}
				figures[f.Kind] = ef
			}
			ef.Sources = append(ef.Sources, domain.FigureSource{ClaimID: c.ID, ReportID: c.ReportID, Source: c.Source,
				Date: c.DateEnd, Min: f.Min, Qualifier: f.Qualifier})
			if f.Min > ef.Min {
				ef.Min = f.Min
			}
		}
	}
	if len(e.Actors) == 0 {
		e.Actors = nil
	}
	e.Figures = nil
	for _, k := range domain.FigureKinds {
		if f, ok := figures[k]; ok {
			e.Figures = append(e.Figures, *f)
		}
	}
	e.SourceCount = len(sources)
}

// sourceKey identifies a claim's source for counting independent sources:
// the publication, else the report (an individual reporter).
func sourceKey(c domain.Claim) string {
	if c.Source != "" {
		return "s:" + strings.ToLower(c.Source)
	}
	return "r:" + c.ReportID
}

// Title is a short human title: "Non-state actor overtakes territory —
// Chinshwehaw" or "Road closed — Lashio–Muse".
func Title(e *domain.Event) string {
	what := e.SubType.Name()
	switch {
	case e.Kind.IsAccess() && e.Access != nil:
		noun := map[domain.Kind]string{domain.KindAccessRoad: "Road", domain.KindAccessBridge: "Bridge",
			domain.KindAccessAirport: "Airport", domain.KindAccessTelecom: "Telecoms"}[e.Kind]
		what = fmt.Sprintf("%s %s", noun, e.Access.Status)
		if e.Access.Route != "" {
			return what + " — " + e.Access.Route
		}
	case e.Kind != "":
		what = strings.ToUpper(string(e.Kind[0])) + strings.ReplaceAll(string(e.Kind[1:]), "_", " ")
	case what == "":
		what = e.Type.Name()
	}
	if e.PlaceName != "" {
		return what + " — " + e.PlaceName
	}
	return what
}
