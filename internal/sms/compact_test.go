package sms

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/golden"
	"sitroom/internal/intake"
)

const testToday domain.Date = "2023-11-16"

// parseResult is one line of the golden file.
type parseResult struct {
	Text    string              `json:"text"`
	Keyword string              `json:"keyword,omitempty"`
	Burmese bool                `json:"burmese,omitempty"`
	Events  []intake.EventInput `json:"events,omitempty"`
	Error   string              `json:"error,omitempty"`
	Reply   string              `json:"reply,omitempty"`
}

func compactCases(t testing.TB) []string {
	f, err := os.Open("testdata/compact.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.ReplaceAll(l, `\n`, "\n"))
		}
	}
	return out
}

func TestParseGolden(t *testing.T) {
	var got []parseResult
	for _, text := range compactCases(t) {
		p, err := Parse(text, testToday)
		r := parseResult{Text: text, Keyword: p.Keyword, Burmese: p.Burmese, Events: p.Events}
		var pe *ParseError
		if errors.As(err, &pe) {
			r.Error, r.Reply = pe.Error(), pe.Reply()
		} else if err != nil {
			t.Fatalf("Parse(%q): %v is not a *ParseError", text, err)
		}
		got = append(got, r)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/compact.golden.json", append(b, '\n'))
}

func TestParse(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		text string
		want intake.EventInput
	}{
		{"CLASH LAUKKAI K3 I5 D200 MNDAA", intake.EventInput{Type: "battle", SubType: "armed_clash", Place: "Laukkai",
			KilledMin: n(3), InjuredMin: n(5), Displaced: n(200), Actors: []intake.ActorInput{{Name: "MNDAA"}}}},
		{"AIRSTRIKE NAMHKAM K2 I6 YDAY", intake.EventInput{Type: "explosion_remote_violence", SubType: "air_drone_strike",
			Place: "Namhkam", KilledMin: n(2), InjuredMin: n(6), DateStart: "2023-11-15"}},
		{"ROAD LASHIO-MUSE CLOSED", intake.EventInput{Type: "strategic_development", Kind: "access_road", Place: "Lashio",
			Access: &domain.Access{Status: "closed", Route: "Lashio–Muse"}}},
		{"DISPLACED KUTKAI 500", intake.EventInput{Type: "strategic_development", Kind: "displacement", Place: "Kutkai", Displaced: n(500)}},
		{"TELECOM LASHIO DOWN", intake.EventInput{Type: "strategic_development", Kind: "access_telecom", Place: "Lashio", Access: &domain.Access{Status: "closed"}}},
		{"BRIDGE HSENWI CLOSED 27OCT", intake.EventInput{Type: "strategic_development", Kind: "access_bridge", Place: "Hsenwi",
			Access: &domain.Access{Status: "closed"}, DateStart: "2023-10-27"}},
		{"CLASH laukkai k3 27/10", intake.EventInput{Type: "battle", SubType: "armed_clash", Place: "Laukkai", KilledMin: n(3), DateStart: "2023-10-27"}},
		{"CLASH LAUKKAI 20/12", intake.EventInput{Type: "battle", SubType: "armed_clash", Place: "Laukkai", DateStart: "2022-12-20"}},
		{"တိုက်ပွဲ လောက်ကိုင် K၃ မနေ့က", intake.EventInput{Type: "battle", SubType: "armed_clash", Place: "လောက်ကိုင်", KilledMin: n(3), DateStart: "2023-11-15"}},
		{"ထွက်ပြေး ကွတ်ခိုင် ၅၀၀", intake.EventInput{Type: "strategic_development", Kind: "displacement", Place: "ကွတ်ခိုင်", Displaced: n(500)}},
		{"လမ်းပိတ် လားရှိုး-မူဆယ်", intake.EventInput{Type: "strategic_development", Kind: "access_road", Place: "လားရှိုး",
			Access: &domain.Access{Status: "closed", Route: "လားရှိုး–မူဆယ်"}}},
		{"CAPTURED CHINSHWEHAW MNDAA TATMADAW", intake.EventInput{Type: "battle", SubType: "non_state_actor_overtakes_territory", Place: "Chinshwehaw",
			Actors: []intake.ActorInput{{Name: "MNDAA"}, {Name: "TATMADAW"}}, Control: &domain.ControlChange{Actor: "MNDAA", From: "TATMADAW"}}},
	}
	for _, tc := range tests {
		p, err := Parse(tc.text, testToday)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.text, err)
			continue
		}
		if len(p.Events) != 1 {
			t.Errorf("Parse(%q) gave %d events", tc.text, len(p.Events))
			continue
		}
		got := p.Events[0]
		got.Summary = ""
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(tc.want)
		if string(gb) != string(wb) {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tc.text, gb, wb)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ text, token, reply string }{
		{"CLASH LAUKKAI K3X", "K3X", "Not understood: 'K3X'. Send e.g. CLASH LASHIO K2"},
		{"CLASH", "CLASH", "Not understood: 'CLASH'. Send e.g. CLASH LASHIO K2"},
		{"ROAD LASHIO-MUSE", "ROAD", "Not understood: 'ROAD'. Send e.g. ROAD LASHIO-MUSE CLOSED"},
		{"DISPLACED KUTKAI", "DISPLACED", "Not understood: 'DISPLACED'. Send e.g. DISPLACED KUTKAI 500"},
		{"CLASH LAUKKAI 32/10", "32/10", "Not understood: '32/10'. Send e.g. CLASH LASHIO K2"},
		{"CLASH LAUKKAI 20/11/23", "20/11/23", "Not understood: '20/11/23'. Send e.g. CLASH LASHIO K2"},
		{"CLASH LAUKKAI K3 K4", "K4", "Not understood: 'K4'. Send e.g. CLASH LASHIO K2"},
		{"CLASH LAUKKAI K3; hello there", "hello", "Not understood: 'hello'. Send e.g. CLASH LASHIO K2"},
		{"တိုက်ပွဲ လားရှိုး K၃X", "K၃X", "နားမလည်ပါ: 'K၃X'။ ဥပမာ တိုက်ပွဲ လားရှိုး K2"},
	}
	for _, tc := range tests {
		p, err := Parse(tc.text, testToday)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want a *ParseError", tc.text, err)
			continue
		}
		if !p.Structured() {
			t.Errorf("Parse(%q): a keyword message lost its keyword", tc.text)
		}
		if pe.Token != tc.token || pe.Reply() != tc.reply {
			t.Errorf("Parse(%q): token %q reply %q, want %q and %q", tc.text, pe.Token, pe.Reply(), tc.token, tc.reply)
		}
		if !FitsOne(pe.Reply()) {
			t.Errorf("reply %q takes more than one SMS", pe.Reply())
		}
	}
}

