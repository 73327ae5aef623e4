// Package storetest is the conformance suite for domain.Store: the same
// tests run unchanged against every backend (SQLite, PostgreSQL), so that a
// node behaves the same whichever database it runs on.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"sitroom/internal/domain"
)

// Opener returns a fresh, empty, migrated store for one test; it registers
// its own cleanup.
type Opener func(t *testing.T) domain.Store

// suite is one named conformance test.
type suite struct {
	name string
	fn   func(t *testing.T, s domain.Store)
}

// suites holds the tests other files of this package add with register:
// each part of the store (feeds, outbox, review…) brings its own file.
var suites []suite

// register adds conformance tests; called from init in each file.
func register(tests ...suite) { suites = append(suites, tests...) }

// Run runs the whole conformance suite.
func Run(t *testing.T, open Opener) {
	tests := []suite{
		{"ReportRoundTrip", testReportRoundTrip},
		{"EventRoundTrip", testEventRoundTrip},
		{"MissingRowsAreNotFound", testNotFound},
		{"IdempotentByClientID", testIdempotentClientID},
		{"IdempotentByContent", testIdempotentContent},
		{"DuplicateInOneBatch", testDuplicateInBatch},
		{"ConcurrentDuplicates", testConcurrentDuplicates},
		{"EventFilters", testEventFilters},
		{"EventPagination", testEventPagination},
		{"BadCursor", testBadCursor},
		{"ReportListing", testReportListing},
		{"Tokens", testTokens},
		{"Audit", testAudit},
	}
	for _, tc := range append(tests, suites...) {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

var base = time.Date(2023, 11, 16, 9, 30, 0, 123456000, time.UTC)

func ptr[T any](v T) *T { return &v }

// fixture builds a submission: one report whose single claim starts one
// event. n makes ids and content unique.
func fixture(n int, mod func(*domain.Submission)) domain.Submission {
	rid, cid, eid := fmt.Sprintf("R%04d", n), fmt.Sprintf("C%04d", n), fmt.Sprintf("E%04d", n)
	loc := domain.Location{PlaceName: "Laukkaing", PCode: "MMR015017", GeoLevel: domain.LevelTownship, GeoPrecision: 2,
		Adm1: "MMR015", Adm2: "MMR015S002", Adm3: "MMR015017", Lat: ptr(23.69), Lon: ptr(98.75)}
	claim := domain.Claim{ID: cid, ReportID: rid, EventID: eid, Seq: 0,
		Type: domain.Battle, SubType: domain.ArmedClash, Location: loc,
		DateStart: "2023-11-12", DateEnd: "2023-11-12", TimePrecision: domain.TimeDay,
		Actors:  []domain.ClaimActor{{Name: "MNDAA", Role: domain.ActorAttacker, Inter: domain.InterRebel}, {Name: "Myanmar military", Role: domain.ActorTarget, Inter: domain.InterState}},
		Figures: []domain.Figure{{Kind: domain.Killed, Min: 9, Qualifier: domain.QualAtLeast, Text: "at least nine"}},
		Summary: "clash near the town", Source: "Local media", Extractor: "structured", Confidence: 1, CreatedAt: base}
	ev := domain.Event{ID: eid, Type: domain.Battle, SubType: domain.ArmedClash, Title: "Armed clash in Laukkaing", Location: loc,
		DateStart: "2023-11-12", DateEnd: "2023-11-12", TimePrecision: domain.TimeDay,
		Actors:  []domain.EventActor{{Name: "MNDAA", Role: domain.ActorAttacker, Inter: domain.InterRebel}, {Name: "Myanmar military", Role: domain.ActorTarget, Inter: domain.InterState}},
		Figures: []domain.EventFigure{{Kind: domain.Killed, Min: 9, Sources: []domain.FigureSource{{ClaimID: cid, ReportID: rid, Source: "Local media", Date: "2023-11-13", Min: 9, Qualifier: domain.QualAtLeast}}}},
		Status:  domain.StatusNew, SourceCount: 1, ClaimCount: 1, Version: 1, CreatedAt: base, UpdatedAt: base}
	sub := domain.Submission{
		Report: domain.Report{ID: rid, ClientID: fmt.Sprintf("client-%d", n), Channel: domain.ChannelAPI, Source: "Local media",
			SourceURL: "https://example.org/a", ReceivedAt: base.Add(time.Duration(n) * time.Second), Date: "2023-11-13", Language: "en",
			Text: fmt.Sprintf("Report %d: fighting in Laukkaing; at least nine killed.", n), Encoding: domain.EncodingUnicode,
			ContentHash: fmt.Sprintf("hash-%d", n), Coding: domain.CodingStructured,
			Payload: json.RawMessage(`{"events":[{"type":"battle"}]}`), Meta: map[string]string{"k": "v"}},
		Claims:      []domain.Claim{claim},
		Events:      []domain.Event{ev},
		SubmittedBy: "tester",
		Audit:       []domain.AuditEntry{{ID: fmt.Sprintf("A%04d", n), At: base, Actor: "tester", Action: "event.create", EntityType: "event", EntityID: eid}},
	}
	if mod != nil {
		mod(&sub)
	}
	return sub
}

func save(t *testing.T, s domain.Store, subs ...domain.Submission) []domain.SaveResult {
	t.Helper()
	res, err := s.SaveReports(context.Background(), subs)
	if err != nil {
		t.Fatalf("SaveReports: %v", err)
	}
	if len(res) != len(subs) {
		t.Fatalf("SaveReports returned %d results for %d submissions", len(res), len(subs))
	}
	return res
}

func testReportRoundTrip(t *testing.T, s domain.Store) {
	ctx := context.Background()
	sub := fixture(1, func(sub *domain.Submission) {
		// Burmese text with a combining sequence must come back byte for byte.
		sub.Report.Text = "လားရှိုးမြို့နယ်တွင် တိုက်ပွဲဖြစ်ပွား"
		sub.Report.NormalText = ""
		sub.Report.Language = "my"
		sub.Report.Flags = []string{"zawgyi_uncertain"}
		sub.Report.ReporterID = "r_abc"
	})
	res := save(t, s, sub)
	if res[0].Duplicate || res[0].ReportID != "R0001" {
		t.Fatalf("result = %+v, want new R0001", res[0])
	}
	got, err := s.GetReport(ctx, "R0001")
	if err != nil {
		t.Fatal(err)
	}
	want := sub.Report
	want.ClaimCount = 1
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report round trip:\n got %+v\nwant %+v", got, want)
	}
	claims, err := s.ReportClaims(ctx, "R0001")
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 1 || !reflect.DeepEqual(claims[0], sub.Claims[0]) {
		t.Errorf("claims round trip:\n got %+v\nwant %+v", claims, sub.Claims)
	}
}

func testEventRoundTrip(t *testing.T, s domain.Store) {
	sub := fixture(2, func(sub *domain.Submission) {
		sub.Events[0].Control = &domain.ControlChange{Actor: "MNDAA", From: "Myanmar military"}
		sub.Events[0].Kind = ""
		sub.Claims[0].Access = &domain.Access{Status: domain.AccessClosed, Route: "Lashio–Muse"}
	})
	save(t, s, sub)
	got, err := s.GetEvent(context.Background(), "E0002")
	if err != nil {
		t.Fatal(err)
	}
	want := sub.Events[0]
	want.Claims = sub.Claims
	if !reflect.DeepEqual(got, want) {
		t.Errorf("event round trip:\n got %+v\nwant %+v", got, want)
	}
}

func testNotFound(t *testing.T, s domain.Store) {
	ctx := context.Background()
	if _, err := s.GetReport(ctx, "nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("GetReport(missing) err = %v, want not_found", err)
	}
	if _, err := s.GetEvent(ctx, "nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("GetEvent(missing) err = %v, want not_found", err)
	}
	if _, err := s.TokenByHash(ctx, "nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("TokenByHash(missing) err = %v, want not_found", err)
	}
	if err := s.RevokeToken(ctx, "nope", base); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("RevokeToken(missing) err = %v, want not_found", err)
	}
	claims, err := s.ReportClaims(ctx, "nope")
	if err != nil || len(claims) != 0 {
		t.Errorf("ReportClaims(missing) = %v, %v; want empty, nil", claims, err)
	}
}

