// Package exporttest builds the fixed picture the output tests (exports,
// situation report, digests) share: a few weeks of events in northern
// Shan State, stored in a real SQLite database through the store's own
// write paths and verified through the review service, with a manual
// clock, so that golden files do not move. The reports' words are the
// tests' own.
package exporttest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
	"sitroom/internal/ids"
	"sitroom/internal/review"
	"sitroom/internal/sqlite"
	"sitroom/internal/sqlstore"
)

// Start is the fixture clock's first reading.
var Start = time.Date(2023, 11, 28, 3, 0, 0, 0, time.UTC)

// Window is the period the fixture covers.
const (
	Since domain.Date = "2023-10-27"
	Until domain.Date = "2023-11-30"
)

// Secrets are strings that appear only in what the public must never see:
// the verbatim texts of individuals' reports, a reporter pseudonym, the
// exact name of an IDP site. Redaction tests look for each in public
// output.
var Secrets = []string{
	"Text of a monitor's SMS from Mansi camp",
	"r_fixture_monitor_pseudonym",
	"Mansi camp",
	"Mansi IDP site",
}

// IDPPoint is the exact point of the fixture's IDP site, which the public
// never sees.
var IDPPoint = [2]float64{22.9601, 97.7602}

// Fixture is the stored picture: event ids by name.
type Fixture struct {
	Store  *sqlstore.Store
	Clock  *clock.Manual
	Places *gazetteer.Gazetteer
	Events map[string]string
}

func f64(v float64) *float64 { return &v }

type claimSpec struct {
	name      string // event name
	source    string // "" for an individual (channel sms)
	date      domain.Date
	text      string
	claim     domain.Claim
	verify    bool
	rejected  bool
	verifyDay int // minutes after Start the reviewer verifies it
}

func loc(places *gazetteer.Gazetteer, pcode, name string) domain.Location {
	p, err := places.Place(pcode)
	if err != nil {
		panic(err)
	}
	l := domain.Location{PlaceName: name, PCode: p.PCode, GeoLevel: p.Level, GeoPrecision: p.Level.GeoPrecision(),
		Adm1: p.Adm1, Adm2: p.Adm2, Adm3: p.Adm3}
	if name == "" {
		l.PlaceName = p.Name
	}
	if p.Level == domain.LevelTownship {
		l.Adm3 = p.PCode
	}
	if p.HasPoint {
		l.Lat, l.Lon = f64(p.Lat), f64(p.Lon)
	}
	return l
}

