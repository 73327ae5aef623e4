package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"sitroom/internal/acled"
	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
	"sitroom/internal/geocode"
	"sitroom/internal/hxl"
	"sitroom/internal/progress"
	"sitroom/internal/spreadsheet"
)

func init() {
	register(command{
		name:    "import",
		summary: "import a spreadsheet: an ACLED export or an HXL-tagged CSV",
		usage:   "[--format acled|hxl|auto] [--mode partial|all-or-nothing] FILE|-",
		help: `Imports a CSV file as reports through the pipeline. An ACLED export (the
codebook's column names, any order) gives one report per row with ACLED's
event id as its client id; an HXL-tagged sheet is read by its hashtag row,
found among the first 25 rows. --format auto tells them apart.

Bad rows are listed on standard error as FILE:LINE: column: message, with
the file's physical line. --mode partial (the default) imports the good
rows; --mode all-or-nothing checks every row first and imports nothing if
one is bad. Re-importing a file creates nothing new.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			format := fs.String("format", "auto", "file format: acled, hxl or auto")
			mode := fs.String("mode", "partial", "partial (import the good rows) or all-or-nothing")
			source := fs.String("source", "", "source to record for rows that name none")
			batch := fs.Int("batch", 500, "rows stored per transaction")
			asJSON := fs.Bool("json", false, "print the summary as JSON")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) != 1 || *batch < 1 {
					return errUsage
				}
				m, err := spreadsheet.ParseMode(*mode)
				if err != nil {
					return err
				}
				path, cleanup, err := importPath(args[0], io.In)
				if err != nil {
					return err
				}
				defer cleanup()
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				name := args[0]
				if name == "-" {
					name = "stdin"
				}
				var detected string
				var files []*os.File
				defer func() {
					for _, f := range files {
						f.Close()
					}
				}()
				open := func() (spreadsheet.Decoder, error) {
					f, err := os.Open(path)
					if err != nil {
						return nil, err
					}
					files = append(files, f)
					dec, got, err := openDecoder(*format, f, a.placeResolver())
					detected = got
					return dec, err
				}
				meter := progress.New(io.Err, "rows")
				sum, err := spreadsheet.Import(ctx, a.intake, open, spreadsheet.Options{Format: *format, Mode: m, BatchSize: *batch,
					Principal: domain.Principal{Name: "cli", Role: domain.RoleAdmin}, Source: *source, Meter: meter})
				meter.Done()
				sum.Format = detected
				if err != nil {
					return err
				}
				for _, e := range sum.Errors {
					fmt.Fprintf(io.Err, "%s:%s\n", name, rowErrorText(e))
				}
				if *asJSON {
					enc := json.NewEncoder(io.Out)
					enc.SetEscapeHTML(false)
					enc.SetIndent("", "  ")
					if err := enc.Encode(sum); err != nil {
						return err
					}
				} else {
					fmt.Fprintf(io.Out, "%d rows read (%s): %d created, %d already stored, %d failed\n",
						sum.Rows, sum.Format, sum.Created, sum.Duplicate, sum.Failed)
					if len(sum.Ignored) > 0 {
						fmt.Fprintf(io.Out, "columns not read: %v\n", sum.Ignored)
					}
				}
				switch {
				case !sum.Imported:
					return fmt.Errorf("%d bad rows; nothing was imported (--mode all-or-nothing)", sum.Failed)
				case sum.Failed > 0:
					return fmt.Errorf("%d rows failed; see the messages above", sum.Failed)
				}
				return nil
			}
		},
	})
}

// rowErrorText renders a row error after the file name: "LINE: column:
// message".
func rowErrorText(e spreadsheet.RowError) string {
	if e.Column != "" {
		return fmt.Sprintf("%d: %s: %s", e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%d: %s", e.Line, e.Message)
}

// importPath returns a file to read (twice, in all-or-nothing mode):
// the named file, or standard input copied to a temporary file.
func importPath(arg string, stdin io.Reader) (string, func(), error) {
	if arg != "-" {
		if _, err := os.Stat(arg); err != nil {
			return "", nil, err
		}
		return arg, func() {}, nil
	}
	f, err := os.CreateTemp("", "sitroom-import-*.csv")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.Remove(f.Name()) }
	if _, err := io.Copy(f, stdin); err != nil {
		f.Close()
		cleanup()
		return "", nil, fmt.Errorf("read standard input: %w", err)
	}
	if err := f.Close(); err != nil {
		cleanup()
		return "", nil, err
	}
	return f.Name(), cleanup, nil
}

// openDecoder returns the decoder for a format ("acled", "hxl", or
// "auto" to tell them apart from the first rows) and the format chosen.
func openDecoder(format string, r io.Reader, res spreadsheet.PlaceResolver) (spreadsheet.Decoder, string, error) {
	rd := spreadsheet.NewReader(r)
	switch format {
	case "acled":
		d, err := acled.NewDecoder(rd, res)
		return d, format, err
	case "hxl":
		d, err := hxl.NewDecoder(rd, res)
		return d, format, err
	case "", "auto":
		ahead := rd.Peek(hxl.MaxHeaderRows)
		if _, ok := hxl.FindHashtagRow(ahead); ok {
			d, err := hxl.NewDecoder(rd, res)
			return d, "hxl", err
		}
		for _, rec := range ahead {
			if rec.Blank() {
				continue
			}
			if acled.IsHeader(rec) {
				d, err := acled.NewDecoder(rd, res)
				return d, "acled", err
			}
			break
		}
		return nil, "", domain.Errorf(domain.CodeInvalid, "cannot tell the format: no HXL hashtag row in the first %d rows and no ACLED header (event_id_cnty, event_type); choose a format", hxl.MaxHeaderRows)
	}
	return nil, "", domain.FieldError("format", "%q is not acled, hxl or auto", format)
}

// bytesOpener opens a decoder over a body held in memory, as often as
// asked.
func bytesOpener(format string, body []byte, res spreadsheet.PlaceResolver, detected *string) func() (spreadsheet.Decoder, error) {
	return func() (spreadsheet.Decoder, error) {
		d, f, err := openDecoder(format, bytes.NewReader(body), res)
		*detected = f
		return d, err
	}
}

// placeResolver turns sheet place names into P-codes with the node's
// gazetteer.
func (a *app) placeResolver() spreadsheet.PlaceResolver {
	if a.places == nil {
		return nil
	}
	return gazetteerResolver{a.places}
}

// gazetteerResolver places a sheet's row: the township (admin3) first,
// then the location inside it. A location the gazetteer places outside
// the stated township is not trusted: the row is placed at the township,
// less precise but not wrong.
type gazetteerResolver struct{ g *gazetteer.Gazetteer }

func (r gazetteerResolver) best(text string, ctx gazetteer.Context) (gazetteer.Candidate, bool) {
	if strings.TrimSpace(text) == "" {
		return gazetteer.Candidate{}, false
	}
	c, ok := r.g.ResolveBest(text, ctx)
	return c, ok && c.Score >= geocode.MinScore
}

// ResolvePlace implements spreadsheet.PlaceResolver.
func (r gazetteerResolver) ResolvePlace(p spreadsheet.Place) (string, bool) {
	var ctx gazetteer.Context
	township := ""
	if c, ok := r.best(p.Admin3+" township", ctx); ok && p.Admin3 != "" && c.Place.Level == domain.LevelTownship {
		township = c.Place.PCode
		ctx.Near = []string{township}
	}
	if c, ok := r.best(p.Location, ctx); ok {
		inside := township == "" || c.Place.PCode == township || c.Place.Adm3 == township
		if inside {
			return c.Place.PCode, true
		}
	}
	if township != "" {
		return township, true
	}
	if p.Location == "" {
		if c, ok := r.best(p.Admin2, ctx); ok {
			return c.Place.PCode, true
		}
	}
	return "", false
}
