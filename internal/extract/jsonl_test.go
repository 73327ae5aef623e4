package extract_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// TestRunJSONL checks the contract: one output line per input line, in
// order, ids echoed, extra fields ignored, and a bad line answered with an
// error while the run goes on.
func TestRunJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","date":"2023-11-13","text":"On Sunday, the MNDAA seized Kunlong.","url":"x","gold":{}}`,
		`not json`,
		`{"id":7,"date":"2023-11-13"}`,
		`{"id":"c","date":"13 November","text":"Clashes in Kutkai."}`,
		``,
		`{"id":"d","text":"Nothing happened here."}`,
		`{"id":"e","date":"2023-11-20","text":"At least 9 civilians were killed by shelling in Namhkan on Saturday."}`,
	}, "\n")
	x := extract.New(extracttest.Places(), extract.WithClock(fixedClock{time.Date(2023, 11, 21, 0, 0, 0, 0, time.UTC)}))
	var out bytes.Buffer
	lines, bad, err := x.RunJSONL(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if lines != 6 || bad != 3 {
		t.Errorf("lines %d bad %d, want 6 and 3", lines, bad)
	}
	type line struct {
		ID     json.RawMessage          `json:"id"`
		Events []map[string]interface{} `json:"events"`
		Error  string                   `json:"error"`
	}
	var got []line
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("output %q: %v", sc.Text(), err)
		}
		got = append(got, l)
	}
	if len(got) != 6 {
		t.Fatalf("%d output lines, want 6", len(got))
	}
	wantIDs := []string{`"a"`, `null`, `7`, `"c"`, `"d"`, `"e"`}
	wantErr := []bool{false, true, true, true, false, false}
	for i, l := range got {
		if string(l.ID) != wantIDs[i] {
			t.Errorf("line %d id %s, want %s", i, l.ID, wantIDs[i])
		}
		if (l.Error != "") != wantErr[i] {
			t.Errorf("line %d error %q", i, l.Error)
		}
		if l.Events == nil {
			t.Errorf("line %d: events is null, want a list", i)
		}
	}
	if len(got[0].Events) != 1 || got[0].Events[0]["type"] != "battle" || got[0].Events[0]["date_start"] != "2023-11-12" {
		t.Errorf("line a: %+v", got[0].Events)
	}
	if c, ok := got[0].Events[0]["control"].(map[string]interface{}); !ok || c["actor"] != "MNDAA" {
		t.Errorf("line a control %v", got[0].Events[0]["control"])
	}
	if len(got[4].Events) != 0 {
		t.Errorf("line d: %+v", got[4].Events)
	}
	e := got[5].Events
	if len(e) != 1 || e[0]["killed_min"] != float64(9) || e[0]["injured_min"] != nil || e[0]["date_start"] != "2023-11-18" {
		t.Errorf("line e: %+v", e)
	}
	for _, k := range []string{"type", "sub_type", "place", "pcodes", "actors", "killed_min", "injured_min", "displaced",
		"arrested", "date_start", "date_end", "time_precision", "cumulative", "control"} {
		if _, ok := e[0][k]; !ok {
			t.Errorf("line e lacks %q", k)
		}
	}
}

// TestRunJSONLTooLong checks that a line over the limit is reported, not
// silently dropped.
func TestRunJSONLTooLong(t *testing.T) {
	x := extract.New(nil)
	long := `{"id":"x","text":"` + strings.Repeat("a", 5<<20) + `"}`
	var out bytes.Buffer
	_, bad, err := x.RunJSONL(strings.NewReader(long), &out)
	if err == nil || bad != 1 || !strings.Contains(out.String(), `"error"`) {
		t.Errorf("err %v bad %d out %.100s", err, bad, out.String())
	}
}

// TestClaims checks what every claim carries: the extractor's name, a
// confidence, Seq in order, no ids (intake sets them), the source.
func TestClaims(t *testing.T) {
	now := time.Date(2023, 11, 21, 8, 0, 0, 0, time.UTC)
	x := extract.New(extracttest.Places(), extract.WithClock(fixedClock{now}))
	cl := x.Extract(extract.Document{Date: "2023-11-20", Source: "test desk",
		Text: "Lashio airport was closed and internet was cut on Sunday. Junta shelling killed two civilians in Hseni on Saturday."})
	if len(cl) != 3 {
		t.Fatalf("%d claims: %+v", len(cl), cl)
	}
	for i, c := range cl {
		if c.Seq != i || c.ID != "" || c.ReportID != "" || c.EventID != "" {
			t.Errorf("claim %d: seq %d ids %q %q %q", i, c.Seq, c.ID, c.ReportID, c.EventID)
		}
		if c.Extractor != "extract/"+extract.Version || c.Confidence <= 0 || c.Source != "test desk" || !c.CreatedAt.Equal(now) {
			t.Errorf("claim %d: %q %v %q %v", i, c.Extractor, c.Confidence, c.Source, c.CreatedAt)
		}
		if c.Type == "strategic_development" && (c.Access == nil || c.Access.Status != "closed") {
			t.Errorf("claim %d: access %+v", i, c.Access)
		}
	}
	if cl[0].Kind != "access_airport" || cl[1].Kind != "access_telecom" || cl[0].PCode != cl[1].PCode {
		t.Errorf("access claims %+v / %+v", cl[0], cl[1])
	}
	if cl[2].Adm1 != "MMR015" || cl[2].Adm3 != "MMR015002" || cl[2].Lat == nil || cl[2].GeoPrecision != 1 {
		t.Errorf("location %+v", cl[2].Location)
	}
}

// TestZawgyiInput checks that Zawgyi text is converted before it is read.
func TestZawgyiInput(t *testing.T) {
	x := extract.New(extracttest.Places())
	// "လားရှိုးမြို့တွင် တိုက်ပွဲ ဖြစ်ပွားခဲ့သည်" (fighting in Lashio) typed in Zawgyi
	zg := "လားရွိဳးၿမိဳ႕တြင္ တိုက္ပြဲ ျဖစ္ပြားခဲ့သည္။"
	evs := x.Events(extract.Document{Text: zg, Date: "2023-11-20"})
	if len(evs) != 1 || evs[0].Claims[0].Type != "battle" || evs[0].Claims[0].PCode != "MMR015001701" {
		t.Errorf("events %+v", evs)
	}
}
