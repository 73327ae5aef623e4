package domain

import (
	"errors"
	"fmt"
	"testing"
)

func TestTaxonomyMatchesCodebook(t *testing.T) {
	if len(EventTypes) != 6 || len(SubEventTypes) != 25 {
		t.Fatalf("%d types, %d sub-types; ACLED has 6 and 25", len(EventTypes), len(SubEventTypes))
	}
	perType := map[EventType]int{}
	for _, s := range SubEventTypes {
		if !s.Valid() || s.Name() == "" {
			t.Errorf("sub-type %q has no name", s)
		}
		perType[s.Type()]++
		if got, ok := ParseSubEventType(s.Name()); !ok || got != s {
			t.Errorf("ParseSubEventType(%q) = %q", s.Name(), got)
		}
	}
	want := map[EventType]int{Battle: 3, ExplosionRemoteViolence: 6, ViolenceAgainstCivilians: 3, Protest: 3, Riot: 2, StrategicDevelopment: 8}
	for ty, n := range want {
		if perType[ty] != n {
			t.Errorf("%s has %d sub-types, want %d", ty, perType[ty], n)
		}
	}
	for _, c := range []struct {
		in   string
		want EventType
	}{{"Battles", Battle}, {"explosions/remote violence", ExplosionRemoteViolence}, {"STRATEGIC_DEVELOPMENT", StrategicDevelopment}} {
		if got, ok := ParseEventType(c.in); !ok || got != c.want {
			t.Errorf("ParseEventType(%q) = %q", c.in, got)
		}
	}
	if _, ok := ParseEventType("skirmish"); ok {
		t.Error("ParseEventType accepted skirmish")
	}
	for _, k := range Kinds {
		if !k.SubEvent().Valid() || k.SubEvent().Type() != StrategicDevelopment {
			t.Errorf("kind %s files under %q", k, k.SubEvent())
		}
	}
	if AirDroneStrike.Name() != "Air/drone strike" || NonStateActorOvertakesTerritory.Name() != "Non-state actor overtakes territory" {
		t.Error("codebook spelling changed")
	}
}

func TestRolesAndPrecision(t *testing.T) {
	rev := Principal{Name: "r", Role: RoleReviewer}
	if !rev.Can(RoleReporter) || !rev.Can(RoleViewer) || rev.Can(RoleAdmin) || Anonymous.Can(RoleViewer) {
		t.Error("role order broken")
	}
	if LevelTown.GeoPrecision() != 1 || LevelTownship.GeoPrecision() != 2 || LevelState.GeoPrecision() != 3 {
		t.Error("geo precision")
	}
}

func TestDates(t *testing.T) {
	d, err := ParseDate("2023-10-27")
	if err != nil || d.AddDays(5) != "2023-11-01" || DaysBetween(d, "2023-11-16") != 20 {
		t.Errorf("date arithmetic: %v %v", d, err)
	}
	if d, err := ParseDate("2023-11-16T23:30:00+06:30"); err != nil || d != "2023-11-16" {
		t.Errorf("RFC 3339 keeps its own day: %v %v", d, err)
	}
	for _, bad := range []string{"1899-01-01", "2023-02-30", "16/11/2023", ""} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestLevelOfPCode(t *testing.T) {
	for p, want := range map[string]GeoLevel{"MMR": LevelCountry, "MMR015": LevelState, "MMR015D001": LevelDistrict, "MMR015S002": LevelDistrict,
		"MMR015017": LevelTownship, "MMR015017701": LevelTown, "MMR015017023": LevelVillageTract, "MMR015001701501": LevelWard,
		"MMX015": "", "MMR01": "", "MMR015X001": "", "MMR0150017": ""} {
		if got := LevelOfPCode(p); got != want {
			t.Errorf("LevelOfPCode(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestErrorText(t *testing.T) {
	cause := fmt.Errorf("disk full")
	err := Errorf(CodeUnavailable, "store report: %w", cause)
	if err.Error() != "store report: disk full" || !errors.Is(err, cause) || ErrorCode(err) != CodeUnavailable {
		t.Errorf("Errorf: %q", err)
	}
	fe := FieldError("date", "is in the future")
	if fe.Error() != "date: is in the future" || ErrorField(fmt.Errorf("wrapped: %w", fe)) != "date" {
		t.Errorf("FieldError: %q", fe)
	}
	if ErrorCode(fmt.Errorf("plain")) != CodeInternal {
		t.Error("a plain error is not internal")
	}
}
