package sitrep_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/export/exporttest"
	goldenfile "sitroom/internal/golden"
	"sitroom/internal/sitrep"
	"sitroom/internal/views"
)

// golden compares got with testdata/name (go test -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// build makes the fixture's report for northern Shan over its window.
func build(t *testing.T, fx *exporttest.Fixture, public bool) sitrep.Report {
	t.Helper()
	f := domain.EventFilter{PCode: "MMR015", Since: exporttest.Since, Until: exporttest.Until}
	if public {
		f.Statuses = []domain.Status{domain.StatusVerified}
	}
	aud := export.Audience{Public: public, BaseURL: "https://sitroom.example.org"}
	events, srcs, err := sitrep.Collect(context.Background(), fx.Store, f, fx.Places, aud)
	if err != nil {
		t.Fatal(err)
	}
	return sitrep.Build(sitrep.Input{Area: "MMR015", Level: domain.LevelState, Window: views.Window{Since: exporttest.Since, Until: exporttest.Until},
		Events: events, Sources: srcs, Places: fx.Places, Generated: fx.Clock.Now(), AllStatuses: !public, Public: public, BaseURL: aud.BaseURL})
}

func TestGolden(t *testing.T) {
	fx := exporttest.Load(t)
	for _, who := range []string{"public", "team"} {
		r := build(t, fx, who == "public")
		for _, format := range []string{"md", "html", "json"} {
			var b bytes.Buffer
			if err := sitrep.Write(&b, r, format); err != nil {
				t.Fatal(err)
			}
			golden(t, "report."+who+"."+format, b.Bytes())
		}
	}
}

func TestKeyFiguresAreTheFiguresView(t *testing.T) {
	fx := exporttest.Load(t)
	r := build(t, fx, true)
	// What GET /api/v1/figures?pcode=MMR015&by=township computes over the
	// same events.
	events, _, err := sitrep.Collect(context.Background(), fx.Store, domain.EventFilter{PCode: "MMR015", Since: exporttest.Since, Until: exporttest.Until,
		Statuses: []domain.Status{domain.StatusVerified}}, fx.Places, export.Audience{})
	if err != nil {
		t.Fatal(err)
	}
	want := views.Figures(events, "MMR015", domain.LevelState, views.Window{Since: exporttest.Since, Until: exporttest.Until}, "township", nil)
	got := map[string]int64{}
	for _, k := range r.KeyFigures {
		got[k.Kind] = k.Value
	}
	if got["killed"] != want.Total.Killed.Value || got["injured"] != want.Total.Injured.Value || got["displaced"] != want.Total.Displaced.Value {
		t.Errorf("key figures %v, figures view %+v", got, want.Total)
	}
	// Battle: the lowest of 9 and 12; displacement: max(50,000 running
	// total, 3,000 in Lashio inside it).
	if got["killed"] != 9 || got["injured"] != 4 || got["displaced"] != 50000 || got["crossed_border"] != 300 {
		t.Errorf("key figures = %v, want killed 9, injured 4, displaced 50000, crossed 300", got)
	}
	if len(r.Townships) != len(want.Rows) {
		t.Fatalf("%d township rows, figures view has %d", len(r.Townships), len(want.Rows))
	}
	for i, row := range want.Rows {
		if tr := r.Townships[i]; tr.Killed.Value != row.Killed.Value || tr.Displaced.Value != row.Displaced.Value || tr.Injured.Value != row.Injured.Value {
			t.Errorf("township %s: report %+v, view %+v", row.Key, tr, row)
		}
	}
}

func TestNoFigureRatherThanZero(t *testing.T) {
	fx := exporttest.Load(t)
	// Kutkai township had only a road closure: no killed, injured or
	// displaced figure at all.
	f := domain.EventFilter{PCode: "MMR015011", Statuses: []domain.Status{domain.StatusVerified}}
	events, srcs, err := sitrep.Collect(context.Background(), fx.Store, f, fx.Places, export.Audience{Public: true})
	if err != nil {
		t.Fatal(err)
	}
	r := sitrep.Build(sitrep.Input{Area: "MMR015011", Level: domain.LevelTownship, Window: views.Window{Since: exporttest.Since, Until: exporttest.Until},
		Events: events, Sources: srcs, Places: fx.Places, Generated: fx.Clock.Now(), Public: true})
	for _, k := range r.KeyFigures {
		if k.Known || k.Display() != "no figure" {
			t.Errorf("%s = %q, want no figure", k.Kind, k.Display())
		}
	}
	var b bytes.Buffer
	if err := sitrep.Write(&b, r, "md"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "| 0 |") || !strings.Contains(b.String(), "no figure") {
		t.Errorf("markdown shows a zero or lacks \"no figure\":\n%s", b.String())
	}
	if len(r.Access) != 1 || r.Access[0].Route != "Lashio–Muse road" || r.Access[0].Status != "closed" {
		t.Errorf("access = %+v", r.Access)
	}
}

func TestHighlightsRankBySignificance(t *testing.T) {
	fx := exporttest.Load(t)
	r := build(t, fx, false)
	var ids []string
	for _, h := range r.Highlights {
		ids = append(ids, h.EventID)
	}
	// All statuses but rejected: the unverified airstrike (4 killed, 40)
	// ranks under the battle (9 killed, 4 injured: 102) and the running
	// total (50,000 displaced: 500); the capture (100) and the road and
	// telecom closures (60 each) follow; the rejected claim of 40 dead
	// never appears.
	want := []string{fx.Events["total"], fx.Events["battle"], fx.Events["capture"], fx.Events["road"], fx.Events["telecom"]}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("highlights %v, want %v", ids, want)
	}
	if !strings.Contains(r.Highlights[1].Text, "at least 9 killed") || !strings.Contains(r.Highlights[1].Text, "Sources: Shan Herald, UN OCHA") {
		t.Errorf("battle highlight %q", r.Highlights[1].Text)
	}
}

func TestPublicReportIsRedacted(t *testing.T) {
	fx := exporttest.Load(t)
	r := build(t, fx, true)
	for _, format := range []string{"md", "html", "json"} {
		var b bytes.Buffer
		if err := sitrep.Write(&b, r, format); err != nil {
			t.Fatal(err)
		}
		for _, s := range exporttest.Secrets {
			if strings.Contains(b.String(), s) {
				t.Errorf("public %s report carries %q", format, s)
			}
		}
		if strings.Contains(b.String(), fx.Events["airstrike"]) {
			t.Errorf("public %s report includes the unverified airstrike", format)
		}
	}
	raw, _ := json.Marshal(r)
	if strings.Contains(string(raw), "22.9601") {
		t.Errorf("public report carries the IDP site's point")
	}
}
