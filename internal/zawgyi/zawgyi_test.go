package zawgyi

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"sitroom/internal/domain"
)

// readLines splits a testdata file on "\n". Like myanmar-tools' own tests
// it keeps the empty string after the final newline, so the counts match
// upstream's (68 mmgov lines, 227 UDHR lines).
func readLines(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}

func TestProbabilityCompatibility(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "compatibility.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	rows := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		want, input, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("row %d: no tab: %q", rows+1, line)
		}
		rows++
		got := Probability(input)
		if want == "-Infinity" {
			if !math.IsInf(got, -1) {
				t.Errorf("row %d %q: got %v, want -Inf", rows, input, got)
			}
			continue
		}
		w, err := strconv.ParseFloat(want, 64)
		if err != nil {
			t.Fatalf("row %d: %v", rows, err)
		}
		if math.Abs(got-w) > 1e-9 {
			t.Errorf("row %d %q: got %.17g, want %.17g", rows, input, got, w)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows != 50 {
		t.Errorf("read %d compatibility rows, want 50", rows)
	}
}

func TestProbabilityProperties(t *testing.T) {
	uni := "မြန်မာစာသည်တို့စာ"
	zg := ToZawgyi(uni)
	tests := []struct {
		name   string
		in     string
		check  func(p float64) bool
		expect string
	}{
		{"empty", "", func(p float64) bool { return math.IsInf(p, -1) }, "-Inf"},
		{"latin only", "Lashio airport reopened", func(p float64) bool { return math.IsInf(p, -1) }, "-Inf"},
		{"myanmar digits only", "၁၂၃", func(p float64) bool { return math.IsInf(p, -1) }, "-Inf (digits are not states)"},
		{"unicode sentence", uni, func(p float64) bool { return p < 0.05 }, "< 0.05"},
		{"zawgyi sentence", zg, func(p float64) bool { return p > 0.95 }, "> 0.95"},
		{"surrounding latin ignored", "report: " + zg + " (end)", func(p float64) bool { return p == Probability(zg) }, "same as without Latin"},
		{"invalid utf-8", "\xff\xfe", func(p float64) bool { return math.IsInf(p, -1) }, "-Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p := Probability(tt.in); !tt.check(p) {
				t.Errorf("Probability(%q) = %v, want %s", tt.in, p, tt.expect)
			}
		})
	}
}

func TestToUnicodeMMGov(t *testing.T) {
	src := readLines(t, "mmgov_zawgyi_src.txt")
	want := readLines(t, "mmgov_unicode_out.txt")
	if len(src) != 68 || len(want) != 68 {
		t.Fatalf("got %d source and %d expected lines, want 68 each", len(src), len(want))
	}
	for i := range src {
		if got := ToUnicode(src[i]); got != want[i] {
			t.Errorf("line %d:\n got  %q\n want %q", i+1, got, want[i])
		}
	}
}

func TestToZawgyiUDHR(t *testing.T) {
	src := readLines(t, "udhr_mya_unicode_src.txt")
	want := readLines(t, "udhr_mya_zawgyi_out.txt")
	if len(src) != 227 || len(want) != 227 {
		t.Fatalf("got %d source and %d expected lines, want 227 each", len(src), len(want))
	}
	raw := 0
	for i := range src {
		got := ToZawgyi(src[i])
		if got == want[i] {
			raw++
		}
		// Upstream compares after normalisation on both sides: U2Z may
		// pick another of several equivalent Zawgyi spellings.
		if g, w := Normalize(got), Normalize(want[i]); g != w {
			t.Errorf("line %d:\n got  %q\n want %q", i+1, g, w)
		}
	}
	t.Logf("raw U2Z equal on %d of %d lines", raw, len(src))
}

// TestDetectorSeparatesForms checks that the detector scores the Zawgyi form
// of each Unicode line above the line itself.
func TestDetectorSeparatesForms(t *testing.T) {
	for i, s := range readLines(t, "udhr_mya_unicode_src.txt") {
		zg := ToZawgyi(s)
		if zg == s {
			continue // nothing differs between the encodings
		}
		if pu, pz := Probability(s), Probability(zg); !(pu < pz) {
			t.Errorf("line %d: P(unicode form)=%v not below P(zawgyi form)=%v", i+1, pu, pz)
		}
	}
}

