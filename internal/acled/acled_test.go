package acled_test

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

	"sitroom/internal/acled"
	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/golden"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/spreadsheet"
	"sitroom/internal/spreadsheet/spreadsheettest"
	"sitroom/internal/sqlite"
)

func decodeAll(t testing.TB, path string, res spreadsheet.PlaceResolver) ([]spreadsheet.Row, []spreadsheet.RowError, *acled.Decoder) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec, err := acled.NewDecoder(spreadsheet.NewReader(f), res)
	if err != nil {
		t.Fatalf("NewDecoder: %v", err)
	}
	rows, errs := spreadsheettest.DecodeAll(t, dec)
	return rows, errs, dec
}

func TestColumnsAreTheCodebooks(t *testing.T) {
	want := "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1," +
		"inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3," +
		"location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
	if got := strings.Join(acled.ColumnNames(), ","); got != want {
		t.Errorf("columns:\n got %s\nwant %s", got, want)
	}
	seen := map[string]bool{}
	for _, c := range acled.Columns {
		if !strings.HasPrefix(c.HXL, "#") || seen[c.HXL] {
			t.Errorf("column %s: HXL tag %q missing or repeated", c.Name, c.HXL)
		}
		seen[c.HXL] = true
	}
}

func TestCanonicalColumn(t *testing.T) {
	for in, want := range map[string]string{
		"EVENT_ID_CNTY": "event_id_cnty", " Event Date ": "event_date", "Sub Event Type": "sub_event_type",
		"assoc_actor1": "assoc_actor_1", "LATITUDE": "latitude", "lng": "longitude",
	} {
		if got, ok := acled.CanonicalColumn(in); !ok || got != want {
			t.Errorf("CanonicalColumn(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := acled.CanonicalColumn("Extra Column"); ok {
		t.Error("an unknown column was taken as ACLED's")
	}
}

func TestRoles(t *testing.T) {
	for _, tc := range []struct {
		typ    domain.EventType
		inter2 domain.Inter
		r1, r2 domain.ActorRole
	}{
		{domain.Battle, domain.InterState, domain.ActorAttacker, domain.ActorTarget},
		{domain.ExplosionRemoteViolence, domain.InterCivilians, domain.ActorAttacker, domain.ActorVictim},
		{domain.ViolenceAgainstCivilians, domain.InterCivilians, domain.ActorAttacker, domain.ActorVictim},
		{domain.Protest, domain.InterUnknown, domain.ActorOther, domain.ActorOther},
		{domain.StrategicDevelopment, domain.InterCivilians, domain.ActorOther, domain.ActorOther},
	} {
		r1, r2 := acled.Roles(tc.typ, tc.inter2)
		if r1 != tc.r1 || r2 != tc.r2 {
			t.Errorf("Roles(%s, %d) = %s, %s; want %s, %s", tc.typ, tc.inter2, r1, r2, tc.r1, tc.r2)
		}
	}
}

// TestExportGolden decodes the 20-row export and compares the reports
// with the golden file (go test -update rewrites it).
func TestExportGolden(t *testing.T) {
	rows, errs, dec := decodeAll(t, "testdata/export.csv", nil)
	if len(errs) > 0 || len(rows) != 20 {
		t.Fatalf("%d rows, errors %v", len(rows), errs)
	}
	if len(dec.Ignored()) != 0 {
		t.Errorf("ignored columns in a codebook export: %v", dec.Ignored())
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
	golden.Check(t, "testdata/export.golden.json", b)

	// The rules behind the golden file.
	first := rows[0].Input
	ev := first.Events[0]
	if first.ID != "MMR90001" || first.Meta["acled_event_id"] != "MMR90001" || first.Source != "Local media A" || first.Channel != "import" {
		t.Errorf("row 1 report: %+v", first)
	}
	if ev.Type != "battle" || ev.SubType != "armed_clash" || ev.Place != "Hseni" || *ev.Lat != 23.2995 || ev.KilledMin != nil {
		t.Errorf("row 1 event: %+v", ev)
	}
	wantActors := []intake.ActorInput{
		{Name: "MNDAA: Myanmar National Democratic Alliance Army", Role: "attacker"},
		{Name: "Three Brotherhood Alliance", Role: "attacker"},
		{Name: "TNLA: Taang National Liberation Army", Role: "attacker"},
		{Name: "Military Forces of Myanmar (2021-)", Role: "target"},
	}
	if !reflect.DeepEqual(ev.Actors, wantActors) {
		t.Errorf("row 1 actors = %+v", ev.Actors)
	}
	if r := rows[2].Input.Events[0]; r.KilledMin == nil || *r.KilledMin != 1 || r.Actors[1].Role != "victim" {
		t.Errorf("row 3 (shelling of civilians): %+v", r)
	}
	if rows[3].Input.Date != "2023-10-28" || rows[3].Line != 5 || rows[4].Line != 7 {
		t.Errorf("ACLED's long date or the lines after a multi-line note: %s, lines %d %d", rows[3].Input.Date, rows[3].Line, rows[4].Line)
	}
}

func TestReorderedColumns(t *testing.T) {
	rows, errs, dec := decodeAll(t, "testdata/reordered.csv", nil)
	if len(errs) > 0 || len(rows) != 5 {
		t.Fatalf("%d rows, errors %v", len(rows), errs)
	}
	full, _, _ := decodeAll(t, "testdata/export.csv", nil)
	for i, r := range rows {
		a, b := r.Input, full[i].Input
		if a.ID != b.ID || a.Date != b.Date || a.Text != b.Text || a.Source != b.Source {
			t.Errorf("row %d differs from the codebook-order file: %+v vs %+v", i, a, b)
		}
		ea, eb := a.Events[0], b.Events[0]
		if ea.Type != eb.Type || ea.SubType != eb.SubType || ea.Place != eb.Place || *ea.Lat != *eb.Lat || !reflect.DeepEqual(ea.KilledMin, eb.KilledMin) {
			t.Errorf("row %d event differs: %+v vs %+v", i, ea, eb)
		}
	}
	if !reflect.DeepEqual(dec.Ignored(), []string{"Extra Column"}) {
		t.Errorf("ignored = %v", dec.Ignored())
	}
}

func TestBadRowsByLine(t *testing.T) {
	rows, errs, _ := decodeAll(t, "testdata/bad_rows.csv", nil)
	want := []spreadsheet.RowError{
		{Line: 3, Column: "event_type"},
		{Line: 5, Column: "latitude"},
		{Line: 7, Column: "fatalities"},
		{Line: 8, Column: "event_date"},
		{Line: 9, Column: "sub_event_type"},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors = %+v", errs)
	}
	for i, w := range want {
		if errs[i].Line != w.Line || errs[i].Column != w.Column || errs[i].Message == "" {
			t.Errorf("error %d = %+v, want line %d column %s", i, errs[i], w.Line, w.Column)
		}
	}
	if len(rows) != 3 {
		t.Errorf("%d good rows, want 3", len(rows))
	}
}

func TestHeaderProblems(t *testing.T) {
	for name, csv := range map[string]string{
		"empty":            "",
		"missing required": "event_id_cnty,event_date,notes\nMMR1,2023-11-01,x\n",
		"duplicate column": "event_id_cnty,event_date,event_type,EVENT_TYPE\n",
	} {
		_, err := acled.NewDecoder(spreadsheet.NewReader(strings.NewReader(csv)), nil)
		if !domain.IsCode(err, domain.CodeInvalid) {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
	_, err := acled.NewDecoder(spreadsheet.NewReader(strings.NewReader("event_id_cnty,event_date,notes\n")), nil)
	if err == nil || !strings.Contains(err.Error(), "event_type") || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("missing column error should name the column and the line: %v", err)
	}
}

type fakeResolver map[string]string

func (f fakeResolver) ResolvePlace(p spreadsheet.Place) (string, bool) {
	c, ok := f[p.Admin3+"/"+p.Location]
	return c, ok
}

func TestResolverHook(t *testing.T) {
	rows, _, _ := decodeAll(t, "testdata/export.csv", fakeResolver{"Laukkaing/Chinshwehaw": "MMR015022"})
	var got []string
	for _, r := range rows {
		if r.Input.Events[0].PCode != "" {
			got = append(got, r.Input.ID+"="+r.Input.Events[0].PCode)
		}
	}
	if !reflect.DeepEqual(got, []string{"MMR90004=MMR015022"}) {
		t.Errorf("resolved = %v", got)
	}
}

// newService is the intake pipeline over a fresh SQLite database.
func newService(t *testing.T) *intake.Service {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clk := clock.NewManual(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC))
	return &intake.Service{Store: store, Clock: clk, IDs: ids.NewSequence("I")}
}

func importFile(t *testing.T, svc *intake.Service, path string, mode spreadsheet.Mode) spreadsheet.Summary {
	t.Helper()
	open := func() (spreadsheet.Decoder, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return acled.NewDecoder(spreadsheet.NewReader(bytes.NewReader(b)), nil)
	}
	sum, err := spreadsheet.Import(context.Background(), svc, open, spreadsheet.Options{Format: "acled", Mode: mode, BatchSize: 7,
		Principal: domain.Principal{Name: "tester", Role: domain.RoleAdmin}})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return sum
}

func TestImportAndReimport(t *testing.T) {
	svc := newService(t)
	sum := importFile(t, svc, "testdata/export.csv", spreadsheet.ModePartial)
	if sum.Rows != 20 || sum.Created != 20 || sum.Failed != 0 || !sum.Imported {
		t.Fatalf("first import: %+v", sum)
	}
	again := importFile(t, svc, "testdata/export.csv", spreadsheet.ModeAllOrNothing)
	if again.Created != 0 || again.Duplicate != 20 {
		t.Errorf("re-import: %+v, want 20 duplicates", again)
	}
	// The claim keeps ACLED's event id through its report.
	page, _ := svc.Store.ListReports(context.Background(), domain.ReportFilter{Limit: 50})
	var found bool
	for _, r := range page.Items {
		if r.ClientID == "MMR90011" {
			found = true
			claims, err := svc.Store.ReportClaims(context.Background(), r.ID)
			if err != nil || len(claims) != 1 {
				t.Fatalf("claims: %v %v", claims, err)
			}
			c := claims[0]
			if k, ok := c.Figure(domain.Killed); !ok || k.Min != 4 || c.Type != domain.Battle || c.PlaceName != "Laukkaing" || c.DateStart != "2023-11-12" {
				t.Errorf("claim: %+v", c)
			}
			if r.Meta["acled_event_id"] != "MMR90011" || r.Channel != domain.ChannelImport || r.Source != "Regional news outlet" {
				t.Errorf("report: %+v", r)
			}
		}
	}
	if !found {
		t.Error("no report with client id MMR90011")
	}
}

func TestImportModes(t *testing.T) {
	svc := newService(t)
	sum := importFile(t, svc, "testdata/bad_rows.csv", spreadsheet.ModeAllOrNothing)
	if sum.Imported || sum.Created != 0 || sum.Failed != 5 || len(sum.Errors) != 5 {
		t.Fatalf("all-or-nothing: %+v", sum)
	}
	if page, _ := svc.Store.ListReports(context.Background(), domain.ReportFilter{}); len(page.Items) != 0 {
		t.Fatalf("all-or-nothing stored %d reports", len(page.Items))
	}
	sum = importFile(t, svc, "testdata/bad_rows.csv", spreadsheet.ModePartial)
	if !sum.Imported || sum.Created != 3 || sum.Failed != 5 || sum.Errors[0].Line != 3 {
		t.Fatalf("partial: %+v", sum)
	}
}

// TestPipelineErrorsNameTheColumn: a row the decoder accepts but the
// pipeline refuses (a date after today) is reported by line and column.
func TestPipelineErrorsNameTheColumn(t *testing.T) {
	svc := newService(t) // today is 2024-02-01
	csv := "event_id_cnty,event_date,event_type,location,notes\n" +
		"MMR1,2024-01-20,Battles,Lashio,Fighting.\n" +
		"MMR2,2024-03-01,Battles,Lashio,\"A row dated\nafter today.\"\n" +
		"MMR3,2024-01-21,Battles,Lashio,More fighting.\n"
	for _, mode := range []spreadsheet.Mode{spreadsheet.ModeAllOrNothing, spreadsheet.ModePartial} {
		open := func() (spreadsheet.Decoder, error) {
			return acled.NewDecoder(spreadsheet.NewReader(strings.NewReader(csv)), nil)
		}
		sum, err := spreadsheet.Import(context.Background(), svc, open, spreadsheet.Options{Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Failed != 1 || sum.Errors[0].Line != 3 || sum.Errors[0].Column != "event_date" {
			t.Errorf("%s: %+v", mode, sum)
		}
		if wantCreated := map[spreadsheet.Mode]int{spreadsheet.ModeAllOrNothing: 0, spreadsheet.ModePartial: 2}[mode]; sum.Created != wantCreated {
			t.Errorf("%s: created %d, want %d", mode, sum.Created, wantCreated)
		}
	}
}

// FuzzRow decodes one arbitrary data row under a codebook header: it
// never panics, and a row it accepts is one intake's rules can take.
func FuzzRow(f *testing.F) {
	b, err := os.ReadFile("testdata/export.csv")
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.SplitN(string(b), "\n", 4)
	header := lines[0]
	f.Add(lines[1])
	f.Add(lines[2])
	f.Add(`MMR1,12 November 2023,2023,1,,Battles,Armed clash,A,,2,B,,1,12,,104,,Myanmar,Shan-North,,,X,23.1,97.2,1,S,,"n",3,,0`)
	f.Add(`"unterminated`)
	f.Fuzz(func(t *testing.T, line string) {
		dec, err := acled.NewDecoder(spreadsheet.NewReader(strings.NewReader(header+"\n"+line+"\n")), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 10; i++ {
			row, err := dec.Next()
			if err != nil {
				return
			}
			in := row.Input
			if in.ID == "" || len(in.Events) != 1 || strings.TrimSpace(in.Text) == "" || row.Line < 2 {
				t.Fatalf("accepted an unusable row: %+v", row)
			}
			if _, err := domain.ParseDate(in.Date); err != nil {
				t.Fatalf("accepted date %q: %v", in.Date, err)
			}
			ev := in.Events[0]
			if _, ok := domain.ParseEventType(ev.Type); !ok {
				t.Fatalf("accepted type %q", ev.Type)
			}
			if ev.Lat != nil && (*ev.Lat < -90 || *ev.Lat > 90) {
				t.Fatalf("accepted latitude %v", *ev.Lat)
			}
		}
	})
}
