package sms

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// gsmEntry is one line of testdata/gsm0338.txt.
type gsmEntry struct {
	code     int // 0x00–0x7F, or 0x1BXX for the extension table
	r        rune
	extended bool
}

func readGSMTable(t *testing.T) []gsmEntry {
	t.Helper()
	f, err := os.Open("testdata/gsm0338.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []gsmEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Fields(line)
		code, err1 := strconv.ParseInt(fields[0], 0, 32)
		cp, err2 := strconv.ParseInt(fields[1], 0, 32)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad table line %q", line)
		}
		out = append(out, gsmEntry{code: int(code), r: rune(cp), extended: code > 0xFF})
	}
	return out
}

func TestGSM0338Table(t *testing.T) {
	table := readGSMTable(t)
	basic := []rune(gsmBasic)
	var nBasic, nExt int
	inTable := map[rune]bool{}
	for _, e := range table {
		inTable[e.r] = true
		if e.extended {
			nExt++
			if got := Septets(e.r); got != 2 {
				t.Errorf("extension %U (0x%04X) counts %d septets, want 2", e.r, e.code, got)
			}
			continue
		}
		nBasic++
		if got := Septets(e.r); got != 1 {
			t.Errorf("basic %U (0x%02X) counts %d septets, want 1", e.r, e.code, got)
		}
		if basic[e.code] != e.r {
			t.Errorf("code 0x%02X is %U in gsmBasic, the standard has %U", e.code, basic[e.code], e.r)
		}
	}
	if nBasic != 127 || nExt != 10 {
		t.Fatalf("table has %d basic and %d extension characters, want 127 and 10", nBasic, nExt)
	}
	// Every rune the package counts is in the standard's table.
	for r, n := range gsmSeptets {
		if !inTable[r] {
			t.Errorf("%U counts %d septets but is not in GSM 03.38", r, n)
		}
	}
	for _, r := range []rune{'`', 'ç', 'ê', 'Ç' + 1, 'က', '၃', '😀', 0x1b, '\t', 'Ā'} {
		if Septets(r) != 0 {
			t.Errorf("%U is not in GSM 03.38 but counts %d septets", r, Septets(r))
		}
	}
}

func TestSegments(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	my := func(n int) string { return strings.Repeat("က", n) }
	tests := []struct {
		name      string
		text      string
		enc       Encoding
		units     int
		segs      int
		remaining int
	}{
		{"empty", "", GSM7, 0, 0, 160},
		{"one char", "a", GSM7, 1, 1, 159},
		{"160 fits one", a(160), GSM7, 160, 1, 0},
		{"161 needs two", a(161), GSM7, 161, 2, 153 - 8},
		{"306 is two full parts", a(306), GSM7, 306, 2, 0},
		{"307 needs three", a(307), GSM7, 307, 3, 152},
		{"extension counts twice", a(159) + "€", GSM7, 161, 2, 153 - 8},
		{"extension at the single limit", a(158) + "{", GSM7, 160, 1, 0},
		{"every extension char", "\f^{}\\[~]|€", GSM7, 20, 1, 140},
		{"escape pair not split", a(152) + "{" + a(152), GSM7, 306, 3, 152},
		{"escape pair fits exactly", a(151) + "{" + a(153), GSM7, 306, 2, 0},
		{"greek and accents are GSM", "ΔΦΓΛΩΠΨΣΘΞ éèù", GSM7, 14, 1, 146},
		{"one non-GSM char makes UCS-2", a(10) + "ç", UCS2, 11, 1, 59},
		{"burmese 70 fits one", my(70), UCS2, 70, 1, 0},
		{"burmese 71 needs two", my(71), UCS2, 71, 2, 67 - 4},
		{"burmese 134 is two parts", my(134), UCS2, 134, 2, 0},
		{"burmese 135 needs three", my(135), UCS2, 135, 3, 66},
		{"burmese digits are UCS-2", "K၃", UCS2, 2, 1, 68},
		{"surrogate pair counts two", my(68) + "😀", UCS2, 70, 1, 0},
		{"surrogate pair not split", my(66) + "😀" + my(67), UCS2, 135, 3, 65},
		{"CRLF are GSM", "a\r\nb", GSM7, 4, 1, 156},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Segments(tc.text)
			if c.Encoding != tc.enc || c.Units != tc.units || c.Segments != tc.segs || c.Remaining != tc.remaining {
				t.Errorf("Segments = %+v, want encoding %s, %d units, %d segments, %d remaining",
					c, tc.enc, tc.units, tc.segs, tc.remaining)
			}
			if FitsOne(tc.text) != (tc.segs <= 1) {
				t.Errorf("FitsOne disagrees with %d segments", tc.segs)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	long := strings.Repeat("word ", 50)
	got := Truncate(long, 1)
	if !FitsOne(got) || !strings.HasSuffix(got, "...") || Encode(got) != GSM7 {
		t.Errorf("Truncate(english, 1) = %q (%+v)", got, Segments(got))
	}
	if !strings.HasPrefix(long, strings.TrimSuffix(got, "...")) {
		t.Errorf("Truncate changed the kept text: %q", got)
	}
	my := strings.Repeat("တိုက်ပွဲ ", 20)
	got = Truncate(my, 1)
	if !FitsOne(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("Truncate(burmese, 1) = %q (%+v)", got, Segments(got))
	}
	if s := "short"; Truncate(s, 1) != s {
		t.Errorf("a text that fits was changed")
	}
}

func FuzzSegments(f *testing.F) {
	for _, s := range []string{"", "hello", "€{}", "တိုက်ပွဲ", "😀a", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Segments(s)
		if c.Units < 0 || c.Remaining < 0 || c.Remaining > c.PerSegment {
			t.Fatalf("Segments(%q) = %+v", s, c)
		}
		if (c.Units == 0) != (c.Segments == 0) {
			t.Fatalf("Segments(%q) = %+v: units and segments disagree", s, c)
		}
		if c.Segments > 0 {
			min := (c.Units + c.PerSegment - 1) / c.PerSegment
			if c.Segments < min || c.Segments > c.Units {
				t.Fatalf("Segments(%q) = %+v: %d segments outside [%d, %d]", s, c, c.Segments, min, c.Units)
			}
		}
		if tr := Truncate(s, 1); Segments(tr).Segments > 1 {
			t.Fatalf("Truncate(%q, 1) = %q takes %d segments", s, tr, Segments(tr).Segments)
		}
	})
}

// TestEveryCharacterAtTheLimit puts each character of the GSM 03.38
// table last in a 160-septet message: a basic character still fits one
// SMS, an extension character (escape + code) makes two; at the part
// boundary an extension pair moves whole to the next part.
func TestEveryCharacterAtTheLimit(t *testing.T) {
	for _, e := range readGSMTable(t) {
		s := strings.Repeat("a", 159) + string(e.r)
		c := Segments(s)
		want, units := 1, 160
		if e.extended {
			want, units = 2, 161
		}
		if c.Encoding != GSM7 || c.Units != units || c.Segments != want {
			t.Errorf("159 × 'a' + %U (0x%X): %+v, want GSM-7, %d septets, %d segments", e.r, e.code, c, units, want)
		}
		if e.extended {
			// 152 septets then the pair: the pair does not fit the first
			// part's last septet and moves to the second.
			c := Segments(strings.Repeat("a", 152) + string(e.r) + strings.Repeat("a", 9))
			if c.Segments != 2 || c.Remaining != 153-2-9 {
				t.Errorf("%U across the part boundary: %+v", e.r, c)
			}
		}
	}
}