func TestNewDetectorErrors(t *testing.T) {
	good := modelData
	trailing := append(append([]byte(nil), good...), 0)
	badMagic := append([]byte(nil), good...)
	badMagic[0] = 'X'
	badVersion := append([]byte(nil), good...)
	badVersion[11] = 9
	badSize := append([]byte(nil), good...)
	badSize[28], badSize[29] = 0, 1 // the Markov state count, 227 → 1
	tests := []struct {
		name  string
		model []byte
	}{
		{"empty", nil},
		{"truncated header", good[:10]},
		{"truncated body", good[:len(good)-3]},
		{"trailing byte", trailing},
		{"bad magic", badMagic},
		{"bad version", badVersion},
		{"bad state count", badSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := NewDetector(tt.model)
			if err == nil {
				t.Fatalf("NewDetector succeeded (%d states), want an error", d.size)
			}
			if c := domain.ErrorCode(err); c != domain.CodeInvalid {
				t.Errorf("error code %q, want %q (%v)", c, domain.CodeInvalid, err)
			}
		})
	}
	if _, err := NewDetector(good); err != nil {
		t.Fatalf("embedded model: %v", err)
	}
}

func TestNewConverterErrors(t *testing.T) {
	many := `{"phases":[{"rules":[` + strings.Repeat(`{"pattern":"a","replacement_go":"b"},`, maxRulesPerPhase) + `{"pattern":"a","replacement_go":"b"}]}]}`
	tests := []struct {
		name string
		json string
	}{
		{"not json", `{`},
		{"no phases", `{"name":"x","phases":[]}`},
		{"bad regex", `{"phases":[{"rules":[{"pattern":"(","replacement_go":""}]}]}`},
		{"empty match", `{"phases":[{"rules":[{"pattern":"a*","replacement_go":"b"}]}]}`},
		{"too many rules", many},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewConverter([]byte(tt.json))
			if err == nil {
				t.Fatal("NewConverter succeeded, want an error")
			}
			if c := domain.ErrorCode(err); c != domain.CodeInvalid {
				t.Errorf("error code %q, want %q (%v)", c, domain.CodeInvalid, err)
			}
		})
	}
}

// TestPhaseSemantics pins the rule-application order that the compiled
// transforms depend on, on small synthetic rule sets.
func TestPhaseSemantics(t *testing.T) {
	tests := []struct {
		name, rules, in, want string
	}{
		{"every rule tried, no break after a match",
			`[{"pattern":"a","replacement_go":"X"},{"pattern":"b","replacement_go":"Y"}]`, "abab", "XYXY"},
		{"later rule sees the text after an earlier match in the same step",
			`[{"pattern":"a","replacement_go":"X"},{"pattern":"a","replacement_go":"Z"}]`, "aaa", "XZX"},
		{"revisit rescans the replacement",
			`[{"pattern":"a","replacement_go":"b","revisit":0},{"pattern":"b","replacement_go":"c"}]`, "aab", "ccc"},
		{"without revisit the replacement is final",
			`[{"pattern":"a","replacement_go":"b"},{"pattern":"b","replacement_go":"c"}]`, "a", "b"},
		{"match on start only at position 0",
			`[{"pattern":"x","replacement_go":"Y","match_on_start":true}]`, "xxx", "Yxx"},
		{"groups expand",
			`[{"pattern":"(\\d)-(\\d)","replacement_go":"${2}${1}"}]`, "1-2 3-4", "21 43"},
		{"unmatched text and invalid bytes copied",
			`[{"pattern":"q","replacement_go":"Q"}]`, "a\xffq€", "a\xffQ€"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewConverter([]byte(`{"name":"t","phases":[{"rules":` + tt.rules + `}]}`))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Convert(tt.in); got != tt.want {
				t.Errorf("Convert(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := referenceConvert(c, tt.in); got != tt.want {
				t.Errorf("reference Convert(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestConverterNames(t *testing.T) {
	for _, tt := range []struct {
		c    *Converter
		want string
	}{{z2u(), "Z2U"}, {u2z(), "U2Z"}, {znorm(), "ZNorm"}} {
		if got := tt.c.Name(); got != tt.want {
			t.Errorf("Name() = %q, want %q", got, tt.want)
		}
	}
}

// referenceConvert is the transform algorithm written as plainly as
// myanmar-tools' runPhase, without the first-rune prefilter or the literal
// shortcut; the optimised Convert must agree with it on every input.
func referenceConvert(c *Converter, s string) string {
	for _, p := range c.phases {
		var out strings.Builder
		rest, start := s, true
		for rest != "" {
			found := false
			for _, r := range p.rules {
				if r.onStart && !start {
					continue
				}
				loc := r.re.FindStringSubmatchIndex(rest)
				if loc == nil {
					continue
				}
				found = true
				right := rest[loc[1]:]
				rest = string(r.re.ExpandString(nil, r.tmpl, rest, loc)) + right
				if !r.revisit {
					out.WriteString(rest[:len(rest)-len(right)])
					rest = right
				}
			}
			if !found {
				_, n := utf8.DecodeRuneInString(rest)
				out.WriteString(rest[:n])
				rest = rest[n:]
			}
			start = false
		}
		s = out.String()
	}
	return s
}

func TestConvertMatchesReference(t *testing.T) {
	var inputs []string
	for _, f := range []string{"mmgov_zawgyi_src.txt", "mmgov_unicode_out.txt", "udhr_mya_unicode_src.txt", "udhr_mya_zawgyi_out.txt"} {
		inputs = append(inputs, readLines(t, f)...)
	}
	inputs = append(inputs, "\u200b\u200bက ၄င်း", "၀ါ", "၄ ", "a  \u00a0က", "")
	// The reference is slow under -race; the three directions run side by side.
	for _, c := range []*Converter{z2u(), u2z(), znorm()} {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			for _, in := range inputs {
				if got, want := c.Convert(in), referenceConvert(c, in); got != want {
					t.Errorf("%s(%q):\n got  %q\n want %q", c.Name(), in, got, want)
				}
			}
		})
	}
}

func seedCorpus(f *testing.F) {
	for _, s := range readLines(f, "mmgov_zawgyi_src.txt")[:10] {
		f.Add(s)
	}
	for _, s := range readLines(f, "udhr_mya_unicode_src.txt")[:10] {
		f.Add(s)
	}
	for _, s := range []string{"", "Lashio", "\u200bက", "၄င်း", "\xff\x80က", "ၶၵႁ ႐႑"} {
		f.Add(s)
	}
}

func FuzzProbability(f *testing.F) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, s string) {
		p := Probability(s)
		if math.IsNaN(p) || (!math.IsInf(p, -1) && (p < 0 || p > 1)) {
			t.Fatalf("Probability(%q) = %v", s, p)
		}
	})
}