func specs(places *gazetteer.Gazetteer) []claimSpec {
	mndaa := domain.ClaimActor{Name: "MNDAA", Role: domain.ActorAttacker, Inter: domain.InterRebel}
	army := domain.ClaimActor{Name: "Myanmar military", Role: domain.ActorTarget, Inter: domain.InterState}
	armyAtt := domain.ClaimActor{Name: "Myanmar military", Role: domain.ActorAttacker, Inter: domain.InterState}
	civ := domain.ClaimActor{Name: "Civilians (Myanmar)", Role: domain.ActorVictim, Inter: domain.InterCivilians}
	idp := loc(places, "MMR015001701", "Mansi camp")
	idp.Lat, idp.Lon, idp.GeoLevel, idp.GeoPrecision = f64(IDPPoint[0]), f64(IDPPoint[1]), domain.LevelPoint, 1
	return []claimSpec{
		{name: "battle", source: "UN OCHA", date: "2023-11-16", text: "OCHA flash note: heavy fighting around Laukkaing town on 12 November; at least nine civilians killed.",
			claim: domain.Claim{Type: domain.Battle, SubType: domain.ArmedClash, Location: loc(places, "MMR015022701", "Laukkaing"),
				DateStart: "2023-11-12", DateEnd: "2023-11-12", TimePrecision: domain.TimeDay, Actors: []domain.ClaimActor{mndaa, army},
				Figures: []domain.Figure{{Kind: domain.Killed, Min: 9, Qualifier: domain.QualAtLeast}}}, verify: true, verifyDay: 10},
		{name: "battle", source: "Shan Herald", date: "2023-11-17", text: "Shan Herald: twelve dead and four hurt in the Laukkaing fighting.",
			claim: domain.Claim{Type: domain.Battle, SubType: domain.ArmedClash, Location: loc(places, "MMR015022701", "Laukkaing"),
				DateStart: "2023-11-12", DateEnd: "2023-11-12", TimePrecision: domain.TimeDay, Actors: []domain.ClaimActor{mndaa, army},
				Figures: []domain.Figure{{Kind: domain.Killed, Min: 12, Qualifier: domain.QualExact}, {Kind: domain.Injured, Min: 4, Qualifier: domain.QualExact}}}},
		{name: "capture", source: "Myanmar Now", date: "2023-10-29", text: "ချင်းရွှေဟော်ကို MNDAA သိမ်းပိုက်",
			claim: domain.Claim{Type: domain.Battle, SubType: domain.NonStateActorOvertakesTerritory, Location: loc(places, "MMR015022702", "Chinshwehaw"),
				DateStart: "2023-10-28", DateEnd: "2023-10-28", TimePrecision: domain.TimeDay, Actors: []domain.ClaimActor{mndaa, army},
				Control: &domain.ControlChange{Actor: "MNDAA", From: "Myanmar military"}, Site: &domain.Site{Name: "Chinshwehaw border gate", Kind: domain.SiteBorderGate}},
			verify: true, verifyDay: 20},
		{name: "idp", source: "", date: "2023-11-06", text: "Text of a monitor's SMS from Mansi camp: 3000 people arrived.",
			claim: domain.Claim{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindDisplacement, Location: idp,
				DateStart: "2023-11-05", DateEnd: "2023-11-05", TimePrecision: domain.TimeDay,
				Figures: []domain.Figure{{Kind: domain.Displaced, Min: 3000, Qualifier: domain.QualExact}},
				Site:    &domain.Site{Name: "Mansi IDP site", Kind: domain.SiteIDP}, Summary: "DISPLACED Mansi camp 3000"},
			verify: true, verifyDay: 30},
		{name: "road", source: "Shan Herald", date: "2023-11-01", text: "The Lashio–Muse road is closed at Kutkai.",
			claim: domain.Claim{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindAccessRoad, Location: loc(places, "MMR015011", "Kutkai"),
				DateStart: "2023-11-01", DateEnd: "2023-11-01", TimePrecision: domain.TimeDay,
				Access: &domain.Access{Status: domain.AccessClosed, Route: "Lashio–Muse road"}},
			verify: true, verifyDay: 40},
		{name: "telecom", source: "Myanmar Now", date: "2023-10-31", text: "ဖုန်းလိုင်း ပြတ်တောက်",
			claim: domain.Claim{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindAccessTelecom, Location: loc(places, "MMR015022", "Laukkaing"),
				DateStart: "2023-10-30", DateEnd: "2023-10-30", TimePrecision: domain.TimeDay,
				Access: &domain.Access{Status: domain.AccessClosed, Route: "mobile and internet, Laukkaing"}},
			verify: true, verifyDay: 50},
		{name: "airstrike", source: "Local media", date: "2023-11-21", text: "Unconfirmed: airstrike on a Namhkan village, four dead.",
			claim: domain.Claim{Type: domain.ExplosionRemoteViolence, SubType: domain.AirDroneStrike, Location: loc(places, "MMR015010701", "Namhkan"),
				DateStart: "2023-11-20", DateEnd: "2023-11-20", TimePrecision: domain.TimeDay, Actors: []domain.ClaimActor{armyAtt, civ},
				Figures: []domain.Figure{{Kind: domain.Killed, Min: 4, Qualifier: domain.QualExact}}}},
		{name: "total", source: "UN OCHA", date: "2023-11-09", text: "Since 27 October some 50,000 people have been displaced across northern Shan.",
			claim: domain.Claim{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindDisplacement, Location: loc(places, "MMR015", "northern Shan"),
				DateStart: "2023-10-27", DateEnd: "2023-11-09", TimePrecision: domain.TimeMonth, Cumulative: true,
				Figures: []domain.Figure{{Kind: domain.Displaced, Min: 50000, Qualifier: domain.QualApprox, Cumulative: true}}},
			verify: true, verifyDay: 60},
		{name: "repatriation", source: "Xinhua", date: "2023-11-26", text: "Three hundred people handed over at the Muse crossing.",
			claim: domain.Claim{Type: domain.StrategicDevelopment, SubType: domain.OtherDevelopment, Kind: domain.KindRepatriation, Location: loc(places, "MMR015009701", "Muse"),
				DateStart: "2023-11-25", DateEnd: "2023-11-25", TimePrecision: domain.TimeDay,
				Figures: []domain.Figure{{Kind: domain.HandedOver, Min: 300, Qualifier: domain.QualExact}}},
			verify: true, verifyDay: 70},
		{name: "rejected", source: "Rumour mill", date: "2023-11-22", text: "A made-up clash that reviewers rejected.",
			claim: domain.Claim{Type: domain.Battle, SubType: domain.ArmedClash, Location: loc(places, "MMR015001", "Lashio"),
				DateStart: "2023-11-22", DateEnd: "2023-11-22", TimePrecision: domain.TimeDay,
				Figures: []domain.Figure{{Kind: domain.Killed, Min: 40, Qualifier: domain.QualExact}}}, rejected: true, verifyDay: 80},
	}
}

