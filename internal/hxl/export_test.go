package hxl_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/hxl"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/spreadsheet"
	"sitroom/internal/sqlite"
)

func TestExportColumnsReadBack(t *testing.T) {
	for _, col := range hxl.ExportColumns {
		tag, ok := hxl.ParseTag(col.Tag)
		if !ok {
			t.Errorf("%s: %q is not a hashtag", col.Header, col.Tag)
			continue
		}
		if _, ok := hxl.Match(tag); !ok {
			t.Errorf("%s: the importer does not read %s", col.Header, col.Tag)
		}
	}
}

// TestExportRoundTrip imports a sheet, exports its claims as HXL and
// decodes the export: the events come back the same.
func TestExportRoundTrip(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := &intake.Service{Store: store, Clock: clock.NewManual(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)), IDs: ids.NewSequence("H")}
	src, _ := os.ReadFile("testdata/tags_line2.csv")
	open := func() (spreadsheet.Decoder, error) {
		return hxl.NewDecoder(spreadsheet.NewReader(bytes.NewReader(src)), nil)
	}
	if sum, err := spreadsheet.Import(context.Background(), svc, open, spreadsheet.Options{}); err != nil || sum.Created != 4 {
		t.Fatalf("import: %+v %v", sum, err)
	}
	page, _ := store.ListReports(context.Background(), domain.ReportFilter{})
	sort.Slice(page.Items, func(i, j int) bool { return page.Items[i].ClientID < page.Items[j].ClientID })
	var buf bytes.Buffer
	w := hxl.NewWriter(&buf)
	for _, r := range page.Items {
		claims, _ := store.ReportClaims(context.Background(), r.ID)
		for _, c := range claims {
			if err := w.Write(r, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	dec, err := hxl.NewDecoder(spreadsheet.NewReader(&buf), nil)
	if err != nil {
		t.Fatal(err)
	}
	if dec.TagLine != 2 || len(dec.Ignored()) != 0 {
		t.Errorf("export: tag line %d, ignored %v", dec.TagLine, dec.Ignored())
	}
	orig, _, _ := decodeAll(t, "testdata/tags_line2.csv")
	for i := range orig {
		row, err := dec.Next()
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		got, want := row.Input, orig[i].Input
		// The export names the sub-type the pipeline defaulted and the
		// time precision it worked out; the original left them out.
		ge, we := got.Events[0], want.Events[0]
		ge.TimePrecision, we.TimePrecision = 0, 0
		if we.SubType == "" {
			we.SubType = ge.SubType
		}
		if got.ID != want.ID || got.Text != want.Text || got.Source != want.Source || got.Date != want.Date || !reflect.DeepEqual(ge, we) {
			t.Errorf("row %s after the round trip:\n got %+v %+v\nwant %+v %+v", want.ID, got, ge, want, we)
		}
	}
}
