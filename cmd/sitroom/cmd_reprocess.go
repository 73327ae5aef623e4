package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"sitroom/internal/extract"
	"sitroom/internal/progress"
	"sitroom/internal/reprocess"
)

func init() {
	register(command{
		name:    "reprocess",
		summary: "re-extract stored free-text reports with the current extractor",
		help: `Runs the current extractor over every stored free-text report whose claims
another extractor version made (all of them with --force). A new claim that
states what an old one stated takes its place in its event, pinned if a
reviewer pinned it; events are re-derived and every change is audited; an
event left without claims is dissolved unless a reviewer acted on it. New
claims are then clustered. Reviewers' statuses, corrections, merges and
splits are kept.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			force := fs.Bool("force", false, "re-extract reports this extractor version already coded")
			asJSON := fs.Bool("json", false, "write the summary as JSON")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				meter := progress.New(io.Err, "reports")
				r := &reprocess.Runner{Store: a.store, Clock: a.clock, IDs: a.ids, Extractor: a.intake.Extractor,
					Version: extract.Name, Geocoder: a.intake.Geocoder, Settler: a.engine, Progress: meter.Add}
				sum, err := r.Run(ctx, *force)
				meter.Done()
				if err != nil {
					return err
				}
				if *asJSON {
					return json.NewEncoder(io.Out).Encode(sum)
				}
				fmt.Fprintf(io.Out, "%d free-text reports: %d already current, %d unchanged, %d re-extracted (%d claims → %d; %d kept their event, %d clustered afresh)\n",
					sum.Reports, sum.Current, sum.Unchanged, sum.Reextracted, sum.ClaimsBefore, sum.ClaimsAfter, sum.Kept, sum.Clustered)
				return nil
			}
		},
	})
}
