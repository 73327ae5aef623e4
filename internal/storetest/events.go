package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sitroom/internal/domain"
)

func init() {
	register(
		suite{"EventStore/PendingAndAssign", testPendingAndAssign},
		suite{"EventStore/VersionConflict", testVersionConflict},
		suite{"EventStore/RetireAndChangeFeed", testRetireAndChangeFeed},
		suite{"EventStore/Candidates", testCandidates},
		suite{"EventStore/Supersede", testSupersede},
		suite{"EventStore/ClusteringLock", testClusteringLock},
	)
}

// pending stores n reports of one claim each, with no events.
func pending(t *testing.T, s domain.Store, from, n int) []domain.Submission {
	t.Helper()
	var subs []domain.Submission
	for i := from; i < from+n; i++ {
		sub := fixture(i, func(sub *domain.Submission) {
			sub.Events, sub.Audit = nil, nil
			sub.Claims[0].EventID = ""
		})
		subs = append(subs, sub)
	}
	save(t, s, subs...)
	return subs
}

func eventOf(c domain.Claim, id string) domain.Event {
	e := domain.Event{ID: id, Type: c.Type, SubType: c.SubType, Title: "t", Location: c.Location,
		DateStart: c.DateStart, DateEnd: c.DateEnd, TimePrecision: c.TimePrecision,
		Actors: []domain.EventActor{{Name: "MNDAA"}}, Status: domain.StatusNew, Version: 1, CreatedAt: base, UpdatedAt: base, ClaimCount: 1}
	return e
}

func testPendingAndAssign(t *testing.T, s domain.Store) {
	ctx := context.Background()
	es := s.(domain.EventStore)
	subs := pending(t, s, 400, 5)
	got, err := es.PendingClaims(ctx, "", 3)
	if err != nil || len(got) != 3 || got[0].ID != "C0400" || got[2].ID != "C0402" {
		t.Fatalf("PendingClaims = %v, %v", claimIDs(got), err)
	}
	got, _ = es.PendingClaims(ctx, "C0402", 10)
	if len(got) != 2 || got[0].ID != "C0403" {
		t.Fatalf("PendingClaims after C0402 = %v", claimIDs(got))
	}
	ev := eventOf(subs[0].Claims[0], "EV1")
	seq0, _ := es.ChangeSeq(ctx)
	seq, err := es.ApplyEventChanges(ctx, domain.EventChanges{
		Create: []domain.Event{ev},
		Assign: []domain.ClaimAssignment{{ClaimID: "C0400", EventID: "EV1"}, {ClaimID: "C0401", EventID: "EV1", Pinned: true}},
		Audit:  []domain.AuditEntry{{ID: "AUD1", At: base, Actor: "system", Action: "event.create", EntityType: "event", EntityID: "EV1"}},
	})
	if err != nil || seq != seq0+1 {
		t.Fatalf("ApplyEventChanges = %d, %v (seq was %d)", seq, err, seq0)
	}
	left, _ := es.PendingClaims(ctx, "", 10)
	if len(left) != 3 {
		t.Errorf("pending after assigning two = %v", claimIDs(left))
	}
	claims, err := es.ClaimsOfEvents(ctx, []string{"EV1"})
	if err != nil || len(claims) != 2 || claims[0].Pinned || !claims[1].Pinned || claims[1].EventID != "EV1" {
		t.Errorf("ClaimsOfEvents = %+v, %v", claims, err)
	}
	p, _ := s.ListEvents(ctx, domain.EventFilter{Actors: []string{"MNDAA"}})
	if len(p.Items) != 1 {
		t.Errorf("created event's actors not indexed: %d", len(p.Items))
	}
	// Assigning a claim that does not exist fails the whole change.
	_, err = es.ApplyEventChanges(ctx, domain.EventChanges{Assign: []domain.ClaimAssignment{{ClaimID: "C0402", EventID: "EV1"}, {ClaimID: "nope", EventID: "EV1"}}})
	if !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("assigning a missing claim: %v", err)
	}
	if left, _ := es.PendingClaims(ctx, "", 10); len(left) != 3 {
		t.Errorf("a failed change assigned claims anyway: %v", claimIDs(left))
	}
	// Sending a claim back to be clustered again.
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Assign: []domain.ClaimAssignment{{ClaimID: "C0400", EventID: ""}}}); err != nil {
		t.Fatal(err)
	}
	if left, _ := es.PendingClaims(ctx, "", 10); len(left) != 4 || left[0].ID != "C0400" {
		t.Errorf("unassigned claim not pending: %v", claimIDs(left))
	}
	h, _ := s.History(ctx, "event", "EV1")
	if len(h) != 1 {
		t.Errorf("audit of the change: %+v", h)
	}
}

