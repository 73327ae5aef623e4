package normalise

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns a matching key for Latin-script text: lower case, Latin
// diacritics removed ("Hsenwi", "HSENWI" and "Hsénwi" fold alike), curly
// quotes and apostrophes to ' and ", every dash and the minus sign to -,
// zero-width spaces and soft hyphens dropped, and each run of white space
// to one space, trimmed at both ends. Other scripts pass through lowered
// where they have case (Burmese has none). Text that is already a key is
// returned as it is, without allocating; otherwise Fold allocates once.
func Fold(s string) string {
	if isFoldedASCII(s) {
		return s
	}
	foldTables()
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is owed before the next kept character
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || (c >= '\t' && c <= '\r'):
				space = b.Len() > 0
				continue
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '`':
				c = '\''
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		var rep string
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r >= 0x0300 && r <= 0x036F, r == 0x200B, r == 0xFEFF:
			continue // combining diacritics and zero-width characters
		case r < latin1End:
			rep = foldLatin1[r-utf8.RuneSelf]
		case r >= latinExtStart && r < latinExtEnd:
			rep = foldLatinExt[r-latinExtStart]
		default:
			rep = foldPunct(r)
		}
		if rep == "" && (r < latin1End || (r >= latinExtStart && r < latinExtEnd)) {
			continue // a character folded to nothing (soft hyphen)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if rep != "" {
			b.WriteString(rep)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isFoldedASCII reports whether s is already its own key: ASCII with no
// upper case, no backquote, single spaces only and none at either end.
func isFoldedASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c == '`', c >= '\t' && c <= '\r':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return true
}

// The tabled ranges: Latin-1 Supplement with Latin Extended-A and -B, and
// Latin Extended Additional (Vietnamese and others).
const (
	latin1End     = 0x0250
	latinExtStart = 0x1E00
	latinExtEnd   = 0x1F00
)

// foldLatin1 and foldLatinExt hold the key of each tabled rune: its
// canonical decomposition without combining marks, lowered. Built once, on
// first use, from the Unicode data in x/text.
var (
	foldLatin1   [latin1End - utf8.RuneSelf]string
	foldLatinExt [latinExtEnd - latinExtStart]string
	foldOnce     sync.Once
)

// foldSpecial covers letters with no canonical decomposition and the
// Latin-1 punctuation that Fold maps.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ł': "l", 'Ł': "l", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
	'«': `"`, '»': `"`, '´': "'",
	'\u00ad': "", // soft hyphen: invisible, drop
}

func foldTables() {
	foldOnce.Do(func() {
		for r := rune(utf8.RuneSelf); r < latin1End; r++ {
			foldLatin1[r-utf8.RuneSelf] = foldOne(r)
		}
		for r := rune(latinExtStart); r < latinExtEnd; r++ {
			foldLatinExt[r-latinExtStart] = foldOne(r)
		}
	})
}

// foldOne computes the key of one rune in a tabled range.
func foldOne(r rune) string {
	if rep, ok := foldSpecial[r]; ok {
		return rep
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if d >= 0x0300 && d <= 0x036F {
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
	return b.String()
}

// foldPunct maps quotes and dashes outside the tabled ranges; "" keeps r
// (lowered).
func foldPunct(r rune) string {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\uFF07':
		return "'"
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\uFF02':
		return `"`
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D':
		return "-"
	}
	return ""
}
