package extract_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
	"sitroom/internal/golden"
)

// want is a hand-written expectation for one event of a fixture.
type want struct {
	Type        domain.EventType    `json:"type"`
	SubType     domain.SubEventType `json:"sub_type"`
	Kind        domain.Kind         `json:"kind"`
	Kinds       []domain.Kind       `json:"kinds"`
	PCode       string              `json:"pcode"`
	Killed      *int64              `json:"killed"`
	Injured     *int64              `json:"injured"`
	Displaced   *int64              `json:"displaced"`
	Arrested    *int64              `json:"arrested"`
	HandedOver  *int64              `json:"handed_over"`
	DateStart   domain.Date         `json:"date_start"`
	DateEnd     domain.Date         `json:"date_end"`
	Cumulative  *bool               `json:"cumulative"`
	Control     string              `json:"control"`
	ControlFrom string              `json:"control_from"`
	Access      string              `json:"access"`
}

type fixture struct {
	ID   string      `json:"id"`
	Date domain.Date `json:"date"`
	Text string      `json:"text"`
	Want []want      `json:"want"`
}

func readFixtures(t *testing.T, path string) []fixture {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixture
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var fx fixture
		if err := json.Unmarshal(sc.Bytes(), &fx); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, fx)
	}
	return out
}

func eq(got, want *int64) bool {
	if got == nil || want == nil {
		return got == nil && want == nil
	}
	return *got == *want
}

func show(p *int64) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprint(*p)
}

// check compares one event with its hand-written expectation.
func check(w want, g extract.ContractEvent) []string {
	var bad []string
	if g.Type != w.Type {
		bad = append(bad, fmt.Sprintf("type %s, want %s", g.Type, w.Type))
	}
	if w.SubType != "" && g.SubType != w.SubType {
		bad = append(bad, fmt.Sprintf("sub_type %s, want %s", g.SubType, w.SubType))
	}
	if w.Kind != "" && g.Kind != w.Kind {
		bad = append(bad, fmt.Sprintf("kind %s, want %s", g.Kind, w.Kind))
	}
	for _, k := range w.Kinds {
		found := false
		for _, x := range g.Kinds {
			found = found || x == k
		}
		if !found {
			bad = append(bad, fmt.Sprintf("kinds %v lack %s", g.Kinds, k))
		}
	}
	if w.PCode != "" {
		found := false
		for _, p := range g.PCodes {
			found = found || p == w.PCode
		}
		if !found {
			bad = append(bad, fmt.Sprintf("pcodes %v (%s), want %s", g.PCodes, g.Place, w.PCode))
		}
	}
	for _, f := range []struct {
		name      string
		got, want *int64
	}{{"killed", g.KilledMin, w.Killed}, {"injured", g.InjuredMin, w.Injured}, {"displaced", g.Displaced, w.Displaced},
		{"arrested", g.Arrested, w.Arrested}, {"handed_over", g.HandedOver, w.HandedOver}} {
		if !eq(f.got, f.want) {
			bad = append(bad, fmt.Sprintf("%s %s, want %s", f.name, show(f.got), show(f.want)))
		}
	}
	if w.DateStart != "" && g.DateStart != w.DateStart {
		bad = append(bad, fmt.Sprintf("date_start %s, want %s", g.DateStart, w.DateStart))
	}
	if w.DateEnd != "" && g.DateEnd != w.DateEnd {
		bad = append(bad, fmt.Sprintf("date_end %s, want %s", g.DateEnd, w.DateEnd))
	}
	if w.Cumulative != nil && g.Cumulative != *w.Cumulative {
		bad = append(bad, fmt.Sprintf("cumulative %v, want %v", g.Cumulative, *w.Cumulative))
	}
	if w.Control != "" && (g.Control == nil || g.Control.Actor != w.Control) {
		bad = append(bad, fmt.Sprintf("control %+v, want %s", g.Control, w.Control))
	}
	if w.ControlFrom != "" && (g.Control == nil || g.Control.From != w.ControlFrom) {
		bad = append(bad, fmt.Sprintf("control %+v, want from %s", g.Control, w.ControlFrom))
	}
	if w.Access != "" && (len(g.Access) == 0 || g.Access[0].Status != w.Access) {
		bad = append(bad, fmt.Sprintf("access %+v, want %s", g.Access, w.Access))
	}
	if g.DateEnd != "" && g.DateEnd < g.DateStart {
		bad = append(bad, "date_end before date_start")
	}
	return bad
}

// TestFixtures runs the hand-written fixtures (English in the styles of UN
// flash updates, local news and SMS; Burmese news sentences) and compares
// each event with its expectation; it also keeps a golden copy of the full
// output so that any change of output shows in review.
func TestFixtures(t *testing.T) {
	x := extract.New(extracttest.Places())
	for _, file := range []string{"fixtures_en.jsonl", "fixtures_my.jsonl"} {
		fixtures := readFixtures(t, filepath.Join("testdata", file))
		var out strings.Builder
		pass := 0
		for _, fx := range fixtures {
			evs := x.Events(extract.Document{Text: fx.Text, Date: fx.Date})
			var got []extract.ContractEvent
			for _, ev := range evs {
				got = append(got, extract.Contract(ev))
			}
			b, err := json.Marshal(struct {
				ID     string                  `json:"id"`
				Events []extract.ContractEvent `json:"events"`
			}{fx.ID, got})
			if err != nil {
				t.Fatal(err)
			}
			out.Write(b)
			out.WriteByte('\n')
			ok := true
			if len(got) != len(fx.Want) {
				ok = false
				var desc []string
				for _, g := range got {
					desc = append(desc, fmt.Sprintf("%s/%s@%s", g.Type, g.Kind, g.Place))
				}
				t.Errorf("%s: %d events %v, want %d", fx.ID, len(got), desc, len(fx.Want))
			} else {
				for i, w := range fx.Want {
					if bad := check(w, got[i]); len(bad) > 0 {
						ok = false
						t.Errorf("%s event %d: %s", fx.ID, i, strings.Join(bad, "; "))
					}
				}
			}
			if ok {
				pass++
			}
		}
		t.Logf("%s: %d/%d fixtures pass", file, pass, len(fixtures))
		gpath := filepath.Join("testdata", "golden", strings.TrimSuffix(file, ".jsonl")+".golden.jsonl")
		golden.Check(t, gpath, []byte(out.String()))
	}
}
