// Package corroborate is the stage that turns claims into events: each new
// claim joins the event it describes or starts a new one, incrementally and
// deterministically, and an event's fields and figures are derived from all
// the claims behind it by the rules in docs/METHOD.md.
package corroborate

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// Dispute thresholds: two sources' figures of one kind contradict each
// other when the higher exceeds the lower by more than DisputeRatio and by
// at least DisputeMin.
const (
	DisputeRatio = 1.5
	DisputeMin   = 3
)

// NewEvent builds a new event from its first claims.
func NewEvent(id string, now time.Time, claims []domain.Claim) domain.Event {
	e := domain.Event{ID: id, Status: domain.StatusNew, Version: 1, CreatedAt: now, UpdatedAt: now}
	Derive(&e, claims)
	return e
}

// Derive recomputes everything an event takes from its claims, keeping its
// identity, version, reviewer's status and overrides:
//
//   - type, sub-type and kind: the most common among the claims (the
//     earliest claim breaks ties);
//   - place: the finest level any claim gives (the most common P-code at
//     that level, then the earliest);
//   - period: that of the claim with the finest time precision (then the
//     shortest period, then the earliest claim);
//   - actors: all, with the first role given;
//   - figures: for each kind, each source's latest claim counts once, and
//     the event's figure is the lowest of those — the figure every source
//     supports (ACLED's most conservative estimate); every claim stays
//     listed as a source; the kind is disputed when the highest exceeds the
//     lowest beyond DisputeRatio and DisputeMin;
//   - control: the latest claim's; rival actors are a dispute;
//   - access: the latest claim's;
//   - status: unless a reviewer set it, disputed when anything is, else
//     corroborated with two or more independent sources, else new.
func Derive(e *domain.Event, claims []domain.Claim) {
	sorted := append([]domain.Claim(nil), claims...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	claims = sorted
	e.ClaimCount = len(claims)
	e.Disputes = nil
	if len(claims) == 0 {
		e.SourceCount = 0
		e.Figures, e.Actors = nil, nil
		return
	}
	sources := map[string]bool{}
	for _, c := range claims {
		sources[sourceKey(c)] = true
	}
	e.SourceCount = len(sources)

	deriveType(e, claims)
	deriveLocation(e, claims)
	derivePeriod(e, claims)
	deriveActors(e, claims)
	deriveFigures(e, claims)
	deriveControl(e, claims)

	e.Access, e.Site, e.Cumulative = nil, nil, false
	for _, c := range claims {
		if c.Access != nil && (e.Access == nil || c.DateEnd >= latestAccessDate(claims, e.Access)) {
			e.Access = c.Access
		}
		if c.Site != nil && e.Site == nil {
			e.Site = c.Site
		}
		e.Cumulative = e.Cumulative || c.Cumulative
	}
	applyOverrides(e)
	if e.StatusBy == "" {
		switch {
		case len(e.Disputes) > 0:
			e.Status = domain.StatusDisputed
		case e.SourceCount >= 2:
			e.Status = domain.StatusCorroborated
		default:
			e.Status = domain.StatusNew
		}
	}
	e.Title = Title(e)
	if e.Overrides != nil && e.Overrides.Title != "" {
		e.Title = e.Overrides.Title
	}
}

func latestAccessDate(claims []domain.Claim, a *domain.Access) domain.Date {
	for i := len(claims) - 1; i >= 0; i-- {
		if claims[i].Access == a {
			return claims[i].DateEnd
		}
	}
	return ""
}

func deriveType(e *domain.Event, claims []domain.Claim) {
	type key struct {
		t domain.EventType
		s domain.SubEventType
		k domain.Kind
	}
	count := map[key]int{}
	var order []key
	for _, c := range claims {
		k := key{c.Type, c.SubType, c.Kind}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	best := order[0]
	for _, k := range order[1:] {
		if count[k] > count[best] {
			best = k
		}
	}
	e.Type, e.SubType, e.Kind = best.t, best.s, best.k
}

func deriveLocation(e *domain.Event, claims []domain.Claim) {
	bestRank := -2
	for _, c := range claims {
		if r := rankOf(c.Location); r > bestRank {
			bestRank = r
		}
	}
	count := map[string]int{}
	var pick *domain.Claim
	for i := range claims {
		c := &claims[i]
		if rankOf(c.Location) != bestRank {
			continue
		}
		key := c.PCode + "|" + strings.ToLower(c.PlaceName)
		count[key]++
		if pick == nil || count[key] > count[pick.PCode+"|"+strings.ToLower(pick.PlaceName)] {
			pick = c
		}
	}
	e.Location = pick.Location
}

// rankOf orders locations by precision: a point or town above a township
// above a state; an unresolved name below everything resolved.
func rankOf(l domain.Location) int {
	if l.PCode == "" {
		if l.Lat != nil {
			return domain.LevelPoint.Rank()
		}
		return -1
	}
	return l.GeoLevel.Rank()
}

func derivePeriod(e *domain.Event, claims []domain.Claim) {
	best := claims[0]
	for _, c := range claims[1:] {
		switch {
		case c.TimePrecision < best.TimePrecision && c.TimePrecision > 0:
			best = c
		case c.TimePrecision == best.TimePrecision && domain.DaysBetween(c.DateStart, c.DateEnd) < domain.DaysBetween(best.DateStart, best.DateEnd):
			best = c
		}
	}
	e.DateStart, e.DateEnd, e.TimePrecision = best.DateStart, best.DateEnd, best.TimePrecision
}

func deriveActors(e *domain.Event, claims []domain.Claim) {
	e.Actors = nil
	at := map[string]int{}
	for _, c := range claims {
		for _, a := range c.Actors {
			if i, ok := at[a.Name]; ok {
				if e.Actors[i].Role == "" {
					e.Actors[i].Role = a.Role
				}
				if e.Actors[i].Inter == 0 {
					e.Actors[i].Inter = a.Inter
				}
				continue
			}
			at[a.Name] = len(e.Actors)
			e.Actors = append(e.Actors, domain.EventActor(a))
		}
	}
}

func deriveFigures(e *domain.Event, claims []domain.Claim) {
	e.Figures = nil
	for _, kind := range domain.FigureKinds {
		var f domain.EventFigure
		latest := map[string]domain.FigureSource{} // source → its latest figure
		for _, c := range claims {
			fig, ok := c.Figure(kind)
			if !ok {
				continue
			}
			src := domain.FigureSource{ClaimID: c.ID, ReportID: c.ReportID, Source: c.Source, Date: c.DateEnd, Min: fig.Min, Qualifier: fig.Qualifier}
			f.Sources = append(f.Sources, src)
			k := sourceKey(c)
			if prev, ok := latest[k]; !ok || src.Date > prev.Date || (src.Date == prev.Date && src.ClaimID > prev.ClaimID) {
				latest[k] = src
			}
		}
		if len(f.Sources) == 0 {
			continue
		}
		f.Kind = kind
		lo, hi := int64(-1), int64(-1)
		for _, k := range domain.SortedKeys(latest) {
			v := latest[k].Min
			if lo < 0 || v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
		f.Min = lo
		if float64(hi) > DisputeRatio*float64(lo) && hi-lo >= DisputeMin {
			f.Disputed = true
			e.Disputes = append(e.Disputes, fmt.Sprintf("%s: sources give %d to %d", kind, lo, hi))
		}
		e.Figures = append(e.Figures, f)
	}
}

func deriveControl(e *domain.Event, claims []domain.Claim) {
	e.Control = nil
	actors := map[string]bool{}
	var latest domain.Date
	for _, c := range claims {
		if c.Control == nil {
			continue
		}
		actors[c.Control.Actor] = true
		if e.Control == nil || c.DateEnd >= latest {
			e.Control, latest = c.Control, c.DateEnd
		}
	}
	if len(actors) > 1 {
		e.Disputes = append(e.Disputes, "control: rival claims by "+strings.Join(domain.SortedKeys(actors), ", "))
	}
}

func applyOverrides(e *domain.Event) {
	o := e.Overrides
	if o.IsZero() {
		return
	}
	if o.Type != "" {
		e.Type = o.Type
	}
	if o.SubType != "" {
		e.SubType = o.SubType
	}
	if o.Kind != nil {
		e.Kind = *o.Kind
	}
	if o.Location != nil {
		e.Location = *o.Location
	}
	if o.DateStart != "" {
		e.DateStart = o.DateStart
	}
	if o.DateEnd != "" {
		e.DateEnd = o.DateEnd
	}
	if o.Control != nil {
		e.Control = o.Control
		e.Disputes = dropPrefix(e.Disputes, "control:")
	}
	for kind, v := range o.Figures {
		found := false
		for i := range e.Figures {
			if e.Figures[i].Kind == kind {
				e.Figures[i].Min, e.Figures[i].Disputed, found = v, false, true
			}
		}
		if !found {
			e.Figures = append(e.Figures, domain.EventFigure{Kind: kind, Min: v, Sources: []domain.FigureSource{}})
		}
		e.Disputes = dropPrefix(e.Disputes, string(kind)+":")
	}
}

func dropPrefix(xs []string, prefix string) []string {
	var out []string
	for _, x := range xs {
		if !strings.HasPrefix(x, prefix) {
			out = append(out, x)
		}
	}
	return out
}

// sourceKey identifies a claim's source for counting independent sources.
func sourceKey(c domain.Claim) string {
	switch {
	case c.SourceKey != "":
		return c.SourceKey
	case c.Source != "":
		return "source:" + strings.ToLower(c.Source)
	default:
		return "report:" + c.ReportID
	}
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
	if e.Cumulative {
		what += " (running total)"
	}
	if e.PlaceName != "" {
		return what + " — " + e.PlaceName
	}
	return what
}
