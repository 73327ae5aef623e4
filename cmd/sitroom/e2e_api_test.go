package main

import (
	"strings"
	"testing"
)

const sampleReport = `{"id":"ocha-1","date":"2023-11-16","source":"UN OCHA","text":"Clashes across northern Shan: at least nine civilians killed, 23,000 displaced in the past week.",
 "events":[{"type":"battle","place":"northern Shan","pcode":"MMR015","date_start":"2023-11-09","date_end":"2023-11-16",
   "actors":["Three Brotherhood Alliance",{"name":"Myanmar military","role":"target"}],"killed_min":9,"displaced":23000}]}`

func TestAPIReportLifecycle(t *testing.T) {
	s := startServer(t)
	rep := s.token(t, "reporter")
	viewer := s.token(t, "viewer")
	reviewer := s.token(t, "reviewer")

	r := s.post(t, "/api/v1/reports", rep, sampleReport)
	if r.status != 201 {
		t.Fatalf("POST report = %d %s", r.status, r.body)
	}
	var created struct {
		ID     string
		Status string
		Claims int
		Events []string
	}
	r.json(t, &created)
	if created.Status != "created" || created.Claims != 1 || len(created.Events) != 1 || r.header.Get("Location") != "/api/v1/reports/"+created.ID {
		t.Fatalf("created = %+v, Location %q", created, r.header.Get("Location"))
	}

	// Re-sending returns the original and creates nothing.
	again := s.post(t, "/api/v1/reports", rep, sampleReport)
	var dup struct{ ID, Status string }
	again.json(t, &dup)
	if again.status != 200 || dup.Status != "duplicate" || dup.ID != created.ID {
		t.Fatalf("re-send = %d %+v, want 200 duplicate of %s", again.status, dup, created.ID)
	}

	// The report: text for a viewer, the pseudonym only for a reviewer.
	var view struct {
		Text       string
		ReporterID string `json:"reporter_id"`
		Claims     []struct {
			EventID string `json:"event_id"`
		}
	}
	s.get(t, "/api/v1/reports/"+created.ID, viewer).json(t, &view)
	if view.Text == "" || view.ReporterID != "" || len(view.Claims) != 1 {
		t.Errorf("viewer sees report %+v", view)
	}
	s.get(t, "/api/v1/reports/"+created.ID, reviewer).json(t, &view)
	if !strings.HasPrefix(view.ReporterID, "r_") {
		t.Errorf("reviewer sees reporter_id %q, want a pseudonym", view.ReporterID)
	}
	if r := s.get(t, "/api/v1/reports/"+created.ID, ""); r.status != 401 {
		t.Errorf("anonymous GET report = %d, want 401", r.status)
	}

	// The event, with its claims and reports, for a viewer.
	ev := s.get(t, "/api/v1/events/"+created.Events[0], viewer)
	var event struct {
		Status  string
		Figures []struct {
			Kind    string
			Min     int
			Sources []struct{ Source string }
		}
		Claims  []struct{ ID string }
		Reports []struct{ Text string }
	}
	ev.json(t, &event)
	if ev.status != 200 || event.Status != "new" || len(event.Claims) != 1 || len(event.Reports) != 1 || ev.header.Get("ETag") == "" {
		t.Fatalf("event = %d %s", ev.status, ev.body)
	}
	if len(event.Figures) != 2 || event.Figures[0].Kind != "killed" || event.Figures[0].Min != 9 || event.Figures[0].Sources[0].Source != "UN OCHA" {
		t.Errorf("figures = %+v", event.Figures)
	}

	// The public sees only published (verified) events, and no reports.
	if r := s.get(t, "/api/v1/events/"+created.Events[0], ""); r.status != 404 {
		t.Errorf("anonymous GET unpublished event = %d, want 404", r.status)
	}
	var page struct{ Items []struct{ ID string } }
	s.get(t, "/api/v1/events", "").json(t, &page)
	if len(page.Items) != 0 {
		t.Errorf("anonymous list shows %d unpublished events", len(page.Items))
	}
	s.get(t, "/api/v1/events?pcode=MMR015&type=battle&since=2023-11-01&until=2023-11-30", viewer).json(t, &page)
	if len(page.Items) != 1 {
		t.Errorf("viewer list = %d events, want 1", len(page.Items))
	}
}

func TestAPIAccess(t *testing.T) {
	s := startServer(t)
	viewer := s.token(t, "viewer")
	cases := []struct {
		name, token string
		status      int
		code        string
	}{
		{"no token", "", 401, "unauthorized"},
		{"unknown token", "srt_doesnotexist", 401, "unauthorized"},
		{"not a sitroom token", "abc", 401, "unauthorized"},
		{"viewer may not write", viewer, 403, "forbidden"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := s.post(t, "/api/v1/reports", tc.token, sampleReport)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			if code, _ := r.errorCode(t); code != tc.code {
				t.Errorf("code %q, want %q", code, tc.code)
			}
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", r.header.Get("Content-Type"))
			}
		})
	}
	r := s.do(t, "GET", "/api/v1/events", "", "", nil)
	if r.status != 200 {
		t.Errorf("anonymous list = %d", r.status)
	}
	r = s.do(t, "POST", "/api/v1/reports", "", "application/json", []byte(sampleReport))
	if r.header.Get("WWW-Authenticate") == "" {
		t.Errorf("401 without WWW-Authenticate")
	}
	// A revoked token stops working at once.
	_, out, _ := run(t, "", "token", "list", "--db", s.db)
	id := strings.Fields(strings.Split(out, "\n")[1])[0]
	if code, _, errs := run(t, "", "token", "revoke", id, "--db", s.db); code != 0 {
		t.Fatal(errs)
	}
	if r := s.get(t, "/api/v1/reports", viewer); r.status != 401 {
		t.Errorf("revoked token: %d, want 401", r.status)
	}
}