// Open returns a fresh SQLite store in the test's temporary folder.
func Open(t testing.TB) *sqlstore.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "fixture.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Load stores the fixture in a fresh store and verifies (or rejects) its
// events through the review service, a few minutes apart.
func Load(t testing.TB) *Fixture {
	t.Helper()
	s := Open(t)
	return LoadInto(t, s)
}

// LoadInto stores the fixture in a given (empty) store.
func LoadInto(t testing.TB, s *sqlstore.Store) *Fixture {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewManual(Start)
	idg := ids.NewSequence("fx")
	places := gazetteer.Default()
	fx := &Fixture{Store: s, Clock: clk, Places: places, Events: map[string]string{}}
	byName := map[string]*domain.Event{}
	var subs []domain.Submission
	for i, sp := range specs(places) {
		rep := domain.Report{ID: idg.NewID(), Channel: domain.ChannelAPI, Source: sp.source, ReceivedAt: Start.Add(time.Duration(i) * time.Second),
			Date: sp.date, Language: "en", Text: sp.text, ContentHash: idg.NewID(), Coding: domain.CodingStructured, ClaimCount: 1}
		if sp.source == "" {
			rep.Channel, rep.ReporterID = domain.ChannelSMS, "r_fixture_monitor_pseudonym"
		}
		c := sp.claim
		c.ID, c.ReportID, c.Seq, c.Source, c.SourceKey = idg.NewID(), rep.ID, 0, sp.source, rep.DedupeKey()
		if c.Source == "" {
			c.Source = string(rep.Channel)
		}
		for j := range c.Figures {
			c.Figures[j].Cumulative = c.Figures[j].Cumulative || c.Cumulative
		}
		c.Extractor, c.Confidence, c.CreatedAt = "structured", 1, rep.ReceivedAt
		sub := domain.Submission{Report: rep, SubmittedBy: "fixture"}
		e := byName[sp.name]
		if e == nil {
			e = &domain.Event{ID: "ev-" + sp.name, Version: 1, CreatedAt: rep.ReceivedAt, UpdatedAt: rep.ReceivedAt}
			byName[sp.name] = e
			fx.Events[sp.name] = e.ID
			c.EventID = e.ID
			corroborate.Derive(e, []domain.Claim{c})
			sub.Events = []domain.Event{*e}
		}
		c.EventID = e.ID
		sub.Claims = []domain.Claim{c}
		subs = append(subs, sub)
	}
	if _, err := s.SaveReports(ctx, subs); err != nil {
		t.Fatal(err)
	}
	// The review service re-derives each event from all its claims.
	rev := &review.Service{Store: s, Clock: clk, IDs: idg}
	for _, sp := range specs(places) {
		if !sp.verify && !sp.rejected {
			continue
		}
		id := fx.Events[sp.name]
		clk.Set(Start.Add(time.Duration(sp.verifyDay) * time.Minute))
		st := domain.StatusVerified
		if sp.rejected {
			st = domain.StatusRejected
		}
		if _, err := rev.Apply(ctx, domain.Principal{Name: "reviewer-1", Role: domain.RoleReviewer}, id, 0,
			review.Edit{Status: st, Reason: "checked against two sources"}); err != nil {
			t.Fatalf("review %s: %v", sp.name, err)
		}
	}
	clk.Set(Start.Add(2 * time.Hour))
	return fx
}
