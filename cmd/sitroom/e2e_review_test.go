package main

import (
	"fmt"
	"strings"
	"testing"
)

type eventBody struct {
	ID          string
	Status      string
	StatusBy    string `json:"status_by"`
	Version     int64
	ClaimCount  int    `json:"claim_count"`
	SourceCount int    `json:"source_count"`
	MergedInto  string `json:"merged_into"`
	Figures     []struct {
		Kind     string
		Min      int
		Disputed bool
	}
	Claims []struct{ ID string }
}

func (s *server) event(t *testing.T, id, token string) (eventBody, string) {
	t.Helper()
	r := s.get(t, "/api/v1/events/"+id, token)
	if r.status != 200 {
		t.Fatalf("GET event %s = %d %s", id, r.status, r.body)
	}
	var e eventBody
	r.json(t, &e)
	return e, r.header.Get("ETag")
}

func TestReviewWorkflow(t *testing.T) {
	s := startServer(t)
	rep, rev, viewer := s.token(t, "reporter"), s.token(t, "reviewer"), s.token(t, "viewer")
	post := func(id, source, place, date string, killed int) string {
		body := fmt.Sprintf(`{"id":%q,"date":%q,"source":%q,"text":"report %s","events":[{"type":"explosion_remote_violence","sub_type":"air_drone_strike","place":%q,"actors":["Myanmar military"],"killed_min":%d,"summary":"a witness saw the market hit"}]}`,
			id, date, source, id, place, killed)
		r := s.post(t, "/api/v1/reports", rep, body)
		var res struct{ Events []string }
		r.json(t, &res)
		if r.status != 201 || len(res.Events) != 1 {
			t.Fatalf("post %s = %d %s", id, r.status, r.body)
		}
		return res.Events[0]
	}
	// Two outlets on one strike: one event, corroborated, with both figures.
	a := post("a", "UN OCHA", "Namhkam", "2023-11-21", 2)
	b := post("b", "Local media", "Namhkam", "2023-11-21", 3)
	if a != b {
		t.Fatalf("one strike from two outlets became two events %s, %s", a, b)
	}
	e, etag := s.event(t, a, viewer)
	if e.Status != "corroborated" || e.SourceCount != 2 || e.Figures[0].Min != 2 {
		t.Fatalf("event %+v", e)
	}
	// A strike elsewhere is another event.
	c := post("c", "Local media", "Kutkai", "2023-11-21", 1)
	if c == a {
		t.Fatal("strikes on two towns became one event")
	}

	// Verify with If-Match; the public can then read it.
	verify := func(etag string) response {
		return s.doIfMatch(t, "PATCH", "/api/v1/events/"+a, rev, etag, `{"status":"verified","reason":"two independent sources agree"}`)
	}
	r := verify(etag)
	if r.status != 200 {
		t.Fatalf("verify = %d %s", r.status, r.body)
	}
	if r := verify(etag); r.status != 409 {
		t.Errorf("stale If-Match = %d, want 409: %s", r.status, r.body)
	}
	if r := s.doIfMatch(t, "PATCH", "/api/v1/events/"+a, rev, "", `{"status":"verified","reason":"x"}`); r.status != 422 {
		t.Errorf("no If-Match = %d, want 422", r.status)
	}
	if r := s.doIfMatch(t, "PATCH", "/api/v1/events/"+a, rev, r.header.Get("ETag"), `{"status":"verified"}`); r.status != 422 {
		t.Errorf("no reason = %d, want 422", r.status)
	}
	if r := s.doIfMatch(t, "PATCH", "/api/v1/events/"+a, viewer, `"9"`, `{"status":"verified","reason":"x"}`); r.status != 403 {
		t.Errorf("viewer review = %d, want 403", r.status)
	}
	pub, _ := s.event(t, a, "")
	if pub.Status != "verified" || pub.StatusBy == "" {
		t.Errorf("public event %+v", pub)
	}
	// The public reads what happened, not the words of the reports.
	if r := s.get(t, "/api/v1/events/"+a, ""); strings.Contains(string(r.body), "witness") || strings.Contains(string(r.body), `"reports"`) {
		t.Errorf("public event carries report text: %s", r.body)
	}
	if r := s.get(t, "/api/v1/events/"+a, viewer); !strings.Contains(string(r.body), "witness") {
		t.Errorf("viewer does not see the claims' words")
	}

	// Correct a figure with a reason.
	_, etag = s.event(t, a, viewer)
	r = s.doIfMatch(t, "PATCH", "/api/v1/events/"+a, rev, etag, `{"figures":{"killed":3},"reason":"hospital confirmed three"}`)
	var edited eventBody
	r.json(t, &edited)
	if r.status != 200 || edited.Figures[0].Min != 3 || edited.Status != "verified" {
		t.Fatalf("edit = %d %s", r.status, r.body)
	}

	// Merge the Kutkai event in, then split it out again.
	r = s.doIfMatch(t, "POST", "/api/v1/events/"+a+"/merge", rev, r.header.Get("ETag"), fmt.Sprintf(`{"events":[%q],"reason":"same strike, misplaced"}`, c))
	var merged eventBody
	r.json(t, &merged)
	if r.status != 200 || merged.ClaimCount != 3 {
		t.Fatalf("merge = %d %s", r.status, r.body)
	}
	gone, _ := s.event(t, c, viewer)
	if gone.MergedInto != a {
		t.Errorf("merged event says merged_into %q", gone.MergedInto)
	}
	var list struct{ Items []struct{ ID string } }
	s.get(t, "/api/v1/events", viewer).json(t, &list)
	for _, it := range list.Items {
		if it.ID == c {
			t.Errorf("merged event still listed")
		}
	}
	last := merged.Claims[len(merged.Claims)-1].ID
	r = s.doIfMatch(t, "POST", "/api/v1/events/"+a+"/split", rev, r.header.Get("ETag"), fmt.Sprintf(`{"claims":[%q],"reason":"different town after all"}`, last))
	var split struct {
		Event    eventBody
		NewEvent eventBody `json:"new_event"`
	}
	r.json(t, &split)
	if r.status != 201 || split.Event.ClaimCount != 2 || split.NewEvent.ClaimCount != 1 {
		t.Fatalf("split = %d %s", r.status, r.body)
	}

	// The history tells it all, with reasons.
	var h struct {
		History []struct{ Action, Actor, Reason string }
	}
	s.get(t, "/api/v1/events/"+a+"/history", viewer).json(t, &h)
	var actions []string
	for _, x := range h.History {
		actions = append(actions, x.Action)
	}
	want := "event.create event.claims_joined event.review event.review event.merge event.split"
	if strings.Join(actions, " ") != want {
		t.Errorf("history %v, want %s", actions, want)
	}
	if r := s.get(t, "/api/v1/events/"+a+"/history", ""); r.status != 401 {
		t.Errorf("anonymous history = %d", r.status)
	}
}
