package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // Latin letters (may hold an inner apostrophe: "ta'ang")
	tNum                  // ASCII or Burmese digits, with their separators folded into val
	tMy                   // one Burmese syllable
	tPunct                // one punctuation character
	tOther                // a run of other letters (Chinese, Thai…)
)

// token is one unit of text. Offsets are bytes of the normalised text, and
// low is the lower-cased spelling (a slice of the lower-cased text, so no
// allocation per token).
type token struct {
	start, end int
	low        string
	kind       tokKind
	hy         bool // joined to the previous token by a hyphen ("pro-junta")
	glued      bool // no space before it ("23k", "27th")
	nl         bool // a line break comes before it
	cap        bool // starts with an upper-case letter
	val        float64
	digits     int // number of digits for a number token, -1 when it carries a decimal point
}

// replacer maps the punctuation variants of typeset text to ASCII so that
// the tables only need one spelling. Zero-width spaces (common in Burmese)
// go away.
var replacer = strings.NewReplacer(
	"\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"",
	"\u2014", " - ", "\u2013", "-", "\u2012", "-", "\u2010", "-", "\u2011", "-",
	"\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u200b", "", "\u200c", "", "\u2026", "...",
	"\u2022", "-", "\u25cf", "-", "\uff0c", ",", "\u3001", ",",
	// Burmese: dot below before asat, the order NFC gives, whichever order
	// the text was typed in
	"\u103a\u1037", "\u1037\u103a",
)

// prepare returns the normalised text and its lower-cased twin (ASCII
// letters folded; same length, so offsets agree).
func prepare(s string) (string, string) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = replacer.Replace(s)
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return s, string(b)
}

func isMyanmar(r rune) bool {
	return (r >= 0x1000 && r <= 0x109F) || (r >= 0xAA60 && r <= 0xAA7F) || (r >= 0xA9E0 && r <= 0xA9FF)
}

// myBase reports whether r can begin a Burmese syllable: a consonant, an
// independent vowel or a symbol.
func myBase(r rune) bool {
	return (r >= 0x1000 && r <= 0x102A) || r == 0x103F || (r >= 0x104C && r <= 0x104F) ||
		(r >= 0x1050 && r <= 0x1055) || (r >= 0x105A && r <= 0x105D) || r == 0x1061 ||
		(r >= 0x1065 && r <= 0x1066) || (r >= 0x106E && r <= 0x1070) || (r >= 0x1075 && r <= 0x1081) ||
		r == 0x108E || (r >= 0xAA60 && r <= 0xAA6F) || (r >= 0xA9E0 && r <= 0xA9E4) || (r >= 0xA9E7 && r <= 0xA9EF) || (r >= 0xA9FA && r <= 0xA9FE)
}

func myDigit(r rune) (int, bool) {
	if r >= 0x1040 && r <= 0x1049 {
		return int(r - 0x1040), true
	}
	if r >= 0x1090 && r <= 0x1099 { // Shan digits
		return int(r - 0x1090), true
	}
	return 0, false
}