func claimIDs(cs []domain.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func testVersionConflict(t *testing.T, s domain.Store) {
	ctx := context.Background()
	es := s.(domain.EventStore)
	subs := pending(t, s, 410, 1)
	ev := eventOf(subs[0].Claims[0], "EV2")
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Create: []domain.Event{ev}}); err != nil {
		t.Fatal(err)
	}
	ev.Title, ev.Version, ev.Status, ev.StatusBy = "verified by a reviewer", 2, domain.StatusVerified, "reviewer-1"
	ev.Actors = []domain.EventActor{{Name: "TNLA"}}
	ev.Disputes = []string{"killed: sources give 9 to 40"}
	ev.Overrides = &domain.Overrides{Title: "verified by a reviewer", Figures: map[domain.FigureKind]int64{domain.Killed: 12}, Notes: map[string]string{"title": "why"}}
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Update: []domain.EventUpdate{{Event: ev, PrevVersion: 1}}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetEvent(ctx, "EV2")
	if err != nil || got.Version != 2 || got.Title != ev.Title || got.StatusBy != "reviewer-1" || got.Overrides.Figures[domain.Killed] != 12 ||
		len(got.Disputes) != 1 || got.Actors[0].Name != "TNLA" {
		t.Fatalf("updated event %+v, %v", got, err)
	}
	if p, _ := s.ListEvents(ctx, domain.EventFilter{Actors: []string{"MNDAA"}}); len(p.Items) != 0 {
		t.Errorf("old actor still indexed")
	}
	// A second writer that read version 1 loses.
	stale := ev
	stale.Title, stale.Version = "stale", 2
	_, err = es.ApplyEventChanges(ctx, domain.EventChanges{Update: []domain.EventUpdate{{Event: stale, PrevVersion: 1}}})
	if !domain.IsCode(err, domain.CodeConflict) {
		t.Fatalf("stale update: %v", err)
	}
	if got, _ := s.GetEvent(ctx, "EV2"); got.Title != ev.Title {
		t.Errorf("stale update overwrote the event: %q", got.Title)
	}
}

func testRetireAndChangeFeed(t *testing.T, s domain.Store) {
	ctx := context.Background()
	es := s.(domain.EventStore)
	subs := pending(t, s, 420, 2)
	start, _ := es.ChangeSeq(ctx)
	a, b := eventOf(subs[0].Claims[0], "EVA"), eventOf(subs[1].Claims[0], "EVB")
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Create: []domain.Event{a, b}}); err != nil {
		t.Fatal(err)
	}
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Retire: []domain.EventRetire{{ID: "EVB", MergedInto: "EVA", PrevVersion: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Retire: []domain.EventRetire{{ID: "EVB", MergedInto: "EVA", PrevVersion: 1}}}); !domain.IsCode(err, domain.CodeConflict) {
		t.Errorf("retiring twice: %v", err)
	}
	p, _ := s.ListEvents(ctx, domain.EventFilter{})
	for _, e := range p.Items {
		if e.ID == "EVB" {
			t.Errorf("retired event listed")
		}
	}
	got, err := s.GetEvent(ctx, "EVB")
	if err != nil || got.MergedInto != "EVA" || got.Version != 2 {
		t.Errorf("retired event %+v, %v", got, err)
	}
	changed, last, err := es.EventsChangedSince(ctx, start, 10)
	if err != nil || len(changed) != 2 || last != start+2 {
		t.Fatalf("change feed from %d = %d events, last %d, %v", start, len(changed), last, err)
	}
	if changed[1].ID != "EVB" || changed[1].MergedInto != "EVA" {
		t.Errorf("feed order %s %s", changed[0].ID, changed[1].ID)
	}
	if changed, _, _ := es.EventsChangedSince(ctx, last, 10); len(changed) != 0 {
		t.Errorf("feed past the end: %d", len(changed))
	}
	byID, err := es.EventsByID(ctx, []string{"EVB", "EVA", "missing"})
	if err != nil || len(byID) != 2 || byID[0].ID != "EVA" {
		t.Errorf("EventsByID = %d, %v", len(byID), err)
	}
}

