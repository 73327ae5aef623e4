package hxl_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/golden"
	"sitroom/internal/hxl"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/spreadsheet"
	"sitroom/internal/spreadsheet/spreadsheettest"
	"sitroom/internal/sqlite"
)

func TestParseTag(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"#adm1+code", "#adm1+code", true},
		{" #ADM1 +Code ", "#adm1+code", true},
		{"#affected+killed+f+children", "#affected+children+f+killed", true},
		{"#actor+target+name", "#actor+name+target", true},
		{"#event+type+type", "#event+type", true},
		{"#description", "#description", true},
		{"#x_custom+note_2", "#x_custom+note_2", true},
		{"adm1+code", "", false},
		{"#", "", false},
		{"#1abc", "", false},
		{"#adm1+", "", false},
		{"#adm 1", "", false},
		{"#adm1+co de", "", false},
		{"#Myanmar is burning", "", false},
	} {
		tag, ok := hxl.ParseTag(tc.in)
		if ok != tc.ok || (ok && tag.String() != tc.want) {
			t.Errorf("ParseTag(%q) = %v, %v; want %q, %v", tc.in, tag, ok, tc.want, tc.ok)
		}
	}
}

func TestMatch(t *testing.T) {
	for tag, want := range map[string]hxl.Field{
		"#event+type":             hxl.FieldEventType,
		"#event+type+sub":         hxl.FieldSubType,
		"#event+subtype":          hxl.FieldSubType,
		"#event+type+disorder":    "",
		"#date":                   hxl.FieldDate,
		"#date+year":              "",
		"#date+occurred":          hxl.FieldDate,
		"#date+end":               hxl.FieldDateEnd,
		"#adm3+name":              hxl.FieldAdm3Name,
		"#adm3+code+v_pcode":      hxl.FieldAdm3Code,
		"#affected+killed+num":    hxl.FieldKilled,
		"#affected+idps":          hxl.FieldDisplaced,
		"#meta+source":            hxl.FieldSource,
		"#meta+source+scale":      "",
		"#org+name":               hxl.FieldSource,
		"#group+name+first+assoc": hxl.FieldActor,
		"#group+type+first":       "",
		"#actor+victim+name":      hxl.FieldActor,
		"#sector":                 "",
		"#geo+lat":                hxl.FieldLat,
		"#event+code":             hxl.FieldID,
		"#description+notes+i_en": hxl.FieldText,
	} {
		tg, ok := hxl.ParseTag(tag)
		if !ok {
			t.Fatalf("bad test tag %s", tag)
		}
		r, matched := hxl.Match(tg)
		if got := r.Field; matched != (want != "") || got != want {
			t.Errorf("Match(%s) = %q (%v), want %q", tag, got, matched, want)
		}
	}
	if hxl.TagFor(hxl.FieldKilled) != "#affected+killed" || hxl.TagFor(hxl.FieldID) != "#meta+id" {
		t.Error("TagFor does not give the canonical tags")
	}
}

func records(rows ...[]string) []spreadsheet.Record {
	out := make([]spreadsheet.Record, len(rows))
	for i, r := range rows {
		out[i] = spreadsheet.Record{Fields: r, Line: i + 1}
	}
	return out
}

func TestFindHashtagRow(t *testing.T) {
	for _, tc := range []struct {
		name string
		recs []spreadsheet.Record
		want int
	}{
		{"line 1", records([]string{"#adm1+code", "#affected"}, []string{"MMR015", "3"}), 0},
		{"line 2", records([]string{"State", "Killed"}, []string{"#adm1+code", "#affected+killed"}), 1},
		{"mostly tags", records([]string{"title", "", ""}, []string{"#adm1", "#loc+name", "not a tag"}), 1},
		{"half is not most", records([]string{"#adm1", "plain"}, []string{"#adm1", "#loc"}), 1},
		{"data with a hashtag", records([]string{"A", "B", "C"}, []string{"#Myanmar", "text", "more"}), -1},
		{"none", records([]string{"a", "b"}, []string{"1", "2"}), -1},
		{"empty", nil, -1},
	} {
		got, ok := hxl.FindHashtagRow(tc.recs)
		if got != tc.want || ok != (tc.want >= 0) {
			t.Errorf("%s: FindHashtagRow = %d, %v; want %d", tc.name, got, ok, tc.want)
		}
	}
	var deep []spreadsheet.Record
	for i := 0; i < 30; i++ {
		deep = append(deep, spreadsheet.Record{Fields: []string{"x"}, Line: i + 1})
	}
	deep[26].Fields = []string{"#adm1"}
	if _, ok := hxl.FindHashtagRow(deep); ok {
		t.Error("found a hashtag row past the first 25 rows")
	}
}

