package extract_test

import (
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
)

// TestTypes checks the event type, sub-type and kind a statement is coded
// with, following the ACLED conventions: strikes and shelling are remote
// violence even when they kill civilians, captures are battles with a
// control change, displacement with no fighting is a strategic development.
func TestTypes(t *testing.T) {
	type ev struct {
		typ  domain.EventType
		sub  domain.SubEventType
		kind domain.Kind
	}
	cases := []struct {
		text string
		want []ev
	}{
		{"Heavy clashes broke out in Kutkai on Monday.", []ev{{domain.Battle, domain.ArmedClash, ""}}},
		{"The MNDAA captured Kunlong town on Sunday.", []ev{{domain.Battle, domain.NonStateActorOvertakesTerritory, ""}}},
		{"Junta troops retook Monekoe on Friday.", []ev{{domain.Battle, domain.GovernmentRegainsTerritory, ""}}},
		{"An airstrike on Namhsan killed four civilians.", []ev{{domain.ExplosionRemoteViolence, domain.AirDroneStrike, ""}}},
		{"A drone dropped bombs on a market in Muse.", []ev{{domain.ExplosionRemoteViolence, domain.AirDroneStrike, ""}}},
		{"Artillery shells hit houses in Hseni, injuring three.", []ev{{domain.ExplosionRemoteViolence, domain.ShellingArtilleryMissileAttack, ""}}},
		{"A landmine wounded a farmer near Namtu.", []ev{{domain.ExplosionRemoteViolence, domain.RemoteExplosiveLandmineIED, ""}}},
		{"Someone threw a grenade at a shop in Lashio.", []ev{{domain.ExplosionRemoteViolence, domain.Grenade, ""}}},
		{"Soldiers shot dead a villager in Kyaukme.", []ev{{domain.ViolenceAgainstCivilians, domain.Attack, ""}}},
		{"Militiamen abducted two teachers in Hsipaw.", []ev{{domain.ViolenceAgainstCivilians, domain.AbductionForcedDisappearance, ""}}},
		{"Hundreds of residents held a protest in Lashio.", []ev{{domain.Protest, domain.PeacefulProtest, ""}}},
		{"Thousands of people fled Laukkaing.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindDisplacement}}},
		{"The road from Lashio to Hsipaw is closed.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindAccessRoad}}},
		{"The bridge at Kutkai was closed to traffic.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindAccessBridge}}},
		{"Lashio airport was closed.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindAccessAirport}}},
		{"Internet services were cut in Muse.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindAccessTelecom}}},
		{"Police raided a scam compound in Laukkaing and arrested 80 foreigners.", []ev{{domain.StrategicDevelopment, domain.Arrests, domain.KindScamCompoundRaid}}},
		{"Hundreds of workers were repatriated from Muse to China.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindRepatriation}}},
		{"The junta imposed martial law in Konkyan.", []ev{{domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindMartialLaw}}},
		{"A junta battalion surrendered to the MNDAA in Laukkaing.", []ev{{domain.StrategicDevelopment, domain.ChangeToGroupActivity, domain.KindSurrenderDefection}}},
		{"The TNLA blew up a bridge near Hseni with mines.", []ev{{domain.ExplosionRemoteViolence, domain.RemoteExplosiveLandmineIED, ""}}},
		{"Since the start of the offensive, at least 30 civilians have been killed in Kutkai.", []ev{{domain.Battle, domain.ArmedClash, ""}}},
		{"Two villagers were killed in Kutkai on Monday.", []ev{{domain.ViolenceAgainstCivilians, domain.Attack, ""}}},
		{"The alliance says it will attack Lashio soon.", nil},
		{"There was no fighting in Kyaukme.", nil},
		{"The army has pressured the alliance to stop the offensive against scam networks.", nil},
	}
	x := extract.New(extracttest.Places())
	for _, tc := range cases {
		evs := x.Events(extract.Document{Text: tc.text, Date: "2023-11-20"})
		if len(evs) != len(tc.want) {
			var got []string
			for _, e := range evs {
				got = append(got, string(e.Claims[0].Type)+"/"+string(e.Claims[0].Kind))
			}
			t.Errorf("%q: events %v, want %d", tc.text, got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			c := evs[i].Claims[0]
			if c.Type != w.typ || c.SubType != w.sub || c.Kind != w.kind {
				t.Errorf("%q: %s/%s/%s, want %s/%s/%s", tc.text, c.Type, c.SubType, c.Kind, w.typ, w.sub, w.kind)
			}
			if !c.SubType.Valid() || c.SubType.Type() != c.Type {
				t.Errorf("%q: sub-type %s does not belong to %s", tc.text, c.SubType, c.Type)
			}
			if c.Extractor != extract.Name || c.Confidence <= 0 || c.Confidence > 1 {
				t.Errorf("%q: extractor %q confidence %v", tc.text, c.Extractor, c.Confidence)
			}
			if c.Type == domain.Battle && c.SubType != domain.ArmedClash && c.Control == nil {
				t.Errorf("%q: a capture without a control change", tc.text)
			}
		}
	}
}
