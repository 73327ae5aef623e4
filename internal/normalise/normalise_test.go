package normalise

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitroom/internal/domain"
	"sitroom/internal/golden"
	"sitroom/internal/zawgyi"
)

// lines returns the non-empty lines of a testdata file.
func lines(t testing.TB, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// zawgyiLines returns the Zawgyi form of each Unicode fixture line, made
// with zawgyi.ToZawgyi and kept in testdata so that a change in the
// converter shows up as a diff; -update rewrites it.
func zawgyiLines(t testing.TB) []string {
	t.Helper()
	uni := lines(t, "burmese_unicode.txt")
	if golden.Updating() {
		var b strings.Builder
		for _, l := range uni {
			b.WriteString(zawgyi.ToZawgyi(l))
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join("testdata", "burmese_zawgyi.txt"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zg := lines(t, "burmese_zawgyi.txt")
	if len(zg) != len(uni) {
		t.Fatalf("burmese_zawgyi.txt has %d lines, burmese_unicode.txt %d: run with -update", len(zg), len(uni))
	}
	return zg
}

func TestTextUnicodeFixtures(t *testing.T) {
	for i, l := range lines(t, "burmese_unicode.txt") {
		r := Text(l)
		if r.Encoding != domain.EncodingUnicode || r.Text != l || r.Changed || r.Short {
			t.Errorf("line %d: got %+v, want the line back unchanged as unicode", i+1, r)
		}
		if r.ZawgyiProb > UnicodeThreshold {
			t.Errorf("line %d: P(zawgyi)=%v above %v", i+1, r.ZawgyiProb, UnicodeThreshold)
		}
		if r.Language != "my" {
			t.Errorf("line %d: language %q, want my", i+1, r.Language)
		}
	}
}

func TestTextZawgyiFixtures(t *testing.T) {
	uni := lines(t, "burmese_unicode.txt")
	for i, zg := range zawgyiLines(t) {
		if zg == uni[i] {
			t.Fatalf("line %d: Zawgyi fixture equals the Unicode line", i+1)
		}
		r := Text(zg)
		if r.Encoding != domain.EncodingZawgyi || !r.Changed {
			t.Errorf("line %d: encoding %q changed %v (p=%v), want zawgyi, changed", i+1, r.Encoding, r.Changed, r.ZawgyiProb)
		}
		if r.Text != uni[i] {
			t.Errorf("line %d:\n got  %q\n want %q", i+1, r.Text, uni[i])
		}
	}
}

// textCases are inputs with what their author expects of Text; the full
// results are also kept in testdata/text.golden.json.
func textCases(t testing.TB) []struct {
	name, in  string
	enc       domain.Encoding
	lang      string
	short     bool
	wantText  string // "" to skip
	converted bool
} {
	uni := lines(t, "burmese_unicode.txt")
	zg := zawgyiLines(t)
	return []struct {
		name, in  string
		enc       domain.Encoding
		lang      string
		short     bool
		wantText  string
		converted bool
	}{
		{name: "empty", in: "", enc: domain.EncodingUnicode, wantText: ""},
		{name: "english with CRLF", in: "Road to Muse closed.\r\nBridge damaged.\r\n", enc: domain.EncodingUnicode, lang: "en",
			wantText: "Road to Muse closed.\nBridge damaged.\n"},
		{name: "line endings", in: "a\rb\r\nc\u2028d\u2029e\u0085f", enc: domain.EncodingUnicode, lang: "en", wantText: "a\nb\nc\nd\ne\nf"},
		{name: "byte order mark and zero-width spaces", in: "\ufeffလားရှိုး\u200bမြို့\u200b", enc: domain.EncodingUnicode, lang: "my",
			wantText: "လားရှိုးမြို့"},
		{name: "NFC composes", in: "Cafe\u0301 near the market", enc: domain.EncodingUnicode, lang: "en", wantText: "Café near the market"},
		{name: "unicode sentence", in: uni[0], enc: domain.EncodingUnicode, lang: "my", wantText: uni[0]},
		{name: "zawgyi sentence", in: zg[1], enc: domain.EncodingZawgyi, lang: "my", wantText: uni[1], converted: true},
		{name: "english report quoting zawgyi", in: "Message from a resident in Muse: " + zg[2],
			enc: domain.EncodingZawgyi, lang: "my", wantText: "Message from a resident in Muse: " + uni[2], converted: true},
		// Half the Burmese in each encoding: the detector cannot decide.
		{name: "mixed encodings", in: "လားရှိုးမြို့အနီးတွင် " + zawgyi.ToZawgyi("လေကြောင်းတိုက်ခိုက်မှု"),
			enc: domain.EncodingUncertain, lang: "my"},
		// "ငါးဦး" (five people) is Unicode but scores above 0.95 on its own.
		{name: "short unicode scoring high", in: "ငါးဦး", enc: domain.EncodingUnicode, lang: "my", short: true, wantText: "ငါးဦး"},
		{name: "short unicode in middle band", in: "ကားလမ်းကို", enc: domain.EncodingUnicode, lang: "my", short: true, wantText: "ကားလမ်းကို"},
		{name: "zawgyi township name", in: zawgyi.ToZawgyi("ကွတ်ခိုင်မြို့နယ်"), enc: domain.EncodingZawgyi, lang: "my",
			wantText: "ကွတ်ခိုင်မြို့နယ်", converted: true},
		{name: "short zawgyi decisive", in: zawgyi.ToZawgyi("ကွတ်ခိုင်"), enc: domain.EncodingZawgyi, lang: "my", short: true,
			wantText: "ကွတ်ခိုင်", converted: true},
		// Zawgyi "နမ့္ခမ္း" scores 0.99: below the bar for short text, so it
		// is kept (NFC only); Variants supplies the Unicode reading.
		{name: "short zawgyi kept", in: zawgyi.ToZawgyi("နမ့်ခမ်း"), enc: domain.EncodingUnicode, lang: "my", short: true,
			wantText: norm.NFC.String(zawgyi.ToZawgyi("နမ့်ခမ်း"))},
		{name: "burmese digits only", in: "၂၀၂၃ ခုနှစ်", enc: domain.EncodingUnicode, lang: "my", short: true},
		{name: "shan", in: "ၶၢဝ်ႇလိၵ်ႈတႆး ၸိုင်ႈတႆး", enc: domain.EncodingUnicode, lang: "shn"},
		{name: "chinese", in: "腊戌 机场 关闭", enc: domain.EncodingUnicode, lang: "zh", wantText: "腊戌 机场 关闭"},
	}
}

func TestText(t *testing.T) {
	for _, tt := range textCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			r := Text(tt.in)
			if r.Encoding != tt.enc {
				t.Errorf("encoding %q (p=%v), want %q", r.Encoding, r.ZawgyiProb, tt.enc)
			}
			if r.Language != tt.lang {
				t.Errorf("language %q, want %q", r.Language, tt.lang)
			}
			if r.Short != tt.short {
				t.Errorf("short %v, want %v", r.Short, tt.short)
			}
			if tt.wantText != "" || tt.in == "" {
				if r.Text != tt.wantText {
					t.Errorf("text\n got  %q\n want %q", r.Text, tt.wantText)
				}
			}
			if tt.enc == domain.EncodingUncertain && r.Text != norm.NFC.String(tt.in) {
				t.Errorf("uncertain text was changed beyond NFC: %q", r.Text)
			}
			if r.Changed != (r.Text != tt.in) {
				t.Errorf("changed %v, but text equal to input is %v", r.Changed, r.Text == tt.in)
			}
			if (r.Encoding == domain.EncodingZawgyi) != tt.converted {
				t.Errorf("converted %v, want %v", r.Encoding == domain.EncodingZawgyi, tt.converted)
			}
			if math.IsNaN(r.ZawgyiProb) || r.ZawgyiProb < 0 || r.ZawgyiProb > 1 {
				t.Errorf("ZawgyiProb %v outside [0, 1]", r.ZawgyiProb)
			}
		})
	}
}

// TestTextGolden pins the full results of the table cases.
func TestTextGolden(t *testing.T) {
	type row struct {
		Name   string `json:"name"`
		Input  string `json:"input"`
		Result Result `json:"result"`
	}
	var got []row
	for _, tt := range textCases(t) {
		got = append(got, row{tt.name, tt.in, Text(tt.in)})
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "text.golden.json")
	golden.Check(t, path, b)
}

// TestNFCKeepsZawgyiConvertible backs Text's choice to apply NFC to text it
// keeps unconverted: NFC may reorder Zawgyi marks, but converting afterwards
// gives the same Unicode as converting first.
func TestNFCKeepsZawgyiConvertible(t *testing.T) {
	inputs := append(zawgyiLines(t), lines(t, "burmese_unicode.txt")...)
	for _, tt := range textCases(t) {
		inputs = append(inputs, tt.in)
	}
	reordered := 0
	for _, z := range inputs {
		if norm.NFC.String(z) != z {
			reordered++
		}
		if a, b := zawgyi.ToUnicode(norm.NFC.String(z)), norm.NFC.String(zawgyi.ToUnicode(z)); a != b {
			t.Errorf("%q: Z2U after NFC %q, NFC after Z2U %q", z, a, b)
		}
	}
	if reordered == 0 {
		t.Error("no input is changed by NFC: the test shows nothing")
	}
}

func TestThresholdsOrdered(t *testing.T) {
	if !(0 < UnicodeThreshold && UnicodeThreshold < ZawgyiThreshold && ZawgyiThreshold < ShortZawgyiThreshold && ShortZawgyiThreshold < 1) {
		t.Errorf("thresholds out of order: %v %v %v", UnicodeThreshold, ZawgyiThreshold, ShortZawgyiThreshold)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"12345 !?", ""},
		{"Fighting near Lashio", "en"},
		{"Hsenwi — Lashio road closed", "en"},
		{"လားရှိုးမြို့", "my"},
		{"TNLA က လားရှိုးမြို့အနီးတွင် တိုက်ခိုက်သည်", "my"},
		{"Lashio လားရှိုး airport closed again today", "en"},
		{"ၶၢဝ်ႇ", "shn"},
		{"လိၵ်ႈတႆး", "shn"},
		{"腊戌机场关闭", "zh"},
		{"果敢 Kokang Laukkaing town", "en"},
		{"缅北果敢同盟军 MNDAA 攻占 Laukkaing", "zh"},
		{"果敢老街 Laukkai", "zh"},
		{"Привет", ""},
		{"Hsénwi", "en"},
	}
	for _, tt := range tests {
		if got := Language(tt.in); got != tt.want {
			t.Errorf("Language(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"no digits", "no digits"},
		{"၀၁၂၃၄၅၆၇၈၉", "0123456789"},
		{"႐႑႒႓႔႕႖႗႘႙", "0123456789"},
		{"၂၀၂၃ ခုနှစ် အောက်တိုဘာ ၂၇ ရက်", "2023 ခုနှစ် အောက်တိုဘာ 27 ရက်"},
		{"ဝ and ၀", "ဝ and 0"}, // the letter wa stays
		{"ၐၑ", "ၐၑ"},           // neighbours of the digit range stay
		{"\xe1\x81", "\xe1\x81"},
	}
	for _, tt := range tests {
		if got := Digits(tt.in); got != tt.want {
			t.Errorf("Digits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"lashio", "lashio"},
		{"  Lashio   Town ", "lashio town"},
		{"HSÉNWI", "hsenwi"},
		{"Hse\u0301nwi", "hsenwi"},
		{"Nam\tHpat\nKar", "nam hpat kar"},
		{"Chin\u00a0Shwe\u2003Haw", "chin shwe haw"},
		{"Muse’s ‘gate’ — “105 Mile”", `muse's 'gate' - "105 mile"`},
		{"Kyu–Koke − 2", "kyu-koke - 2"},
		{"Straße Æther Øre Łódź Đà Nẵng", "strasse aether ore lodz da nang"},
		{"co\u00adoperate", "cooperate"},
		{"zero\u200bwidth", "zerowidth"},
		{"`quoted´", "'quoted'"},
		{"လားရှိုး Town", "လားရှိုး town"},
		{"ΑΘΗΝΑ", "αθηνα"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldKeepsKeysWithoutAllocating(t *testing.T) {
	key := "lashio - hsenwi road"
	if n := testing.AllocsPerRun(100, func() { Fold(key) }); n != 0 {
		t.Errorf("Fold of a folded key allocated %v times", n)
	}
	mixed := "Lashio – Hsenwi Road"
	if n := testing.AllocsPerRun(100, func() { Fold(mixed) }); n > 1 {
		t.Errorf("Fold allocated %v times, want at most 1", n)
	}
}

func TestVariants(t *testing.T) {
	zgName := zawgyi.ToZawgyi("ကွတ်ခိုင်")
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"latin", "Lashio", []string{"Lashio"}},
		{"zawgyi name", zgName, []string{zgName, "ကွတ်ခိုင်"}},
		{"zero-width space dropped", "\u200b" + zgName, []string{zgName, "ကွတ်ခိုင်"}},
		{"conversion that changes nothing", "ကက", []string{"ကက"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Variants(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Variants(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// A Unicode name gives itself first, then its (meaningless) Z2U reading.
	if got := Variants("ငါးဦး"); len(got) == 0 || got[0] != "ငါးဦး" {
		t.Errorf("Variants of a Unicode name = %q, want it first", got)
	}
}

func FuzzText(f *testing.F) {
	for _, tt := range textCases(f) {
		f.Add(tt.in)
	}
	f.Add("\r\r\n\u200b")
	f.Fuzz(func(t *testing.T, s string) {
		r := Text(s)
		if math.IsNaN(r.ZawgyiProb) || r.ZawgyiProb < 0 || r.ZawgyiProb > 1 {
			t.Fatalf("ZawgyiProb %v", r.ZawgyiProb)
		}
		switch r.Encoding {
		case domain.EncodingUnicode, domain.EncodingZawgyi, domain.EncodingUncertain:
		default:
			t.Fatalf("encoding %q", r.Encoding)
		}
		if r.Changed != (r.Text != s) {
			t.Fatalf("Changed %v for %q → %q", r.Changed, s, r.Text)
		}
		if !utf8.ValidString(s) {
			return // the caller rejects invalid text; only no panic is promised
		}
		if !utf8.ValidString(r.Text) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if strings.ContainsAny(r.Text, "\r\u200b\ufeff\u2028\u2029\u0085") {
			t.Fatalf("%q left a CR, separator or zero-width character in %q", s, r.Text)
		}
		if !norm.NFC.IsNormalString(r.Text) {
			t.Fatalf("%q: result %q is not NFC", s, r.Text)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Lashio", "  HSÉNWI  town", "“105 Mile”", "Straße", "\u00ad\u200b", "လားရှိုး"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(k) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, k)
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("Fold(%q) = %q: loose spaces", s, k)
		}
		if k2 := Fold(k); k2 != k {
			t.Fatalf("Fold not idempotent on %q: %q then %q", s, k, k2)
		}
	})
}

func FuzzDigits(f *testing.F) {
	for _, s := range []string{"", "၂၀၂၃", "႐႑", "\xe1\x81\x80\xe1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Digits(s)
		if utf8.ValidString(s) && !utf8.ValidString(d) {
			t.Fatalf("Digits(%q) = %q: invalid UTF-8", s, d)
		}
		if utf8.RuneCountInString(d) != utf8.RuneCountInString(s) && utf8.ValidString(s) {
			t.Fatalf("Digits(%q) = %q: rune count changed", s, d)
		}
	})
}

// oneKB returns whole lines of a testdata file adding up to about 1 KB.
func oneKB(b *testing.B, src []string) string {
	var sb strings.Builder
	for sb.Len() < 1024 {
		for _, l := range src {
			if sb.Len() >= 1024 {
				break
			}
			sb.WriteString(l)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func BenchmarkText(b *testing.B) {
	inputs := []struct {
		name string
		text string
	}{
		{"english_1KB", oneKB(b, lines(b, "english.txt"))},
		{"burmese_unicode_1KB", oneKB(b, lines(b, "burmese_unicode.txt"))},
		{"burmese_zawgyi_1KB", oneKB(b, zawgyiLines(b))},
	}
	Text("က") // load the model and rules outside the timing
	zawgyi.ToUnicode("")
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				Text(in.text)
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	for _, in := range []struct{ name, text string }{
		{"key", "lashio - hsenwi road"},
		{"title", "Fighting on the Lashio–Hsenwi Road, “105 Mile” Gate"},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.text)))
			b.ReportAllocs()
			for b.Loop() {
				Fold(in.text)
			}
		})
	}
}