func decodeAll(t testing.TB, path string) ([]spreadsheet.Row, []spreadsheet.RowError, *hxl.Decoder) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec, err := hxl.NewDecoder(spreadsheet.NewReader(f), nil)
	if err != nil {
		t.Fatalf("NewDecoder: %v", err)
	}
	rows, errs := spreadsheettest.DecodeAll(t, dec)
	return rows, errs, dec
}

// TestGolden decodes the well-formed fixtures (tags on line 1, on line 2,
// under extra header rows) and compares them with golden files.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file    string
		tagLine int
		rows    int
		ignored []string
	}{
		{"tags_line2.csv", 2, 4, []string{"#sector"}},
		{"tags_line1.csv", 1, 3, []string{"#x_custom+note"}},
		{"extra_headers.csv", 5, 3, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			rows, errs, dec := decodeAll(t, filepath.Join("testdata", tc.file))
			if len(errs) > 0 || len(rows) != tc.rows {
				t.Fatalf("%d rows, errors %+v", len(rows), errs)
			}
			if dec.TagLine != tc.tagLine || !reflect.DeepEqual(dec.Ignored(), tc.ignored) {
				t.Errorf("tag line %d, ignored %v; want %d, %v", dec.TagLine, dec.Ignored(), tc.tagLine, tc.ignored)
			}
			type out struct {
				Line  int          `json:"line"`
				Input intake.Input `json:"input"`
			}
			var got []out
			for _, r := range rows {
				got = append(got, out{r.Line, r.Input})
			}
			b, _ := json.MarshalIndent(got, "", "  ")
			b = append(b, '\n')
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(tc.file, ".csv")+".golden.json"), b)
		})
	}
}

// TestRowRules checks the mapping rules the goldens rest on.
func TestRowRules(t *testing.T) {
	rows, _, _ := decodeAll(t, "testdata/tags_line2.csv")
	first := rows[0].Input
	ev := first.Events[0]
	if first.ID != "HX-001" || first.Source != "Shan Relief Network" || ev.PCode != "MMR015002" || ev.Place != "Hseni" || *ev.KilledMin != 3 {
		t.Errorf("row 1: %+v / %+v", first, ev)
	}
	wantActors := []intake.ActorInput{{Name: "TNLA", Role: "attacker"}, {Name: "MNDAA", Role: "attacker"}, {Name: "Myanmar military", Role: "target"}}
	if !reflect.DeepEqual(ev.Actors, wantActors) {
		t.Errorf("actors = %+v", ev.Actors)
	}
	if d := rows[2].Input.Events[0].Displaced; d == nil || *d != 1200 {
		t.Errorf("displaced \"1,200\" read as %v", d)
	}
	if rows[3].Input.Date != "2023-11-06" || rows[3].Input.Events[0].Type != "strategic_development" {
		t.Errorf("row 4: %+v", rows[3].Input)
	}
	line1, _, _ := decodeAll(t, "testdata/tags_line1.csv")
	if !strings.HasPrefix(line1[0].Input.ID, "hxl:") || line1[0].Input.Meta["text_generated"] != "true" {
		t.Errorf("a row without id or text: %+v", line1[0].Input)
	}
	if a := line1[1].Input.Events[0].Actors; len(a) != 2 || a[1].Role != "victim" {
		t.Errorf("second actor of violence against civilians: %+v", a)
	}
	extra, _, _ := decodeAll(t, "testdata/extra_headers.csv")
	if extra[2].Line != 9 {
		t.Errorf("row after a blank line is on line %d, want 9", extra[2].Line)
	}
	if extra[0].Input.Events != nil {
		t.Errorf("a row without an event type became an event: %+v", extra[0].Input.Events)
	}
}

func TestBadRowsByLine(t *testing.T) {
	rows, errs, _ := decodeAll(t, "testdata/bad_rows.csv")
	want := []spreadsheet.RowError{
		{Line: 4, Column: "#event+type"},
		{Line: 5, Column: "#date+occurred"},
		{Line: 6, Column: "#affected+killed"},
		{Line: 7, Column: "#geo+lat"},
		{Line: 8},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors = %+v", errs)
	}
	for i, w := range want {
		if errs[i].Line != w.Line || errs[i].Column != w.Column || errs[i].Message == "" {
			t.Errorf("error %d = %+v, want line %d column %q", i, errs[i], w.Line, w.Column)
		}
	}
	if len(rows) != 2 || rows[1].Line != 10 {
		t.Errorf("good rows: %+v", rows)
	}
}

