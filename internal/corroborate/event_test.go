package corroborate

import (
	"testing"
	"time"

	"sitroom/internal/domain"
)

func claim(id, source string, killed int64, actors ...string) domain.Claim {
	c := domain.Claim{ID: id, ReportID: "R" + id, Source: source, Type: domain.Battle, SubType: domain.NonStateActorOvertakesTerritory,
		Location: domain.Location{PlaceName: "Chinshwehaw"}, DateStart: "2023-10-27", DateEnd: "2023-10-27"}
	if killed >= 0 {
		c.Figures = []domain.Figure{{Kind: domain.Killed, Min: killed, Qualifier: domain.QualAtLeast}}
	}
	for _, a := range actors {
		c.Actors = append(c.Actors, domain.ClaimActor{Name: a})
	}
	return c
}

func TestReconcile(t *testing.T) {
	claims := []domain.Claim{
		claim("1", "UN OCHA", 9, "MNDAA", "Myanmar military"),
		claim("2", "Local media", 12, "MNDAA"),
		claim("3", "local media", -1, "TNLA"),
	}
	e := NewEvent("E1", time.Unix(0, 0), claims)
	k, ok := e.Figure(domain.Killed)
	if !ok || k.Min != 9 || k.Disputed || len(k.Sources) != 2 || k.Sources[0].Min != 9 || k.Sources[0].Source != "UN OCHA" {
		t.Errorf("killed = %+v", k)
	}
	if e.SourceCount != 2 || e.ClaimCount != 3 {
		t.Errorf("sources %d claims %d; want 2 (outlet names fold case) and 3", e.SourceCount, e.ClaimCount)
	}
	if len(e.Actors) != 3 || e.Actors[2].Name != "TNLA" {
		t.Errorf("actors %+v", e.Actors)
	}
	if e.Title != "Non-state actor overtakes territory — Chinshwehaw" || e.Status != domain.StatusCorroborated || e.Version != 1 {
		t.Errorf("event %+v", e)
	}
}

func TestTitle(t *testing.T) {
	cases := []struct {
		e    domain.Event
		want string
	}{
		{domain.Event{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindAccessRoad,
			Access: &domain.Access{Status: "closed", Route: "Lashio–Muse"}}, "Road closed — Lashio–Muse"},
		{domain.Event{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindMartialLaw,
			Location: domain.Location{PlaceName: "Laukkaing"}}, "Martial law — Laukkaing"},
		{domain.Event{Type: domain.ExplosionRemoteViolence, SubType: domain.AirDroneStrike}, "Air/drone strike"},
	}
	for _, c := range cases {
		if got := Title(&c.e); got != c.want {
			t.Errorf("Title = %q, want %q", got, c.want)
		}
	}
}
