package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/sqlite"
)

// rssServer serves the RSS fixture of the feed package.
func rssServer(t *testing.T) *httptest.Server {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("..", "..", "internal", "feed", "testdata", "rss2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"e2e"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"e2e"`)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

type feedJSON struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	Source   string `json:"source"`
	Title    string `json:"title"`
	Interval string `json:"interval"`
	Health   struct {
		LastAttempt *time.Time `json:"last_attempt"`
		LastSuccess *time.Time `json:"last_success"`
		LastError   string     `json:"last_error"`
		Failures    int        `json:"consecutive_failures"`
		NextPoll    time.Time  `json:"next_poll"`
		ItemsSeen   int        `json:"items_seen"`
	} `json:"health"`
}

// TestFeedsAPI adds a feed through the API, lets the server's poller take
// its items, and checks roles, health, audit and removal.
func TestFeedsAPI(t *testing.T) {
	feedSrv := rssServer(t)
	s := startServer(t, "--feeds-tick", "50ms")
	admin, viewer, reporter := s.token(t, "admin"), s.token(t, "viewer"), s.token(t, "reporter")
	body := fmt.Sprintf(`{"url": %q, "source": "Shan Border Monitor (e2e)", "interval": "1h"}`, feedSrv.URL+"/rss")

	for _, tc := range []struct {
		token string
		want  int
	}{{"", 401}, {viewer, 403}, {reporter, 403}} {
		if r := s.post(t, "/api/v1/feeds", tc.token, body); r.status != tc.want {
			t.Errorf("POST /feeds with %q: %d, want %d: %s", tc.token, r.status, tc.want, r.body)
		}
	}
	r := s.post(t, "/api/v1/feeds", admin, body)
	if r.status != http.StatusCreated {
		t.Fatalf("POST /feeds as admin: %d %s", r.status, r.body)
	}
	var created feedJSON
	r.json(t, &created)
	if created.Interval != "1h0m0s" || created.Source != "Shan Border Monitor (e2e)" {
		t.Errorf("created: %+v", created)
	}
	if r := s.post(t, "/api/v1/feeds", admin, body); r.status != http.StatusConflict {
		t.Errorf("same feed twice: %d", r.status)
	}
	if r := s.post(t, "/api/v1/feeds", admin, `{"url": "ftp://x.example/feed"}`); r.status != 422 {
		t.Errorf("ftp feed: %d", r.status)
	} else if code, field := r.errorCode(t); code != "invalid" || field != "url" {
		t.Errorf("ftp feed error %s %s", code, field)
	}
	if r := s.get(t, "/api/v1/feeds", ""); r.status != 401 {
		t.Errorf("GET /feeds without a token: %d", r.status)
	}

	// The poller takes the feed at once (its first poll is due on creation).
	var got feedJSON
	deadline := time.Now().Add(30 * time.Second)
	for {
		r := s.get(t, "/api/v1/feeds", viewer)
		var page struct{ Items []feedJSON }
		r.json(t, &page)
		if len(page.Items) != 1 {
			t.Fatalf("feeds: %s", r.body)
		}
		got = page.Items[0]
		if got.Health.LastSuccess != nil || got.Health.LastError != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	h := got.Health
	if h.LastSuccess == nil || h.ItemsSeen != 4 || h.Failures != 0 || got.Title != "Shan Border Monitor" || h.LastAttempt == nil {
		t.Fatalf("health after the first poll: %+v (title %q)", h, got.Title)
	}
	if !h.NextPoll.After(*h.LastSuccess) {
		t.Errorf("next poll %v not after the last success %v", h.NextPoll, h.LastSuccess)
	}
	r = s.get(t, "/api/v1/reports?channel=feed", viewer)
	var reports struct {
		Items []struct {
			ClientID  string `json:"client_id"`
			Source    string `json:"source"`
			SourceURL string `json:"source_url"`
			Date      string `json:"date"`
		}
	}
	r.json(t, &reports)
	if len(reports.Items) != 4 {
		t.Fatalf("feed reports: %s", r.body)
	}
	for _, rep := range reports.Items {
		if rep.Source != "Shan Border Monitor (e2e)" || rep.SourceURL == "" || rep.Date == "" {
			t.Errorf("feed report: %+v", rep)
		}
	}

	if r := s.do(t, "DELETE", "/api/v1/feeds/"+created.ID, viewer, "", nil); r.status != 403 {
		t.Errorf("DELETE as viewer: %d", r.status)
	}
	if r := s.do(t, "DELETE", "/api/v1/feeds/"+created.ID, admin, "", nil); r.status != http.StatusNoContent {
		t.Errorf("DELETE as admin: %d %s", r.status, r.body)
	}
	if r := s.do(t, "DELETE", "/api/v1/feeds/"+created.ID, admin, "", nil); r.status != 404 {
		t.Errorf("DELETE again: %d", r.status)
	}

	store, err := sqlite.Open(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	hist, err := store.History(context.Background(), "feed", created.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range hist {
		actions = append(actions, e.Action+" by "+e.Actor)
	}
	if strings.Join(actions, ", ") != "feed.create by admin, feed.delete by admin" {
		t.Errorf("audit trail: %v", actions)
	}
}

type importJSON struct {
	Format    string `json:"format"`
	Mode      string `json:"mode"`
	Rows      int    `json:"rows"`
	Created   int    `json:"created"`
	Duplicate int    `json:"duplicate"`
	Failed    int    `json:"failed"`
	Imported  bool   `json:"imported"`
	Errors    []struct {
		Line    int    `json:"line"`
		Column  string `json:"column"`
		Message string `json:"message"`
	} `json:"errors"`
	Ignored []string `json:"ignored"`
	Error   *struct{ Code, Message string }
}

func fixtureBytes(t *testing.T, pkg, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", pkg, "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestImportAPI posts spreadsheets: all-or-nothing refuses a file with bad
// rows and names each by line and column; partial imports the rest; a
// re-post creates nothing.
func TestImportAPI(t *testing.T) {
	s := startServer(t, "--feeds-poll=false")
	reporter, viewer := s.token(t, "reporter"), s.token(t, "viewer")
	bad := fixtureBytes(t, "acled", "bad_rows.csv")
	post := func(query, token string, body []byte) (response, importJSON) {
		r := s.do(t, "POST", "/api/v1/import"+query, token, "text/csv; charset=utf-8", body)
		var out importJSON
		if r.status < 300 || r.status == 422 && strings.Contains(string(r.body), `"rows"`) || r.status == 207 {
			r.json(t, &out)
		}
		return r, out
	}
	if r, _ := post("", viewer, bad); r.status != 403 {
		t.Errorf("import as viewer: %d", r.status)
	}
	if r := s.do(t, "POST", "/api/v1/import", reporter, "application/json", []byte(`{}`)); r.status != 415 {
		t.Errorf("JSON body: %d", r.status)
	}
	if r, _ := post("?mode=sometimes", reporter, bad); r.status != 422 {
		t.Errorf("bad mode: %d", r.status)
	}

	r, out := post("?format=acled&mode=all-or-nothing", reporter, bad)
	if r.status != 422 || out.Imported || out.Created != 0 || out.Failed != 5 || out.Error == nil {
		t.Fatalf("all-or-nothing: %d %s", r.status, r.body)
	}
	var where []string
	for _, e := range out.Errors {
		where = append(where, fmt.Sprintf("%d:%s", e.Line, e.Column))
	}
	want := "3:event_type 5:latitude 7:fatalities 8:event_date 9:sub_event_type"
	if strings.Join(where, " ") != want {
		t.Errorf("errors at %v, want %s", where, want)
	}
	if r := s.get(t, "/api/v1/reports?channel=import", viewer); strings.Contains(string(r.body), "MMR9000") {
		t.Errorf("all-or-nothing stored reports: %s", r.body)
	}

	r, out = post("?mode=partial", reporter, bad)
	if r.status != http.StatusMultiStatus || !out.Imported || out.Created != 3 || out.Failed != 5 || out.Format != "acled" {
		t.Fatalf("partial: %d %s", r.status, r.body)
	}
	r, out = post("", reporter, bad)
	if out.Created != 0 || out.Duplicate != 3 {
		t.Errorf("re-post: %d %s", r.status, r.body)
	}

	// ACLED's admin and location names are placed with the gazetteer.
	store, err := sqlite.Open(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	page, err := store.ListReports(context.Background(), domain.ReportFilter{Channel: domain.ChannelImport})
	if err != nil {
		t.Fatal(err)
	}
	placed := 0
	for _, rep := range page.Items {
		claims, err := store.ReportClaims(context.Background(), rep.ID)
		if err != nil || len(claims) != 1 {
			t.Fatalf("claims of %s: %v %v", rep.ClientID, claims, err)
		}
		if c := claims[0]; rep.ClientID == "MMR90001" {
			if !strings.HasPrefix(c.PCode, "MMR015002") || c.Adm1 != "MMR015" || c.Adm3 != "MMR015002" {
				t.Errorf("MMR90001 (Hseni) placed at %+v", c.Location)
			}
		}
		if claims[0].PCode != "" {
			placed++
		}
	}
	if placed != 3 {
		t.Errorf("%d of 3 imported rows placed", placed)
	}

	hxlBody := fixtureBytes(t, "hxl", "extra_headers.csv")
	r, out = post("?source=Volunteers", reporter, hxlBody)
	if r.status != 200 || out.Format != "hxl" || out.Created != 3 {
		t.Errorf("HXL import: %d %s", r.status, r.body)
	}
	if r, _ := post("", reporter, []byte("just,a,table\n1,2,3\n")); r.status != 422 {
		t.Errorf("unknown format: %d %s", r.status, r.body)
	}
}

// TestFeedsAndImportCLI drives the subcommands through Main.
func TestFeedsAndImportCLI(t *testing.T) {
	feedSrv := rssServer(t)
	db := filepath.Join(t.TempDir(), "cli.db")
	code, out, errs := run(t, "", "feeds", "add", feedSrv.URL+"/rss", "--db", db, "--interval", "30m")
	if code != 0 {
		t.Fatalf("feeds add: %d %s", code, errs)
	}
	id := strings.TrimSpace(out)
	code, out, errs = run(t, "", "feeds", "poll", "--db", db)
	if code != 0 || !strings.Contains(out, "4 new") || strings.Count(out, "  + ") != 4 {
		t.Fatalf("feeds poll: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "", "feeds", "poll", id, "--db", db)
	if code != 0 || !strings.Contains(out, "not modified") {
		t.Errorf("second poll: %s", out)
	}
	code, out, _ = run(t, "", "feeds", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "LAST SUCCESS") || !strings.Contains(out, id) || !strings.Contains(out, "Shan Border Monitor") {
		t.Errorf("feeds list:\n%s", out)
	}
	if code, _, _ = run(t, "", "feeds", "remove", "nope", "--db", db); code != 1 {
		t.Errorf("remove a missing feed: exit %d", code)
	}
	if code, _, errs = run(t, "", "feeds", "remove", id, "--db", db); code != 0 {
		t.Errorf("remove: %s", errs)
	}

	bad := filepath.Join("..", "..", "internal", "acled", "testdata", "bad_rows.csv")
	code, out, errs = run(t, "", "import", "--db", db, "--mode", "all-or-nothing", bad)
	if code != 1 || !strings.Contains(errs, "bad_rows.csv:3: event_type:") || !strings.Contains(errs, "nothing was imported") {
		t.Errorf("all-or-nothing import: %d\n%s\n%s", code, out, errs)
	}
	hxlCSV := string(fixtureBytes(t, "hxl", "tags_line2.csv"))
	code, out, errs = run(t, hxlCSV, "import", "--db", db, "-")
	if code != 0 || !strings.Contains(out, "4 rows read (hxl): 4 created") {
		t.Errorf("import from stdin: %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, hxlCSV, "import", "--db", db, "--json", "-")
	if code != 0 || !strings.Contains(out, `"duplicate": 4`) {
		t.Errorf("re-import: %s", out)
	}
}
