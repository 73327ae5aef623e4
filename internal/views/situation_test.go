package views

import (
	"testing"

	"sitroom/internal/domain"
)

func at(id string, date domain.Date, place, pcode string) domain.Event {
	return domain.Event{ID: id, DateStart: date, DateEnd: date, Status: domain.StatusCorroborated, SourceCount: 2,
		Location: domain.Location{PlaceName: place, PCode: pcode, Adm3: pcode[:min(9, len(pcode))]}}
}

func TestControlTimeline(t *testing.T) {
	mk := func(id string, date domain.Date, actor, from string, status domain.Status) domain.Event {
		e := at(id, date, "Chinshwehaw", "MMR015017702")
		e.Type, e.SubType = domain.Battle, domain.NonStateActorOvertakesTerritory
		e.Control, e.Status = &domain.ControlChange{Actor: actor, From: from}, status
		return e
	}
	events := []domain.Event{
		mk("e2", "2023-10-28", "MNDAA", "", domain.StatusCorroborated),
		mk("e1", "2023-10-27", "MNDAA", "Myanmar military", domain.StatusVerified),
		mk("e3", "2023-12-01", "Myanmar military", "MNDAA", domain.StatusDisputed),
		mk("e4", "2023-12-03", "MNDAA", "", domain.StatusNew),
		mk("x", "2023-12-05", "Nobody", "", domain.StatusRejected),
		at("plain", "2023-11-01", "Lashio", "MMR015001"),
	}
	tl := Control(events)
	if len(tl) != 1 || tl[0].Place != "Chinshwehaw" {
		t.Fatalf("timelines %+v", tl)
	}
	h := tl[0].Holdings
	if len(h) != 3 || h[0].Actor != "MNDAA" || h[0].Since != "2023-10-27" || h[0].Until != "2023-12-01" || len(h[0].Events) != 2 || h[0].From != "Myanmar military" {
		t.Fatalf("first holding %+v", h)
	}
	if !h[1].Disputed || h[1].Until != "2023-12-03" || h[2].Until != "" || h[2].Actor != "MNDAA" {
		t.Errorf("holdings %+v", h)
	}
}

func TestAccess(t *testing.T) {
	mk := func(id string, date domain.Date, route, status string) domain.Event {
		e := at(id, date, "Hsenwi", "MMR015003")
		e.Type, e.SubType, e.Kind = domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindAccessRoad
		e.Access = &domain.Access{Status: status, Route: route}
		return e
	}
	lines := Access([]domain.Event{
		mk("a", "2023-10-28", "Lashio–Muse", "closed"),
		mk("b", "2023-11-02", "Lashio - Muse", "closed"),
		mk("c", "2023-12-20", "lashio-muse", "open"),
		mk("d", "2023-11-01", "Lashio–Mandalay", "restricted"),
	})
	if len(lines) != 2 {
		t.Fatalf("lines %+v", lines)
	}
	lm := lines[1]
	if lm.Route != "Lashio–Muse" || lm.Current != "open" || len(lm.Periods) != 2 || lm.Periods[0].Until != "2023-12-20" || len(lm.Periods[0].Events) != 2 {
		t.Errorf("Lashio–Muse %+v", lm)
	}
}

func TestSitesCoarsenSensitive(t *testing.T) {
	lat, lon := 23.1, 97.9
	mk := func(id, site string, kind domain.SiteKind) domain.Event {
		e := at(id, "2023-11-05", "Namhkam", "MMR015010701")
		e.Site, e.Lat, e.Lon = &domain.Site{Name: site, Kind: kind}, &lat, &lon
		return e
	}
	events := []domain.Event{mk("a", "Monastery camp", domain.SiteIDP), mk("b", "monastery camp", domain.SiteIDP), mk("c", "Sakhanthit base", domain.SiteMilitaryBase)}
	public := Sites(events, true)
	if len(public) != 2 || public[0].Name != "Monastery camp" || len(public[0].Events) != 2 || public[0].Lat != nil || public[0].PCode != "MMR015010" {
		t.Errorf("public sites %+v", public)
	}
	if public[1].Lat == nil {
		t.Errorf("a base was coarsened: %+v", public[1])
	}
	if full := Sites(events, false); full[0].Lat == nil || full[0].PCode != "MMR015010701" {
		t.Errorf("reviewer sites %+v", full)
	}
}

func TestDisplacement(t *testing.T) {
	events := []domain.Event{
		ev("c1", shan, kokang, laukkaing, "2023-10-27", "2023-11-09", -1, 12000, true),
		ev("i1", shan, kokang, laukkaing, "2023-11-01", "2023-11-01", -1, 3000, false),
		ev("i2", shan, kokang, laukkaing, "2023-11-20", "2023-11-20", -1, 500, false),
	}
	s := Displacement(events, Window{"2023-10-27", "2023-11-30"}, nil)
	if len(s) != 1 || s[0].Total != 12500 || len(s[0].Points) != 3 || s[0].Points[1].Date != "2023-11-09" || !s[0].Points[1].Cumulative {
		t.Errorf("series %+v", s)
	}
}
