package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"

	"sitroom/internal/version"
)

func init() {
	register(command{
		name:    "version",
		summary: "print the version and the credits for embedded data",
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			return func(_ context.Context, io Stdio, _ []string) error {
				fmt.Fprintf(io.Out, "sitroom %s (%s, %s/%s)\n\nData credits:\n", version.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
				for _, c := range version.Credits {
					fmt.Fprintf(io.Out, "  - %s\n    %s\n    Licence: %s\n", c.Data, c.Source, c.Licence)
				}
				return nil
			}
		},
	})
}