func TestNoHashtagRow(t *testing.T) {
	_, err := hxl.NewDecoder(spreadsheet.NewReader(strings.NewReader("a,b\n1,2\n")), nil)
	if !domain.IsCode(err, domain.CodeInvalid) {
		t.Errorf("err = %v", err)
	}
	_, err = hxl.NewDecoder(spreadsheet.NewReader(strings.NewReader("#sector,#x_y\n1,2\n")), nil)
	if !domain.IsCode(err, domain.CodeInvalid) {
		t.Errorf("only unknown tags: err = %v", err)
	}
}

func TestImportTwice(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "hxl.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := &intake.Service{Store: store, Clock: clock.NewManual(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), IDs: ids.NewSequence("H")}
	for i, want := range []struct{ created, dup int }{{3, 0}, {0, 3}} {
		open := func() (spreadsheet.Decoder, error) {
			f, err := os.ReadFile("testdata/tags_line1.csv")
			if err != nil {
				return nil, err
			}
			return hxl.NewDecoder(spreadsheet.NewReader(bytes.NewReader(f)), nil)
		}
		sum, err := spreadsheet.Import(context.Background(), svc, open, spreadsheet.Options{Mode: spreadsheet.ModeAllOrNothing})
		if err != nil || sum.Created != want.created || sum.Duplicate != want.dup || !reflect.DeepEqual(sum.Ignored, []string{"#x_custom+note"}) {
			t.Errorf("import %d: %+v, %v", i+1, sum, err)
		}
	}
}

// FuzzHeaderDetection finds the hashtag row of arbitrary CSV: no panic,
// and a row it picks is mostly hashtags.
func FuzzHeaderDetection(f *testing.F) {
	for _, name := range []string{"tags_line1.csv", "tags_line2.csv", "extra_headers.csv", "bad_rows.csv"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(b)
	}
	f.Add([]byte("#a,#b\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := spreadsheet.NewReader(bytes.NewReader(b))
		recs := r.Peek(hxl.MaxHeaderRows)
		i, ok := hxl.FindHashtagRow(recs)
		if !ok {
			return
		}
		if !hxl.IsHashtagRow(recs[i].Fields) {
			t.Fatalf("picked row %d that is not mostly hashtags: %q", i, recs[i].Fields)
		}
		if dec, err := hxl.NewDecoder(spreadsheet.NewReader(bytes.NewReader(b)), nil); err == nil && dec.TagLine != recs[i].Line {
			t.Fatalf("decoder tag line %d, detection %d", dec.TagLine, recs[i].Line)
		}
	})
}

// FuzzRow decodes an arbitrary data row under a full tag row.
func FuzzRow(f *testing.F) {
	const tags = "#meta+id,#event+type,#event+subtype,#date+occurred,#date+end,#adm3+code,#loc+name,#affected+killed,#affected+displaced,#geo+lat,#geo+lon,#actor+name+attacker,#description,#org+name\n"
	f.Add("X1,Battles,Armed clash,2023-11-02,,MMR015002,Hseni,3,,23.3,97.9,TNLA,Fighting.,Org")
	f.Add(",,Air/drone strike,12 November 2023,2023-11-13,,,\"1,000\",,,,,,")
	f.Add("\"unterminated")
	f.Fuzz(func(t *testing.T, line string) {
		dec, err := hxl.NewDecoder(spreadsheet.NewReader(strings.NewReader(tags+line+"\n")), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 10; i++ {
			row, err := dec.Next()
			if err != nil {
				return
			}
			in := row.Input
			if strings.TrimSpace(in.Text) == "" || in.ID == "" || row.Line < 2 {
				t.Fatalf("accepted an unusable row: %+v", row)
			}
			for _, ev := range in.Events {
				if _, ok := domain.ParseEventType(ev.Type); !ok {
					t.Fatalf("accepted type %q", ev.Type)
				}
				if ev.Place == "" && ev.PCode == "" && ev.Lat == nil {
					t.Fatalf("accepted an event without a place")
				}
				if ev.KilledMin != nil && *ev.KilledMin < 0 {
					t.Fatalf("negative count")
				}
			}
		}
	})
}
