package main

import (
	"context"
	"flag"
	"fmt"

	"sitroom/internal/sqlstore"
)

func init() {
	register(command{
		name:    "migrate",
		summary: "create or upgrade the database schema",
		help: `Applies every migration the database lacks, each in a transaction. Other
commands migrate on start too; this one does only that, for deployments that
upgrade the schema as a separate step.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				store, err := openStore(ctx, sf.db)
				if err != nil {
					return err
				}
				defer store.Close()
				v, err := sqlstore.SchemaVersion(ctx, store.DB())
				if err != nil {
					return err
				}
				fmt.Fprintf(io.Out, "schema at version %d (%s)\n", v, store.Dialect().Name)
				return nil
			}
		},
	})
}
