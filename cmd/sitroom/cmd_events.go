package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"strings"
	"text/tabwriter"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
)

func init() {
	register(command{
		name:    "events",
		summary: "list events, filtered",
		help: `Lists events, latest first, with the same filters as GET /api/v1/events.
Figures are lower bounds ("≥ 9"); a "!" marks a disputed figure.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			params := map[string]*string{}
			for _, p := range []struct{ name, usage string }{
				{"since", "events whose period ends on or after this date (YYYY-MM-DD)"},
				{"until", "events whose period starts on or before this date"},
				{"type", "event types, comma-separated (battle, explosion_remote_violence, …)"},
				{"sub-type", "ACLED sub-event types, comma-separated"},
				{"kind", "humanitarian kinds, comma-separated (displacement, access_road, …)"},
				{"actor", "actor name"},
				{"pcode", "MIMU P-code at any level (state, district, township, town)"},
				{"status", "statuses, comma-separated (new, corroborated, verified, disputed, rejected)"},
				{"bbox", "minLon,minLat,maxLon,maxLat"},
				{"q", "words to find in title, place or actors"},
			} {
				params[p.name] = fs.String(p.name, "", p.usage)
			}
			limit := fs.Int("limit", 50, "events per page (at most 500)")
			all := fs.Bool("all", false, "follow the cursor to list every matching event")
			asJSON := fs.Bool("json", false, "write JSON lines instead of a table")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				q := url.Values{}
				for name, v := range params {
					if *v != "" {
						q.Set(strings.ReplaceAll(name, "-", "_"), *v)
					}
				}
				q.Set("limit", fmt.Sprint(*limit))
				f, err := httpapi.ParseEventFilter(q)
				if err != nil {
					return err
				}
				store, err := openStore(ctx, sf.db)
				if err != nil {
					return err
				}
				defer store.Close()
				tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
				if !*asJSON {
					fmt.Fprintln(tw, "DATE\tTYPE\tPLACE\tPCODE\tFIGURES\tSTATUS\tSOURCES\tID")
				}
				enc := json.NewEncoder(io.Out)
				enc.SetEscapeHTML(false)
				for {
					page, err := store.ListEvents(ctx, f)
					if err != nil {
						return err
					}
					for _, e := range page.Items {
						if *asJSON {
							if err := enc.Encode(e); err != nil {
								return err
							}
							continue
						}
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", period(e.DateStart, e.DateEnd), typeLabel(&e),
							e.PlaceName, e.PCode, figureText(e.Figures), e.Status, e.SourceCount, e.ID)
					}
					if !*all || page.NextCursor == "" {
						break
					}
					f.Cursor = page.NextCursor
				}
				return tw.Flush()
			}
		},
	})
}

func period(a, b domain.Date) string {
	if a == b {
		return string(a)
	}
	return string(a) + "…" + string(b)[5:]
}

func typeLabel(e *domain.Event) string {
	if e.Kind != "" {
		return string(e.Kind)
	}
	return string(e.SubType)
}

func figureText(fs []domain.EventFigure) string {
	var parts []string
	for _, f := range fs {
		mark := ""
		if f.Disputed {
			mark = "!"
		}
		parts = append(parts, fmt.Sprintf("%s≥%d%s", f.Kind, f.Min, mark))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}
