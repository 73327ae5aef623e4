package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"sitroom/internal/auth"
	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
)

func init() {
	register(command{
		name:    "token",
		summary: "create, list or revoke API tokens",
		usage:   "create --role ROLE [--name NAME] [--ttl DURATION] | list | revoke ID",
		help: `Tokens are bearer credentials for the API. Roles, most to least powerful:
admin (everything), reviewer (verify, edit, merge events), reporter (send
reports), viewer (read reports and unpublished events). The secret is
printed once; only its hash is stored.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			role := fs.String("role", "", "role of a new token: admin, reviewer, reporter or viewer")
			name := fs.String("name", "", "who the new token is for (default: the role)")
			ttl := fs.Duration("ttl", 0, "lifetime of a new token, e.g. 720h (default: no expiry)")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) == 0 {
					return errUsage
				}
				// Tokens need the database only, not the node key.
				store, err := openStore(ctx, sf.db)
				if err != nil {
					return err
				}
				defer store.Close()
				clk := clock.System{}
				switch args[0] {
				case "create":
					n := *name
					if n == "" {
						n = *role
					}
					secret, t, err := auth.Issuer{Store: store, Clock: clk, IDs: ids.NewULID(clk, nil)}.Issue(ctx, n, domain.Role(*role), *ttl)
					if err != nil {
						return err
					}
					fmt.Fprintf(io.Err, "token %s (%s, role %s) created; keep the secret safe, it is not shown again:\n", t.ID, t.Name, t.Role)
					fmt.Fprintln(io.Out, secret)
				case "list":
					toks, err := store.ListTokens(ctx)
					if err != nil {
						return err
					}
					tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tSTATE")
					for _, t := range toks {
						state := "live"
						switch {
						case t.RevokedAt != nil:
							state = "revoked " + t.RevokedAt.Format(time.DateOnly)
						case t.ExpiresAt != nil && !clk.Now().Before(*t.ExpiresAt):
							state = "expired"
						}
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, t.CreatedAt.Format(time.DateOnly), state)
					}
					return tw.Flush()
				case "revoke":
					if len(args) != 2 {
						return errUsage
					}
					if err := store.RevokeToken(ctx, args[1], clk.Now()); err != nil {
						return err
					}
					fmt.Fprintf(io.Out, "token %s revoked\n", args[1])
				default:
					return errUsage
				}
				return nil
			}
		},
	})
}
