package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"sitroom/internal/auth"
	"sitroom/internal/demo"
	"sitroom/internal/domain"
)

func init() {
	register(command{
		name:    "demo",
		summary: "run a demo node with the bundled Operation 1027 scenario",
		help: `Opens a fresh embedded database in a temporary folder, loads the bundled
scenario (reports on Operation 1027 in northern Shan State, Oct 2023 – Jan
2024, written for the project from public reporting), starts the server,
and prints its URL and an admin token. Ctrl-C stops it and removes the
folder (unless --keep).`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var hf serveFlags
			hf.register(fs, "127.0.0.1:8080")
			keep := fs.Bool("keep", false, "keep the temporary folder (database and key) on exit")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				cfg, err := hf.config()
				if err != nil {
					return err
				}
				dir, err := os.MkdirTemp("", "sitroom-demo-")
				if err != nil {
					return err
				}
				if *keep {
					fmt.Fprintf(io.Out, "sitroom: demo data in %s\n", dir)
				} else {
					defer os.RemoveAll(dir)
				}
				sf := storeFlags{db: filepath.Join(dir, "demo.db")}
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				sum, err := demo.Load(ctx, a.intake)
				if err != nil {
					return fmt.Errorf("load scenario: %w", err)
				}
				fmt.Fprintf(io.Out, "sitroom: loaded %d reports → %d claims, %d events\n", sum.Created, sum.Claims, sum.Events)
				secret, _, err := auth.Issuer{Store: a.store, Clock: a.clock, IDs: a.ids}.Issue(ctx, "demo admin", domain.RoleAdmin, 0)
				if err != nil {
					return err
				}
				return a.serve(ctx, io, hf.addr, cfg, func(url string) {
					fmt.Fprintf(io.Out, "sitroom: admin token %s\n", secret)
					fmt.Fprintf(io.Out, "sitroom: try  curl -H 'Authorization: Bearer %s' %s/api/v1/events\n", secret, url)
					fmt.Fprintln(io.Out, "sitroom: press Ctrl-C to stop")
				})
			}
		},
	})
}
