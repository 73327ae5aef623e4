package extract_test

import (
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
)

// TestCanonicalActor checks that the military's many names, the alliance
// members and Burmese names resolve to one canonical actor each.
func TestCanonicalActor(t *testing.T) {
	cases := map[string]string{
		"Tatmadaw": "Myanmar Armed Forces", "SAC": "Myanmar Armed Forces", "MAF": "Myanmar Armed Forces",
		"junta": "Myanmar Armed Forces", "military council": "Myanmar Armed Forces", "the regime": "Myanmar Armed Forces",
		"Light Infantry Battalion": "Myanmar Armed Forces", "LIB": "Myanmar Armed Forces", "စစ်ကောင်စီ": "Myanmar Armed Forces",
		"Ta'ang National Liberation Army": "TNLA", "tnla": "TNLA", "Palaung State Liberation Front": "TNLA",
		"Myanmar National Democratic Alliance Army": "MNDAA", "Arakan Army": "AA", "Three Brotherhoods": "Three Brotherhood Alliance",
		"People's Defence Force": "PDF", "Kachin Independence Army": "KIA", "United Wa State Army": "UWSA",
		"SSPP/SSA": "SSPP", "RCSS": "RCSS", "police": "Myanmar Police Force", "Pyu Saw Htee": "Pro-junta militia",
		"Ministry of Public Security": "Chinese authorities", "Chinese authorities": "Chinese authorities",
		"civilians": "Civilians", "ကိုးကန့်တပ်": "MNDAA",
	}
	for name, want := range cases {
		a, ok := extract.CanonicalActor(name)
		if !ok || a.Name != want {
			t.Errorf("CanonicalActor(%q) = %q, %v; want %q", name, a.Name, ok, want)
		}
	}
	for _, name := range []string{"UN OCHA", "OCHA", "United Nations", "Myanmar Now"} {
		if a, ok := extract.CanonicalActor(name); ok {
			t.Errorf("CanonicalActor(%q) = %q: sources are not actors", name, a.Name)
		}
	}
}

// TestActorsDictionary checks the coalition and the inter codes.
func TestActorsDictionary(t *testing.T) {
	byName := map[string]domain.Actor{}
	for _, a := range extract.Actors() {
		if a.Name == "" || !validInter(a.Inter) {
			t.Errorf("bad actor %+v", a)
		}
		byName[a.Name] = a
	}
	tba := byName["Three Brotherhood Alliance"]
	if len(tba.Members) != 3 || tba.Members[0] != "MNDAA" || tba.Members[1] != "TNLA" || tba.Members[2] != "AA" {
		t.Errorf("Three Brotherhood Alliance members %v", tba.Members)
	}
	for _, m := range tba.Members {
		if len(byName[m].MemberOf) == 0 || byName[m].MemberOf[0] != tba.Name {
			t.Errorf("%s member_of %v", m, byName[m].MemberOf)
		}
	}
	for name, inter := range map[string]domain.Inter{"Myanmar Armed Forces": domain.InterState, "MNDAA": domain.InterRebel,
		"PDF": domain.InterPolitical, "Civilians": domain.InterCivilians, "Chinese authorities": domain.InterExternal} {
		if byName[name].Inter != inter {
			t.Errorf("%s inter %d, want %d", name, byName[name].Inter, inter)
		}
	}
	// the slice is a copy
	a := extract.Actors()
	a[0].Aliases[0] = "changed"
	if extract.Actors()[0].Aliases[0] == "changed" {
		t.Error("Actors returns the dictionary itself")
	}
}

func validInter(i domain.Inter) bool { return i >= domain.InterState && i <= domain.InterExternal }

// TestActorRoles checks attacker, target and victim, and that sources
// ("according to the TNLA") are not parties.
func TestActorRoles(t *testing.T) {
	cases := []struct {
		text string
		want map[string]domain.ActorRole
	}{
		{"TNLA fighters attacked junta troops in Kutkai on Monday.", map[string]domain.ActorRole{
			"TNLA": domain.ActorAttacker, "Myanmar Armed Forces": domain.ActorTarget}},
		{"Two civilians were killed by junta artillery in Kutkai.", map[string]domain.ActorRole{
			"Myanmar Armed Forces": domain.ActorAttacker, "Civilians": domain.ActorVictim}},
		{"According to the TNLA, junta shelling killed two civilians in Kutkai.", map[string]domain.ActorRole{
			"Myanmar Armed Forces": domain.ActorAttacker, "Civilians": domain.ActorVictim}},
		{"UN OCHA said clashes between the MNDAA and the military continued in Laukkaing.", map[string]domain.ActorRole{
			"MNDAA": domain.ActorOther, "Myanmar Armed Forces": domain.ActorOther}},
	}
	x := extract.New(extracttest.Places())
	for _, tc := range cases {
		evs := x.Events(extract.Document{Text: tc.text, Date: "2023-11-20"})
		if len(evs) != 1 {
			t.Errorf("%q: %d events", tc.text, len(evs))
			continue
		}
		got := map[string]domain.ActorRole{}
		for _, a := range evs[0].Claims[0].Actors {
			got[a.Name] = a.Role
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: actors %v, want %v", tc.text, got, tc.want)
			continue
		}
		for n, r := range tc.want {
			if got[n] != r {
				t.Errorf("%q: %s is %q, want %q", tc.text, n, got[n], r)
			}
		}
	}
}

func TestExpand(t *testing.T) {
	tba := extract.Expand("Three Brotherhood Alliance")
	if len(tba) != 4 || tba[0] != "Three Brotherhood Alliance" {
		t.Errorf("Expand(alliance) = %v", tba)
	}
	if got := extract.Expand("tnla"); len(got) != 1 || got[0] != "TNLA" {
		t.Errorf("Expand(tnla) = %v", got)
	}
	if extract.Expand("a name nobody uses") != nil {
		t.Error("unknown name expanded")
	}
}
