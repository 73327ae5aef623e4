package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"sitroom/internal/domain"
)

// The scenario's stated period: Operation 1027 from its launch to the
// Kunming ceasefire of mid-January 2024. Events may start the night before
// the launch (OCHA dates the first assaults to 26 October).
const (
	firstReportDate domain.Date = "2023-10-27"
	lastReportDate  domain.Date = "2024-01-15"
	firstEventDate  domain.Date = "2023-10-26"
	minReports                  = 90
)

// A MIMU P-code: state/region (MMR015), district or SAZ (MMR015D001,
// MMR015S002), township (MMR015001), town or village tract (MMR015001701,
// MMR015011020) or ward.
var pcodeRE = regexp.MustCompile(`^MMR\d{3}(?:[DS]\d{3}|(?:\d{3}){1,4})?$`)

var idRE = regexp.MustCompile(`^demo-\d{4}$`)

type scenarioActor struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

type scenarioControl struct {
	Actor string `json:"actor"`
	From  string `json:"from"`
}

type scenarioAccess struct {
	Status string `json:"status"`
	Route  string `json:"route"`
}

type scenarioEvent struct {
	Type       string           `json:"type"`
	SubType    string           `json:"sub_type"`
	Kind       string           `json:"kind"`
	Place      string           `json:"place"`
	PCode      string           `json:"pcode"`
	DateStart  string           `json:"date_start"`
	DateEnd    string           `json:"date_end"`
	Actors     []scenarioActor  `json:"actors"`
	KilledMin  *int64           `json:"killed_min"`
	InjuredMin *int64           `json:"injured_min"`
	Displaced  *int64           `json:"displaced"`
	Arrested   *int64           `json:"arrested"`
	Cumulative bool             `json:"cumulative"`
	Control    *scenarioControl `json:"control"`
	Access     *scenarioAccess  `json:"access"`
	Summary    string           `json:"summary"`
}

type scenarioReport struct {
	ID        string           `json:"id"`
	Date      string           `json:"date"`
	Source    string           `json:"source"`
	SourceURL string           `json:"source_url"`
	Channel   string           `json:"channel"`
	Language  string           `json:"language"`
	Text      string           `json:"text"`
	Events    []scenarioEvent  `json:"events"`
	raw       map[string]any   // the line as a generic object, to check required keys
	evRaw     []map[string]any // each event likewise
}

// loadScenario reads scenario.jsonl strictly: one object per line, no
// unknown fields, no blank lines.
func loadScenario(t *testing.T) []scenarioReport {
	t.Helper()
	data, err := os.ReadFile("scenario.jsonl")
	if err != nil {
		t.Fatalf("read scenario: %v", err)
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		t.Errorf("scenario.jsonl does not end with a newline")
	}
	var out []scenarioReport
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			t.Errorf("line %d: blank line", line)
			continue
		}
		if !utf8.Valid(b) {
			t.Errorf("line %d: not valid UTF-8", line)
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var r scenarioReport
		if err := dec.Decode(&r); err != nil {
			t.Errorf("line %d: %v", line, err)
			continue
		}
		if dec.More() {
			t.Errorf("line %d: more than one JSON value", line)
		}
		if err := json.Unmarshal(b, &r.raw); err != nil {
			t.Errorf("line %d: %v", line, err)
		}
		if evs, ok := r.raw["events"].([]any); ok {
			for _, e := range evs {
				m, _ := e.(map[string]any)
				r.evRaw = append(r.evRaw, m)
			}
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan scenario: %v", err)
	}
	return out
}

func TestScenarioShape(t *testing.T) {
	reports := loadScenario(t)
	if len(reports) < minReports {
		t.Fatalf("scenario has %d reports, want at least %d", len(reports), minReports)
	}

	seen := map[string]bool{}
	withEvents, burmese := 0, 0
	for _, r := range reports {
		if seen[r.ID] {
			t.Errorf("duplicate id %q", r.ID)
		}
		seen[r.ID] = true
		if len(r.Events) > 0 {
			withEvents++
		}
		if r.Language == "my" {
			burmese++
		}
	}

	// The mix a coordinator faces: structured rows and free text that the
	// extractor has to code.
	if share := float64(withEvents) / float64(len(reports)); share < 0.40 {
		t.Errorf("%.0f%% of reports carry events, want at least 40%%", share*100)
	}
	if share := float64(len(reports)-withEvents) / float64(len(reports)); share < 0.30 {
		t.Errorf("%.0f%% of reports are free text only, want at least 30%%", share*100)
	}
	if burmese < 8 {
		t.Errorf("%d Burmese reports, want at least 8", burmese)
	}

	for _, r := range reports {
		t.Run(r.ID, func(t *testing.T) { checkReport(t, r) })
	}
}

