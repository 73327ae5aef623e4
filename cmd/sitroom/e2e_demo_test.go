package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDemo runs "sitroom demo" as a newcomer would and checks that it
// serves the scenario's events at once, with the token it prints.
func TestDemo(t *testing.T) {
	s := startMain(t, "", "demo", "--addr", "127.0.0.1:0")
	var token string
	deadline := time.Now().Add(5 * time.Second)
	for token == "" && time.Now().Before(deadline) {
		if m := regexp.MustCompile(`admin token (srt_\w+)`).FindStringSubmatch(s.out.String()); m != nil {
			token = m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	if token == "" {
		t.Fatalf("no admin token printed:\n%s", s.out.String())
	}
	if !strings.Contains(s.out.String(), "loaded 129 reports") {
		t.Errorf("load summary missing:\n%s", s.out.String())
	}
	var page struct {
		Items []struct {
			ID, Type, PCode string
			Figures         []struct{ Kind string }
		}
		NextCursor string `json:"next_cursor"`
	}
	r := s.get(t, "/api/v1/events?limit=500", token)
	r.json(t, &page)
	if r.status != 200 || len(page.Items) < 60 {
		t.Fatalf("demo serves %d events (status %d), want at least 60", len(page.Items), r.status)
	}
	var battles, withFigures, placed int
	for _, e := range page.Items {
		if e.Type == "battle" {
			battles++
		}
		if len(e.Figures) > 0 {
			withFigures++
		}
		if strings.HasPrefix(e.PCode, "MMR") {
			placed++
		}
	}
	// Free text that names no place gives events without one; everything
	// else is placed on a P-code.
	if battles == 0 || withFigures == 0 || placed < len(page.Items)*9/10 {
		t.Errorf("demo events: %d battles, %d with figures, %d of %d placed", battles, withFigures, placed, len(page.Items))
	}
	s.stop()
	if !strings.Contains(s.out.String(), "sitroom: stopped") {
		t.Errorf("demo did not stop cleanly:\n%s", s.out.String())
	}
}
