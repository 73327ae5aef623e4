// Package sitrep builds a situation report in the shape of an OCHA flash
// update — title and period, highlights, key figures with their sources,
// a table by township, territorial changes, access constraints and the
// sources — from the events of an area and period, and writes it as
// Markdown, HTML, JSON or PDF. Its numbers are those of the figures view
// (views.Figures, the same function behind GET /api/v1/figures): a report
// never counts differently from the API.
package sitrep

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/views"
)

// Collect reads the events a filter selects, redacted for the audience,
// with their sources: the Events and Sources of an Input.
func Collect(ctx context.Context, s export.Store, f domain.EventFilter, places domain.Gazetteer, aud export.Audience) ([]domain.Event, map[string][]string, error) {
	var events []domain.Event
	srcs := map[string][]string{}
	err := export.Each(ctx, s, f, places, aud, func(it export.Item) error {
		events = append(events, it.Event)
		srcs[it.Event.ID] = it.Sources
		return nil
	})
	return events, srcs, err
}

// Input is what a report is built from.
type Input struct {
	// Area is a P-code (state/region, district or township; "" or "MMR"
	// for the country) and Level its level.
	Area   string
	Level  domain.GeoLevel
	Window views.Window
	// Events are the events the reader may see, already redacted for
	// them (export.Redact), as the figures API would select them.
	Events []domain.Event
	// Sources gives each event's source names.
	Sources map[string][]string
	// Places names areas, in English and Burmese.
	Places domain.Gazetteer
	// Generated is when the report is made (the injected clock).
	Generated time.Time
	// AllStatuses is true when unpublished events were asked for.
	AllStatuses bool
	// Public is true for a reader without a role.
	Public bool
	// BaseURL prefixes links to event pages.
	BaseURL string
	// Highlights is how many highlights to give (default 5).
	Highlights int
}

// Report is a situation report.
type Report struct {
	Title      string      `json:"title"`
	TitleMy    string      `json:"title_my,omitempty"`
	Area       string      `json:"area"`
	AreaName   string      `json:"area_name"`
	AreaNameMy string      `json:"area_name_my,omitempty"`
	Since      domain.Date `json:"since"`
	Until      domain.Date `json:"until"`
	Generated  time.Time   `json:"generated"`
	// Scope says which events the report covers.
	Scope      string            `json:"scope"`
	Highlights []Highlight       `json:"highlights"`
	KeyFigures []KeyFigure       `json:"key_figures"`
	Townships  []Township        `json:"townships"`
	Control    []ControlRow      `json:"territorial_changes"`
	Access     []AccessRow       `json:"access_constraints"`
	Sources    []SourceRow       `json:"sources"`
	EventCount int               `json:"event_count"`
	Figures    views.FiguresView `json:"figures"`
	Method     string            `json:"method"`
}

// Highlight is one of the most significant events.
type Highlight struct {
	EventID string      `json:"event_id"`
	Date    domain.Date `json:"date"`
	Text    string      `json:"text"`
	Score   int64       `json:"score"`
	URL     string      `json:"url"`
}

// KeyFigure is one headline number with its sources; Known is false when
// no source gave a figure ("no figure", never zero).
type KeyFigure struct {
	Kind    string   `json:"kind"`
	Label   string   `json:"label"`
	LabelMy string   `json:"label_my"`
	Value   int64    `json:"value"`
	Known   bool     `json:"known"`
	Sources []string `json:"sources"`
	Events  []string `json:"events"`
	Note    string   `json:"note,omitempty"`
}

// Display is the figure as shown: "at least 9", or "no figure".
func (k KeyFigure) Display() string {
	if !k.Known {
		return "no figure"
	}
	return "at least " + Number(k.Value)
}

// Cell is one count of the township table.
type Cell struct {
	Value int64 `json:"value"`
	Known bool  `json:"known"`
}

// String shows a count, or "–" when no source gave one.
func (c Cell) String() string {
	if !c.Known {
		return "–"
	}
	return Number(c.Value)
}

// Township is one row of the table by township.
type Township struct {
	PCode     string `json:"pcode"`
	Name      string `json:"name"`
	NameMy    string `json:"name_my,omitempty"`
	Killed    Cell   `json:"killed"`
	Injured   Cell   `json:"injured"`
	Displaced Cell   `json:"displaced"`
	Events    int    `json:"events"`
}

