// Package normalise is the pipeline stage between intake and extraction: it
// turns a report's verbatim text into the form every later stage reads
// (Unicode NFC, Burmese in Unicode rather than Zawgyi, one kind of line
// ending, no zero-width noise), and supplies the small text keys the
// matching stages use (Fold, Digits, Variants).
//
// Every function expects valid UTF-8: callers (intake) check it and reject
// invalid text with a field error, because repairing it here would change
// a report silently. On invalid input the functions do not panic, but their
// output is unspecified.
package normalise

import (
	"math"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sitroom/internal/domain"
	"sitroom/internal/zawgyi"
)

// Detection thresholds. The detector returns P(Zawgyi) for the Burmese in a
// text; these bands decide what Text does with it.
const (
	// ZawgyiThreshold: above it a text with at least MinBurmeseLetters
	// Burmese letters is taken as Zawgyi and converted. It is myanmar-tools'
	// recommended cut-off, which keeps Unicode text wrongly converted well
	// under 1%.
	ZawgyiThreshold = 0.95
	// UnicodeThreshold: at or below it the text is taken as Unicode. Between
	// the two thresholds a long enough text is kept unconverted and marked
	// domain.EncodingUncertain for a person to check.
	UnicodeThreshold = 0.05
	// MinBurmeseLetters is the length below which a Burmese text counts as
	// short. Over the ~13,000 Burmese place names of the MIMU place codes
	// (Unicode), the share scoring in the middle band is 20–60% for names of
	// 3–7 letters, 1.4% at 10, 0.4% at 12 and none from 13 on: a middle score
	// on a short string says nothing, so it is not flagged.
	MinBurmeseLetters = 12
	// ShortZawgyiThreshold is the stricter bar for converting a short text.
	// Common Unicode words score above 0.95 on their own ("ရွာ", village,
	// reads as Zawgyi "ရှာ"): 24 of the 13,000 place names did, none scored
	// above 0.999, while about three quarters of their Zawgyi forms of 6+
	// letters still do. A short text below this bar is kept as it is and
	// not flagged; gazetteer matching tries both readings (see Variants).
	ShortZawgyiThreshold = 0.999
)

// Result is what Text found and made of one text.
type Result struct {
	// Text is the normalised text: NFC, LF line endings, no U+200B/U+FEFF,
	// converted to Unicode when the Burmese in it was detected as Zawgyi.
	Text string `json:"text"`
	// Encoding is domain.EncodingZawgyi when Text was converted from
	// Zawgyi, domain.EncodingUncertain when the Burmese is long enough to
	// judge but the detector could not decide (Text is then unconverted and
	// the caller flags the report for review), else domain.EncodingUnicode
	// (including text with no Burmese at all).
	Encoding domain.Encoding `json:"encoding"`
	// ZawgyiProb is the detector's P(Zawgyi) for the Burmese in the text,
	// in [0, 1]; 0 when the text has no Burmese (the detector's −Inf, which
	// JSON cannot carry).
	ZawgyiProb float64 `json:"zawgyi_probability"`
	// Language is Language(Text).
	Language string `json:"language"`
	// Short is true when the text has some but fewer than MinBurmeseLetters
	// Burmese letters: too little for the detector to be trusted in its
	// middle band, so such a text is kept (Encoding unicode) and its
	// Zawgyi reading is left to matching via Variants.
	Short bool `json:"short"`
	// Changed is true when Text differs from the input.
	Changed bool `json:"changed"`
}

// Text normalises one report text. In order: strip U+200B (zero-width
// space) and U+FEFF (byte order mark); turn CRLF, CR, NEL, U+2028 and
// U+2029 into LF; score the Burmese with the Zawgyi detector (non-Burmese
// text does not move the score, so a mixed English–Burmese report is judged
// on its Burmese); convert to Unicode when the score is decisive (see the
// threshold constants); apply NFC last, since Zawgyi is not Unicode and NFC
// would reorder its marks before conversion. Text kept unconverted is NFC'd
// too: that may reorder the marks of a Zawgyi string, but converting it
// later gives the same Unicode as converting the original (a property the
// tests check), so nothing is lost for review or Variants. The input must be valid UTF-8
// (see the package comment). A text mixing Zawgyi and Unicode paragraphs
// usually scores in the middle band and is flagged, not half-converted.
func Text(s string) Result {
	clean := stripAndBreaks(s)
	res := Result{Encoding: domain.EncodingUnicode}
	letters := burmeseLetters(clean)
	if letters > 0 {
		p := zawgyi.Probability(clean)
		if math.IsInf(p, -1) || math.IsNaN(p) {
			p = 0
		}
		res.ZawgyiProb = p
		res.Short = letters < MinBurmeseLetters
		switch {
		case res.Short && p > ShortZawgyiThreshold, !res.Short && p > ZawgyiThreshold:
			clean = zawgyi.ToUnicode(clean)
			res.Encoding = domain.EncodingZawgyi
		case !res.Short && p > UnicodeThreshold:
			res.Encoding = domain.EncodingUncertain
		}
	}
	res.Text = nfc(clean)
	res.Language = Language(res.Text)
	res.Changed = res.Text != s
	return res
}

// Variants returns the forms of a short Burmese string to look up in a
// Unicode gazetteer: the string itself (NFC, without zero-width spaces) and,
// when it differs, its Zawgyi-to-Unicode conversion. Short strings such as
// a bare place name are too short for the detector, so matching tries both
// readings instead of trusting a guess. A string with no Burmese letters
// gives one variant.
func Variants(s string) []string {
	base := nfc(stripAndBreaks(s))
	if burmeseLetters(base) == 0 {
		return []string{base}
	}
	conv := nfc(zawgyi.ToUnicode(stripAndBreaks(s)))
	if conv == base {
		return []string{base}
	}
	return []string{base, conv}
}

// nfc returns the NFC form of s, and s itself when it is already NFC. The
// check comes first because Form.String copies Burmese text even when it
// is normal: vowel sign ီ (U+102E) can compose with ဥ, so the quick check
// answers "maybe" on nearly every Burmese sentence.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// stripAndBreaks removes U+200B and U+FEFF and turns every line ending into
// LF, returning s itself when there is nothing to do.
func stripAndBreaks(s string) string {
	if !strings.ContainsAny(s, "\r\u200b\ufeff\u0085\u2028\u2029") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\u200b', '\ufeff':
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				size++ // CRLF is one line ending
			}
		case '\u0085', '\u2028', '\u2029':
			b.WriteByte('\n')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isMyanmar reports whether r is in one of the Myanmar blocks (Myanmar,
// Extended-A, Extended-B).
func isMyanmar(r rune) bool {
	return (r >= 0x1000 && r <= 0x109F) || (r >= 0xAA60 && r <= 0xAA7F) || (r >= 0xA9E0 && r <= 0xA9FF)
}

// isMyanmarLetter reports whether r is a Myanmar-script letter or mark:
// the Myanmar blocks less digits and the section marks ၊ and ။.
func isMyanmarLetter(r rune) bool {
	if !isMyanmar(r) {
		return false
	}
	switch {
	case r >= 0x1040 && r <= 0x104B: // Myanmar digits, ၊ ။
		return false
	case r >= 0x1090 && r <= 0x1099: // Shan digits
		return false
	case r >= 0xA9F0 && r <= 0xA9F9: // Tai Laing digits
		return false
	}
	return true
}

// burmeseLetters counts the Myanmar-script letters and marks in s.
func burmeseLetters(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isMyanmarLetter(r) {
			n++
		}
		i += size
	}
	return n
}
