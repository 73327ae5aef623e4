package spreadsheet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
	"sitroom/internal/progress"
)

// Row is one data row made into a report.
type Row struct {
	Line  int
	Input intake.Input
	// Columns maps the intake fields a row fills ("date",
	// "events[0].lat") to the columns they came from, so that an error
	// the pipeline finds names the column the user sees.
	Columns map[string]string
}

// Decoder reads rows of one format.
type Decoder interface {
	// Next returns the next row; a *RowError for a row that cannot be
	// imported (the decoder moves on to the next); io.EOF at the end; any
	// other error stops the import.
	Next() (Row, error)
	// Ignored lists the columns (or tags) the decoder does not use.
	Ignored() []string
}

// Place names as a sheet gives them, for the gazetteer.
type Place struct {
	Location, Admin3, Admin2, Admin1 string
	Lat, Lon                         *float64
}

// PlaceResolver finds the P-code of a named place. The gazetteer adapter
// implements it; without one, rows keep the place name and point.
type PlaceResolver interface {
	ResolvePlace(p Place) (pcode string, ok bool)
}

// Mode says what to do with a file that has bad rows.
type Mode string

// Import modes.
const (
	// ModePartial imports the good rows and lists the bad ones.
	ModePartial Mode = "partial"
	// ModeAllOrNothing checks every row first and imports nothing when
	// one is bad.
	ModeAllOrNothing Mode = "all-or-nothing"
)

// ParseMode reads a mode name ("" is partial).
func ParseMode(s string) (Mode, error) {
	switch Mode(strings.ToLower(strings.TrimSpace(s))) {
	case "", ModePartial:
		return ModePartial, nil
	case ModeAllOrNothing, "all_or_nothing", "atomic":
		return ModeAllOrNothing, nil
	}
	return "", domain.FieldError("mode", "%q is not partial or all-or-nothing", s)
}

// MaxErrors bounds the row errors a summary lists; Failed counts them all.
const MaxErrors = 1000

// Options tune an import.
type Options struct {
	Format    string
	Mode      Mode
	BatchSize int // rows per transaction; default 500
	Principal domain.Principal
	// Source is recorded for rows that name none.
	Source string
	// Meter shows progress on a terminal; nil shows nothing.
	Meter *progress.Meter
}

// Summary is the outcome of an import.
type Summary struct {
	Format    string `json:"format"`
	Mode      Mode   `json:"mode"`
	Rows      int    `json:"rows"`
	Created   int    `json:"created"`
	Duplicate int    `json:"duplicate"`
	Failed    int    `json:"failed"`
	// Imported is false when an all-or-nothing import refused the file.
	Imported bool       `json:"imported"`
	Errors   []RowError `json:"errors,omitempty"`
	// Ignored lists columns or tags the format does not use.
	Ignored []string `json:"ignored,omitempty"`
}

func (s *Summary) fail(e RowError) {
	s.Failed++
	if len(s.Errors) < MaxErrors {
		s.Errors = append(s.Errors, e)
	}
}

// Import reads rows from the decoder that open returns and submits them
// through the pipeline in batches. In all-or-nothing mode it first runs
// every row through the pipeline without storing anything, and opens the
// input a second time to import only if no row failed; open must then
// read the same bytes again.
func Import(ctx context.Context, svc *intake.Service, open func() (Decoder, error), opt Options) (Summary, error) {
	sum := Summary{Format: opt.Format, Mode: opt.Mode}
	if sum.Mode == "" {
		sum.Mode = ModePartial
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 500
	}
	if sum.Mode == ModeAllOrNothing {
		dry := *svc
		dry.Store = discard{svc.Store}
		// Nothing is stored, so nothing is clustered or counted.
		dry.Corroborator, dry.Observe = nil, nil
		check := Summary{}
		if err := run(ctx, &dry, open, opt, &check, nil); err != nil {
			return check, err
		}
		if check.Failed > 0 {
			// Nothing was stored: the counts of the check are not imports.
			check.Format, check.Mode, check.Created, check.Duplicate = sum.Format, sum.Mode, 0, 0
			return check, nil
		}
	}
	err := run(ctx, svc, open, opt, &sum, opt.Meter)
	sum.Imported = err == nil && (sum.Mode == ModePartial || sum.Failed == 0)
	return sum, err
}

func run(ctx context.Context, svc *intake.Service, open func() (Decoder, error), opt Options, sum *Summary, meter *progress.Meter) error {
	dec, err := open()
	if err != nil {
		return err
	}
	b := batch{svc: svc, opt: opt, sum: sum, meter: meter}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, err := dec.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re *RowError
			if errors.As(err, &re) {
				sum.Rows++
				sum.fail(*re)
				continue
			}
			return err
		}
		sum.Rows++
		if row.Input.Source == "" {
			row.Input.Source = opt.Source
		}
		if err := b.add(ctx, row); err != nil {
			return err
		}
	}
	sum.Ignored = dec.Ignored()
	return b.flush(ctx)
}

type batch struct {
	svc   *intake.Service
	opt   Options
	sum   *Summary
	meter *progress.Meter
	rows  []Row
}

func (b *batch) add(ctx context.Context, r Row) error {
	b.rows = append(b.rows, r)
	if len(b.rows) >= b.opt.BatchSize {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) flush(ctx context.Context) error {
	if len(b.rows) == 0 {
		return nil
	}
	items := make([]intake.Item, len(b.rows))
	for i, r := range b.rows {
		items[i] = intake.Item{Input: r.Input, Channel: domain.ChannelImport}
	}
	res, err := b.svc.Submit(ctx, b.opt.Principal, items)
	if err != nil {
		return err
	}
	for i, r := range res {
		switch r.Status {
		case intake.StatusCreated:
			b.sum.Created++
		case intake.StatusDuplicate:
			b.sum.Duplicate++
		default:
			b.sum.fail(pipelineError(b.rows[i], r.Err))
		}
	}
	if b.meter != nil {
		b.meter.Add(len(res))
	}
	b.rows = b.rows[:0]
	return nil
}

// pipelineError names the column behind an intake field error.
func pipelineError(row Row, err error) RowError {
	e := RowError{Line: row.Line, Message: fmt.Sprint(err)}
	var de *domain.Error
	if errors.As(err, &de) {
		e.Message = de.Message
		if de.Field != "" {
			e.Column = de.Field
			if c, ok := row.Columns[de.Field]; ok {
				e.Column = c
			}
		}
	}
	return e
}

// discard is a store that keeps nothing: the all-or-nothing check runs the
// whole pipeline, its own validation included, against it.
type discard struct{ domain.Store }

func (d discard) SaveReports(_ context.Context, subs []domain.Submission) ([]domain.SaveResult, error) {
	out := make([]domain.SaveResult, len(subs))
	for i, s := range subs {
		out[i] = domain.SaveResult{ReportID: s.Report.ID}
		for _, c := range s.Claims {
			out[i].ClaimIDs = append(out[i].ClaimIDs, c.ID)
		}
	}
	return out, nil
}