func countEvents(t *testing.T, s domain.Store) int {
	t.Helper()
	p, err := s.ListEvents(context.Background(), domain.EventFilter{Limit: domain.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	return len(p.Items)
}

func testIdempotentClientID(t *testing.T, s domain.Store) {
	save(t, s, fixture(3, nil))
	// Same source and client id, different text and ids: a re-send.
	again := fixture(4, func(sub *domain.Submission) { sub.Report.ClientID = "client-3" })
	res := save(t, s, again)
	if !res[0].Duplicate || res[0].ReportID != "R0003" || len(res[0].ClaimIDs) != 0 {
		t.Fatalf("re-send by client id: %+v, want duplicate of R0003", res[0])
	}
	if n := countEvents(t, s); n != 1 {
		t.Errorf("events after re-send = %d, want 1", n)
	}
	// The same client id from another source is another report.
	other := fixture(5, func(sub *domain.Submission) { sub.Report.ClientID = "client-3"; sub.Report.Source = "UN OCHA" })
	if res := save(t, s, other); res[0].Duplicate {
		t.Errorf("same client id from another source was treated as duplicate")
	}
}

func testIdempotentContent(t *testing.T, s domain.Store) {
	save(t, s, fixture(6, nil))
	same := fixture(7, func(sub *domain.Submission) { sub.Report.ClientID = ""; sub.Report.ContentHash = "hash-6" })
	if res := save(t, s, same); !res[0].Duplicate || res[0].ReportID != "R0006" {
		t.Errorf("same content, same source, same day: %+v, want duplicate of R0006", res[0])
	}
	nextDay := fixture(8, func(sub *domain.Submission) {
		sub.Report.ClientID = ""
		sub.Report.ContentHash = "hash-6"
		sub.Report.Date = "2023-11-14"
	})
	if res := save(t, s, nextDay); res[0].Duplicate {
		t.Errorf("same content on another day was treated as duplicate")
	}
	// Two field monitors sending the same words are two reports.
	a := fixture(9, func(sub *domain.Submission) {
		sub.Report.Source = ""
		sub.Report.ReporterID = "r_a"
		sub.Report.ClientID = ""
	})
	b := fixture(10, func(sub *domain.Submission) {
		sub.Report.Source = ""
		sub.Report.ReporterID = "r_b"
		sub.Report.ClientID = ""
		sub.Report.ContentHash = "hash-9"
	})
	res := save(t, s, a, b)
	if res[0].Duplicate || res[1].Duplicate {
		t.Errorf("same text from two reporters: %+v", res)
	}
}

func testDuplicateInBatch(t *testing.T, s domain.Store) {
	a := fixture(11, nil)
	b := fixture(12, func(sub *domain.Submission) { sub.Report.ClientID = "client-11" })
	res := save(t, s, a, b)
	if res[0].Duplicate || !res[1].Duplicate || res[1].ReportID != "R0011" {
		t.Errorf("batch with a repeat: %+v", res)
	}
	if n := countEvents(t, s); n != 1 {
		t.Errorf("events = %d, want 1", n)
	}
}

func testConcurrentDuplicates(t *testing.T, s domain.Store) {
	const n = 8
	var wg sync.WaitGroup
	results := make([]domain.SaveResult, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sub := fixture(100+i, func(sub *domain.Submission) { sub.Report.ClientID = "same" })
			r, err := s.SaveReports(context.Background(), []domain.Submission{sub})
			errs[i] = err
			if err == nil {
				results[i] = r[0]
			}
		}(i)
	}
	wg.Wait()
	created := 0
	for i := 0; i < n; i++ {
		if errs[i] != nil {
			t.Fatalf("concurrent save %d: %v", i, errs[i])
		}
		if !results[i].Duplicate {
			created++
		}
	}
	if created != 1 {
		t.Errorf("%d concurrent re-sends created %d reports, want 1", n, created)
	}
	if got := countEvents(t, s); got != 1 {
		t.Errorf("events = %d, want 1", got)
	}
}

func testEventFilters(t *testing.T, s domain.Store) {
	ctx := context.Background()
	save(t, s,
		fixture(20, nil), // Laukkaing battle 2023-11-12, MNDAA
		fixture(21, func(sub *domain.Submission) {
			e := &sub.Events[0]
			e.Type, e.SubType, e.Title = domain.ExplosionRemoteViolence, domain.AirDroneStrike, "Air strike on Namhkam"
			e.Location = domain.Location{PlaceName: "Namhkam", PCode: "MMR015010701", GeoLevel: domain.LevelTown, GeoPrecision: 1,
				Adm1: "MMR015", Adm2: "MMR015D003", Adm3: "MMR015010", Lat: ptr(23.83), Lon: ptr(97.68)}
			e.DateStart, e.DateEnd = "2023-11-21", "2023-11-21"
			e.Actors = []domain.EventActor{{Name: "Myanmar military"}}
			e.Status = domain.StatusVerified
			sub.Claims[0].Type, sub.Claims[0].SubType = e.Type, e.SubType
		}),
		fixture(22, func(sub *domain.Submission) {
			e := &sub.Events[0]
			e.Type, e.SubType, e.Kind, e.Title = domain.StrategicDevelopment, domain.OtherDevelopment, domain.KindAccessRoad, "Lashio–Muse road closed"
			e.Location = domain.Location{PlaceName: "northern Shan", PCode: "MMR015", GeoLevel: domain.LevelState, GeoPrecision: 3, Adm1: "MMR015"}
			e.DateStart, e.DateEnd = "2023-10-28", "2023-12-15"
			e.Actors = nil
			e.Figures = nil
			sub.Claims[0].Type, sub.Claims[0].SubType = e.Type, e.SubType
		}),
	)
	cases := []struct {
		name string
		f    domain.EventFilter
		want []string
	}{
		{"all, latest first", domain.EventFilter{}, []string{"E0021", "E0020", "E0022"}},
		{"period overlap", domain.EventFilter{Since: "2023-11-01", Until: "2023-11-15"}, []string{"E0020", "E0022"}},
		{"since only: overlapping periods count", domain.EventFilter{Since: "2023-11-20"}, []string{"E0021", "E0022"}},
		{"until only", domain.EventFilter{Until: "2023-11-01"}, []string{"E0022"}},
		{"type", domain.EventFilter{Types: []domain.EventType{domain.Battle, domain.StrategicDevelopment}}, []string{"E0020", "E0022"}},
		{"sub-type", domain.EventFilter{SubTypes: []domain.SubEventType{domain.AirDroneStrike}}, []string{"E0021"}},
		{"kind", domain.EventFilter{Kinds: []domain.Kind{domain.KindAccessRoad}}, []string{"E0022"}},
		{"actor", domain.EventFilter{Actors: []string{"MNDAA"}}, []string{"E0020"}},
		{"actor any of", domain.EventFilter{Actors: []string{"MNDAA", "Myanmar military"}}, []string{"E0021", "E0020"}},
		{"state pcode", domain.EventFilter{PCode: "MMR015"}, []string{"E0021", "E0020", "E0022"}},
		{"district pcode", domain.EventFilter{PCode: "MMR015D003"}, []string{"E0021"}},
		{"township pcode", domain.EventFilter{PCode: "MMR015017"}, []string{"E0020"}},
		{"town pcode", domain.EventFilter{PCode: "MMR015010701"}, []string{"E0021"}},
		{"status", domain.EventFilter{Statuses: []domain.Status{domain.StatusVerified}}, []string{"E0021"}},
		{"bbox", domain.EventFilter{BBox: &domain.BBox{MinLon: 97, MinLat: 23.5, MaxLon: 98, MaxLat: 24}}, []string{"E0021"}},
		{"text, case-insensitive", domain.EventFilter{Query: "lashio MUSE"}, []string{"E0022"}},
		{"text with like metacharacters", domain.EventFilter{Query: "100%_"}, nil},
		{"text matches actor", domain.EventFilter{Query: "mndaa"}, []string{"E0020"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.ListEvents(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range p.Items {
				got = append(got, e.ID)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func testEventPagination(t *testing.T, s domain.Store) {
	ctx := context.Background()
	var subs []domain.Submission
	for i := 0; i < 23; i++ {
		subs = append(subs, fixture(200+i, func(sub *domain.Submission) {
			// Several events share a day, so the id breaks ties.
			d := domain.Date("2023-11-01").AddDays(i / 3)
			sub.Events[0].DateStart, sub.Events[0].DateEnd = d, d
		}))
	}
	save(t, s, subs...)
	seen := map[string]bool{}
	cursor := ""
	pages := 0
	var prev domain.Event
	for {
		p, err := s.ListEvents(ctx, domain.EventFilter{Limit: 5, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen[e.ID] = true
			if prev.ID != "" && (e.DateStart > prev.DateStart || (e.DateStart == prev.DateStart && e.ID > prev.ID)) {
				t.Fatalf("order broken: %s/%s after %s/%s", e.DateStart, e.ID, prev.DateStart, prev.ID)
			}
			prev = e
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if len(seen) != 23 || pages != 5 {
		t.Errorf("paged %d events over %d pages, want 23 over 5", len(seen), pages)
	}
	p, err := s.ListEvents(ctx, domain.EventFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 23 || p.NextCursor != "" {
		t.Errorf("huge limit: %d items, cursor %q", len(p.Items), p.NextCursor)
	}
}

func testBadCursor(t *testing.T, s domain.Store) {
	ctx := context.Background()
	for _, c := range []string{"garbage!", "e30", "eyJrIjoieCIsImkiOiJ5In0"} {
		if _, err := s.ListEvents(ctx, domain.EventFilter{Cursor: c}); !domain.IsCode(err, domain.CodeInvalid) || domain.ErrorField(err) != "cursor" {
			t.Errorf("ListEvents(cursor %q) err = %v, want invalid cursor", c, err)
		}
		if _, err := s.ListReports(ctx, domain.ReportFilter{Cursor: c}); !domain.IsCode(err, domain.CodeInvalid) {
			t.Errorf("ListReports(cursor %q) err = %v, want invalid", c, err)
		}
	}
}

func testReportListing(t *testing.T, s domain.Store) {
	ctx := context.Background()
	var subs []domain.Submission
	for i := 0; i < 7; i++ {
		subs = append(subs, fixture(300+i, func(sub *domain.Submission) {
			if i%2 == 1 {
				sub.Report.Coding = domain.CodingUncoded
				sub.Report.Channel = domain.ChannelSMS
				sub.Claims, sub.Events = nil, nil
			}
		}))
	}
	save(t, s, subs...)
	var got []string
	cursor := ""
	for {
		p, err := s.ListReports(ctx, domain.ReportFilter{Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Items {
			got = append(got, r.ID)
		}
		if cursor = p.NextCursor; cursor == "" {
			break
		}
	}
	want := []string{"R0306", "R0305", "R0304", "R0303", "R0302", "R0301", "R0300"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reports newest first = %v, want %v", got, want)
	}
	p, err := s.ListReports(ctx, domain.ReportFilter{Coding: domain.CodingUncoded, Channel: domain.ChannelSMS})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 3 {
		t.Errorf("uncoded SMS reports = %d, want 3", len(p.Items))
	}
	for _, r := range p.Items {
		if r.ClaimCount != 0 {
			t.Errorf("uncoded report %s has claim_count %d", r.ID, r.ClaimCount)
		}
	}
	p, err = s.ListReports(ctx, domain.ReportFilter{Since: base.Add(304 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 3 {
		t.Errorf("reports since = %d, want 3", len(p.Items))
	}
}

func testTokens(t *testing.T, s domain.Store) {
	ctx := context.Background()
	exp := base.Add(24 * time.Hour)
	tok := domain.Token{ID: "T1", Name: "field team", Role: domain.RoleReporter, Hash: "h1", CreatedAt: base, ExpiresAt: &exp}
	if err := s.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateToken(ctx, domain.Token{ID: "T2", Name: "admin", Role: domain.RoleAdmin, Hash: "h2", CreatedAt: base.Add(time.Second)}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateToken(ctx, domain.Token{ID: "T3", Name: "dup hash", Role: domain.RoleAdmin, Hash: "h2", CreatedAt: base}); err == nil {
		t.Error("two tokens with one hash were accepted")
	}
	got, err := s.TokenByHash(ctx, "h1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, tok) {
		t.Errorf("token round trip: got %+v want %+v", got, tok)
	}
	if err := s.RevokeToken(ctx, "T1", base.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, "T1", base.Add(2*time.Hour)); err != nil {
		t.Errorf("revoking twice: %v", err)
	}
	got, err = s.TokenByHash(ctx, "h1")
	if err != nil {
		t.Fatal(err)
	}
	if got.RevokedAt == nil || !got.RevokedAt.Equal(base.Add(time.Hour)) {
		t.Errorf("revoked_at = %v, want first revocation time", got.RevokedAt)
	}
	all, err := s.ListTokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].ID != "T1" || all[1].ID != "T2" {
		t.Errorf("ListTokens = %+v", all)
	}
}

func testAudit(t *testing.T, s domain.Store) {
	ctx := context.Background()
	for i, action := range []string{"event.create", "event.verify", "event.edit"} {
		e := domain.AuditEntry{ID: fmt.Sprintf("AU%d", i), At: base.Add(time.Duration(i) * time.Minute), Actor: "reviewer-1",
			Action: action, EntityType: "event", EntityID: "E1", Reason: "checked with two sources",
			Detail: json.RawMessage(`{"from":"new","to":"verified"}`)}
		if i == 0 {
			e.Detail, e.Reason = nil, ""
		}
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AppendAudit(ctx, domain.AuditEntry{ID: "AU9", At: base, Actor: "x", Action: "event.create", EntityType: "event", EntityID: "E2"}); err != nil {
		t.Fatal(err)
	}
	h, err := s.History(ctx, "event", "E1")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[0].Action != "event.create" || h[2].Action != "event.edit" {
		t.Fatalf("history = %+v", h)
	}
	var d map[string]string
	if err := json.Unmarshal(h[1].Detail, &d); err != nil || d["to"] != "verified" || h[1].Reason != "checked with two sources" {
		t.Errorf("history entry detail = %s, %v", h[1].Detail, err)
	}
	if h[0].Detail != nil {
		t.Errorf("empty detail came back as %q", h[0].Detail)
	}
}
