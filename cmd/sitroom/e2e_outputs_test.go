package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sitroom/internal/export/exporttest"
	"sitroom/internal/sqlite"
)

// startFixture serves the outputs' fixture (events in northern Shan, most
// verified, one at an IDP site) through the real Main.
func startFixture(t *testing.T, extra ...string) *server {
	t.Helper()
	db := filepath.Join(t.TempDir(), "outputs.db")
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	exporttest.LoadInto(t, st)
	st.Close()
	return startMain(t, db, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, extra...)...)
}

const fixtureWindow = "since=2023-10-27&until=2023-11-30"

// TestSitrepFiguresEqualFiguresAPI: the report's numbers are the figures
// API's, for the public and for a reviewer, whatever statuses are asked.
func TestSitrepFiguresEqualFiguresAPI(t *testing.T) {
	s := startFixture(t)
	rev := s.token(t, "reviewer")
	for _, c := range []struct {
		name, token, sitrep, figures string
	}{
		{"public", "", "", ""},
		{"reviewer, published by default", rev, "", "&status=verified"},
		{"reviewer, all statuses", rev, "&all_statuses=true", "&status=new,corroborated,verified,disputed"},
		{"district", rev, "&status=verified", "&status=verified"},
	} {
		t.Run(c.name, func(t *testing.T) {
			area := "MMR015"
			if c.name == "district" {
				area = "MMR015S002"
			}
			var rep struct {
				KeyFigures []struct {
					Kind  string
					Value int64
					Known bool
				} `json:"key_figures"`
				Figures json.RawMessage
			}
			r := s.get(t, "/api/v1/sitrep?format=json&pcode="+area+"&"+fixtureWindow+c.sitrep, c.token)
			if r.status != 200 {
				t.Fatalf("sitrep = %d %s", r.status, r.body)
			}
			r.json(t, &rep)
			fr := s.get(t, "/api/v1/figures?by=township&pcode="+area+"&"+fixtureWindow+c.figures, c.token)
			if fr.status != 200 {
				t.Fatalf("figures = %d %s", fr.status, fr.body)
			}
			var got, want any
			json.Unmarshal(rep.Figures, &got)
			fr.json(t, &want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sitrep figures differ from GET /api/v1/figures:\nsitrep  %s\nfigures %s", rep.Figures, fr.body)
			}
			var totals struct {
				Total map[string]any
			}
			fr.json(t, &totals)
			for _, k := range rep.KeyFigures {
				if k.Kind == "crossed_border" {
					continue
				}
				v := totals.Total[k.Kind].(map[string]any)["value"].(float64)
				if int64(v) != k.Value {
					t.Errorf("key figure %s = %d, figures API %v", k.Kind, k.Value, v)
				}
			}
		})
	}
}

func TestSitrepFormats(t *testing.T) {
	s := startFixture(t)
	for format, ctype := range map[string]string{"html": "text/html", "md": "text/markdown", "pdf": "application/pdf", "json": "application/json"} {
		r := s.get(t, "/api/v1/sitrep?format="+format+"&pcode=MMR015&"+fixtureWindow, "")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), ctype) {
			t.Errorf("%s: %d %s", format, r.status, r.header.Get("Content-Type"))
			continue
		}
		body := string(r.body)
		switch format {
		case "pdf":
			if !strings.HasPrefix(body, "%PDF-") {
				t.Errorf("pdf body starts %q", body[:8])
			}
		default:
			if !strings.Contains(body, "Shan (North): situation report") || !strings.Contains(body, "50,000") && format != "json" {
				t.Errorf("%s lacks the title or the displacement figure", format)
			}
			for _, sec := range exporttest.Secrets {
				if strings.Contains(body, sec) {
					t.Errorf("public %s report carries %q", format, sec)
				}
			}
		}
	}
	if r := s.get(t, "/api/v1/sitrep?format=docx", ""); r.status != 422 {
		t.Errorf("format docx = %d", r.status)
	}
	if code, field := s.get(t, "/api/v1/sitrep?pcode=MMR015022701", "").errorCode(t); code != "invalid" || field != "pcode" {
		t.Errorf("town P-code: %s %s", code, field)
	}
}

