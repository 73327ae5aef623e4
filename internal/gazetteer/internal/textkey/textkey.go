// Package textkey turns place names and free text into the keys the
// gazetteer matches on: a folded form (case, accents, punctuation and
// Burmese digits folded away), a joined form (no spaces), and a phonetic
// skeleton that absorbs the noise of romanised Burmese and Shan names
// (Namhkam/Namkham, Laukkai/Laogai, Mong/Mone/Maing, doubled letters).
//
// The generator and the runtime share this package, so keys stored in the
// embedded gazetteer and keys computed from a query always agree.
//
// Whole texts reach the gazetteer already normalised by
// sitroom/internal/normalise (NFC, Zawgyi converted, zero-width characters
// removed); Resolve also tries the Zawgyi reading of a short Burmese phrase
// through normalise.Variants. This package keeps its own fold because Scan
// needs, for every folded byte, the offset it came from, and punctuation
// folded to spaces for word boundaries, which normalise.Fold keeps.
package textkey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean returns s in NFC with zero-width characters removed and spaces
// trimmed: the form every name is stored in.
func Clean(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if strings.ContainsAny(s, "\u200b\ufeff\u200d\u00ad") {
		s = strings.Map(func(r rune) rune {
			if isInvisible(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

func isInvisible(r rune) bool {
	return r == '\u200b' || r == '\ufeff' || r == '\u200d' || r == '\u00ad'
}

// Fold returns the folded key of s: lower case, Latin accents removed,
// Burmese digits as ASCII digits, every run of punctuation or space as one
// space, Burmese and other scripts kept as they are.
func Fold(s string) string {
	out, _ := FoldText(Clean(s), false)
	return strings.TrimSpace(string(out))
}

// Joined returns a folded key without spaces: "chin shwe haw" and
// "chinshwehaw" share it.
func Joined(fold string) string {
	if !strings.Contains(fold, " ") {
		return fold
	}
	return strings.ReplaceAll(fold, " ", "")
}

// FoldText folds a text for matching and, when offsets is true, returns for
// every output byte the offset in s of the rune it came from. The output
// holds only [a-z0-9], single spaces and non-ASCII runes (Burmese, CJK…),
// so a Latin word boundary is any byte that is not [a-z0-9].
func FoldText(s string, offsets bool) ([]byte, []int32) {
	out := make([]byte, 0, len(s)+1)
	var off []int32
	if offsets {
		off = make([]int32, 0, len(s)+1)
	}
	space := true // collapse leading spaces
	emit := func(b byte, at int) {
		out = append(out, b)
		if offsets {
			off = append(off, int32(at))
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				emit(c, i)
				space = false
			case 'A' <= c && c <= 'Z':
				emit(c+'a'-'A', i)
				space = false
			case c == '\'' && i > 0 && i+1 < len(s) && isASCIILetter(s[i-1]) && isASCIILetter(s[i+1]):
				// Ta'ang, Ai'Chun: an apostrophe inside a word joins it.
			default:
				if !space {
					emit(' ', i)
					space = true
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isInvisible(r):
		case r == '\u2019' && i > 0 && i+size < len(s) && isASCIILetter(s[i-1]) && isASCIILetter(s[i+size]):
		case r >= '\u1040' && r <= '\u1049': // Burmese digits
			emit(byte('0'+r-'\u1040'), i)
			space = false
		case r >= '\u1090' && r <= '\u1099': // Shan digits
			emit(byte('0'+r-'\u1090'), i)
			space = false
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			if r < 0x2000 && !isMyanmar(r) {
				if a, ok := latinBase(r); ok {
					if a != 0 {
						emit(a, i)
						space = false
					}
					break
				}
				r = unicode.ToLower(r)
			}
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], r)
			for k := 0; k < n; k++ {
				emit(buf[k], i)
			}
			space = false
		default:
			if !space {
				emit(' ', i)
				space = true
			}
		}
		i += size
	}
	return out, off
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// latinBase maps a Latin letter with diacritics to its ASCII base letter
// (0 for a lone combining mark). ok is false for runes that are not Latin.
func latinBase(r rune) (byte, bool) {
	if r >= 0x0300 && r <= 0x036f {
		return 0, true // combining diacritic after a Latin letter
	}
	if !(r >= 0x00c0 && r <= 0x024f) && !(r >= 0x1e00 && r <= 0x1eff) {
		return 0, false
	}
	d := norm.NFD.String(string(r))
	b, _ := utf8.DecodeRuneInString(d)
	b = unicode.ToLower(b)
	if b < utf8.RuneSelf && ('a' <= b && b <= 'z') {
		return byte(b), true
	}
	switch r {
	case 'ß':
		return 's', true
	case 'Ø', 'ø':
		return 'o', true
	case 'Đ', 'đ':
		return 'd', true
	case 'Ł', 'ł':
		return 'l', true
	}
	return 0, false
}

func isMyanmar(r rune) bool {
	return r >= 0x1000 && r <= 0x109f || r >= 0xa9e0 && r <= 0xa9ff || r >= 0xaa60 && r <= 0xaa7f
}

// IsASCII reports whether s is plain ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Script names the writing system of s: "Latn", "Mymr", "Kana", "Hani" or
// "other" (the codes of the alias list).
func Script(s string) string {
	var lat, my, kana, han, other int
	for _, r := range s {
		switch {
		case r < 0x250 && unicode.IsLetter(r), r >= 0x1e00 && r <= 0x1eff:
			lat++
		case isMyanmar(r):
			my++
		case r >= 0x3040 && r <= 0x30ff:
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsLetter(r):
			other++
		}
	}
	switch {
	case my > 0 && my >= lat:
		return "Mymr"
	case kana > 0:
		return "Kana"
	case han > 0:
		return "Hani"
	case other > lat:
		return "other"
	}
	return "Latn"
}

// monPrefixes are the spellings of the Shan word for a town or valley that
// begins many names (Mong Ko, Mone Koe, Maing Yal, Muang…): all become "mon".
var monPrefixes = []string{"mueang", "muang", "maing", "meung", "moeng", "mong", "mone", "mung", "mine", "mon"}

// Skeleton returns the phonetic key of a folded name. Latin words lose the
// differences that romanisations of the same Burmese or Shan name show:
// aspirate digraphs (hk/kh, hp/ph, ht/th, hs/sh), voicing (b/p, d/t, g/k),
// final -ng, vowel spellings (au/aw/ao/oe → o, ee → i, ei/ay → e, ar → a
// before a consonant), a silent final e, the Mong/Mone/Maing prefix, and
// doubled letters. Non-Latin words are kept as they are. Spaces go.
func Skeleton(fold string) string {
	if fold == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(fold))
	for _, w := range strings.Fields(fold) {
		if !IsASCII(w) {
			b.WriteString(w)
			continue
		}
		b.WriteString(skeletonWord(w))
	}
	return b.String()
}

func skeletonWord(w string) string {
	for _, p := range monPrefixes {
		if strings.HasPrefix(w, p) && len(w) > len(p) || w == p {
			w = "mon" + w[len(p):]
			break
		}
	}
	s := []byte(w)
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		var prev byte
		if len(out) > 0 {
			prev = out[len(out)-1]
		}
		switch c {
		case 'h':
			if isCons(prev) || isCons(next) {
				continue
			}
		case 'b':
			c = 'p'
		case 'd':
			c = 't'
		case 'g':
			if prev == 'n' {
				continue
			}
			c = 'k'
		case 'z':
			c = 's'
		case 'a':
			switch next {
			case 'u', 'w', 'o':
				c = 'o'
				i++
			case 'y':
				if i+2 >= len(s) || !isVowel(s[i+2]) {
					c = 'e'
					i++
				}
			case 'r':
				if i+2 >= len(s) || isCons(s[i+2]) {
					i++ // tar → ta
				}
			}
		case 'o':
			if next == 'e' || next == 'u' || next == 'w' {
				i++
			}
		case 'e':
			if next == 'e' {
				c = 'i'
				i++
			} else if next == 'i' || next == 'y' && (i+2 >= len(s) || !isVowel(s[i+2])) {
				i++
			}
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue // doubled letters
		}
		out = append(out, c)
	}
	// final y after a consonant sounds i: Myawaddy / Myawadi
	if n := len(out); n >= 3 && out[n-1] == 'y' && isCons(out[n-2]) {
		out[n-1] = 'i'
	}
	// silent final e after vowel+consonant: koke → kok, kalay → kale → kal
	if n := len(out); n >= 4 && out[n-1] == 'e' && isCons(out[n-2]) && isVowel(out[n-3]) {
		out = out[:n-1]
	}
	return string(out)
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

func isCons(c byte) bool {
	return 'a' <= c && c <= 'z' && !isVowel(c) && c != 'h' && c != 'y' && c != 'w'
}

// Distance is the optimal-string-alignment edit distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), giving up
// and returning max+1 as soon as it must exceed max.
func Distance(a, b string, max int) int {
	if a == b {
		return 0
	}
	la, lb := len(a), len(b)
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	if la == 0 {
		return lb
	}
	if lb == 0 {
		return la
	}
	// three rows: two back (for swaps), previous, current
	row := make([]int, 3*(lb+1))
	pp, p, c := row[:lb+1], row[lb+1:2*(lb+1)], row[2*(lb+1):]
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= la; i++ {
		c[0] = i
		best := c[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			c[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		pp, p, c = p, c, pp
	}
	return p[lb]
}

// Deletes returns s with each single byte removed in turn: the neighbours
// a distance-1 index stores (symmetric-delete lookup).
func Deletes(s string) []string {
	out := make([]string, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		out = append(out, s[:i]+s[i+1:])
	}
	return out
}