// ControlRow is one change of hands in the period.
type ControlRow struct {
	Place    string      `json:"place"`
	PCode    string      `json:"pcode,omitempty"`
	Township string      `json:"township,omitempty"`
	Actor    string      `json:"actor"`
	From     string      `json:"from,omitempty"`
	Since    domain.Date `json:"since"`
	Disputed bool        `json:"disputed,omitempty"`
	Sources  []string    `json:"sources"`
}

// AccessRow is one constrained road, bridge, airport or telecom service.
type AccessRow struct {
	Kind    domain.Kind `json:"kind"`
	What    string      `json:"what"`
	Route   string      `json:"route"`
	Place   string      `json:"place,omitempty"`
	Status  string      `json:"status"`
	Since   domain.Date `json:"since"`
	History string      `json:"history"`
	Sources []string    `json:"sources"`
}

// SourceRow is one source and how many of the report's events it backs.
type SourceRow struct {
	Name   string `json:"name"`
	Events int    `json:"events"`
}

// Labels in English and Burmese.
var (
	kindLabels = map[domain.FigureKind][2]string{
		domain.Killed:    {"People killed", "သေဆုံးသူ"},
		domain.Injured:   {"People injured", "ဒဏ်ရာရသူ"},
		domain.Displaced: {"People displaced", "နေရပ်စွန့်ခွာရသူ"},
	}
	crossedLabel = [2]string{"People who crossed a border (repatriated or handed over)", "နယ်စပ်ဖြတ်ကျော်သူ"}
	accessLabels = map[domain.Kind]string{domain.KindAccessRoad: "Road", domain.KindAccessBridge: "Bridge",
		domain.KindAccessAirport: "Airport", domain.KindAccessTelecom: "Telecoms"}
)