// TestExportsAPI reads every export route as the public and as a
// reviewer: same filters as the events list, the public redacted.
func TestExportsAPI(t *testing.T) {
	s := startFixture(t)
	rev := s.token(t, "reviewer")
	routes := map[string]string{
		"/api/v1/events.acled.csv": "text/csv", "/api/v1/events.hxl.csv": "text/csv",
		"/api/v1/events.geojson": "application/geo+json", "/api/v1/events.atom": "application/atom+xml",
	}
	for route, ctype := range routes {
		pub := s.get(t, route, "")
		if pub.status != 200 || !strings.HasPrefix(pub.header.Get("Content-Type"), ctype) {
			t.Fatalf("%s = %d %s %s", route, pub.status, pub.header.Get("Content-Type"), pub.body)
		}
		for _, sec := range exporttest.Secrets {
			if strings.Contains(string(pub.body), sec) {
				t.Errorf("public %s carries %q", route, sec)
			}
		}
		if strings.Contains(string(pub.body), "ev-airstrike") || strings.Contains(string(pub.body), "22.9601") {
			t.Errorf("public %s carries the unverified event or the IDP site's point", route)
		}
		full := s.get(t, route, rev)
		if !strings.HasSuffix(route, ".atom") && (!strings.Contains(string(full.body), "ev-airstrike") || !strings.Contains(string(full.body), "22.960")) {
			t.Errorf("reviewer's %s lacks the unverified event or the IDP site's point", route)
		}
		// The events list's filters apply.
		f := s.get(t, route+"?type=battle", rev)
		for _, id := range []string{"ev-road", "ev-idp", "ev-total"} {
			if strings.Contains(string(f.body), id) {
				t.Errorf("%s?type=battle lists %s", route, id)
			}
		}
		if !strings.Contains(string(f.body), "ev-battle") {
			t.Errorf("%s?type=battle lacks the battle", route)
		}
		if r := s.get(t, route+"?since=yesterday", ""); r.status != 422 {
			t.Errorf("%s with a bad date = %d", route, r.status)
		}
		// The public asking for unpublished statuses gets nothing.
		if r := s.get(t, route+"?status=new", ""); r.status != 200 || strings.Contains(string(r.body), "ev-") {
			t.Errorf("%s?status=new for the public = %d %s", route, r.status, r.body)
		}
	}
	// The ACLED export has the codebook's columns and the conservative toll.
	rows, err := csv.NewReader(bytes.NewReader(s.get(t, "/api/v1/events.acled.csv?pcode=MMR015022", "").body)).ReadAll()
	if err != nil || len(rows[0]) != 31 || rows[0][0] != "event_id_cnty" || rows[0][30] != "timestamp" {
		t.Fatalf("ACLED header %v (%v)", rows, err)
	}
	for _, r := range rows[1:] {
		if r[0] == "ev-battle" && r[28] != "9" {
			t.Errorf("battle fatalities %q, want 9", r[28])
		}
	}
	// Atom links to the event pages at the configured address.
	s2 := startFixture(t, "--public-url", "https://sitroom.example.org")
	atom := string(s2.get(t, "/api/v1/events.atom?pcode=MMR015", "").body)
	if !strings.Contains(atom, `href="https://sitroom.example.org/events/ev-battle"`) || !strings.Contains(atom, "<published>") {
		t.Errorf("atom feed:\n%s", atom)
	}
}

// TestOutputCommands runs sitroom export and sitroom sitrep on the
// fixture's database.
func TestOutputCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	exporttest.LoadInto(t, st)
	st.Close()
	dir := t.TempDir()
	for _, format := range []string{"acled", "hxl", "geojson", "atom"} {
		out := filepath.Join(dir, "events."+format)
		if code, _, errs := run(t, "", "export", "--db", db, "--format", format, "--pcode", "MMR015", "-o", out); code != 0 {
			t.Fatalf("export %s: %d %s", format, code, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil || !strings.Contains(string(b), "ev-battle") || strings.Contains(string(b), "ev-airstrike") || strings.Contains(string(b), "Mansi") {
			t.Errorf("export %s (public by default): %v\n%s", format, err, b)
		}
	}
	code, out, errs := run(t, "", "export", "--db", db, "--format", "geojson", "--all-statuses", "--internal")
	if code != 0 || !strings.Contains(out, "ev-airstrike") || !strings.Contains(out, "22.9601") {
		t.Errorf("export --all-statuses --internal: %d %s", code, errs)
	}
	if code, _, _ := run(t, "", "export", "--db", db, "--format", "xlsx"); code == 0 {
		t.Errorf("export --format xlsx succeeded")
	}
	code, out, errs = run(t, "", "sitrep", "--db", db, "--area", "MMR015", "--since", "2023-10-27", "--until", "2023-11-30", "--format", "md")
	if code != 0 || !strings.Contains(out, "| People killed · သေဆုံးသူ | at least 9 |") || strings.Contains(out, "Namhkan") {
		t.Errorf("sitrep md: %d %s\n%s", code, errs, out)
	}
	code, out, _ = run(t, "", "sitrep", "--db", db, "--area", "MMR015", "--since", "2023-10-27", "--until", "2023-11-30", "--format", "md", "--all-statuses")
	if code != 0 || !strings.Contains(out, "Namhkan") || !strings.Contains(out, "not for publication") {
		t.Errorf("sitrep --all-statuses:\n%s", out)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if code, _, errs := run(t, "", "sitrep", "--db", db, "--area", "MMR015", "--since", "2023-10-27", "--until", "2023-11-30", "--format", "pdf", "-o", pdf); code != 0 {
		t.Fatalf("sitrep pdf: %s", errs)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("sitrep -o report.pdf is not a PDF")
	}
}
