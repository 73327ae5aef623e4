package corroborate_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"
	"unicode"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
)

// The clustering evaluation set: one report per line, in the structured
// intake shape, each event carrying the label of the real happening it
// describes. See testdata/README.md for the labelling rules.
const clusterSetPath = "testdata/clusters.jsonl"

// setEvent is an intake event plus its truth label; decoding it strictly
// proves the file carries no field intake would not understand.
type setEvent struct {
	Truth string `json:"truth"`
	intake.EventInput
}

type setReport struct {
	ID      string     `json:"id"`
	Date    string     `json:"date"`
	Source  string     `json:"source"`
	Channel string     `json:"channel"`
	Text    string     `json:"text"`
	Events  []setEvent `json:"events"`
}

var (
	reportIDRe = regexp.MustCompile(`^cs-\d{4}$`)
	truthRe    = regexp.MustCompile(`^T\d{3}$`)
	// MIMU P-codes: state (MMR015), district or self-administered zone
	// (MMR015D001, MMR015S002), township (MMR015001), town or village tract
	// (MMR015001701, MMR015011020).
	pcodeRe = regexp.MustCompile(`^MMR\d{3}(?:[DS]\d{3}|\d{3}(?:\d{3})?)?$`)
)

func loadClusterSet(t *testing.T) ([]setReport, [][]byte) {
	t.Helper()
	f, err := os.Open(clusterSetPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var reports []setReport
	var lines [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.Clone(sc.Bytes())
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var r setReport
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if dec.More() {
			t.Fatalf("line %d: more than one JSON value", n)
		}
		reports = append(reports, r)
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return reports, lines
}

func TestClusterSetShape(t *testing.T) {
	reports, lines := loadClusterSet(t)
	seen := map[string]bool{}
	for i, r := range reports {
		if !reportIDRe.MatchString(r.ID) {
			t.Errorf("line %d: id %q is not cs-NNNN", i+1, r.ID)
		}
		if seen[r.ID] {
			t.Errorf("%s: duplicate report id", r.ID)
		}
		seen[r.ID] = true
		date, err := domain.ParseDate(r.Date)
		if err != nil {
			t.Errorf("%s: date: %v", r.ID, err)
		}
		if !domain.Channel(r.Channel).Valid() {
			t.Errorf("%s: channel %q is not a channel", r.ID, r.Channel)
		}
		if r.Source == "" || r.Text == "" {
			t.Errorf("%s: source and text are required", r.ID)
		}
		if len(r.Events) == 0 {
			t.Errorf("%s: no events", r.ID)
		}
		// The line must also be an ordinary intake report.
		in, err := intake.DecodeLine(lines[i], intake.DecodeOptions{Lenient: true})
		if err != nil {
			t.Errorf("%s: intake cannot read the line: %v", r.ID, err)
		} else if len(in.Events) != len(r.Events) {
			t.Errorf("%s: intake read %d events, want %d", r.ID, len(in.Events), len(r.Events))
		}
		inReport := map[string]bool{}
		for j, e := range r.Events {
			checkSetEvent(t, r.ID, j, date, e)
			// Claims of one report are different happenings: a text that
			// lists incidents lists different ones.
			if inReport[e.Truth] {
				t.Errorf("%s events[%d]: truth %s appears twice in one report", r.ID, j, e.Truth)
			}
			inReport[e.Truth] = true
		}
	}
}

func checkSetEvent(t *testing.T, id string, j int, reportDate domain.Date, e setEvent) {
	t.Helper()
	if !truthRe.MatchString(e.Truth) {
		t.Errorf("%s events[%d]: truth %q is not TNNN", id, j, e.Truth)
	}
	typ := domain.EventType(e.Type)
	if !typ.Valid() {
		t.Errorf("%s events[%d]: type %q is not an event type code", id, j, e.Type)
	}
	sub := domain.SubEventType(e.SubType)
	if !sub.Valid() || sub.Type() != typ {
		t.Errorf("%s events[%d]: sub_type %q does not belong to %q", id, j, e.SubType, e.Type)
	}
	kind := domain.Kind(e.Kind)
	if !kind.Valid() {
		t.Errorf("%s events[%d]: kind %q is not a kind", id, j, e.Kind)
	}
	if kind != domain.KindNone && (typ != domain.StrategicDevelopment || sub != kind.SubEvent()) {
		t.Errorf("%s events[%d]: kind %q goes with strategic_development/%s, not %s/%s", id, j, kind, kind.SubEvent(), typ, sub)
	}
	if e.Place == "" {
		t.Errorf("%s events[%d]: place is empty", id, j)
	}
	if !pcodeRe.MatchString(e.PCode) {
		t.Errorf("%s events[%d]: pcode %q is not a MIMU P-code", id, j, e.PCode)
	}
	start, err1 := domain.ParseDate(e.DateStart)
	end, err2 := domain.ParseDate(e.DateEnd)
	switch {
	case err1 != nil || err2 != nil:
		t.Errorf("%s events[%d]: dates %q..%q do not parse", id, j, e.DateStart, e.DateEnd)
	case start > end || end > reportDate:
		t.Errorf("%s events[%d]: want date_start %s <= date_end %s <= report date %s", id, j, start, end, reportDate)
	}
	for _, f := range []*int64{e.KilledMin, e.InjuredMin, e.Displaced, e.Arrested, e.HandedOver} {
		if f != nil && *f < 0 {
			t.Errorf("%s events[%d]: negative figure %d", id, j, *f)
		}
	}
	for _, a := range e.Actors {
		switch a.Role {
		case domain.ActorAttacker, domain.ActorTarget, domain.ActorVictim, domain.ActorOther:
		default:
			t.Errorf("%s events[%d]: actor %q has role %q", id, j, a.Name, a.Role)
		}
		if a.Name == "" {
			t.Errorf("%s events[%d]: actor without a name", id, j)
		}
	}
	if e.Control != nil && e.Control.Actor == "" {
		t.Errorf("%s events[%d]: control without an actor", id, j)
	}
	if e.Access != nil {
		switch e.Access.Status {
		case domain.AccessClosed, domain.AccessRestricted, domain.AccessOpen:
		default:
			t.Errorf("%s events[%d]: access status %q", id, j, e.Access.Status)
		}
	}
}

func TestClusterSetSize(t *testing.T) {
	reports, _ := loadClusterSet(t)
	type truthStats struct {
		claims     int
		sources    map[string]bool
		cumulative map[bool]bool
	}
	truths := map[string]*truthStats{}
	claims, burmese := 0, 0
	for _, r := range reports {
		if hasMyanmarScript(r.Text) {
			burmese++
		}
		for _, e := range r.Events {
			claims++
			s := truths[e.Truth]
			if s == nil {
				s = &truthStats{sources: map[string]bool{}, cumulative: map[bool]bool{}}
				truths[e.Truth] = s
			}
			s.claims++
			s.sources[r.Source] = true
			s.cumulative[e.Cumulative] = true
		}
	}
	corroborated := 0
	for label, s := range truths {
		if s.claims >= 3 && len(s.sources) >= 2 {
			corroborated++
		}
		// A running total and an incident are never one happening.
		if len(s.cumulative) > 1 {
			t.Errorf("truth %s mixes cumulative and per-incident claims", label)
		}
	}
	for _, c := range []struct {
		what     string
		got, min int
	}{
		{"reports", len(reports), 150},
		{"claims", claims, 340},
		{"truth labels", len(truths), 90},
		{"truth labels with >= 3 claims from >= 2 sources", corroborated, 25},
		{"reports in Burmese script", burmese, 30},
	} {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.min)
		}
	}
	t.Logf("%d reports, %d claims, %d true events (%d corroborated), %d with Burmese text",
		len(reports), claims, len(truths), corroborated, burmese)
}

func hasMyanmarScript(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Myanmar, r) {
			return true
		}
	}
	return false
}
