package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The dashboard through the real Main: served next to the API, with the
// dashboard's flags, sign-in by form and a review by form.
func TestDashboardEndToEnd(t *testing.T) {
	s := startServer(t, "--secure-cookies", "never", "--session-ttl", "1h")
	reviewer := s.token(t, "reviewer")
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := hc.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		resp, err := hc.PostForm(s.url+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	code, page := get("/")
	if code != 200 || !strings.Contains(page, "<h1>Overview") {
		t.Fatalf("overview: %d", code)
	}
	if code, _ := get("/review"); code != 200 {
		t.Fatalf("/review as the public follows to sign-in: %d", code)
	}
	_, page = get("/login?next=/review")
	code, page = post("/login", url.Values{"csrf": {csrf.FindStringSubmatch(page)[1]}, "token": {reviewer}, "next": {"/review"}})
	if code != 200 || !strings.Contains(page, "Review queue") || !strings.Contains(page, "Signed in as") {
		t.Fatalf("sign-in: %d", code)
	}
	// A report through the API lands in the queue; verify it by form.
	r := s.post(t, "/api/v1/reports", s.token(t, "reporter"), `{"text":"Test: clash at the gate","date":"2024-01-05",
		"events":[{"type":"battle","place":"Gate","date_start":"2024-01-05","killed_min":1}]}`)
	body := string(r.body)
	if r.status != 201 {
		t.Fatalf("report: %d %s", r.status, body)
	}
	id := regexp.MustCompile(`"events":\["([^"]+)"`).FindStringSubmatch(body)[1]
	// The session reads the API (exports linked from the dashboard) as its
	// reviewer: the new event, unpublished, is there; the public's is not.
	if code, geo := get("/api/v1/events.geojson"); code != 200 || !strings.Contains(geo, id) {
		t.Errorf("export through the session: %d, event listed %v", code, strings.Contains(geo, id))
	}
	if r := s.get(t, "/api/v1/events.geojson", ""); strings.Contains(string(r.body), id) {
		t.Errorf("the public's export lists an unpublished event")
	}
	// But a session cookie never writes through the API.
	if code, _ := post("/api/v1/reports", url.Values{"text": {"x"}}); code != 401 && code != 415 {
		t.Errorf("API write with only a session cookie: %d", code)
	}
	_, page = get("/review")
	if !strings.Contains(page, `id="card-`+id+`"`) {
		t.Fatal("new event not in the queue")
	}
	code, page = post("/review/"+id+"/status", url.Values{"csrf": {csrf.FindStringSubmatch(page)[1]}, "version": {"1"},
		"status": {"verified"}, "reason": {"seen by two monitors"}, "from": {"queue"}})
	if code != 200 || !strings.Contains(page, id+" is now version 2 (verified)") {
		t.Fatalf("verify: %d", code)
	}
	// The public now reads it; the API agrees.
	resp, err := http.Get(s.url + "/events/" + id)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("public event page: %v %v", err, resp)
	}
	resp.Body.Close()
	r = s.get(t, "/api/v1/events/"+id, "")
	if r.status != 200 || !strings.Contains(string(r.body), `"status":"verified"`) {
		t.Errorf("API: %d %s", r.status, r.body)
	}
}