func testCandidates(t *testing.T, s domain.Store) {
	ctx := context.Background()
	es := s.(domain.EventStore)
	subs := pending(t, s, 430, 3)
	town := subs[0].Claims[0]
	town.PCode, town.GeoLevel = "MMR015022701", domain.LevelTown
	e1 := eventOf(town, "C1")
	e2 := eventOf(subs[1].Claims[0], "C2")
	e2.DateStart, e2.DateEnd = "2023-12-01", "2023-12-01"
	named := subs[2].Claims[0]
	named.Location = domain.Location{PlaceName: "Shiyun Kyi"}
	e3 := eventOf(named, "C3")
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Create: []domain.Event{e1, e2, e3}}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		q    domain.CandidateQuery
		want string
	}{
		{domain.CandidateQuery{Types: []domain.EventType{domain.Battle}, Area: "MMR015017", Since: "2023-11-10", Until: "2023-11-14"}, "[C1]"},
		{domain.CandidateQuery{Types: []domain.EventType{domain.Battle}, Area: "MMR015017", Since: "2023-11-10", Until: "2100-01-01"}, "[C1 C2]"},
		{domain.CandidateQuery{Types: []domain.EventType{domain.Battle}, Area: "MMR015017", Exact: true, Since: "2023-11-01", Until: "2100-01-01"}, "[C2]"},
		{domain.CandidateQuery{Types: []domain.EventType{domain.Riot}, Area: "MMR015017", Since: "2023-11-01", Until: "2100-01-01"}, "[]"},
		{domain.CandidateQuery{PlaceName: "SHIYUN KYI", Since: "2023-11-01", Until: "2100-01-01"}, "[C3]"},
	}
	for _, tc := range cases {
		got, err := es.CandidateEvents(ctx, tc.q)
		var names []string
		for _, e := range got {
			names = append(names, e.ID)
		}
		if err != nil || fmt.Sprint(nonNil(names)) != tc.want {
			t.Errorf("CandidateEvents(%+v) = %v, %v; want %s", tc.q, names, err, tc.want)
		}
	}
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func testSupersede(t *testing.T, s domain.Store) {
	ctx := context.Background()
	es := s.(domain.EventStore)
	subs := pending(t, s, 440, 2)
	ev := eventOf(subs[0].Claims[0], "SUP")
	if _, err := es.ApplyEventChanges(ctx, domain.EventChanges{Create: []domain.Event{ev},
		Assign: []domain.ClaimAssignment{{ClaimID: "C0440", EventID: "SUP"}, {ClaimID: "C0441", EventID: "SUP"}}}); err != nil {
		t.Fatal(err)
	}
	if err := es.SupersedeClaims(ctx, []string{"C0440"}, base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	claims, _ := es.ClaimsOfEvents(ctx, []string{"SUP"})
	if len(claims) != 1 || claims[0].ID != "C0441" {
		t.Errorf("live claims after superseding = %v", claimIDs(claims))
	}
	if rc, _ := s.ReportClaims(ctx, "R0440"); len(rc) != 0 {
		t.Errorf("superseded claim still listed for its report")
	}
}

func testClusteringLock(t *testing.T, s domain.Store) {
	ctx := context.Background()
	es := s.(domain.EventStore)
	unlock, ok, err := es.LockClustering(ctx)
	if err != nil || !ok {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	if _, ok2, err := es.LockClustering(ctx); err != nil || ok2 {
		t.Errorf("second lock while held: ok=%v err=%v", ok2, err)
	}
	unlock()
	unlock2, ok, err := es.LockClustering(ctx)
	if err != nil || !ok {
		t.Fatalf("lock after release: %v %v", ok, err)
	}
	unlock2()
}