func checkReport(t *testing.T, r scenarioReport) {
	for _, key := range []string{"id", "date", "source", "source_url", "channel", "language", "text", "events"} {
		if _, ok := r.raw[key]; !ok {
			t.Errorf("missing key %q", key)
		}
	}
	if !idRE.MatchString(r.ID) {
		t.Errorf("id %q is not demo-NNNN", r.ID)
	}
	date, err := domain.ParseDate(r.Date)
	if err != nil {
		t.Fatalf("date: %v", err)
	}
	if date < firstReportDate || date > lastReportDate {
		t.Errorf("date %s outside %s..%s", date, firstReportDate, lastReportDate)
	}
	if strings.TrimSpace(r.Source) == "" {
		t.Errorf("empty source")
	}
	if strings.TrimSpace(r.Text) == "" {
		t.Errorf("empty text")
	}
	if !domain.Channel(r.Channel).Valid() {
		t.Errorf("channel %q is not a domain channel", r.Channel)
	}
	switch r.Language {
	case "en":
	case "my":
		if !hasMyanmarScript(r.Text) {
			t.Errorf("language my but no Myanmar script in text")
		}
	default:
		t.Errorf("language %q, want en or my", r.Language)
	}
	for i, e := range r.Events {
		checkEvent(t, i, e, r.evRaw[i], date)
	}
}

func checkEvent(t *testing.T, i int, e scenarioEvent, raw map[string]any, reportDate domain.Date) {
	for _, key := range []string{"type", "sub_type", "kind", "place", "pcode", "date_start", "date_end", "actors",
		"killed_min", "injured_min", "displaced", "arrested", "cumulative", "control", "access", "summary"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("event %d: missing key %q", i, key)
		}
	}
	typ := domain.EventType(e.Type)
	if !typ.Valid() {
		t.Errorf("event %d: type %q is not an ACLED event type", i, e.Type)
	}
	sub := domain.SubEventType(e.SubType)
	if !sub.Valid() {
		t.Errorf("event %d: sub_type %q is not an ACLED sub-event type", i, e.SubType)
	} else if sub.Type() != typ {
		t.Errorf("event %d: sub_type %q belongs to %q, not %q", i, e.SubType, sub.Type(), e.Type)
	}
	kind := domain.Kind(e.Kind)
	if !kind.Valid() {
		t.Errorf("event %d: kind %q is not a humanitarian kind", i, e.Kind)
	}
	if kind != domain.KindNone {
		if typ != domain.StrategicDevelopment {
			t.Errorf("event %d: kind %q on a %q event; kinds are strategic developments", i, e.Kind, e.Type)
		}
		if kind.SubEvent() != sub {
			t.Errorf("event %d: kind %q is filed under %q, not %q", i, e.Kind, kind.SubEvent(), e.SubType)
		}
	}
	if kind.IsAccess() != (e.Access != nil) {
		t.Errorf("event %d: kind %q with access %v; access constraints and access kinds go together", i, e.Kind, e.Access)
	}
	if e.Access != nil {
		switch e.Access.Status {
		case domain.AccessClosed, domain.AccessRestricted, domain.AccessOpen:
		default:
			t.Errorf("event %d: access status %q", i, e.Access.Status)
		}
		if strings.TrimSpace(e.Access.Route) == "" {
			t.Errorf("event %d: access without a route", i)
		}
	}
	if e.Control != nil && (strings.TrimSpace(e.Control.Actor) == "" || e.Control.Actor == e.Control.From) {
		t.Errorf("event %d: control change %+v", i, *e.Control)
	}
	if strings.TrimSpace(e.Place) == "" {
		t.Errorf("event %d: empty place", i)
	}
	if !pcodeRE.MatchString(e.PCode) {
		t.Errorf("event %d: P-code %q is not a MIMU code", i, e.PCode)
	}
	if strings.TrimSpace(e.Summary) == "" {
		t.Errorf("event %d: empty summary", i)
	}
	for _, a := range e.Actors {
		switch domain.ActorRole(a.Role) {
		case domain.ActorAttacker, domain.ActorTarget, domain.ActorVictim, domain.ActorOther:
		default:
			t.Errorf("event %d: actor %q has role %q", i, a.Name, a.Role)
		}
		if strings.TrimSpace(a.Name) == "" {
			t.Errorf("event %d: actor without a name", i)
		}
	}

	start, err := domain.ParseDate(e.DateStart)
	if err != nil {
		t.Errorf("event %d: date_start: %v", i, err)
		return
	}
	end, err := domain.ParseDate(e.DateEnd)
	if err != nil {
		t.Errorf("event %d: date_end: %v", i, err)
		return
	}
	if start < firstEventDate {
		t.Errorf("event %d: date_start %s before %s", i, start, firstEventDate)
	}
	if start > end || end > reportDate {
		t.Errorf("event %d: want date_start %s <= date_end %s <= report date %s", i, start, end, reportDate)
	}

	figures := 0
	for name, f := range map[string]*int64{"killed_min": e.KilledMin, "injured_min": e.InjuredMin,
		"displaced": e.Displaced, "arrested": e.Arrested} {
		if f == nil {
			continue
		}
		figures++
		if *f < 0 {
			t.Errorf("event %d: %s is negative (%d)", i, name, *f)
		}
	}
	if e.Cumulative && figures == 0 {
		t.Errorf("event %d: cumulative flag without a figure", i)
	}
}

func hasMyanmarScript(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Myanmar, r) {
			return true
		}
	}
	return false
}
