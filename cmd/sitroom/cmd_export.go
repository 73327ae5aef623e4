package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/extract"
	"sitroom/internal/httpapi"
)

// readerFlags say who a command-line output is for: by default the
// public (published statuses only, sensitive places coarsened), as a
// file that leaves the team's hands should be.
type readerFlags struct {
	published   string
	allStatuses bool
	internal    bool
	publicURL   string
	out         string
}

func (f *readerFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.published, "published", "verified", "comma-separated statuses the public may read (as serve's --published)")
	fs.BoolVar(&f.allStatuses, "all-statuses", false, "include unpublished events (every status but rejected, unless --status says otherwise)")
	fs.BoolVar(&f.internal, "internal", false, "for the team only: exact places of sensitive sites (IDP sites); default is the public's redacted view")
	fs.StringVar(&f.publicURL, "public-url", "", "the node's public address, for links to event pages")
	fs.StringVar(&f.out, "o", "", "write to this file instead of standard output")
}

// statuses applies the reader's statuses to a filter.
func (f *readerFlags) statuses(fl *domain.EventFilter) error {
	if f.allStatuses {
		if len(fl.Statuses) == 0 {
			fl.Statuses = []domain.Status{domain.StatusNew, domain.StatusCorroborated, domain.StatusVerified, domain.StatusDisputed}
		}
		return nil
	}
	var pub []domain.Status
	for _, s := range strings.Split(f.published, ",") {
		st := domain.Status(strings.TrimSpace(s))
		if !st.Valid() {
			return fmt.Errorf("--published: %q is not a status", s)
		}
		pub = append(pub, st)
	}
	if len(fl.Statuses) == 0 {
		fl.Statuses = pub
		return nil
	}
	var keep []domain.Status
	for _, st := range fl.Statuses {
		for _, p := range pub {
			if st == p {
				keep = append(keep, st)
			}
		}
	}
	if len(keep) == 0 {
		return fmt.Errorf("--status: none of %v is published (add --all-statuses)", fl.Statuses)
	}
	fl.Statuses = keep
	return nil
}

func (f *readerFlags) audience() export.Audience {
	return export.Audience{Public: !f.internal, BaseURL: f.publicURL}
}

// output opens the command's output: the -o file (written whole or not
// at all: to a temporary file renamed at the end) or standard output.
func (f *readerFlags) output(stdout io.Writer) (io.Writer, func(ok bool) error, error) {
	if f.out == "" || f.out == "-" {
		return stdout, func(bool) error { return nil }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.out), "."+filepath.Base(f.out)+".*")
	if err != nil {
		return nil, nil, err
	}
	return tmp, func(ok bool) error {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
			return nil
		}
		if err := tmp.Close(); err != nil {
			os.Remove(tmp.Name())
			return err
		}
		return os.Rename(tmp.Name(), f.out)
	}, nil
}

// eventFilterFlags are the events list's filters as flags.
type eventFilterFlags struct {
	values map[string]*string
}

var eventFilterNames = []struct{ name, param, usage string }{
	{"since", "since", "first day (YYYY-MM-DD): events whose period overlaps [since, until]"},
	{"until", "until", "last day (YYYY-MM-DD)"},
	{"pcode", "pcode", "a MIMU P-code at any level"},
	{"bbox", "bbox", "minLon,minLat,maxLon,maxLat"},
	{"type", "type", "event types, comma-separated"},
	{"sub-type", "sub_type", "sub-event types, comma-separated"},
	{"kind", "kind", "humanitarian kinds, comma-separated"},
	{"actor", "actor", "canonical actor names, comma-separated"},
	{"status", "status", "statuses, comma-separated"},
	{"q", "q", "words that must all appear"},
}

func (e *eventFilterFlags) register(fs *flag.FlagSet) {
	e.values = map[string]*string{}
	for _, n := range eventFilterNames {
		e.values[n.param] = fs.String(n.name, "", n.usage)
	}
}

func (e *eventFilterFlags) filter() (domain.EventFilter, error) {
	q := url.Values{}
	for k, v := range e.values {
		if *v != "" {
			q.Set(k, *v)
		}
	}
	return httpapi.ParseEventFilter(q)
}

// expandActorNames widens actor names as the API does (a coalition to
// its members).
func expandActorNames(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range names {
		for _, x := range extract.Expand(a) {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	return out
}

func init() {
	register(command{
		name:    "export",
		summary: "export events as ACLED CSV, HXL CSV, GeoJSON or Atom",
		help: `Writes the events the filters select (the same filters as GET /api/v1/events)
in one format: acled (the ACLED codebook's 31 columns), hxl (HXL-tagged CSV
with each figure's lower bound and sources), geojson (RFC 7946) or atom (the
50 most recently verified events). By default the output is the public's:
published events only, sensitive sites at township level, no report text
or reporter; --all-statuses and --internal widen it for the team.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			var rf readerFlags
			var ef eventFilterFlags
			sf.register(fs)
			rf.register(fs)
			ef.register(fs)
			format := fs.String("format", "geojson", "acled, hxl, geojson or atom")
			return func(ctx context.Context, stdio Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				switch *format {
				case "acled", "hxl", "geojson", "atom":
				default:
					return fmt.Errorf("--format: %q is not acled, hxl, geojson or atom", *format)
				}
				f, err := ef.filter()
				if err != nil {
					return err
				}
				if err := rf.statuses(&f); err != nil {
					return err
				}
				a, err := sf.open(ctx, stdio.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				f.Actors = expandActorNames(f.Actors)
				w, done, err := rf.output(stdio.Out)
				if err != nil {
					return err
				}
				err = export.Run(ctx, w, *format, a.store, f, a.places, rf.audience(), a.clock.Now())
				if cerr := done(err == nil); err == nil {
					err = cerr
				}
				return err
			}
		},
	})
}
