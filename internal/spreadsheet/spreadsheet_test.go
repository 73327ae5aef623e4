package spreadsheet_test

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/spreadsheet"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"2023-11-12", "2023-11-12"},
		{" 2023-11-12 ", "2023-11-12"},
		{"2023/11/12", "2023-11-12"},
		{"12 November 2023", "2023-11-12"},
		{"12-November-2023", "2023-11-12"},
		{"12 Nov 2023", "2023-11-12"},
		{"12-Nov-2023", "2023-11-12"},
		{"12-Nov-23", "2023-11-12"},
		{"November 12, 2023", "2023-11-12"},
		{"2023-11-12T10:00:00+06:30", "2023-11-12"},
		{"13/11/2023", "2023-11-13"},
		{"11/13/2023", "2023-11-13"},
		{"5/5/2023", "2023-05-05"},
		{"03/04/2023", ""}, // ambiguous
		{"31/02/2023", ""},
		{"2023-13-45", ""},
		{"1989-12-31", ""},
		{"yesterday", ""},
		{"", ""},
	} {
		got, err := spreadsheet.ParseDate(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %q, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func readAll(t *testing.T, csv string) ([]spreadsheet.Record, []spreadsheet.RowError) {
	t.Helper()
	r := spreadsheet.NewReader(strings.NewReader(csv))
	var recs []spreadsheet.Record
	var errs []spreadsheet.RowError
	for i := 0; i < 100; i++ {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, errs
		}
		var re *spreadsheet.RowError
		if errors.As(err, &re) {
			errs = append(errs, *re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	t.Fatal("reader did not end")
	return nil, nil
}

func TestReaderLines(t *testing.T) {
	recs, errs := readAll(t, "\ufeffa,b,c\n1,\"two\nlines\",3\n\n4,5,6\r\n7,\"x\"\"y\",9\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var lines []int
	for _, r := range recs {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{1, 2, 5, 6}) {
		t.Errorf("lines = %v, want [1 2 5 6]", lines)
	}
	if recs[0].Fields[0] != "a" {
		t.Errorf("byte-order mark kept: %q", recs[0].Fields[0])
	}
	if recs[1].LineOf(2) != 3 || recs[3].Fields[1] != `x"y` {
		t.Errorf("field lines / quoting: %+v %+v", recs[1], recs[3])
	}
}

func TestReaderDelimiters(t *testing.T) {
	for name, csv := range map[string]string{
		"semicolon": "a;b;c\n1;2;3\n",
		"tab":       "a\tb\tc\n1\t2\t3\n",
		"comma":     "a,b;c,d\n1,2,3\n",
	} {
		recs, _ := readAll(t, csv)
		if len(recs) != 2 || len(recs[1].Fields) != 3 {
			t.Errorf("%s: %+v", name, recs)
		}
	}
}

func TestReaderBadRecordsAreRowErrors(t *testing.T) {
	recs, errs := readAll(t, "a,b\n1,2\n3,\"bad\"quote\n4,5\n6,\xff\n7,8\n")
	if len(errs) != 2 || errs[0].Line != 3 || errs[1].Line != 5 {
		t.Fatalf("errors = %+v", errs)
	}
	if len(recs) != 4 || recs[3].Fields[0] != "7" {
		t.Errorf("reading did not go on after bad records: %+v", recs)
	}
}

func TestPeekThenNext(t *testing.T) {
	r := spreadsheet.NewReader(strings.NewReader("t\n\"bad\"x\n#a,#b\n1,2\n"))
	peek := r.Peek(10)
	if len(peek) != 3 {
		t.Fatalf("peek = %+v", peek)
	}
	var got []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			got = append(got, "error")
			continue
		}
		got = append(got, rec.Fields[0])
	}
	if strings.Join(got, " ") != "t error #a 1" {
		t.Errorf("after Peek, Next gave %v", got)
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]spreadsheet.Mode{"": spreadsheet.ModePartial, "PARTIAL": spreadsheet.ModePartial,
		"all-or-nothing": spreadsheet.ModeAllOrNothing, "atomic": spreadsheet.ModeAllOrNothing} {
		if got, err := spreadsheet.ParseMode(in); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := spreadsheet.ParseMode("some"); domain.ErrorField(err) != "mode" {
		t.Errorf("bad mode: %v", err)
	}
}

// FuzzParseDate: any input either fails or gives a date in range.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-11-12", "12 November 2023", "13/11/2023", "1/1/99", "12-Nov-23"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := spreadsheet.ParseDate(s)
		if err != nil {
			return
		}
		if _, err := domain.ParseDate(string(d)); err != nil {
			t.Fatalf("ParseDate(%q) = %q, which is not a valid date: %v", s, d, err)
		}
	})
}

// FuzzReader reads arbitrary bytes as CSV: it always ends, and every
// record's lines never go backwards.
func FuzzReader(f *testing.F) {
	f.Add([]byte("a,b\n1,\"x\ny\"\n"))
	f.Add([]byte("\"open\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := spreadsheet.NewReader(strings.NewReader(string(b)))
		last := 0
		for i := 0; i <= len(b)+1; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			var re *spreadsheet.RowError
			if errors.As(err, &re) {
				continue
			}
			if err != nil {
				return
			}
			if rec.Line < last {
				t.Fatalf("line went back from %d to %d", last, rec.Line)
			}
			last = rec.Line
		}
		t.Fatalf("more records than bytes")
	})
}