// Number writes a count with thousands separators: 23,000.
func Number(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + Number(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (in *Input) place(pcode string) domain.Place {
	if in.Places == nil || pcode == "" {
		return domain.Place{}
	}
	p, err := in.Places.Place(pcode)
	if err != nil {
		return domain.Place{}
	}
	return p
}

func (in *Input) names(pcode string) string {
	if pcode == "MMR" {
		return "Myanmar"
	}
	return in.place(pcode).Name
}

// Build makes the report.
func Build(in Input) Report {
	area, level := in.Area, in.Level
	if area == "" || area == "MMR" {
		area, level = "MMR", domain.LevelCountry
	}
	r := Report{Area: area, Since: in.Window.Since, Until: in.Window.Until, Generated: in.Generated.UTC(), Method: "docs/METHOD.md"}
	if area == "MMR" {
		r.AreaName, r.AreaNameMy = "Myanmar", "မြန်မာ"
	} else {
		p := in.place(area)
		r.AreaName, r.AreaNameMy = p.Name, p.NameMy
		if r.AreaName == "" {
			r.AreaName = area
		}
	}
	r.Title = r.AreaName + ": situation report"
	if r.AreaNameMy != "" {
		r.TitleMy = r.AreaNameMy + " အခြေအနေ အစီရင်ခံစာ"
	}
	r.Scope = "Verified events only."
	if in.AllStatuses {
		r.Scope = "All events but rejected ones, verified or not: for the team, not for publication."
	}
	if in.Public {
		r.Scope += " Places of IDP sites are given at township level."
	}
	live := make([]domain.Event, 0, len(in.Events))
	byID := map[string]*domain.Event{}
	for _, e := range in.Events {
		if e.Status == domain.StatusRejected || e.MergedInto != "" {
			continue
		}
		live = append(live, e)
	}
	for i := range live {
		byID[live[i].ID] = &live[i]
	}
	r.EventCount = len(live)

	// The figures view, exactly as GET /api/v1/figures?by=township.
	r.Figures = views.Figures(in.Events, area, level, in.Window, "township", in.names)
	for _, k := range views.FigureKinds {
		c := rowCount(r.Figures.Total, k)
		kf := KeyFigure{Kind: string(k), Label: kindLabels[k][0], LabelMy: kindLabels[k][1], Value: c.Value, Known: len(c.Events) > 0, Events: c.Events}
		kf.Sources = figureSources(byID, c.Events, k, in.Sources)
		r.KeyFigures = append(r.KeyFigures, kf)
	}
	r.KeyFigures = append(r.KeyFigures, crossed(in, live, area, level))
	for i := range r.KeyFigures {
		if r.KeyFigures[i].Sources == nil {
			r.KeyFigures[i].Sources = []string{}
		}
	}

	eventsIn := map[string]int{}
	for _, e := range live {
		if e.Adm3 != "" {
			eventsIn[e.Adm3]++
		}
	}
	for _, row := range r.Figures.Rows {
		t := Township{PCode: row.Key, Name: row.Name, Events: eventsIn[row.Key],
			Killed: cell(row.Killed), Injured: cell(row.Injured), Displaced: cell(row.Displaced)}
		if strings.HasSuffix(row.Key, ":unspecified") {
			t.PCode = ""
			t.Killed.Known, t.Injured.Known, t.Displaced.Known = t.Killed.Value != 0, t.Injured.Value != 0, t.Displaced.Value != 0
		} else {
			t.NameMy = in.place(row.Key).NameMy
		}
		r.Townships = append(r.Townships, t)
	}

	r.Highlights = highlights(in, live)
	r.Control = control(in, live)
	r.Access = access(in, live)
	r.Sources = sources(in, live)
	if r.Highlights == nil {
		r.Highlights = []Highlight{}
	}
	return r
}

func rowCount(r views.Row, k domain.FigureKind) views.Count {
	switch k {
	case domain.Killed:
		return r.Killed
	case domain.Injured:
		return r.Injured
	}
	return r.Displaced
}

func cell(c views.Count) Cell { return Cell{Value: c.Value, Known: len(c.Events) > 0} }

// figureSources names the sources behind a total: each counted event's
// figure sources, else the event's sources.
func figureSources(byID map[string]*domain.Event, ids []string, k domain.FigureKind, srcs map[string][]string) []string {
	seen := map[string]bool{}
	for _, id := range ids {
		e := byID[id]
		if e == nil {
			continue
		}
		found := false
		if f, ok := e.Figure(k); ok {
			for _, s := range f.Sources {
				if n := export.SourceName(s.Source); n != "" {
					seen[n], found = true, true
				}
			}
		}
		if !found {
			for _, n := range srcs[id] {
				seen[n] = true
			}
		}
	}
	return domain.SortedKeys(seen)
}

// crossed is the number of people who crossed a border: repatriations and
// handovers, added up by the figures method over the repatriation events.
func crossed(in Input, live []domain.Event, area string, level domain.GeoLevel) KeyFigure {
	var reps []domain.Event
	for _, e := range live {
		if e.Kind == domain.KindRepatriation {
			reps = append(reps, e)
		}
	}
	c := views.NewTotals(domain.HandedOver, reps).Total(area, level, in.Window)
	kf := KeyFigure{Kind: "crossed_border", Label: crossedLabel[0], LabelMy: crossedLabel[1], Value: c.Value, Known: len(c.Events) > 0, Events: c.Events}
	byID := map[string]*domain.Event{}
	for i := range reps {
		byID[reps[i].ID] = &reps[i]
	}
	kf.Sources = figureSources(byID, c.Events, domain.HandedOver, in.Sources)
	if !kf.Known {
		kf.Note = "the sources give no count of people crossing the border in this period"
	}
	return kf
}

// Significance ranks events for the highlights: people first (a death
// weighs 10, an injury 3, a hundred displaced 1), then a change of hands
// (100), then a closed (60) or restricted (30) road, bridge, airport or
// telecom service. Disputed figures count at their lower bound like any.
func Significance(e *domain.Event) int64 {
	var s int64
	if f, ok := e.Figure(domain.Killed); ok {
		s += 10 * f.Min
	}
	if f, ok := e.Figure(domain.Injured); ok {
		s += 3 * f.Min
	}
	if f, ok := e.Figure(domain.Displaced); ok {
		s += f.Min / 100
	}
	if f, ok := e.Figure(domain.HandedOver); ok {
		s += f.Min / 100
	}
	if e.Control != nil {
		s += 100
	}
	if e.Kind.IsAccess() && e.Access != nil {
		switch e.Access.Status {
		case domain.AccessClosed:
			s += 60
		case domain.AccessRestricted:
			s += 30
		}
	}
	return s
}

func highlights(in Input, live []domain.Event) []Highlight {
	n := in.Highlights
	if n <= 0 {
		n = 5
	}
	var hs []Highlight
	for i := range live {
		e := &live[i]
		if e.DateEnd < in.Window.Since || e.DateStart > in.Window.Until {
			continue
		}
		s := Significance(e)
		if s == 0 {
			continue
		}
		hs = append(hs, Highlight{EventID: e.ID, Date: e.DateStart, Score: s, Text: Sentence(e, in.Sources[e.ID], in.names),
			URL: strings.TrimRight(in.BaseURL, "/") + "/events/" + e.ID})
	}
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Score != hs[j].Score {
			return hs[i].Score > hs[j].Score
		}
		if hs[i].Date != hs[j].Date {
			return hs[i].Date > hs[j].Date
		}
		return hs[i].EventID < hs[j].EventID
	})
	if len(hs) > n {
		hs = hs[:n]
	}
	return hs
}

