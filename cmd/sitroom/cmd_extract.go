package main

import (
	"context"
	"flag"
	"fmt"

	"sitroom/internal/extract"
	"sitroom/internal/extract/gazplaces"
	"sitroom/internal/gazetteer"
)

func init() {
	register(command{
		name:    "extract",
		summary: "code free text into events (JSONL in on stdin, JSONL out), offline",
		help: `Reads one JSON object a line on standard input ({"id", "date", "text"}; other
fields are ignored) and writes one line per input, in the same order:
{"id", "events": [{"type", "sub_type", "kind", "place", "pcodes", "actors",
"killed_min", "injured_min", "displaced", "arrested", "date_start", "date_end",
"time_precision", "cumulative", "control", ...}]}. A line that cannot be read
gets an "error" and the run goes on. Needs no database.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			area := fs.String("area", "MMR015", "the node's area (a MIMU P-code): place names shared by several places resolve inside it first")
			return func(_ context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				x := extract.New(gazplaces.New(gazetteer.Default().InArea(*area)))
				_, bad, err := x.RunJSONL(io.In, io.Out)
				if err != nil {
					return err
				}
				if bad > 0 {
					fmt.Fprintf(io.Err, "sitroom extract: %d line(s) could not be read\n", bad)
				}
				return nil
			}
		},
	})
}
