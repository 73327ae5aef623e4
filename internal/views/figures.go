// Package views computes the situation views coordinators read from the
// events: totals of killed, injured and displaced per area and period
// without double counting, who holds which place since when, displacement
// over time, access constraints and sites. The functions are pure: they
// take events and return views, so that the API, the CLI and the
// situation report show the same numbers.
package views

import (
	"sort"

	"sitroom/internal/domain"
)

// Names looks up a place's name by P-code ("" when unknown).
type Names func(pcode string) string

// Window is a closed period of days.
type Window struct{ Since, Until domain.Date }

func (w Window) contains(d domain.Date) bool { return d >= w.Since && d <= w.Until }

// inside reports whether the period [a, b] lies within the window.
func (w Window) inside(a, b domain.Date) bool { return a >= w.Since && b <= w.Until }

// minus returns the parts of w outside [a, b] (none, one or two windows).
func (w Window) minus(a, b domain.Date) []Window {
	var out []Window
	if a > w.Since {
		out = append(out, Window{w.Since, a.AddDays(-1)})
	}
	if b < w.Until {
		out = append(out, Window{b.AddDays(1), w.Until})
	}
	return out
}

// level of an event's place in the hierarchy the totals recurse over.
func placeLevel(e *domain.Event) domain.GeoLevel {
	switch {
	case e.Adm3 != "":
		return domain.LevelTownship
	case e.Adm2 != "":
		return domain.LevelDistrict
	case e.Adm1 != "":
		return domain.LevelState
	default:
		return domain.LevelCountry
	}
}

// areaOf returns the P-code of an event's place at a level ("" above it).
func areaOf(e *domain.Event, l domain.GeoLevel) string {
	switch l {
	case domain.LevelTownship:
		return e.Adm3
	case domain.LevelDistrict:
		return e.Adm2
	case domain.LevelState:
		return e.Adm1
	}
	return "MMR"
}

func childLevel(l domain.GeoLevel) domain.GeoLevel {
	switch l {
	case domain.LevelCountry:
		return domain.LevelState
	case domain.LevelState:
		return domain.LevelDistrict
	case domain.LevelDistrict:
		return domain.LevelTownship
	}
	return ""
}

// Totals counts figures of one kind over events by the method of
// docs/METHOD.md:
//
//   - an incident (a non-cumulative event) counts once, with its event
//     figure (the lowest figure its independent sources support), on its
//     first day;
//   - a running total ("40 killed since 27 October", a cumulative event)
//     stands for everything in its area and period: where one lies wholly
//     in the window, the area's total over its period is the larger of it
//     and what the incidents and smaller areas add up to there, never
//     both; what lies outside its period is added;
//   - areas nest (state ⊃ district ⊃ township ⊃ town or village), and the
//     rule applies at each level.
type Totals struct {
	Kind   domain.FigureKind
	events []*domain.Event
}

// NewTotals prepares totals of one kind over events (rejected and merged
// events are left out).
func NewTotals(kind domain.FigureKind, events []domain.Event) *Totals {
	t := &Totals{Kind: kind}
	for i := range events {
		e := &events[i]
		if e.Status == domain.StatusRejected || e.MergedInto != "" {
			continue
		}
		if _, ok := e.Figure(kind); ok {
			t.events = append(t.events, e)
		}
	}
	return t
}

// Count is a total with the events behind it.
type Count struct {
	Value  int64    `json:"value"`
	Events []string `json:"events"`
}

func (c *Count) add(o Count) {
	c.Value += o.Value
	c.Events = append(c.Events, o.Events...)
}

// Total returns the total in the area (a P-code at state, district or
// township level; "" or "MMR" for the country) over the window.
func (t *Totals) Total(area string, level domain.GeoLevel, w Window) Count {
	c := t.total(area, level, w)
	sort.Strings(c.Events)
	c.Events = dedupe(c.Events)
	if c.Events == nil {
		c.Events = []string{}
	}
	return c
}

