package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
)

func init() {
	register(command{
		name:    "places",
		summary: "list or search the embedded gazetteer (MIMU P-codes)",
		usage:   "[QUERY]",
		help: `Without QUERY, lists the places of a level (default: states/regions).
With QUERY, searches names, Burmese names and aliases by prefix, or looks up
a P-code. Prints a table, or JSON with --json. Needs no database.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			lvl := fs.String("level", "", "only places of this level: country, state, district, township, town, village_tract, ward")
			limit := fs.Int("limit", 20, "most results for a search (at most 100)")
			asJSON := fs.Bool("json", false, "print JSON instead of a table")
			return func(_ context.Context, io Stdio, args []string) error {
				if len(args) > 1 {
					return errUsage
				}
				level := domain.GeoLevel(*lvl)
				if level != "" && level.Rank() < 0 || level == domain.LevelPoint {
					return domain.FieldError("level", "unknown level %q", *lvl)
				}
				g := gazetteer.Default()
				var places []domain.Place
				if len(args) == 1 {
					for _, p := range g.Search(args[0], 100) {
						if level == "" || p.Level == level {
							places = append(places, p)
						}
					}
					if len(places) > *limit {
						places = places[:*limit]
					}
				} else {
					if level == "" {
						level = domain.LevelState
					}
					for _, f := range g.Features(level) {
						p, err := g.Place(f.PCode)
						if err != nil {
							return err
						}
						places = append(places, p)
					}
				}
				return printPlaces(io, places, *asJSON)
			}
		},
	})
}

func printPlaces(io Stdio, places []domain.Place, asJSON bool) error {
	if asJSON {
		if places == nil {
			places = []domain.Place{}
		}
		enc := json.NewEncoder(io.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(places)
	}
	w := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "PCODE\tLEVEL\tNAME\tBURMESE\tTOWNSHIP\tLAT\tLON")
	for _, p := range places {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%.5f\t%.5f\n", p.PCode, p.Level, p.Name, p.NameMy, p.Adm3, p.Lat, p.Lon)
	}
	if len(places) == 0 {
		fmt.Fprintln(w, "(no places)")
	}
	return w.Flush()
}
