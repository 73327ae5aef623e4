package main

import (
	"context"
	"flag"
	"fmt"

	"sitroom/internal/progress"
)

func init() {
	register(command{
		name:    "recluster",
		summary: "cluster every claim into events afresh, keeping reviewers' decisions",
		help: `Sends every claim a reviewer did not place back to be clustered, and
clusters them again with the current rules. Claims in events a reviewer
merged, split, corrected or gave a status stay where they are; events left
without claims are dissolved; every change is audited. Stop the server (or
other instances) first on SQLite; on PostgreSQL one instance clusters at a
time.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				meter := progress.New(io.Err, "claims clustered")
				a.engine.SetProgress(meter.Add)
				n, err := a.engine.Recluster(ctx, a.store)
				meter.Done()
				if err != nil {
					return err
				}
				fmt.Fprintf(io.Out, "%d claims clustered afresh\n", n)
				return nil
			}
		},
	})
}
