package views

import (
	"sort"
	"strings"

	"sitroom/internal/domain"
)

// SourceRef names an event behind a view entry and its sources.
type SourceRef struct {
	EventID string        `json:"event_id"`
	Date    domain.Date   `json:"date"`
	Status  domain.Status `json:"status"`
	Sources int           `json:"sources"`
	Title   string        `json:"title"`
}

func ref(e *domain.Event) SourceRef {
	return SourceRef{EventID: e.ID, Date: e.DateStart, Status: e.Status, Sources: e.SourceCount, Title: e.Title}
}

// Holding is one stretch of a place's control timeline.
type Holding struct {
	Actor    string      `json:"actor"`
	From     string      `json:"from,omitempty"` // who held it before
	Since    domain.Date `json:"since"`
	Until    domain.Date `json:"until,omitempty"` // empty while it lasts
	Disputed bool        `json:"disputed,omitempty"`
	Events   []SourceRef `json:"events"`
}

// ControlTimeline is who held a place, since when, on whose claims.
type ControlTimeline struct {
	PCode    string    `json:"pcode"`
	Place    string    `json:"place"`
	Holdings []Holding `json:"holdings"`
}

// Control builds a timeline for each place that changed hands. Consecutive
// claims by the same actor extend one holding; a claim by another actor
// starts the next. A holding is disputed when its events were.
func Control(events []domain.Event) []ControlTimeline {
	byPlace := map[string][]*domain.Event{}
	for i := range events {
		e := &events[i]
		if e.Control == nil || e.Status == domain.StatusRejected || e.MergedInto != "" {
			continue
		}
		key := e.PCode
		if key == "" {
			key = "name:" + strings.ToLower(e.PlaceName)
		}
		byPlace[key] = append(byPlace[key], e)
	}
	var out []ControlTimeline
	for _, key := range domain.SortedKeys(byPlace) {
		evs := byPlace[key]
		sort.SliceStable(evs, func(i, j int) bool {
			if evs[i].DateEnd != evs[j].DateEnd {
				return evs[i].DateEnd < evs[j].DateEnd
			}
			return evs[i].ID < evs[j].ID
		})
		tl := ControlTimeline{PCode: evs[0].PCode, Place: evs[0].PlaceName}
		for _, e := range evs {
			n := len(tl.Holdings)
			disputed := e.Status == domain.StatusDisputed || hasPrefix(e.Disputes, "control:")
			if n > 0 && strings.EqualFold(tl.Holdings[n-1].Actor, e.Control.Actor) {
				h := &tl.Holdings[n-1]
				h.Events = append(h.Events, ref(e))
				h.Disputed = h.Disputed || disputed
				continue
			}
			if n > 0 {
				tl.Holdings[n-1].Until = e.DateEnd
			}
			tl.Holdings = append(tl.Holdings, Holding{Actor: e.Control.Actor, From: e.Control.From, Since: e.DateEnd,
				Disputed: disputed, Events: []SourceRef{ref(e)}})
		}
		out = append(out, tl)
	}
	return out
}

func hasPrefix(xs []string, p string) bool {
	for _, x := range xs {
		if strings.HasPrefix(x, p) {
			return true
		}
	}
	return false
}

// AccessPeriod is a stretch during which a route, bridge, airport or
// telecom service had one status.
type AccessPeriod struct {
	Status string      `json:"status"`
	Since  domain.Date `json:"since"`
	Until  domain.Date `json:"until,omitempty"`
	Events []SourceRef `json:"events"`
}

// AccessLine is one constrained route or service.
type AccessLine struct {
	Kind    domain.Kind    `json:"kind"`
	Route   string         `json:"route"`
	PCode   string         `json:"pcode,omitempty"`
	Place   string         `json:"place,omitempty"`
	Current string         `json:"current"`
	Periods []AccessPeriod `json:"periods"`
}

// Access lists access constraints — roads, bridges, airports, telecoms —
// with their open and closed periods and the events behind them.
func Access(events []domain.Event) []AccessLine {
	byRoute := map[string][]*domain.Event{}
	for i := range events {
		e := &events[i]
		if !e.Kind.IsAccess() || e.Status == domain.StatusRejected || e.MergedInto != "" {
			continue
		}
		route := e.PlaceName
		if e.Access != nil && e.Access.Route != "" {
			route = e.Access.Route
		}
		key := string(e.Kind) + "|" + normRoute(route)
		byRoute[key] = append(byRoute[key], e)
	}
	var out []AccessLine
	for _, key := range domain.SortedKeys(byRoute) {
		evs := byRoute[key]
		sort.SliceStable(evs, func(i, j int) bool {
			if evs[i].DateStart != evs[j].DateStart {
				return evs[i].DateStart < evs[j].DateStart
			}
			return evs[i].ID < evs[j].ID
		})
		line := AccessLine{Kind: evs[0].Kind, PCode: evs[0].PCode, Place: evs[0].PlaceName, Route: evs[0].PlaceName}
		if evs[0].Access != nil && evs[0].Access.Route != "" {
			line.Route = evs[0].Access.Route
		}
		for _, e := range evs {
			status := domain.AccessClosed
			if e.Access != nil && e.Access.Status != "" {
				status = e.Access.Status
			}
			n := len(line.Periods)
			if n > 0 && line.Periods[n-1].Status == status {
				line.Periods[n-1].Events = append(line.Periods[n-1].Events, ref(e))
				continue
			}
			if n > 0 {
				line.Periods[n-1].Until = e.DateStart
			}
			line.Periods = append(line.Periods, AccessPeriod{Status: status, Since: e.DateStart, Events: []SourceRef{ref(e)}})
		}
		line.Current = line.Periods[len(line.Periods)-1].Status
		out = append(out, line)
	}
	return out
}

