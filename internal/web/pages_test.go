package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sitroom/internal/domain"
)

func TestPublicSeesPublishedEventsOnly(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	resp, body := c.get("/events")
	if resp.StatusCode != 200 {
		t.Fatalf("/events: %d", resp.StatusCode)
	}
	if !strings.Contains(body, "/events/"+n.ev["verified"]) || strings.Contains(body, "/events/"+n.ev["new"]) {
		t.Errorf("public list should hold the verified event only")
	}
	if resp, _ := c.get("/events/" + n.ev["new"]); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unpublished event to the public: %d, want 404", resp.StatusCode)
	}
	if resp, _ := c.get("/events?status=new"); resp.StatusCode != 200 {
		t.Errorf("asking for unpublished statuses: %d", resp.StatusCode)
	}
	_, body = c.get("/events?status=new")
	if strings.Contains(body, "/events/"+n.ev["new"]) {
		t.Errorf("status=new leaked an unpublished event to the public")
	}
	resp, body = c.get("/events/" + n.ev["verified"])
	if resp.StatusCode != 200 {
		t.Fatalf("published event: %d", resp.StatusCode)
	}
	for _, secret := range []string{"Clash at the bridge, four killed", "Report text", "pseudonym", "History"} {
		if strings.Contains(body, secret) {
			t.Errorf("public event page shows %q", secret)
		}
	}
	if !strings.Contains(body, "Desk A") || !strings.Contains(body, "≥ 4</strong> killed") {
		t.Errorf("public event page lacks its source and figure")
	}
	_, body = c.get("/map/data")
	if strings.Contains(body, n.ev["new"]) || !strings.Contains(body, n.ev["verified"]) {
		t.Errorf("public map data: %s", body)
	}
}

func TestRoles(t *testing.T) {
	n := newNode(t, Config{})
	for _, tc := range []struct {
		role domain.Role
		path string
		want int
	}{
		{"", "/", 200},
		{"", "/review", http.StatusSeeOther},
		{"", "/reports", http.StatusSeeOther},
		{"", "/report", http.StatusSeeOther},
		{domain.RoleViewer, "/reports", 200},
		{domain.RoleViewer, "/report", http.StatusForbidden},
		{domain.RoleViewer, "/review", http.StatusForbidden},
		{domain.RoleReporter, "/report", 200},
		{domain.RoleReporter, "/review", http.StatusForbidden},
		{domain.RoleReviewer, "/review", 200},
		{domain.RoleReviewer, "/review/" + "nosuchevent", http.StatusNotFound},
		{domain.RoleAdmin, "/events/" + "nosuchevent", http.StatusNotFound},
	} {
		c := n.client()
		if tc.role != "" {
			c.login(tc.role)
		}
		resp, _ := c.get(tc.path)
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.role, tc.path, resp.StatusCode, tc.want)
		}
		if tc.want == http.StatusSeeOther && !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			t.Errorf("%s %s: redirect to %q, want the sign-in page", tc.role, tc.path, resp.Header.Get("Location"))
		}
	}
}

func TestPseudonymsOnlyForReviewers(t *testing.T) {
	n := newNode(t, Config{})
	for _, tc := range []struct {
		role domain.Role
		want bool
	}{{domain.RoleViewer, false}, {domain.RoleReporter, false}, {domain.RoleReviewer, true}, {domain.RoleAdmin, true}} {
		c := n.client()
		c.login(tc.role)
		_, reports := c.get("/reports")
		_, event := c.get("/events/" + n.ev["new"])
		for name, body := range map[string]string{"reports": reports, "event": event} {
			if !strings.Contains(body, "Unconfirmed shelling of the market") {
				t.Errorf("%s %s: report text missing", tc.role, name)
			}
			if got := strings.Contains(body, "Reporter (pseudonym)"); got != tc.want {
				t.Errorf("%s %s: pseudonym shown = %v, want %v", tc.role, name, got, tc.want)
			}
		}
	}
}

