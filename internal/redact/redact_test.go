package redact

import (
	"testing"

	"sitroom/internal/domain"
)

func TestEvent(t *testing.T) {
	lat, lon := 23.1, 97.9
	loc := domain.Location{PlaceName: "Monastery camp", PCode: "MMR015010701", GeoLevel: domain.LevelTown, GeoPrecision: 1, Adm3: "MMR015010", Lat: &lat, Lon: &lon}
	e := domain.Event{ID: "E", Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Location: loc, Site: &domain.Site{Name: "Monastery camp", Kind: domain.SiteIDP},
		Overrides: &domain.Overrides{Title: "t", Notes: map[string]string{"title": "spoke to the abbot"}},
		Claims: []domain.Claim{{ID: "C", Location: loc, Summary: "my family and 300 others are at the monastery behind the market",
			Figures: []domain.Figure{{Kind: domain.Displaced, Min: 300, Text: "300 others"}}, Source: "sms"}}}
	p := Event(e, func(string) string { return "Namhkan" })
	if p.PCode != "MMR015010" || p.Lat != nil || p.GeoLevel != domain.LevelTownship || p.PlaceName != "Namhkan township" ||
		p.Site.Name != "" || p.Title != "Other — Namhkan township" {
		t.Errorf("sensitive site not coarsened: %+v", p.Location)
	}
	c := p.Claims[0]
	if c.Summary != "" || c.Figures[0].Text != "" || c.Figures[0].Min != 300 || c.PCode != "MMR015010" || c.Lat != nil || c.Source != "sms" {
		t.Errorf("public claim %+v", c)
	}
	if p.Overrides.Notes != nil || p.Overrides.Title != "" {
		t.Errorf("overrides %+v", p.Overrides)
	}
	// The original is untouched.
	if e.Claims[0].Summary == "" || e.Lat == nil || e.Overrides.Notes == nil {
		t.Error("Event changed its argument")
	}
	// A base is not coarsened.
	e.Site.Kind = domain.SiteMilitaryBase
	if q := Event(e, nil); q.PCode != loc.PCode || q.Lat == nil || q.Claims[0].Summary != "" {
		t.Errorf("base: %+v", q.Location)
	}
}