func TestFreeText(t *testing.T) {
	for _, text := range []string{"Fighting near Laukkai since morning", "လားရှိုးမြို့မှာ တိုက်ပွဲဖြစ်နေတယ်", "", "   ", "K3 CLASH", "clash laukkai k3", "Road to Muse is closed"} {
		p, err := Parse(text, testToday)
		if err != nil || p.Structured() || len(p.Events) != 0 {
			t.Errorf("Parse(%q) = %+v, %v; want free text", text, p, err)
		}
	}
}

func TestAck(t *testing.T) {
	ref := ShortRef("01HF3Z8Q4R7K2M9XW5T6V8B0CD")
	if ref != "V8B0CD"[0:0]+"6V8B0CD"[0:0]+"T6V8B0CD" {
		t.Errorf("ShortRef = %q", ref)
	}
	for _, burmese := range []bool{false, true} {
		a := Ack(ref, burmese)
		if !strings.Contains(a, ref) || !FitsOne(a) {
			t.Errorf("Ack(%q, %v) = %q: missing the ref or over one SMS", ref, burmese, a)
		}
		if burmese != (Encode(a) == UCS2) {
			t.Errorf("Ack(%v) is %s", burmese, Encode(a))
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"CLASH LAUKKAI K3 I5 D200 MNDAA", "ROAD LASHIO-MUSE CLOSED", "တိုက်ပွဲ လောက်ကိုင် K၃", "DISPLACED X 5;CLASH", "CLASH A 31/2", "BRIDGE \xff CLOSED"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s, testToday)
		var pe *ParseError
		switch {
		case err != nil && !errors.As(err, &pe):
			t.Fatalf("Parse(%q): %v is not a *ParseError", s, err)
		case err != nil:
			if !p.Structured() || !FitsOne(pe.Reply()) {
				t.Fatalf("Parse(%q): error without keyword or long reply %q", s, pe.Reply())
			}
		case p.Structured() != IsCompact(s):
			t.Fatalf("Parse(%q) structured=%v but IsCompact=%v", s, p.Structured(), IsCompact(s))
		}
		for _, ev := range p.Events {
			if ev.Type == "" || ev.Place == "" {
				t.Fatalf("Parse(%q) gave an event without type or place: %+v", s, ev)
			}
			if ev.DateStart != "" && domain.Date(ev.DateStart) > testToday {
				t.Fatalf("Parse(%q) gave a future date %s", s, ev.DateStart)
			}
		}
	})
}
