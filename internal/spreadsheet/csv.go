// Package spreadsheet is what the CSV importers (ACLED exports, HXL-tagged
// sheets) share: a CSV reader that knows each record's physical line, row
// errors that name the line and the column, date formats partners use, and
// the import runner that carries rows through the intake pipeline in
// batches, either keeping the good rows (partial) or importing nothing
// when one row is bad (all-or-nothing).
package spreadsheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Record is one CSV record with the physical line each field starts on
// (quoted fields may span lines).
type Record struct {
	Fields []string
	// Lines[i] is the line of Fields[i]; Line is that of the first field.
	Lines []int
	Line  int
}

// Get returns field i, or "" when the record is shorter.
func (r Record) Get(i int) string {
	if i < 0 || i >= len(r.Fields) {
		return ""
	}
	return r.Fields[i]
}

// LineOf returns the line field i starts on (the record's line when the
// record is shorter).
func (r Record) LineOf(i int) int {
	if i >= 0 && i < len(r.Lines) {
		return r.Lines[i]
	}
	return r.Line
}

// Blank reports whether every field is empty or white space.
func (r Record) Blank() bool {
	for _, f := range r.Fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// Reader reads CSV records with their line numbers. It tolerates a UTF-8
// byte-order mark, ragged rows and a semicolon or tab delimiter (sniffed
// from the first line); Peek lets a caller look ahead to find a header.
type Reader struct {
	r       *csv.Reader
	queue   []peeked
	err     error
	lastOff int64
}

type peeked struct {
	rec Record
	err error
}

// MaxFieldBytes bounds one cell: a larger one is an error, not a report.
const MaxFieldBytes = 256 << 10

// NewReader returns a Reader over r.
func NewReader(r io.Reader) *Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	cr.Comma = sniffDelimiter(first)
	return &Reader{r: cr}
}

// sniffDelimiter picks the delimiter used most in the first line, outside
// quotes: a comma unless semicolons or tabs clearly dominate.
func sniffDelimiter(line []byte) rune {
	counts := map[byte]int{}
	inQuote := false
	for _, c := range line {
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if !inQuote && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// NextFilled returns the next record that is not blank.
func (r *Reader) NextFilled() (Record, error) {
	for {
		rec, err := r.Next()
		if err != nil || !rec.Blank() {
			return rec, err
		}
	}
}

// Next returns the next record, io.EOF at the end, or a *RowError for a
// record that is not valid CSV or UTF-8 (reading can go on after it).
func (r *Reader) Next() (Record, error) {
	if len(r.queue) > 0 {
		p := r.queue[0]
		r.queue = r.queue[1:]
		return p.rec, p.err
	}
	return r.read()
}

// Peek returns the readable records among the next n without consuming
// them (bad records ahead are skipped here and met in order by Next).
func (r *Reader) Peek(n int) []Record {
	for len(r.queue) < n && r.err == nil {
		rec, err := r.read()
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			break
		}
		r.queue = append(r.queue, peeked{rec, err})
	}
	var out []Record
	for _, p := range r.queue[:min(n, len(r.queue))] {
		if p.err == nil {
			out = append(out, p.rec)
		}
	}
	return out
}

func (r *Reader) read() (Record, error) {
	if r.err != nil {
		return Record{}, r.err
	}
	fields, err := r.r.Read()
	off := r.r.InputOffset()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if off == r.lastOff {
				// No progress: stop rather than spin.
				r.err = fmt.Errorf("line %d: %w", pe.StartLine, err)
				return Record{}, r.err
			}
			r.lastOff = off
			return Record{}, &RowError{Line: pe.Line, Message: "not valid CSV: " + pe.Err.Error()}
		}
		r.err = err
		return Record{}, err
	}
	r.lastOff = off
	rec := Record{Fields: fields, Lines: make([]int, len(fields))}
	for i := range fields {
		rec.Lines[i], _ = r.r.FieldPos(i)
	}
	if len(fields) > 0 {
		rec.Line = rec.Lines[0]
	}
	for i, f := range fields {
		if !utf8.ValidString(f) {
			return Record{}, &RowError{Line: rec.Lines[i], Column: fmt.Sprintf("column %d", i+1), Message: "not valid UTF-8; save the file as UTF-8 CSV"}
		}
		if len(f) > MaxFieldBytes {
			return Record{}, &RowError{Line: rec.Lines[i], Column: fmt.Sprintf("column %d", i+1), Message: fmt.Sprintf("cell is %d bytes; the limit is %d", len(f), MaxFieldBytes)}
		}
	}
	return rec, nil
}

// RowError is a row that cannot be imported: the physical line of the
// CSV file, the column, and what is wrong.
type RowError struct {
	Line    int    `json:"line"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("line %d, %s: %s", e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Message)
}
