package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
	"sitroom/internal/progress"
)

func init() {
	register(command{
		name:    "ingest",
		summary: "load reports from a file or standard input",
		usage:   "[FILE|-]",
		help: `Reads reports and stores them as if sent to the API. The input is either
JSONL, one report object per line (at least {"id","date","text"}, plus
"source", "channel" and optional structured "events"; see docs/API.md), or
plain text, one report per block separated by a blank line. Re-ingesting a
file creates nothing new. Lines that fail are listed on standard error with
their line numbers; the rest are stored.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			source := fs.String("source", "", "source to record for reports that name none")
			channel := fs.String("channel", "cli", "channel to record for reports that name none")
			date := fs.String("date", "", "date (YYYY-MM-DD) for plain-text reports (default: today)")
			batch := fs.Int("batch", 500, "reports stored per transaction")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 1 || *batch < 1 {
					return errUsage
				}
				ch := domain.Channel(*channel)
				if !ch.Valid() {
					return fmt.Errorf("--channel: %q is not a channel", *channel)
				}
				in := io.In
				name := "stdin"
				if len(args) == 1 && args[0] != "-" {
					f, err := os.Open(args[0])
					if err != nil {
						return err
					}
					defer f.Close()
					in, name = f, args[0]
				}
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				ing := ingester{svc: a.intake, batch: *batch, source: *source, channel: ch, date: *date,
					errOut: io.Err, name: name, meter: progress.New(io.Err, "reports")}
				sum, err := ing.run(ctx, in)
				fmt.Fprintf(io.Out, "%d reports read: %d created, %d already stored, %d failed\n",
					sum.read, sum.created, sum.duplicate, sum.failed)
				if err != nil {
					return err
				}
				if sum.failed > 0 {
					return fmt.Errorf("%d reports failed; see the messages above", sum.failed)
				}
				return nil
			}
		},
	})
}

type ingestSummary struct{ read, created, duplicate, failed int }

// ingester feeds a file through the intake pipeline in batches.
type ingester struct {
	svc     *intake.Service
	batch   int
	source  string
	channel domain.Channel
	date    string
	errOut  io.Writer
	name    string
	meter   *progress.Meter

	items []intake.Item
	lines []int
	sum   ingestSummary
}

func (g *ingester) run(ctx context.Context, r io.Reader) (ingestSummary, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	first, _ := br.Peek(4096)
	first = bytes.TrimLeft(first, " \t\r\n\ufeff")
	if len(first) > 0 && first[0] == '{' {
		return g.jsonl(ctx, br)
	}
	return g.text(ctx, br)
}

func (g *ingester) jsonl(ctx context.Context, r io.Reader) (ingestSummary, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), intake.MaxTextBytes*4)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		g.sum.read++
		in, err := intake.DecodeLine(b, intake.DecodeOptions{Lenient: true})
		if err != nil {
			g.fail(line, err)
			continue
		}
		if err := g.add(ctx, in, line); err != nil {
			return g.sum, err
		}
	}
	if err := sc.Err(); err != nil {
		return g.sum, fmt.Errorf("%s line %d: %w", g.name, line+1, err)
	}
	return g.sum, g.flush(ctx)
}

func (g *ingester) text(ctx context.Context, r io.Reader) (ingestSummary, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return g.sum, err
	}
	for i, block := range intake.SplitText(string(body)) {
		g.sum.read++
		if err := g.add(ctx, intake.Input{Text: block, Date: g.date}, i+1); err != nil {
			return g.sum, err
		}
	}
	return g.sum, g.flush(ctx)
}

func (g *ingester) add(ctx context.Context, in intake.Input, line int) error {
	if in.Source == "" {
		in.Source = g.source
	}
	g.items = append(g.items, intake.Item{Input: in, Channel: g.channel})
	g.lines = append(g.lines, line)
	if len(g.items) >= g.batch {
		return g.flush(ctx)
	}
	return nil
}

func (g *ingester) flush(ctx context.Context) error {
	if len(g.items) == 0 {
		return nil
	}
	res, err := g.svc.Submit(ctx, domain.Principal{Name: "cli", Role: domain.RoleAdmin}, g.items)
	if err != nil {
		return err
	}
	for i, r := range res {
		switch r.Status {
		case intake.StatusCreated:
			g.sum.created++
		case intake.StatusDuplicate:
			g.sum.duplicate++
		default:
			g.fail(g.lines[i], r.Err)
		}
	}
	g.meter.Add(len(res))
	g.items, g.lines = g.items[:0], g.lines[:0]
	return nil
}

func (g *ingester) fail(line int, err error) {
	g.sum.failed++
	fmt.Fprintf(g.errOut, "%s:%d: %v\n", g.name, line, err)
}
