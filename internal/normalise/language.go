package normalise

import (
	"unicode"
	"unicode/utf8"
)

// ShanShare is the share of Myanmar-script letters that must be
// Shan-specific for Language to answer "shn". Shan writes with the Myanmar
// script but has its own consonants, vowels and tone marks: in "ၶၢဝ်ႇ"
// (news) 3 of 5 letters are Shan-only, in "လိၵ်ႈတႆး" (Shan script) 3 of 8;
// Burmese uses none of them.
const ShanShare = 0.15

// hanWeight is what one Han character counts for against single letters
// of the alphabetic scripts: it stands for a syllable or a word, where a
// Latin word takes about five letters and a Burmese syllable two to four.
const hanWeight = 3

// Language guesses the language of s from its script alone: "my" when
// Myanmar-script letters are the most common kind (and "shn" when enough
// of them are Shan-specific, see ShanShare), "en" for Latin letters, "zh"
// for Han characters (each weighing hanWeight letters), and "" when s has no letters of these scripts. Other
// Latin-script languages come out as "en": this is a routing hint, not a
// language identifier. Read it on Unicode text: Zawgyi reuses the Shan code
// points for its own glyphs.
func Language(s string) string {
	var myanmar, shan, latin, han int
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
				latin++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isMyanmarLetter(r):
			myanmar++
			if isShanLetter(r) {
				shan++
			}
		case unicode.Is(unicode.Han, r):
			han += hanWeight
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case myanmar == 0 && latin == 0 && han == 0:
		return ""
	case myanmar >= latin && myanmar >= han:
		if float64(shan) >= ShanShare*float64(myanmar) {
			return "shn"
		}
		return "my"
	case latin >= han:
		return "en"
	}
	return "zh"
}

// isShanLetter reports whether r is one of the Myanmar-block letters and
// marks used for Shan (and Khamti Shan) and not for Burmese: U+1062 (Shan
// aa), U+1075–U+108F (Shan consonants, medial, vowels and tones) and
// U+109A–U+109D (Khamti Shan tones and vowels).
func isShanLetter(r rune) bool {
	return r == 0x1062 || (r >= 0x1075 && r <= 0x108F) || (r >= 0x109A && r <= 0x109D)
}

// Digits replaces Myanmar digits ၀–၉ and Shan digits ႐–႙ with ASCII 0–9,
// returning s itself when it has none. It changes nothing else, so apply it
// to Unicode text: in Zawgyi and in careless typing the digit ၀ (zero) also
// stands for the letter ဝ (wa).
func Digits(s string) string {
	first := -1
	for i := 0; i+2 < len(s); i++ {
		// Both digit ranges are E1 81 80–89 and E1 82 90–99 in UTF-8.
		if s[i] == 0xE1 && isDigitTail(s[i+1], s[i+2]) {
			first = i
			break
		}
	}
	if first < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:first]...)
	for i := first; i < len(s); {
		if s[i] == 0xE1 && i+2 < len(s) && isDigitTail(s[i+1], s[i+2]) {
			b = append(b, '0'+(s[i+2]&0x0F))
			i += 3
			continue
		}
		b = append(b, s[i])
		i++
	}
	return string(b)
}

// isDigitTail reports whether E1 b1 b2 encodes U+1040–U+1049 (81 80–89) or
// U+1090–U+1099 (82 90–99); the low nibble of b2 is then the digit value.
func isDigitTail(b1, b2 byte) bool {
	return (b1 == 0x81 && b2 >= 0x80 && b2 <= 0x89) || (b1 == 0x82 && b2 >= 0x90 && b2 <= 0x99)
}
