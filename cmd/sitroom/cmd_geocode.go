package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"sitroom/internal/gazetteer"
)

func init() {
	register(command{
		name:    "geocode",
		summary: "resolve place names, one per line on stdin, to P-codes (JSON lines)",
		usage:   "< names.txt",
		help: `Reads lines of text on standard input and writes one JSON object per line:
{"text","pcode","name","level","lat","lon","precision","score","candidates":[...]}.
The best candidate's fields are at the top level; pcode is "" when nothing
resolves. Needs no database: the gazetteer is embedded.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			area := fs.String("area", "MMR015", "the node's default area (a P-code): places inside it win ties")
			near := fs.String("near", "", "comma-separated P-codes of places named in the same report")
			max := fs.Int("candidates", 5, "how many candidates to list per line")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				g := gazetteer.Default()
				c := gazetteer.Context{DefaultArea: *area}
				if *near != "" {
					c.Near = strings.Split(*near, ",")
				}
				return geocodeLines(ctx, g, c, *max, io)
			}
		},
	})
}

// geocodeLine is one output line of `sitroom geocode`.
type geocodeLine struct {
	Text       string                `json:"text"`
	PCode      string                `json:"pcode"`
	Name       string                `json:"name"`
	Level      string                `json:"level"`
	Lat        float64               `json:"lat"`
	Lon        float64               `json:"lon"`
	Precision  int                   `json:"precision"`
	Score      float64               `json:"score"`
	Candidates []gazetteer.Candidate `json:"candidates"`
}

func geocodeLines(ctx context.Context, g *gazetteer.Gazetteer, c gazetteer.Context, max int, io Stdio) error {
	sc := bufio.NewScanner(io.In)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	enc := json.NewEncoder(io.Out)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		text := sc.Text()
		cands := g.Resolve(text, c)
		if max >= 0 && len(cands) > max {
			cands = cands[:max]
		}
		out := geocodeLine{Text: text, Candidates: cands}
		if out.Candidates == nil {
			out.Candidates = []gazetteer.Candidate{}
		}
		if len(cands) > 0 {
			b := cands[0]
			out.PCode, out.Name, out.Level = b.Place.PCode, b.Place.Name, string(b.Place.Level)
			out.Lat, out.Lon, out.Precision, out.Score = b.Lat, b.Lon, b.Precision, b.Score
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return nil
}
