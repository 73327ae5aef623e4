package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
	"sitroom/internal/sitrep"
)

func init() {
	register(command{
		name:    "sitrep",
		summary: "write a situation report (HTML, Markdown, PDF or JSON)",
		help: `Writes a situation report in the shape of an OCHA flash update for an area
and period: highlights (the most significant events), key figures with their
sources (killed, injured, displaced, people who crossed a border — "no
figure" when no source gave one), a table by township, territorial changes,
access constraints and the sources. The numbers are those of "sitroom
figures" and GET /api/v1/figures (method: docs/METHOD.md). By default the
report covers verified (published) events and is redacted for the public
(IDP sites at township level); --all-statuses adds unverified events and
--internal keeps exact places, for the team.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			var rf readerFlags
			fs.StringVar(&sf.db, "db", "sitroom.db", "database: a SQLite file path, or a postgres:// URL")
			fs.StringVar(&sf.keyFile, "key-file", "", "the node's secret key (default: next to a SQLite database, else ./sitroom.key)")
			area := fs.String("area", "", "the report's area: the P-code of a state/region, district or township (default the whole country)")
			since := fs.String("since", "", "first day (YYYY-MM-DD; default six days before --until)")
			until := fs.String("until", "", "last day (YYYY-MM-DD; default today, Myanmar time)")
			format := fs.String("format", "html", "html, md, pdf or json")
			status := fs.String("status", "", "only events with these statuses, comma-separated")
			rf.register(fs)
			return func(ctx context.Context, stdio Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				switch *format {
				case "html", "md", "pdf", "json":
				default:
					return fmt.Errorf("--format: %q is not html, md, pdf or json", *format)
				}
				cfg, err := (&serveFlags{published: rf.published}).config()
				if err != nil {
					return err
				}
				sf.area = "MMR015"
				if a := strings.ToUpper(strings.TrimSpace(*area)); a != "" && a != "MMR" {
					sf.area = a
				}
				a, err := sf.open(ctx, stdio.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				srv := a.newServer(httpapi.Config{Published: cfg.Published})
				// The public's report unless the team asks for more.
				p := domain.Anonymous
				if rf.allStatuses || *status != "" {
					p = domain.System
				}
				var statuses []string
				if *status != "" {
					statuses = strings.Split(*status, ",")
				}
				rep, err := sitrep.Make(ctx, srv, a.store, a.places, p, !rf.internal,
					sitrep.Query{PCode: *area, Since: *since, Until: *until, Statuses: statuses, AllStatuses: rf.allStatuses}, rf.publicURL)
				if err != nil {
					return err
				}
				w, done, err := rf.output(stdio.Out)
				if err != nil {
					return err
				}
				err = sitrep.Write(w, rep, *format)
				if cerr := done(err == nil); err == nil {
					err = cerr
				}
				return err
			}
		},
	})
}
