package corroborate_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/corroborate/synth"
	"sitroom/internal/ids"
	"sitroom/internal/sqlite"
)

// BenchmarkSettle: go test ./internal/corroborate -run XXX -bench Settle -benchtime 50000x
// (b.N claims); `sitroom bench cluster` runs the full million.
func BenchmarkSettle(b *testing.B) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	clk := clock.NewManual(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	idg := ids.NewULID(clk, nil)
	subs, _ := synth.Generate(synth.Config{Claims: b.N, Townships: 330, Start: "2022-01-01", Days: max(1, b.N*730/1_000_000), Seed: 1}, idg, clk.Now())
	for i := 0; i < len(subs); i += 1000 {
		if _, err := store.SaveReports(ctx, subs[i:min(i+1000, len(subs))]); err != nil {
			b.Fatal(err)
		}
	}
	e := corroborate.NewEngine(store, clk, idg, corroborate.Config{})
	b.ResetTimer()
	n, err := e.Settle(ctx)
	if err != nil || n != b.N {
		b.Fatalf("settled %d of %d: %v", n, b.N, err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "claims/s")
}