// normRoute folds the spellings of a route name: case, dashes and spaces.
func normRoute(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("–", "-", "—", "-", " - ", "-", "  ", " ").Replace(s)
	return strings.TrimSpace(s)
}

// SiteHistory is a site with the events that happened there.
type SiteHistory struct {
	Name   string          `json:"name"`
	Kind   domain.SiteKind `json:"kind,omitempty"`
	PCode  string          `json:"pcode,omitempty"`
	Place  string          `json:"place,omitempty"`
	Lat    *float64        `json:"lat,omitempty"`
	Lon    *float64        `json:"lon,omitempty"`
	Events []SourceRef     `json:"events"`
}

// Sites groups events by the site they happened at. For readers who may
// not see sensitive sites precisely (the public), those sites are placed at
// their township only.
func Sites(events []domain.Event, coarsen bool) []SiteHistory {
	bySite := map[string]*SiteHistory{}
	for i := range events {
		e := &events[i]
		if e.Site == nil || e.Status == domain.StatusRejected || e.MergedInto != "" {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(e.Site.Name)) + "|" + e.Adm3
		s := bySite[key]
		if s == nil {
			s = &SiteHistory{Name: e.Site.Name, Kind: e.Site.Kind, PCode: e.PCode, Place: e.PlaceName, Lat: e.Lat, Lon: e.Lon}
			if coarsen && e.Site.Kind.Sensitive() {
				s.PCode, s.Lat, s.Lon = e.Adm3, nil, nil
			}
			bySite[key] = s
		}
		s.Events = append(s.Events, ref(e))
	}
	var out []SiteHistory
	for _, k := range domain.SortedKeys(bySite) {
		s := bySite[k]
		sort.SliceStable(s.Events, func(i, j int) bool { return s.Events[i].Date < s.Events[j].Date })
		out = append(out, *s)
	}
	return out
}

// DisplacementSeries is displacement in one township over time.
type DisplacementSeries struct {
	PCode string `json:"pcode"`
	Name  string `json:"name,omitempty"`
	// Total over the window by the figures method.
	Total int64 `json:"total"`
	// Points are the figures as stated: incidents on their day, running
	// totals on the day they were stated.
	Points []DisplacementPoint `json:"points"`
}

// DisplacementPoint is one stated displacement figure.
type DisplacementPoint struct {
	Date       domain.Date `json:"date"`
	Value      int64       `json:"value"`
	Cumulative bool        `json:"cumulative,omitempty"`
	EventID    string      `json:"event_id"`
}

// Displacement gives each township's displacement over the window, and the
// figures stated for areas larger than a township under their own P-code.
func Displacement(events []domain.Event, w Window, names Names) []DisplacementSeries {
	t := NewTotals(domain.Displaced, events)
	series := map[string]*DisplacementSeries{}
	levels := map[string]domain.GeoLevel{}
	for _, e := range t.events {
		if e.DateEnd < w.Since || e.DateStart > w.Until {
			continue
		}
		key, level := e.Adm3, domain.LevelTownship
		if key == "" {
			key, level = e.PCode, placeLevel(e)
		}
		s := series[key]
		if s == nil {
			s = &DisplacementSeries{PCode: key}
			if names != nil {
				s.Name = names(key)
			}
			series[key] = s
			levels[key] = level
		}
		f, _ := e.Figure(domain.Displaced)
		d := e.DateStart
		if e.Cumulative {
			d = e.DateEnd
		}
		s.Points = append(s.Points, DisplacementPoint{Date: d, Value: f.Min, Cumulative: e.Cumulative, EventID: e.ID})
	}
	var out []DisplacementSeries
	for _, k := range domain.SortedKeys(series) {
		s := series[k]
		s.Total = t.Total(k, levels[k], w).Value
		sort.SliceStable(s.Points, func(i, j int) bool { return s.Points[i].Date < s.Points[j].Date })
		out = append(out, *s)
	}
	return out
}
