package review

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/sqlite"
)

// setup stores two reports about two different places, clusters them, and
// returns the service with the two event ids.
func setup(t *testing.T) (*Service, string, string) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clk := clock.NewManual(time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC))
	idg := ids.NewSequence("x")
	var subs []domain.Submission
	for i, place := range []string{"MMR015010", "MMR015009"} {
		rid := idg.NewID()
		subs = append(subs, domain.Submission{
			Report: domain.Report{ID: rid, Channel: domain.ChannelAPI, Source: []string{"A", "B"}[i], ReceivedAt: clk.Now(), Date: "2023-11-21",
				Text: "t", ContentHash: rid, Coding: domain.CodingStructured},
			Claims: []domain.Claim{{ID: idg.NewID(), ReportID: rid, Type: domain.ExplosionRemoteViolence, SubType: domain.AirDroneStrike,
				Location:  domain.Location{PlaceName: place, PCode: place, GeoLevel: domain.LevelTownship, Adm1: "MMR015", Adm3: place},
				DateStart: "2023-11-21", DateEnd: "2023-11-21", TimePrecision: 1, Extractor: "test", CreatedAt: clk.Now(),
				Figures: []domain.Figure{{Kind: domain.Killed, Min: int64(2 + i)}}}},
		})
	}
	if _, err := store.SaveReports(ctx, subs); err != nil {
		t.Fatal(err)
	}
	if _, err := corroborate.NewEngine(store, clk, idg, corroborate.Config{}).Settle(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := store.ListEvents(ctx, domain.EventFilter{})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("events %+v %v", page.Items, err)
	}
	return &Service{Store: store, Clock: clk, IDs: idg}, page.Items[0].ID, page.Items[1].ID
}

var rev = domain.Principal{Name: "reviewer-1", Role: domain.RoleReviewer}

func TestRefusals(t *testing.T) {
	ctx := context.Background()
	s, a, b := setup(t)
	cases := []struct {
		name  string
		do    func() error
		code  domain.Code
		field string
	}{
		{"no reason", func() error { _, err := s.Apply(ctx, rev, a, 1, Edit{Status: domain.StatusVerified}); return err }, domain.CodeInvalid, "reason"},
		{"stale version", func() error {
			_, err := s.Apply(ctx, rev, a, 7, Edit{Status: domain.StatusVerified, Reason: "x"})
			return err
		}, domain.CodeConflict, ""},
		{"bad status", func() error { _, err := s.Apply(ctx, rev, a, 1, Edit{Status: "maybe", Reason: "x"}); return err }, domain.CodeInvalid, "status"},
		{"nothing to change", func() error { _, err := s.Apply(ctx, rev, a, 1, Edit{Reason: "x"}); return err }, domain.CodeInvalid, ""},
		{"sub-type of another type", func() error {
			_, err := s.Apply(ctx, rev, a, 1, Edit{SubType: "armed_clash", Reason: "x"})
			return err
		}, domain.CodeInvalid, "sub_type"},
		{"negative figure", func() error {
			_, err := s.Apply(ctx, rev, a, 1, Edit{Figures: map[string]int64{"killed": -1}, Reason: "x"})
			return err
		}, domain.CodeInvalid, "figures.killed"},
		{"end before start", func() error {
			_, err := s.Apply(ctx, rev, a, 1, Edit{DateEnd: "2023-11-01", Reason: "x"})
			return err
		}, domain.CodeInvalid, "date_end"},
		{"merge nothing", func() error { _, err := s.Merge(ctx, rev, a, 1, nil, "x"); return err }, domain.CodeInvalid, "events"},
		{"merge itself", func() error { _, err := s.Merge(ctx, rev, a, 1, []string{a}, "x"); return err }, domain.CodeInvalid, "events"},
		{"merge missing", func() error { _, err := s.Merge(ctx, rev, a, 1, []string{"nope"}, "x"); return err }, domain.CodeInvalid, "events"},
		{"split every claim", func() error {
			e, _ := s.Store.GetEvent(ctx, b)
			_, _, err := s.Split(ctx, rev, b, 1, []string{e.Claims[0].ID}, "x")
			return err
		}, domain.CodeInvalid, "claims"},
		{"split a stranger", func() error { _, _, err := s.Split(ctx, rev, b, 1, []string{"nope"}, "x"); return err }, domain.CodeInvalid, "claims"},
		{"missing event", func() error {
			_, err := s.Apply(ctx, rev, "nope", 1, Edit{Status: "verified", Reason: "x"})
			return err
		}, domain.CodeNotFound, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			if domain.ErrorCode(err) != tc.code || domain.ErrorField(err) != tc.field {
				t.Errorf("err = %v (code %s, field %q), want %s %q", err, domain.ErrorCode(err), domain.ErrorField(err), tc.code, tc.field)
			}
		})
	}
}

func TestEditsSurviveClustering(t *testing.T) {
	ctx := context.Background()
	s, a, b := setup(t)
	e, err := s.Apply(ctx, rev, a, 1, Edit{Figures: map[string]int64{"killed": 7}, Title: "Strike on the market", Reason: "hospital records"})
	if err != nil {
		t.Fatal(err)
	}
	k, _ := e.Figure(domain.Killed)
	if k.Min != 7 || e.Title != "Strike on the market" || e.Overrides.Notes["figures.killed"] != "hospital records" || !e.Claims[0].Pinned {
		t.Fatalf("edited %+v", e)
	}
	m, err := s.Merge(ctx, rev, a, e.Version, []string{b}, "same strike")
	if err != nil {
		t.Fatal(err)
	}
	if m.ClaimCount != 2 || m.Title != "Strike on the market" {
		t.Errorf("merged %+v", m)
	}
	h, _ := s.Store.History(ctx, "event", b)
	if len(h) == 0 || h[len(h)-1].Action != "event.merged_into" || h[len(h)-1].Actor != "reviewer-1" {
		t.Errorf("history of the merged event %+v", h)
	}
}