func dedupe(xs []string) []string {
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func (t *Totals) inArea(e *domain.Event, area string, level domain.GeoLevel) bool {
	return level == domain.LevelCountry || areaOf(e, level) == area
}

func (t *Totals) total(area string, level domain.GeoLevel, w Window) Count {
	var best *domain.Event
	var bestV int64
	for _, e := range t.events {
		if !e.Cumulative || placeLevel(e) != level || !t.inArea(e, area, level) || !w.inside(e.DateStart, e.DateEnd) {
			continue
		}
		f, _ := e.Figure(t.Kind)
		if best == nil || f.Min > bestV || (f.Min == bestV && e.DateEnd > best.DateEnd) {
			best, bestV = e, f.Min
		}
	}
	if best == nil {
		return t.inner(area, level, w)
	}
	in := t.inner(area, level, Window{best.DateStart, best.DateEnd})
	var c Count
	if bestV >= in.Value {
		c = Count{Value: bestV, Events: []string{best.ID}}
	} else {
		c = in
	}
	for _, rest := range w.minus(best.DateStart, best.DateEnd) {
		c.add(t.total(area, level, rest))
	}
	return c
}

// inner adds up an area without its own running totals: incidents placed
// at the area itself, and the totals of the areas within it.
func (t *Totals) inner(area string, level domain.GeoLevel, w Window) Count {
	var c Count
	children := map[string]bool{}
	sub := childLevel(level)
	for _, e := range t.events {
		if !t.inArea(e, area, level) {
			continue
		}
		pl := placeLevel(e)
		if pl.Rank() > level.Rank() && sub != "" {
			children[areaOf(e, sub)] = true
			continue
		}
		if e.Cumulative || !w.contains(e.DateStart) {
			continue
		}
		f, _ := e.Figure(t.Kind)
		c.add(Count{Value: f.Min, Events: []string{e.ID}})
	}
	for _, child := range domain.SortedKeys(children) {
		c.add(t.total(child, sub, w))
	}
	return c
}

// Row is one line of a breakdown.
type Row struct {
	Key       string `json:"key"` // P-code or date
	Name      string `json:"name,omitempty"`
	Killed    Count  `json:"killed"`
	Injured   Count  `json:"injured"`
	Displaced Count  `json:"displaced"`
}

// FiguresView answers GET /api/v1/figures.
type FiguresView struct {
	Area  string      `json:"area"`
	Name  string      `json:"name,omitempty"`
	Since domain.Date `json:"since"`
	Until domain.Date `json:"until"`
	By    string      `json:"by,omitempty"`
	Total Row         `json:"total"`
	Rows  []Row       `json:"rows,omitempty"`
	// Cumulative lists the running totals the area's sources stated, for
	// charts of a series over time.
	Cumulative []Statement `json:"cumulative,omitempty"`
	Method     string      `json:"method"`
}

// Statement is one running total as stated.
type Statement struct {
	EventID string            `json:"event_id"`
	Kind    domain.FigureKind `json:"kind"`
	PCode   string            `json:"pcode"`
	Since   domain.Date       `json:"since"`
	AsOf    domain.Date       `json:"as_of"`
	Value   int64             `json:"value"`
}

// FigureKinds are the kinds the figures view reports.
var FigureKinds = []domain.FigureKind{domain.Killed, domain.Injured, domain.Displaced}

// Figures computes the figures view of an area (a P-code, "" for the
// country) over a window, broken down by "township", "day" or "" (none).
func Figures(events []domain.Event, area string, areaLevel domain.GeoLevel, w Window, by string, names Names) FiguresView {
	if area == "" {
		area, areaLevel = "MMR", domain.LevelCountry
	}
	v := FiguresView{Area: area, Since: w.Since, Until: w.Until, By: by, Method: "docs/METHOD.md"}
	if names != nil {
		v.Name = names(area)
	}
	totals := map[domain.FigureKind]*Totals{}
	for _, k := range FigureKinds {
		totals[k] = NewTotals(k, events)
	}
	row := func(key, name string, f func(*Totals) Count) Row {
		return Row{Key: key, Name: name, Killed: f(totals[domain.Killed]), Injured: f(totals[domain.Injured]), Displaced: f(totals[domain.Displaced])}
	}
	v.Total = row(area, v.Name, func(t *Totals) Count { return t.Total(area, areaLevel, w) })
	switch by {
	case "township":
		tsps := map[string]bool{}
		coarse := false
		for i := range events {
			e := &events[i]
			if !inside(e, area, areaLevel) {
				continue
			}
			if e.Adm3 != "" {
				tsps[e.Adm3] = true
			} else {
				coarse = true
			}
		}
		for _, tsp := range domain.SortedKeys(tsps) {
			name := ""
			if names != nil {
				name = names(tsp)
			}
			v.Rows = append(v.Rows, row(tsp, name, func(t *Totals) Count { return t.Total(tsp, domain.LevelTownship, w) }))
		}
		if coarse {
			// What the sources gave only for the district, state or region
			// as a whole: the total less the townships.
			r := Row{Key: area + ":unspecified", Name: "not attributed to a township"}
			for _, k := range FigureKinds {
				c := v.Total.get(k)
				sum := int64(0)
				for _, tr := range v.Rows {
					sum += tr.get(k).Value
				}
				r.set(k, Count{Value: c.Value - sum})
			}
			v.Rows = append(v.Rows, r)
		}
	case "day":
		days := map[domain.Date]*Row{}
		for i := range events {
			e := &events[i]
			if e.Cumulative || e.Status == domain.StatusRejected || !inside(e, area, areaLevel) || !w.contains(e.DateStart) {
				continue
			}
			r := days[e.DateStart]
			if r == nil {
				r = &Row{Key: string(e.DateStart)}
				days[e.DateStart] = r
			}
			for _, k := range FigureKinds {
				if f, ok := e.Figure(k); ok {
					c := r.get(k)
					c.add(Count{Value: f.Min, Events: []string{e.ID}})
					r.set(k, c)
				}
			}
		}
		for _, d := range domain.SortedKeys(days) {
			v.Rows = append(v.Rows, *days[d])
		}
	}
	for i := range events {
		e := &events[i]
		if !e.Cumulative || e.Status == domain.StatusRejected || !inside(e, area, areaLevel) || !w.inside(e.DateStart, e.DateEnd) {
			continue
		}
		for _, k := range FigureKinds {
			if f, ok := e.Figure(k); ok {
				v.Cumulative = append(v.Cumulative, Statement{EventID: e.ID, Kind: k, PCode: e.PCode, Since: e.DateStart, AsOf: e.DateEnd, Value: f.Min})
			}
		}
	}
	sort.SliceStable(v.Cumulative, func(i, j int) bool { return v.Cumulative[i].AsOf < v.Cumulative[j].AsOf })
	return v
}

func inside(e *domain.Event, area string, level domain.GeoLevel) bool {
	return level == domain.LevelCountry || areaOf(e, level) == area || e.PCode == area
}

func (r *Row) get(k domain.FigureKind) Count {
	switch k {
	case domain.Killed:
		return r.Killed
	case domain.Injured:
		return r.Injured
	default:
		return r.Displaced
	}
}

func (r *Row) set(k domain.FigureKind, c Count) {
	if c.Events == nil {
		c.Events = []string{}
	}
	switch k {
	case domain.Killed:
		r.Killed = c
	case domain.Injured:
		r.Injured = c
	default:
		r.Displaced = c
	}
}
