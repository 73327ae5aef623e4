// Package spreadsheettest helps the spreadsheet decoders' tests: it reads
// a decoder to the end, keeping good rows and row errors apart.
package spreadsheettest

import (
	"io"
	"testing"

	"sitroom/internal/spreadsheet"
)

// DecodeAll reads dec to the end and returns its rows and its row errors;
// any other error fails the test.
func DecodeAll(t testing.TB, dec spreadsheet.Decoder) ([]spreadsheet.Row, []spreadsheet.RowError) {
	t.Helper()
	var rows []spreadsheet.Row
	var errs []spreadsheet.RowError
	for {
		row, err := dec.Next()
		if err == io.EOF {
			return rows, errs
		}
		if re, ok := err.(*spreadsheet.RowError); ok {
			errs = append(errs, *re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
}