// tokenize splits text into tokens. Latin words and numbers are split on
// spaces and punctuation; Burmese, written without spaces between words, is
// split into syllables, which is enough for the keyword tables (their
// entries are split the same way).
func tokenize(text, low string, toks []token) []token {
	n := len(text)
	i := 0
	space, nl, hy := true, false, false
	for i < n {
		c := text[i]
		switch c {
		case '\n', '\r':
			nl, space, hy = true, true, false
			i++
			continue
		case ' ', '\t', '\f', '\v':
			space, hy = true, false
			i++
			continue
		}
		t := token{start: i, glued: !space, nl: nl, hy: hy}
		nl, space, hy = false, false, false
		switch {
		case isASCIILetter(c):
			t.kind = tWord
			t.end = scanWord(text, i)
			t.cap = c >= 'A' && c <= 'Z'
		case c >= '0' && c <= '9':
			t.kind = tNum
			t.end, t.val, t.digits = scanASCIINumber(text, i)
		case c < utf8.RuneSelf:
			// a hyphen between two word characters joins them: it becomes a
			// mark on the next token rather than a token of its own
			if c == '-' && t.glued && i+1 < n && len(toks) > 0 && isWordByte(text[i+1]) {
				if k := toks[len(toks)-1].kind; k == tWord || k == tNum || k == tMy {
					hy = true
					i++
					continue
				}
			}
			t.kind = tPunct
			t.end = i + 1
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case isMyDigitRune(r):
				t.kind = tNum
				t.end, t.val, t.digits = scanMyNumber(text, i)
			case r == 0x104A || r == 0x104B:
				t.kind = tPunct
				t.end = i + size
			case isMyanmar(r):
				t.kind = tMy
				t.end = scanSyllable(text, i+size)
			case unicode.IsLetter(r):
				t.kind = tOther
				j := i + size
				for j < n {
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if r2 < utf8.RuneSelf || isMyanmar(r2) || !(unicode.IsLetter(r2) || unicode.IsMark(r2)) {
						break
					}
					j += s2
				}
				t.end = j
			default:
				t.kind = tPunct
				t.end = i + size
			}
		}
		t.low = low[t.start:t.end]
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isWordByte(c byte) bool { return isASCIILetter(c) || (c >= '0' && c <= '9') || c >= utf8.RuneSelf }

// scanWord returns the end of the Latin word starting at i. An inner
// apostrophe stays in the word ("Ta'ang"), a possessive 's does not.
func scanWord(text string, i int) int {
	n := len(text)
	j := i + 1
	for j < n {
		d := text[j]
		if isASCIILetter(d) {
			j++
			continue
		}
		if d == '\'' && j+1 < n && isASCIILetter(text[j+1]) {
			if (text[j+1] == 's' || text[j+1] == 'S') && (j+2 >= n || !isASCIILetter(text[j+2])) {
				return j
			}
			j++
			continue
		}
		return j
	}
	return j
}

// scanASCIINumber reads digits with thousands separators ("23,000") and a
// decimal point ("1.5"). digits is the count of digits, or -1 for a decimal.
func scanASCIINumber(text string, i int) (end int, val float64, digits int) {
	n := len(text)
	j := i
	frac := 0.0
	dec := false
	for j < n {
		c := text[j]
		switch {
		case c >= '0' && c <= '9':
			if dec {
				frac /= 10
				val += float64(c-'0') * frac
			} else {
				val = val*10 + float64(c-'0')
				digits++
			}
			j++
		case c == ',' && !dec && threeDigits(text, j+1):
			j++
		case c == '.' && !dec && j+1 < n && text[j+1] >= '0' && text[j+1] <= '9':
			dec = true
			frac = 1
			j++
		default:
			if dec {
				digits = -1
			}
			return j, val, digits
		}
	}
	if dec {
		digits = -1
	}
	return j, val, digits
}

// threeDigits reports whether exactly three digits start at i and no digit
// follows them.
func threeDigits(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	for k := i; k < i+3; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return i+3 == len(text) || text[i+3] < '0' || text[i+3] > '9'
}

func isMyDigitRune(r rune) bool { _, ok := myDigit(r); return ok }

// scanMyNumber reads a run of Burmese digits (with optional ASCII comma
// group separators).
func scanMyNumber(text string, i int) (end int, val float64, digits int) {
	n := len(text)
	j := i
	for j < n {
		r, s := utf8.DecodeRuneInString(text[j:])
		if d, ok := myDigit(r); ok {
			val = val*10 + float64(d)
			digits++
			j += s
			continue
		}
		if r == ',' && j+1 < n {
			if r3, _ := utf8.DecodeRuneInString(text[j+1:]); isMyDigitRune(r3) {
				j += s
				continue
			}
		}
		break
	}
	return j, val, digits
}

// scanSyllable returns the end of the Burmese syllable whose first character
// ended at j: it runs until the next character that starts a syllable.
func scanSyllable(text string, j int) int {
	n := len(text)
	prev := rune(0)
	for j < n {
		r, s := utf8.DecodeRuneInString(text[j:])
		if !isMyanmar(r) || r == 0x104A || r == 0x104B || isMyDigitRune(r) {
			return j
		}
		if myBase(r) && prev != 0x1039 {
			// a consonant followed by asat or virama closes this syllable
			// rather than starting a new one
			next := rune(0)
			for k := j + s; k < n; {
				r2, s2 := utf8.DecodeRuneInString(text[k:])
				if r2 == 0x1037 { // dot below may stand before asat
					k += s2
					continue
				}
				next = r2
				break
			}
			if next != 0x103A && next != 0x1039 {
				return j
			}
		}
		prev = r
		j += s
	}
	return j
}

// span is a half-open range of token indexes.
type span struct{ from, to int }

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"lt": true, "col": true, "gen": true, "no": true, "mr": true, "mrs": true, "ms": true, "dr": true,
	"st": true, "brig": true, "maj": true, "capt": true, "sgt": true, "cpl": true, "pte": true, "u": true,
	"a": true, "p": true, "m": true, "e": true, "i": true, "vs": true, "etc": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "gov": true, "govt": true,
	"lt-col": true, "adm": true, "rev": true, "prof": true, "hon": true, "vol": true, "fig": true,
}

// sentences splits tokens into sentences: at line breaks, at ". ! ?" that
// are not abbreviations and at the Burmese full stop "။".
func sentences(toks []token, out []span) []span {
	start := 0
	for i := range toks {
		t := &toks[i]
		if i > start && t.nl {
			out = append(out, span{start, i})
			start = i
		}
		if t.kind != tPunct {
			continue
		}
		end := false
		switch t.low {
		case "။", "!", "?":
			end = true
		case ".":
			end = true
			if i > 0 {
				p := toks[i-1]
				if p.kind == tWord && !p.glued && abbreviations[p.low] {
					end = false
				}
				if p.kind == tWord && len(p.low) == 1 && p.cap {
					end = false // an initial
				}
				if p.kind == tWord && p.glued && i >= 2 && toks[i-2].low == "." {
					end = false // "a.m." "U.S."
				}
			}
			if i+1 < len(toks) {
				nx := toks[i+1]
				if nx.glued {
					end = false // "a.m", decimal or URL
				}
				if nx.kind == tWord && !nx.cap && !nx.nl {
					end = false // a lower-case word follows: not a sentence end
				}
			}
		}
		if end {
			out = append(out, span{start, i + 1})
			start = i + 1
		}
	}
	if start < len(toks) {
		out = append(out, span{start, len(toks)})
	}
	return splitLong(toks, out)
}

// maxSentence bounds a sentence's length in tokens: a run-on text (a list
// with no full stops, a pasted table) is cut at commas so that the work per
// sentence stays small.
const maxSentence = 120

func splitLong(toks []token, in []span) []span {
	long := false
	for _, s := range in {
		if s.to-s.from > maxSentence {
			long = true
			break
		}
	}
	if !long {
		return in
	}
	out := make([]span, 0, len(in)+8)
	for _, s := range in {
		for s.to-s.from > maxSentence {
			cut := s.from + maxSentence
			for j := s.from + maxSentence/2; j < s.from+maxSentence; j++ {
				if w := toks[j].low; w == "," || w == ";" || w == "၊" {
					cut = j + 1
				}
			}
			out = append(out, span{s.from, cut})
			s.from = cut
		}
		out = append(out, s)
	}
	return out
}
