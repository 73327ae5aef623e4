package main

import (
	"strings"
	"testing"
)

func TestPlacesAPI(t *testing.T) {
	s := startServer(t)
	var search struct {
		Items []struct{ PCode, Name, Level string }
	}
	s.get(t, "/api/v1/places?q=Lauk", "").json(t, &search)
	if len(search.Items) == 0 || !strings.HasPrefix(search.Items[0].Name, "Lauk") {
		t.Errorf("autocomplete Lauk: %+v", search.Items)
	}
	s.get(t, "/api/v1/places?q=လားရှိုး", "").json(t, &search)
	if len(search.Items) == 0 || search.Items[0].PCode[:6] != "MMR015" {
		t.Errorf("autocomplete in Burmese: %+v", search.Items)
	}
	var place struct {
		PCode, Name, Superseded string
		Parents                 []struct{ PCode string }
		Children                []struct{ PCode string }
		Aliases                 []struct{ Name, Kind, Source string }
	}
	s.get(t, "/api/v1/places/MMR015D005", "").json(t, &place)
	if place.PCode != "MMR015S002" || place.Superseded != "MMR015D005" || len(place.Children) == 0 || len(place.Parents) == 0 {
		t.Errorf("superseded Kokang code: %+v", place)
	}
	s.get(t, "/api/v1/places/MMR015022", "").json(t, &place)
	found := false
	for _, a := range place.Aliases {
		if a.Name == "Laukkai" && a.Source != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("Laukkaing township aliases lack Laukkai with its source: %+v", place.Aliases)
	}
	if r := s.get(t, "/api/v1/places/MMR999", ""); r.status != 404 {
		t.Errorf("unknown place = %d", r.status)
	}
	if r := s.get(t, "/api/v1/places", ""); r.status != 422 {
		t.Errorf("no q = %d", r.status)
	}
	r := s.get(t, "/api/v1/places.geojson?level=state", "")
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct{ Coordinates []float64 }
		}
	}
	r.json(t, &fc)
	if r.status != 200 || fc.Type != "FeatureCollection" || len(fc.Features) != 18 || r.header.Get("Content-Type") != "application/geo+json" {
		t.Errorf("states GeoJSON: %d %s, %d features", r.status, fc.Type, len(fc.Features))
	}
}

// TestViewsAPI loads the demo scenario and reads the situation views.
func TestViewsAPI(t *testing.T) {
	s := startServer(t)
	if code, out, errs := run(t, "", "ingest", "--db", s.db, "../../internal/demo/scenario.jsonl"); code != 0 {
		t.Fatalf("ingest: %s %s", out, errs)
	}
	viewer := s.token(t, "viewer")
	var fig struct {
		Name  string
		Total struct{ Killed, Displaced struct{ Value int } }
		Rows  []struct {
			Key       string
			Displaced struct {
				Value  int
				Events []string
			}
		}
	}
	r := s.get(t, "/api/v1/figures?pcode=MMR015&since=2023-10-27&until=2023-12-31&by=township", viewer)
	r.json(t, &fig)
	if r.status != 200 || fig.Name == "" || fig.Total.Killed.Value == 0 || fig.Total.Displaced.Value == 0 || len(fig.Rows) < 3 {
		t.Fatalf("figures %d %s", r.status, r.body)
	}
	sum := 0
	for _, row := range fig.Rows {
		sum += row.Displaced.Value
	}
	if sum != fig.Total.Displaced.Value {
		t.Errorf("township rows add up to %d, total says %d", sum, fig.Total.Displaced.Value)
	}
	var control struct {
		Places []struct {
			Place    string
			Holdings []struct{ Actor, Since string }
		}
	}
	s.get(t, "/api/v1/views/control?since=2023-10-01", viewer).json(t, &control)
	if len(control.Places) < 5 {
		t.Errorf("control timelines: %d", len(control.Places))
	}
	var access struct {
		Constraints []struct{ Kind, Route, Current string }
	}
	s.get(t, "/api/v1/views/access", viewer).json(t, &access)
	if len(access.Constraints) < 3 {
		t.Errorf("access constraints: %d", len(access.Constraints))
	}
	for _, p := range []string{"/api/v1/views/sites", "/api/v1/views/displacement?pcode=MMR015"} {
		if r := s.get(t, p, viewer); r.status != 200 {
			t.Errorf("%s = %d", p, r.status)
		}
	}
	// The public sees published events only: none are verified yet.
	var pub struct {
		Total struct{ Killed struct{ Value int } }
	}
	s.get(t, "/api/v1/figures?pcode=MMR015", "").json(t, &pub)
	if pub.Total.Killed.Value != 0 {
		t.Errorf("public figures count unpublished events: %d", pub.Total.Killed.Value)
	}
	for q, field := range map[string]string{"pcode=MMR015001701": "pcode", "by=week": "by", "since=2023-12-01&until=2023-11-01": "until"} {
		r := s.get(t, "/api/v1/figures?"+q, viewer)
		if code, f := r.errorCode(t); r.status != 422 || code != "invalid" || f != field {
			t.Errorf("figures?%s = %d %s %s", q, r.status, code, f)
		}
	}
}
