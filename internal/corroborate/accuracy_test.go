package corroborate_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/gazetteer"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/pseudonym"
	"sitroom/internal/sqlite"
)

var verboseErrors = flag.Bool("cluster-errors", false, "list the pairs the clustering set gets wrong")

// Pairwise accuracy the clustering set must reach (docs/BENCHMARKS.md).
const (
	wantPrecision = 0.95
	wantRecall    = 0.90
)

// TestClusterSetAccuracy runs the labelled clustering set through the real
// pipeline (intake, geocoding with the embedded gazetteer, the engine) and
// scores pairwise precision and recall against the truth labels:
//
//	go test ./internal/corroborate -run ClusterSetAccuracy -v [-cluster-errors]
func TestClusterSetAccuracy(t *testing.T) {
	reports, _ := loadClusterSet(t)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "acc.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	clk := clock.NewManual(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC))
	idg := ids.NewULID(clk, nil)
	keyer, _ := pseudonym.New([]byte(strings.Repeat("k", 32)))
	svc := &intake.Service{Store: store, Clock: clk, IDs: idg, Keyer: keyer,
		Corroborator: corroborate.NewEngine(store, clk, idg, corroborate.Config{Actors: extract.Expand}), Actors: extract.CanonicalActor}
	svc.Geocoder.Gazetteer = gazetteer.Default().InArea("MMR015")

	type labelled struct {
		truth, report, summary string
		claim                  string
	}
	var items []intake.Item
	for _, r := range reports {
		in := intake.Input{ID: r.ID, Date: r.Date, Source: r.Source, Channel: r.Channel, Text: r.Text}
		for _, e := range r.Events {
			in.Events = append(in.Events, e.EventInput)
		}
		items = append(items, intake.Item{Input: in})
	}
	res, err := svc.Submit(ctx, domain.System, items)
	if err != nil {
		t.Fatal(err)
	}
	var all []labelled
	event := map[string]string{}
	for i, r := range res {
		if r.Status != intake.StatusCreated {
			t.Fatalf("report %s: %s %v", reports[i].ID, r.Status, r.Err)
		}
		claims, err := store.ReportClaims(ctx, r.ID)
		if err != nil || len(claims) != len(reports[i].Events) {
			t.Fatalf("report %s: %d claims, %v", reports[i].ID, len(claims), err)
		}
		for k, c := range claims {
			all = append(all, labelled{truth: reports[i].Events[k].Truth, report: reports[i].ID, summary: c.Summary, claim: c.ID})
			event[c.ID] = c.EventID
		}
	}
	var tp, fp, fn int
	var errs []string
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			a, b := all[i], all[j]
			same, together := a.truth == b.truth, event[a.claim] == event[b.claim]
			switch {
			case same && together:
				tp++
			case !same && together:
				fp++
				errs = append(errs, fmt.Sprintf("wrongly merged %s %s (%s) + %s %s (%s)", a.truth, a.report, a.summary, b.truth, b.report, b.summary))
			case same && !together:
				fn++
				errs = append(errs, fmt.Sprintf("wrongly split  %s: %s (%s) | %s (%s)", a.truth, a.report, a.summary, b.report, b.summary))
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(tp) / float64(max(1, tp+fn))
	t.Logf("clustering set: %d claims, %d true pairs; precision %.3f, recall %.3f (TP %d, FP %d, FN %d)",
		len(all), tp+fn, precision, recall, tp, fp, fn)
	if *verboseErrors {
		sort.Strings(errs)
		for _, e := range errs {
			t.Log(e)
		}
	}
	if precision < wantPrecision || recall < wantRecall {
		t.Errorf("precision %.3f (want ≥ %.2f), recall %.3f (want ≥ %.2f)", precision, wantPrecision, recall, wantRecall)
	}
}
