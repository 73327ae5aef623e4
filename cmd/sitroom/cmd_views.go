package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"text/tabwriter"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
	"sitroom/internal/views"
)

// viewFlags are the flags shared by figures and view.
type viewFlags struct {
	store  storeFlags
	pcode  string
	since  string
	until  string
	status string
	asJSON bool
}

func (f *viewFlags) register(fs *flag.FlagSet) {
	f.store.register(fs)
	fs.StringVar(&f.pcode, "pcode", "", "area: the P-code of a state/region, district or township (default the whole country)")
	fs.StringVar(&f.since, "since", "", "first day (YYYY-MM-DD)")
	fs.StringVar(&f.until, "until", "", "last day (YYYY-MM-DD; default today)")
	fs.StringVar(&f.status, "status", "", "only events with these statuses, comma-separated (default all but rejected)")
	fs.BoolVar(&f.asJSON, "json", false, "write JSON instead of a table")
}

// load opens the store and reads the events of the view query.
func (f *viewFlags) load(ctx context.Context, errOut io.Writer) (*app, httpapi.ViewQuery, []domain.Event, error) {
	a, err := f.store.open(ctx, errOut)
	if err != nil {
		return nil, httpapi.ViewQuery{}, nil, err
	}
	q := url.Values{}
	for k, v := range map[string]string{"pcode": f.pcode, "since": f.since, "until": f.until, "status": f.status} {
		if v != "" {
			q.Set(k, v)
		}
	}
	srv := a.newServer(httpapi.Config{})
	vq, err := srv.ParseViewQuery(q, domain.System)
	if err != nil {
		a.Close()
		return nil, vq, nil, err
	}
	events, err := httpapi.LoadEvents(ctx, a.store, vq.Filter)
	if err != nil {
		a.Close()
		return nil, vq, nil, err
	}
	return a, vq, events, nil
}

func writeJSONOut(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func init() {
	register(command{
		name:    "figures",
		summary: "killed, injured and displaced by area and period, without double counting",
		help: `Totals of killed, injured and displaced for an area and period, by the
method in docs/METHOD.md (each happening counted once; running totals never
added to the incidents they hold), optionally broken down by township or day.
The same numbers as GET /api/v1/figures and the situation report.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var vf viewFlags
			vf.register(fs)
			by := fs.String("by", "", "breakdown: township or day")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 || (*by != "" && *by != "township" && *by != "day") {
					return errUsage
				}
				a, vq, events, err := vf.load(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				v := views.Figures(events, vq.Area, vq.Level, vq.Window, *by, a.placeName)
				if vf.asJSON {
					return writeJSONOut(io.Out, v)
				}
				tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', tabwriter.AlignRight)
				fmt.Fprintf(io.Out, "%s %s, %s to %s (lower bounds; method: docs/METHOD.md)\n", v.Area, v.Name, v.Since, v.Until)
				fmt.Fprintln(tw, "AREA/DAY\tNAME\tKILLED\tINJURED\tDISPLACED\t")
				for _, r := range append(v.Rows, v.Total) {
					key := r.Key
					if r.Key == v.Total.Key && r.Name == v.Total.Name {
						key = "TOTAL " + key
					}
					fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t\n", key, r.Name, r.Killed.Value, r.Injured.Value, r.Displaced.Value)
				}
				return tw.Flush()
			}
		},
	})
	register(command{
		name:    "view",
		summary: "situation views: control, displacement, access, sites",
		usage:   "control|displacement|access|sites",
		help: `control: who holds each place that changed hands, since when, on whose claims.
displacement: displacement by township over time.
access: roads, bridges, airports and telecoms with their closed and open periods.
sites: bases, IDP sites, scam compounds and the events at each.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var vf viewFlags
			vf.register(fs)
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) != 1 {
					return errUsage
				}
				a, vq, events, err := vf.load(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
				switch args[0] {
				case "control":
					v := views.Control(events)
					if vf.asJSON {
						return writeJSONOut(io.Out, v)
					}
					fmt.Fprintln(tw, "PLACE\tHELD BY\tSINCE\tUNTIL\tEVENTS\tNOTE")
					for _, p := range v {
						for _, h := range p.Holdings {
							note := ""
							if h.Disputed {
								note = "disputed"
							}
							fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", p.Place, h.Actor, h.Since, orDash(string(h.Until)), len(h.Events), note)
						}
					}
				case "displacement":
					v := views.Displacement(events, vq.Window, a.placeName)
					if vf.asJSON {
						return writeJSONOut(io.Out, v)
					}
					fmt.Fprintln(tw, "TOWNSHIP\tNAME\tTOTAL\tFIGURES STATED")
					for _, s := range v {
						var pts []string
						for _, p := range s.Points {
							mark := ""
							if p.Cumulative {
								mark = " (total)"
							}
							pts = append(pts, fmt.Sprintf("%s: %d%s", p.Date[5:], p.Value, mark))
						}
						fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", s.PCode, s.Name, s.Total, strings.Join(pts, "; "))
					}
				case "access":
					v := views.Access(events)
					if vf.asJSON {
						return writeJSONOut(io.Out, v)
					}
					fmt.Fprintln(tw, "KIND\tROUTE\tNOW\tHISTORY")
					for _, l := range v {
						var ps []string
						for _, p := range l.Periods {
							ps = append(ps, fmt.Sprintf("%s from %s", p.Status, p.Since))
						}
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Kind, l.Route, l.Current, strings.Join(ps, ", "))
					}
				case "sites":
					v := views.Sites(events, false)
					if vf.asJSON {
						return writeJSONOut(io.Out, v)
					}
					fmt.Fprintln(tw, "SITE\tKIND\tPLACE\tEVENTS")
					for _, s := range v {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", s.Name, s.Kind, s.Place, len(s.Events))
					}
				default:
					return errUsage
				}
				return tw.Flush()
			}
		},
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
