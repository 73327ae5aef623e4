package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

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
	// The dashboard's event list links to the exports of its filter.
	page := string(s.get(t, "/events?type=battle", "").body)
	for _, link := range []string{`href="/api/v1/events.geojson?type=battle"`, `href="/api/v1/events.acled.csv?type=battle"`, `href="/api/v1/events.atom?type=battle"`} {
		if !strings.Contains(page, link) {
			t.Errorf("the events page lacks %s", link)
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

// sms sends one message through the Kannel webhook.
func (s *server) sms(t *testing.T, id, from, text string) {
	t.Helper()
	r := s.get(t, "/hooks/sms/kannel?secret=k&coding=0&charset=UTF-8&id="+url.QueryEscape(id)+"&from="+url.QueryEscape(from)+"&text="+url.QueryEscape(text), "")
	if r.status != 200 {
		t.Fatalf("sms %q = %d %s", text, r.status, r.body)
	}
}

// sentTo lists the texts sendsms got for a number.
func sentTo(f *fakeSendsms, to string) []string {
	var out []string
	for _, q := range f.sent() {
		if q.Get("to") == to {
			out = append(out, q.Get("text"))
		}
	}
	return out
}

// TestSubscriptionsAndAlerts: people subscribe by SMS (English and
// Burmese) and a coordinator through the API; when a reviewer verifies
// an event, the subscribers of its area get one alert each through
// Kannel's sendsms — once, across a restart — and STOP ends it.
func TestSubscriptionsAndAlerts(t *testing.T) {
	fake := newFakeSendsms(t)
	db := filepath.Join(t.TempDir(), "subs.db")
	args := []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--kannel-secret", "k", "--kannel-sendsms-url", fake.srv.URL,
		"--outbox-poll", "50ms", "--alerts-poll", "100ms"}
	s := startMain(t, db, args...)
	rep, rev, viewer := s.token(t, "reporter"), s.token(t, "reviewer"), s.token(t, "viewer")
	const alice, bo, coord = "+959420077777", "+959420099999", "+959420088888"

	s.sms(t, "sub-1", alice, "SUB LAUKKAING")
	s.sms(t, "sub-1", alice, "SUB LAUKKAING") // Kannel delivering twice
	s.sms(t, "sub-2", bo, "စာရင်းသွင်း လားရှိုး လမ်း")
	waitFor(t, func() bool { return len(sentTo(fake, alice)) == 1 && len(sentTo(fake, bo)) == 1 })
	if got := sentTo(fake, alice)[0]; !strings.HasPrefix(got, "sitroom: you get news for Laukkaing") {
		t.Errorf("alice's confirmation %q", got)
	}
	if got := sentTo(fake, bo)[0]; !strings.Contains(got, "လားရှိုး") {
		t.Errorf("bo's confirmation %q", got)
	}

	// A coordinator subscribes a number through the API.
	body := `{"phone":"` + coord + `","area":"MMR015022","topics":["clash"],"language":"en"}`
	r := s.post(t, "/api/v1/subscriptions", rev, body)
	if r.status != 201 || strings.Contains(string(r.body), "420088888") || !strings.Contains(string(r.body), `"contact_hint":"+•••888"`) {
		t.Fatalf("POST subscription = %d %s", r.status, r.body)
	}
	var created struct{ ID string }
	r.json(t, &created)
	if r := s.post(t, "/api/v1/subscriptions", viewer, body); r.status != 403 {
		t.Errorf("viewer subscribing = %d", r.status)
	}
	if r := s.get(t, "/api/v1/subscriptions", ""); r.status != 401 && r.status != 403 {
		t.Errorf("public listing = %d", r.status)
	}
	if code, field := s.post(t, "/api/v1/subscriptions", rev, `{"phone":"`+coord+`","area":"Atlantis"}`).errorCode(t); code != "invalid" || field != "area" {
		t.Errorf("unknown area: %s %s", code, field)
	}
	var list struct {
		Items []map[string]any
	}
	lr := s.get(t, "/api/v1/subscriptions", rev)
	lr.json(t, &list)
	if len(list.Items) != 3 {
		t.Fatalf("%d subscriptions listed: %s", len(list.Items), lr.body)
	}
	for _, n := range []string{"420077777", "420099999", "420088888", "reporter_id", "r_"} {
		if strings.Contains(string(lr.body), n) {
			t.Errorf("the listing shows %q: %s", n, lr.body)
		}
	}

	// A clash in Laukkaing is reported, then verified.
	pr := s.post(t, "/api/v1/reports", rep, `{"id":"e2e-alert-1","source":"E2E desk","text":"Test: clash in Laukkaing, two killed.",
		"events":[{"type":"battle","sub_type":"armed_clash","place":"Laukkaing","pcode":"MMR015022","actors":["MNDAA"],"killed_min":2}]}`)
	var posted struct{ Events []string }
	pr.json(t, &posted)
	if pr.status != 201 || len(posted.Events) != 1 {
		t.Fatalf("report = %d %s", pr.status, pr.body)
	}
	ev := s.get(t, "/api/v1/events/"+posted.Events[0], rev)
	if v := s.doIfMatch(t, "PATCH", "/api/v1/events/"+posted.Events[0], rev, ev.header.Get("ETag"), `{"status":"verified","reason":"e2e"}`); v.status != 200 {
		t.Fatalf("verify = %d %s", v.status, v.body)
	}
	waitFor(t, func() bool { return len(sentTo(fake, alice)) == 2 && len(sentTo(fake, coord)) == 1 })
	alert := sentTo(fake, alice)[1]
	if !strings.HasPrefix(alert, "sitroom ALERT Laukkaing: Clash Laukkaing: 2+ killed") {
		t.Errorf("alert %q", alert)
	}
	if sentTo(fake, coord)[0] != alert {
		t.Errorf("the coordinator's alert %q differs from %q", sentTo(fake, coord)[0], alert)
	}
	var view struct {
		Deliveries []struct{ Kind, Key string }
	}
	s.get(t, "/api/v1/subscriptions/"+created.ID, rev).json(t, &view)
	if len(view.Deliveries) != 1 || view.Deliveries[0].Kind != "alert" || view.Deliveries[0].Key != posted.Events[0] {
		t.Errorf("deliveries %+v", view.Deliveries)
	}

	// A restart on the same database sends nothing twice.
	s.stop()
	sent := len(fake.sent())
	s = startMain(t, db, args...)
	time.Sleep(500 * time.Millisecond) // several alert and outbox polls
	if n := len(fake.sent()); n != sent {
		t.Errorf("after the restart %d more messages went out: %v", n-sent, fake.sent()[sent:])
	}
	if len(sentTo(fake, bo)) != 1 {
		t.Errorf("bo (Lashio roads) got %v", sentTo(fake, bo))
	}

	// STOP by SMS, DELETE through the API.
	s.sms(t, "stop-1", alice, "STOP")
	waitFor(t, func() bool { return len(sentTo(fake, alice)) == 3 })
	if got := sentTo(fake, alice)[2]; got != "sitroom: all news stopped. SUB PLACE to start again." {
		t.Errorf("stop reply %q", got)
	}
	if r := s.do(t, "DELETE", "/api/v1/subscriptions/"+created.ID, rev, "", nil); r.status != 204 {
		t.Errorf("DELETE = %d %s", r.status, r.body)
	}
	if r := s.get(t, "/api/v1/subscriptions/"+created.ID, rev); r.status != 404 {
		t.Errorf("deleted subscription = %d", r.status)
	}
	s.get(t, "/api/v1/subscriptions", rev).json(t, &list)
	if len(list.Items) != 1 {
		t.Errorf("%d subscriptions left, want bo's", len(list.Items))
	}
	// Commands are not reports.
	var reports struct{ Items []struct{ Text string } }
	s.get(t, "/api/v1/reports?channel=sms", viewer).json(t, &reports)
	if len(reports.Items) != 0 {
		t.Errorf("commands stored as reports: %+v", reports.Items)
	}
}