func TestAPIBadInput(t *testing.T) {
	s := startServer(t, "--max-body", "4096")
	rep := s.token(t, "reporter")
	big := `{"text":"` + strings.Repeat("x", 5000) + `"}`
	cases := []struct {
		name, contentType, body string
		status                  int
		code, field             string
	}{
		{"malformed JSON", "application/json", `{"text": "a",`, 400, "malformed", ""},
		{"invalid UTF-8", "application/json", "{\"text\": \"\xff\xfe\"}", 400, "malformed", ""},
		{"unknown field", "application/json", `{"text":"a","colour":"red"}`, 400, "malformed", "colour"},
		{"wrong JSON type", "application/json", `{"text": 5}`, 400, "malformed", "text"},
		{"not JSON media type", "text/plain", `{"text":"a"}`, 415, "unsupported", ""},
		{"body over limit", "application/json", big, 413, "too_large", ""},
		{"empty text", "application/json", `{"text":"  "}`, 422, "invalid", "text"},
		{"date out of range", "application/json", `{"text":"a","date":"1066-10-14"}`, 422, "invalid", "date"},
		{"date in the future", "application/json", `{"text":"a","date":"2999-01-01"}`, 422, "invalid", "date"},
		{"bad event type", "application/json", `{"text":"a","events":[{"type":"skirmish","place":"Lashio"}]}`, 422, "invalid", "events[0].type"},
		{"sub-type of another type", "application/json", `{"text":"a","events":[{"type":"battle","sub_type":"air_drone_strike","place":"Lashio"}]}`, 422, "invalid", "events[0].sub_type"},
		{"unknown pcode", "application/json", `{"text":"a","events":[{"type":"battle","pcode":"MMR999999"}]}`, 422, "invalid", "events[0].pcode"},
		{"end before start", "application/json", `{"text":"a","events":[{"type":"battle","place":"Lashio","date_start":"2023-11-02","date_end":"2023-11-01"}]}`, 422, "invalid", "events[0].date_end"},
		{"negative figure", "application/json", `{"text":"a","events":[{"type":"battle","place":"Lashio","killed_min":-1}]}`, 422, "invalid", "events[0].killed_min"},
		{"empty batch", "application/json", `[]`, 422, "invalid", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, "POST", "/api/v1/reports", rep, tc.contentType, []byte(tc.body))
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			code, field := r.errorCode(t)
			if code != tc.code || field != tc.field {
				t.Errorf("error %q field %q, want %q %q: %s", code, field, tc.code, tc.field, r.body)
			}
		})
	}
	for _, q := range []string{"since=yesterday", "bbox=1,2,3", "type=fight", "status=maybe", "limit=0", "cursor=%21%21"} {
		r := s.get(t, "/api/v1/events?"+q, "")
		if r.status != 400 && r.status != 422 {
			t.Errorf("GET events?%s = %d, want 4xx", q, r.status)
		}
	}
}

func TestAPIBatch(t *testing.T) {
	s := startServer(t)
	rep := s.token(t, "reporter")
	body := `[{"id":"a","text":"first report","date":"2023-11-01"},
	         {"id":"b","text":"second","events":[{"type":"nonsense","place":"x"}]},
	         {"id":"a","text":"first report, re-sent","date":"2023-11-01"}]`
	r := s.post(t, "/api/v1/reports", rep, body)
	var resp struct {
		Created, Duplicate, Failed int
		Results                    []struct {
			Index  int
			Status string
			ID     string
			Error  *struct{ Code, Field string }
		}
	}
	r.json(t, &resp)
	if r.status != 207 || resp.Created != 1 || resp.Duplicate != 1 || resp.Failed != 1 {
		t.Fatalf("batch = %d %s", r.status, r.body)
	}
	if resp.Results[1].Error == nil || resp.Results[1].Error.Field != "events[0].type" || resp.Results[2].ID != resp.Results[0].ID {
		t.Errorf("results = %+v", resp.Results)
	}
	// The wrapped form, all good: 200.
	r = s.post(t, "/api/v1/reports", rep, `{"reports":[{"text":"third"},{"text":"fourth"}]}`)
	if r.status != 200 {
		t.Errorf("wrapped batch = %d %s", r.status, r.body)
	}
	var list struct{ Items []struct{ ID string } }
	s.get(t, "/api/v1/reports?limit=10", rep).json(t, &list)
	if len(list.Items) != 3 {
		t.Errorf("stored %d reports, want 3", len(list.Items))
	}
}

func TestHealthAndMetrics(t *testing.T) {
	s := startServer(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := s.get(t, p, ""); r.status != 200 {
			t.Errorf("%s = %d", p, r.status)
		}
	}
	rep := s.token(t, "reporter")
	s.post(t, "/api/v1/reports", rep, `{"text":"metric me"}`)
	r := s.get(t, "/metrics", "")
	body := string(r.body)
	for _, want := range []string{`sitroom_reports_total{channel="api",status="created"} 1`, `sitroom_http_requests_total{code="201",method="POST",route="/api/v1/reports"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if r := s.get(t, "/api/v1/nothing", ""); r.status != 404 {
		t.Errorf("unknown route = %d", r.status)
	}
}