// Sentence tells an event in one line: when, what, where, how many (as
// lower bounds), who, and on whose word.
func Sentence(e *domain.Event, sources []string, names func(string) string) string {
	var b strings.Builder
	switch {
	case e.Cumulative:
		b.WriteString("As of " + HumanDate(e.DateEnd))
	case e.DateEnd != "" && e.DateEnd != e.DateStart:
		b.WriteString(HumanDate(e.DateStart) + "–" + HumanDate(e.DateEnd))
	default:
		b.WriteString(HumanDate(e.DateStart))
	}
	b.WriteString(": " + e.Title)
	if e.Adm3 != "" && names != nil {
		if t := names(e.Adm3); t != "" && !strings.Contains(e.Title, t) {
			b.WriteString(" (" + t + " township)")
		}
	}
	var figs []string
	for _, k := range []domain.FigureKind{domain.Killed, domain.Injured, domain.Displaced, domain.HandedOver} {
		if f, ok := e.Figure(k); ok {
			s := "at least " + Number(f.Min) + " " + strings.ReplaceAll(string(k), "_", " ")
			if f.Disputed {
				s += " (disputed)"
			}
			figs = append(figs, s)
		}
	}
	if len(figs) > 0 {
		b.WriteString(": " + strings.Join(figs, ", "))
	}
	if e.Cumulative {
		b.WriteString(" since " + HumanDate(e.DateStart))
	}
	if e.Control != nil {
		b.WriteString("; now held by " + e.Control.Actor)
		if e.Control.From != "" {
			b.WriteString(", taken from " + e.Control.From)
		}
	}
	b.WriteString(".")
	if len(sources) > 0 {
		b.WriteString(" Sources: " + strings.Join(sources, ", ") + ".")
	}
	return b.String()
}

// HumanDate writes a day as "12 Nov 2023".
func HumanDate(d domain.Date) string {
	if d == "" {
		return ""
	}
	return d.Time().Format("2 Jan 2006")
}

func control(in Input, live []domain.Event) []ControlRow {
	var out []ControlRow
	for _, tl := range views.Control(live) {
		for _, h := range tl.Holdings {
			if h.Since < in.Window.Since || h.Since > in.Window.Until {
				continue
			}
			row := ControlRow{Place: tl.Place, PCode: tl.PCode, Actor: h.Actor, From: h.From, Since: h.Since, Disputed: h.Disputed, Sources: []string{}}
			if p := in.place(tl.PCode); p.Adm3 != "" {
				row.Township = in.names(p.Adm3)
			}
			seen := map[string]bool{}
			for _, ref := range h.Events {
				for _, s := range in.Sources[ref.EventID] {
					seen[s] = true
				}
			}
			row.Sources = domain.SortedKeys(seen)
			out = append(out, row)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Since < out[j].Since })
	return out
}

func access(in Input, live []domain.Event) []AccessRow {
	var out []AccessRow
	for _, l := range views.Access(live) {
		last := l.Periods[len(l.Periods)-1]
		if last.Until != "" && last.Until < in.Window.Since {
			continue
		}
		row := AccessRow{Kind: l.Kind, What: accessLabels[l.Kind], Route: l.Route, Place: l.Place, Status: l.Current, Since: last.Since, Sources: []string{}}
		var hist []string
		seen := map[string]bool{}
		for _, p := range l.Periods {
			hist = append(hist, p.Status+" from "+HumanDate(p.Since))
			for _, ref := range p.Events {
				for _, s := range in.Sources[ref.EventID] {
					seen[s] = true
				}
			}
		}
		row.History = strings.Join(hist, "; ")
		row.Sources = domain.SortedKeys(seen)
		out = append(out, row)
	}
	order := map[domain.Kind]int{domain.KindAccessRoad: 0, domain.KindAccessBridge: 1, domain.KindAccessAirport: 2, domain.KindAccessTelecom: 3}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Kind] < order[out[j].Kind] })
	return out
}

func sources(in Input, live []domain.Event) []SourceRow {
	count := map[string]int{}
	for _, e := range live {
		for _, s := range in.Sources[e.ID] {
			count[s]++
		}
	}
	out := make([]SourceRow, 0, len(count))
	for _, n := range domain.SortedKeys(count) {
		out = append(out, SourceRow{Name: n, Events: count[n]})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Events > out[j].Events })
	return out
}
