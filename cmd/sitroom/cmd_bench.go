package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync/atomic"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/corroborate/synth"
	"sitroom/internal/ids"
	"sitroom/internal/progress"
	"sitroom/internal/sqlite"
)

func init() {
	register(command{
		name:    "bench",
		summary: "measure clustering at scale on a fresh SQLite database",
		usage:   "cluster",
		help: `bench cluster stores N synthetic claims (seeded, so every run clusters the same
claims) in a fresh SQLite database, then clusters them all, and reports the
rate of each step, the peak Go heap while clustering and the most events the
engine held in memory. The storing rate is the baseline: the same claims
written without clustering. Results and the exact command are in
docs/BENCHMARKS.md.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			n := fs.Int("claims", 1_000_000, "claims to generate and cluster")
			tsps := fs.Int("townships", 330, "townships the happenings spread over")
			days := fs.Int("days", 730, "days the happenings spread over")
			window := fs.Int("window", 60, "days of events the engine keeps in memory")
			dir := fs.String("dir", "", "folder for the database (default: a temporary folder, removed after)")
			cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the clustering step to this file")
			memProfile := fs.String("memprofile", "", "write a heap profile at the end of clustering to this file")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) != 1 || args[0] != "cluster" {
					return errUsage
				}
				d := *dir
				if d == "" {
					tmp, err := os.MkdirTemp("", "sitroom-bench-")
					if err != nil {
						return err
					}
					defer os.RemoveAll(tmp)
					d = tmp
				}
				return benchCluster(ctx, io, filepath.Join(d, "bench.db"), *n, *tsps, *days, *window, *cpuProfile, *memProfile)
			}
		},
	})
}

func benchCluster(ctx context.Context, io Stdio, path string, n, tsps, days, window int, cpuProfile, memProfile string) error {
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	clk := clock.NewManual(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	idg := ids.NewULID(clk, nil)
	subs, _ := synth.Generate(synth.Config{Claims: n, Townships: tsps, Start: "2022-01-01", Days: days, Seed: 1027}, idg, clk.Now())

	fmt.Fprintf(io.Out, "bench cluster: %d claims over %d townships and %d days; window %d days; GOMAXPROCS %d\n",
		n, tsps, days, window, runtime.GOMAXPROCS(0))
	meter := progress.New(io.Err, "claims stored")
	start := time.Now()
	const batch = 1000
	for i := 0; i < len(subs); i += batch {
		part := subs[i:min(i+batch, len(subs))]
		if _, err := store.SaveReports(ctx, part); err != nil {
			return err
		}
		c := 0
		for _, s := range part {
			c += len(s.Claims)
		}
		meter.Add(c)
	}
	meter.Done()
	stored := time.Since(start)
	subs = nil
	runtime.GC()

	// The live heap (what the last collection kept) is what the engine
	// holds; the heap in use also counts garbage awaiting collection.
	var peak, peakInuse atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var ms runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peakInuse.Load() {
				peakInuse.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	cmeter := progress.New(io.Err, "claims clustered")
	engine := corroborate.NewEngine(store, clk, idg, corroborate.Config{WindowDays: window, Progress: cmeter.Add})
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start = time.Now()
	clustered, err := engine.Settle(ctx)
	elapsed := time.Since(start)
	if cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if memProfile != "" {
		f, err := os.Create(memProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			return err
		}
	}
	close(stop)
	<-done
	cmeter.Done()
	if err != nil {
		return err
	}
	st := engine.Stats()
	var events int
	if err := store.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM events WHERE merged_into = ''`).Scan(&events); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "stored    %9d claims in %6.1fs  %8.0f claims/s  (baseline: reports and claims written, no clustering)\n",
		n, stored.Seconds(), float64(n)/stored.Seconds())
	fmt.Fprintf(io.Out, "clustered %9d claims in %6.1fs  %8.0f claims/s  → %d events (%d joined, %d loaded back from the store)\n",
		clustered, elapsed.Seconds(), float64(clustered)/elapsed.Seconds(), events, st.Joined, st.Loaded)
	fmt.Fprintf(io.Out, "memory    peak live Go heap while clustering %.0f MiB (heap in use, with garbage, %.0f MiB); at most %d events in memory (of %d)\n",
		float64(peak.Load())/(1<<20), float64(peakInuse.Load())/(1<<20), st.PeakActive, events)
	return nil
}