func TestSignInSessionAndSignOut(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	_, page := c.get("/login")
	pre := csrfOf(t, page)
	// Without the form's token: refused, no session.
	resp, _ := c.do("POST", "/login", url.Values{"token": {n.tokens[domain.RoleReviewer]}}, nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("login without CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, body := c.do("POST", "/login", url.Values{"csrf": {pre}, "token": {"srt_wrong"}}, nil)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "not valid") {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	_, page = c.get("/login")
	resp, _ = c.do("POST", "/login", url.Values{"csrf": {csrfOf(t, page)}, "token": {n.tokens[domain.RoleReviewer]}, "next": {"//evil.example/"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d to %q (an off-site next must become /)", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
		t.Fatalf("session cookie = %+v, want HttpOnly, SameSite=Lax, not Secure on plain HTTP", session)
	}
	if got := session.MaxAge; got != int((12 * time.Hour).Seconds()) {
		t.Errorf("session MaxAge = %d", got)
	}
	if resp, _ := c.get("/review"); resp.StatusCode != 200 {
		t.Errorf("signed-in reviewer: /review %d", resp.StatusCode)
	}
	resp, _ = c.do("POST", "/logout", url.Values{"csrf": {c.csrf("/review")}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout: %d", resp.StatusCode)
	}
	// The cookie is gone from the jar; replaying the old one fails too.
	replay := n.client()
	replay.hdr.Set("Cookie", sessionCookie+"="+session.Value)
	if resp, _ := replay.get("/review"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("old session after sign-out: %d, want a redirect to sign in", resp.StatusCode)
	}
}

func TestRevokedTokenEndsSession(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	c.login(domain.RoleReviewer)
	toks, err := n.store.ListTokens(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range toks {
		if tk.Role == domain.RoleReviewer {
			if err := n.store.RevokeToken(t.Context(), tk.ID, n.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if resp, _ := c.get("/review"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after revoking the token: %d, want a redirect to sign in", resp.StatusCode)
	}
}

func TestSecureCookies(t *testing.T) {
	for _, tc := range []struct {
		mode  string
		proto string
		want  bool
	}{{SecureAuto, "", false}, {SecureAuto, "https", true}, {SecureAlways, "", true}, {SecureNever, "https", false}} {
		n := newNode(t, Config{SecureCookies: tc.mode})
		c := n.client()
		hdr := http.Header{}
		if tc.proto != "" {
			hdr.Set("X-Forwarded-Proto", tc.proto)
		}
		resp, _ := c.do("GET", "/login", nil, hdr)
		var pre *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == preCookie {
				pre = ck
			}
		}
		if pre == nil || pre.Secure != tc.want || pre.SameSite != http.SameSiteStrictMode {
			t.Errorf("mode %s proto %q: cookie %+v, want Secure=%v", tc.mode, tc.proto, pre, tc.want)
		}
	}
	if _, err := New(Deps{}, Config{SecureCookies: "sometimes"}); err == nil {
		t.Error("New accepted a bad configuration")
	}
}

func TestCSRFRejection(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	c.login(domain.RoleReviewer)
	id := n.ev["new"]
	good := c.csrf("/review/" + id)
	other := n.client()
	other.login(domain.RoleReviewer)
	foreign := other.csrf("/review")
	for _, tc := range []struct {
		name string
		form url.Values
		hdr  http.Header
	}{
		{"no token", url.Values{"version": {"1"}, "status": {"verified"}, "reason": {"x y z"}}, nil},
		{"another session's token", url.Values{"csrf": {foreign}, "version": {"1"}, "status": {"verified"}, "reason": {"x y z"}}, nil},
		{"cross-site browser post", url.Values{"csrf": {good}, "version": {"1"}, "status": {"verified"}, "reason": {"x y z"}},
			http.Header{"Sec-Fetch-Site": {"cross-site"}}},
		{"foreign origin", url.Values{"csrf": {good}, "version": {"1"}, "status": {"verified"}, "reason": {"x y z"}},
			http.Header{"Origin": {"https://evil.example"}}},
	} {
		resp, _ := c.do("POST", "/review/"+id+"/status", tc.form, tc.hdr)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", tc.name, resp.StatusCode)
		}
	}
	e, err := n.store.GetEvent(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != domain.StatusNew || e.Version != 1 {
		t.Errorf("a refused post changed the event: %s v%d", e.Status, e.Version)
	}
	resp, _ := c.do("POST", "/review/"+id+"/status", url.Values{"csrf": {good}, "version": {"1"}, "status": {"verified"}, "reason": {"two sources agree"}},
		http.Header{"Sec-Fetch-Site": {"same-origin"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("good post: %d", resp.StatusCode)
	}
}

func TestReviewWithoutJavaScript(t *testing.T) {
	n := newNode(t, Config{})
	a, b := n.client(), n.client()
	a.login(domain.RoleReviewer)
	b.login(domain.RoleAdmin)
	id := n.ev["new"]
	ta, tb := a.csrf("/review/"+id), b.csrf("/review/"+id)

	// A reason is required.
	resp, body := a.do("POST", "/review/"+id+"/status", url.Values{"csrf": {ta}, "version": {"1"}, "status": {"verified"}, "reason": {" "}}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "reason") {
		t.Errorf("no reason: %d", resp.StatusCode)
	}
	// From the queue, without htmx: a redirect back to the queue that says what happened.
	resp, _ = a.do("POST", "/review/"+id+"/status", url.Values{"csrf": {ta}, "version": {"1"}, "status": {"verified"},
		"reason": {"two sources agree"}, "from": {"queue"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/review?saved="+id) {
		t.Fatalf("verify: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = a.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "is now version 2 (verified)") {
		t.Errorf("queue does not say what was saved")
	}
	// The second reviewer still holds version 1: a conflict, with the current state.
	resp, body = b.do("POST", "/review/"+id+"/figure", url.Values{"csrf": {tb}, "version": {"1"}, "kind": {"injured"}, "value": {"5"},
		"reason": {"hospital list"}}, nil)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("stale edit: %d, want 409", resp.StatusCode)
	}
	for _, want := range []string{"Not saved", "version 2, status verified", `name="version" value="2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("conflict page lacks %q", want)
		}
	}
	// With the version it now shows, the edit goes through and is audited.
	resp, _ = b.do("POST", "/review/"+id+"/figure", url.Values{"csrf": {tb}, "version": {"2"}, "kind": {"injured"}, "value": {"5"},
		"reason": {"hospital list"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit at the current version: %d", resp.StatusCode)
	}
	_, body = b.get("/events/" + id)
	if !strings.Contains(body, "≥ 5</strong> injured") || !strings.Contains(body, "hospital list") {
		t.Errorf("event page lacks the corrected figure or its reason in the history")
	}
	// An htmx post from the queue gets the card back, 409 included.
	resp, body = a.do("POST", "/review/"+id+"/status", url.Values{"csrf": {ta}, "version": {"1"}, "status": {"rejected"},
		"reason": {"duplicate"}, "from": {"queue"}}, http.Header{"Hx-Request": {"true"}})
	if resp.StatusCode != http.StatusConflict || strings.Contains(body, "<html") || !strings.Contains(body, `id="card-`+id+`"`) {
		t.Errorf("htmx conflict: %d, want the card alone", resp.StatusCode)
	}
}

func TestMergeAndSplit(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	c.login(domain.RoleReviewer)
	target, other := n.ev["new"], n.ev["camp"]
	tok := c.csrf("/review/" + target)
	resp, body := c.do("POST", "/review/"+target+"/merge", url.Values{"csrf": {tok}, "version": {"1"}, "events": {other}, "reason": {"same incident"}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d %s", resp.StatusCode, body)
	}
	e, err := n.store.GetEvent(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Claims) != 2 {
		t.Fatalf("merged event has %d claims", len(e.Claims))
	}
	resp, body = c.do("POST", "/review/"+target+"/split", url.Values{"csrf": {tok}, "version": {"2"}, "claims": {e.Claims[1].ID}, "reason": {"two incidents"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "split=") {
		t.Fatalf("split: %d %s", resp.StatusCode, body)
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "the moved claims are now event") {
		t.Error("split outcome not shown")
	}
}

func TestReportFormWithoutJavaScript(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	c.login(domain.RoleReporter)
	tok := c.csrf("/report")
	resp, body := c.do("POST", "/report", url.Values{"csrf": {tok}, "text": {""}}, nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="error"`) {
		t.Errorf("empty report: %d", resp.StatusCode)
	}
	text := "ကွတ်ခိုင် — စျေးနား အမြောက်ဆံ ကျ"
	resp, _ = c.do("POST", "/report", url.Values{"csrf": {tok}, "text": {text}, "source": {""}, "language": {"my"}, "date": {"2024-01-30"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/report?") {
		t.Fatalf("report: %d", resp.StatusCode)
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "Received. Report") {
		t.Error("no receipt")
	}
	page, err := n.store.ListReports(t.Context(), domain.ReportFilter{Channel: domain.ChannelWeb})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("web reports: %v %d", err, len(page.Items))
	}
	r := page.Items[0]
	if r.Text != text || r.ReporterID == "" || strings.Contains(r.ReporterID, "token") || r.Date != "2024-01-30" {
		t.Errorf("stored report = %+v", r)
	}
	// A re-send is recognised, not stored twice.
	resp, _ = c.do("POST", "/report", url.Values{"csrf": {tok}, "text": {text}, "language": {"my"}, "date": {"2024-01-30"}}, nil)
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "status=duplicate") {
		t.Errorf("re-send: %s", loc)
	}
	viewer := n.client()
	viewer.login(domain.RoleViewer)
	_, body = viewer.get("/reports")
	if !strings.Contains(body, text) || !strings.Contains(body, `lang="my"`) {
		t.Error("the inbox does not show the Burmese report as Burmese")
	}
}

func TestFiltersAndPartials(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	c.login(domain.RoleViewer)
	for _, tc := range []struct {
		query   string
		want    []string
		notWant []string
		status  int
	}{
		{"type=battle", []string{"verified"}, []string{"new", "camp"}, 200},
		{"figure=displaced", []string{"camp"}, []string{"new", "verified"}, 200},
		{"status=new", []string{"new"}, []string{"verified"}, 200},
		{"q=market", []string{"new"}, []string{"verified"}, 200},
		{"since=2024-01-06&until=2024-01-06", []string{"new"}, []string{"verified", "camp"}, 200},
		{"since=yesterday", nil, nil, http.StatusUnprocessableEntity},
		{"figure=goats", nil, nil, http.StatusUnprocessableEntity},
	} {
		resp, body := c.get("/events?" + tc.query)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", tc.query, resp.StatusCode, tc.status)
			continue
		}
		for _, name := range tc.want {
			if !strings.Contains(body, "/events/"+n.ev[name]) {
				t.Errorf("%s: %s missing", tc.query, name)
			}
		}
		for _, name := range tc.notWant {
			if strings.Contains(body, "/events/"+n.ev[name]) {
				t.Errorf("%s: %s listed", tc.query, name)
			}
		}
	}
	// Links between pages keep the filter as a query string.
	sitResp, sit := c.get("/situation/control?pcode=MMR015&since=2023-10-27")
	if sitResp.StatusCode != 200 {
		t.Fatalf("situation: %d", sitResp.StatusCode)
	}
	if !strings.Contains(sit, `href="/situation/access?pcode=MMR015&amp;since=2023-10-27"`) {
		t.Errorf("situation links lose their filter: %q", regexp.MustCompile(`href="/situation/[^"]*"`).FindAllString(sit, -1))
	}
	_, body := c.do("GET", "/events?type=battle", nil, http.Header{"Hx-Request": {"true"}})
	if strings.Contains(body, "<html") || !strings.HasPrefix(strings.TrimSpace(body), `<div id="results"`) {
		t.Errorf("htmx request should get the results fragment only: %.80s", body)
	}
}

func TestSituationPages(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	c.login(domain.RoleViewer)
	for _, path := range []string{"/", "/?pcode=MMR015&since=2024-01-01&until=2024-01-31", "/situation/control", "/situation/access", "/situation/displacement", "/map", "/map?type=battle"} {
		resp, body := c.get(path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
		if !strings.Contains(body, "MMT") {
			t.Errorf("%s: no time zone note", path)
		}
	}
	_, body := c.get("/")
	for _, want := range []string{"≥ 4", "≥ 300", `href="/events?figure=killed"`, `href="/events?type=battle"`} {
		if !strings.Contains(body, want) {
			t.Errorf("overview lacks %q", want)
		}
	}
	if resp, _ := c.get("/?pcode=MMR015001701"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("overview of a town: %d, want 422 (areas are states, districts, townships)", resp.StatusCode)
	}
}

func TestLanguage(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	_, body := c.do("GET", "/", nil, http.Header{"Accept-Language": {"my-MM,my;q=0.9,en;q=0.5"}})
	if !strings.Contains(body, `<html lang="my">`) || !strings.Contains(body, "အနှစ်ချုပ်") {
		t.Error("Accept-Language: my should give the Burmese interface")
	}
	resp, _ := c.get("/lang/en?next=/events")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events" {
		t.Fatalf("switch: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = c.do("GET", "/", nil, http.Header{"Accept-Language": {"my"}})
	if !strings.Contains(body, `<html lang="en">`) {
		t.Error("the switch should win over Accept-Language")
	}
	if resp, _ := c.get("/lang/fr"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown language: %d", resp.StatusCode)
	}
}

// Every key the templates and handlers use is in the table, with both
// columns for the main labels.
func TestTranslationTable(t *testing.T) {
	used := map[string]bool{}
	re := regexp.MustCompile(`\.?T "([a-z0-9_.A-Z]+)"|p\.T\("([a-z0-9_.A-Z]+)"|tr\([a-zA-Z.]+, "([a-z0-9_.A-Z]+)"`)
	files, _ := filepath.Glob("templates/*.html")
	gofiles, _ := filepath.Glob("*.go")
	for _, f := range append(files, gofiles...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if k := m[1] + m[2] + m[3]; !strings.HasSuffix(k, ".") { // a prefix completed at run time
				used[k] = true
			}
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys; the pattern is broken", len(used))
	}
	for k := range used {
		if _, ok := messages[k]; !ok {
			t.Errorf("key %q is used but not in the table", k)
		}
	}
	for _, prefix := range []string{"nav.", "fig.", "status.", "type.", "rv.verify", "rv.reject", "rv.reason", "rp.send", "lg.submit", "filter."} {
		for k, v := range messages {
			if strings.HasPrefix(k, prefix) && (v[0] == "" || v[1] == "") {
				t.Errorf("main label %q lacks a translation", k)
			}
		}
	}
	for _, s := range domain.Statuses {
		if _, ok := messages["status."+string(s)]; !ok {
			t.Errorf("no label for status %s", s)
		}
	}
	for _, ty := range domain.EventTypes {
		if _, ok := messages["type."+string(ty)]; !ok || typeMarks[ty].Letter == "" {
			t.Errorf("no label or mark for type %s", ty)
		}
	}
	for _, k := range domain.Kinds {
		if _, ok := messages["kind."+string(k)]; !ok {
			t.Errorf("no label for kind %s", k)
		}
	}
}

func TestAssets(t *testing.T) {
	n := newNode(t, Config{})
	c := n.client()
	_, page := c.get("/map")
	urls := regexp.MustCompile(`(?:src|href|data-basemap)="(/assets/[^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(urls) < 6 {
		t.Fatalf("map page names %d assets", len(urls))
	}
	for _, m := range urls {
		resp, body := c.do("GET", m[1], nil, http.Header{"Accept-Encoding": {"gzip"}})
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d %q", m[1], resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		if len(body) > 2048 && resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s is not compressed", m[1])
		}
		if resp.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(strings.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", m[1], err)
			}
			if _, err := io.ReadAll(zr); err != nil {
				t.Errorf("%s: bad gzip: %v", m[1], err)
			}
		}
		etag := resp.Header.Get("ETag")
		resp, _ = c.do("GET", m[1], nil, http.Header{"If-None-Match": {etag}})
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d", m[1], resp.StatusCode)
		}
	}
	resp, _ := c.get("/assets/000000000000/app.css")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("old hash: %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	if resp, _ := c.get("/assets/x/nothing.js"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown asset: %d", resp.StatusCode)
	}
	resp, body := c.do("GET", "/", nil, http.Header{"Accept-Encoding": {"gzip"}})
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("page headers: %v", resp.Header)
	}
	_ = body
	// Every vendored library ships its licence.
	for _, dir := range []string{"htmx-2.0.11", "leaflet-1.9.4", "leaflet.markercluster-1.5.3", "uplot-1.6.32", "basemap"} {
		matches, _ := filepath.Glob(filepath.Join("assets/vendor", dir, "*LICEN*"))
		if len(matches) == 0 {
			t.Errorf("assets/vendor/%s has no licence file", dir)
		}
	}
}

func TestSignInFailuresAreLimitedPerAddress(t *testing.T) {
	n := newNode(t, Config{SignInFailures: 3})
	c := n.client()
	try := func(token string) (*http.Response, string) {
		_, page := c.get("/login")
		return c.do("POST", "/login", url.Values{"csrf": {csrfOf(t, page)}, "token": {token}}, nil)
	}
	for i := range 3 {
		if resp, _ := try("srt_guess"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d, want 401", i+1, resp.StatusCode)
		}
	}
	// The fourth attempt is turned away before the token is looked at,
	// even a valid one, and the page says when to come back.
	resp, body := try(n.tokens[domain.RoleReviewer])
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many failed sign-ins") {
		t.Fatalf("after 3 failures: %d, want 429 with a message", resp.StatusCode)
	}
	if got := resp.Header.Get("Retry-After"); got != "300" {
		t.Errorf("Retry-After = %q, want 300 (one try back every 5 minutes)", got)
	}
	n.clock.Advance(5 * time.Minute)
	if resp, _ := try(n.tokens[domain.RoleReviewer]); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("5 minutes later, a valid token: %d, want 303", resp.StatusCode)
	}
}