func fuzzConverter(f *testing.F, c func() *Converter) {
	seedCorpus(f)
	f.Fuzz(func(t *testing.T, s string) {
		got := c().Convert(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("%s(%q) = %q: invalid UTF-8", c().Name(), s, got)
		}
		if want := referenceConvert(c(), s); got != want {
			t.Fatalf("%s(%q) = %q, reference gives %q", c().Name(), s, got, want)
		}
	})
}

func FuzzToUnicode(f *testing.F) { fuzzConverter(f, z2u) }

func FuzzToZawgyi(f *testing.F) { fuzzConverter(f, u2z) }

func FuzzNormalize(f *testing.F) { fuzzConverter(f, znorm) }

func FuzzNewDetector(f *testing.F) {
	f.Add(modelData)
	f.Add(modelData[:64])
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := NewDetector(b)
		if err == nil && len(d.m) != d.size*d.size {
			t.Fatalf("model of %d states has %d cells", d.size, len(d.m))
		}
	})
}

// burmese1K returns about 1 KB of text built from whole lines of a
// testdata file.
func burmese1K(b *testing.B, name string) string {
	var sb strings.Builder
	for _, l := range readLines(b, name) {
		if sb.Len() >= 1024 {
			break
		}
		sb.WriteString(l)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func BenchmarkProbability(b *testing.B) {
	s := burmese1K(b, "udhr_mya_unicode_src.txt")
	Probability("") // load the model outside the timing
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Probability(s)
	}
}

func BenchmarkToUnicode(b *testing.B) {
	s := burmese1K(b, "mmgov_zawgyi_src.txt")
	ToUnicode("")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		ToUnicode(s)
	}
}

// BenchmarkToUnicodeReference times the plain algorithm on the same input:
// the baseline for the prefilter and literal shortcuts.
func BenchmarkToUnicodeReference(b *testing.B) {
	s := burmese1K(b, "mmgov_zawgyi_src.txt")
	c := z2u()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		referenceConvert(c, s)
	}
}

func BenchmarkToUnicodeLatin(b *testing.B) {
	s := strings.Repeat("Fighting was reported near the bridge on the Lashio road. ", 18)
	ToUnicode("")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		ToUnicode(s)
	}
}

// BenchmarkLoad times what the first call pays: parsing the model and
// compiling the three rule sets.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		must(NewDetector(modelData))
		must(NewConverter(z2uData))
		must(NewConverter(u2zData))
		must(NewConverter(znormData))
	}
}
