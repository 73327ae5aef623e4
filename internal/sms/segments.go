package sms

import (
	"strings"
	"unicode/utf8"
)

// Encoding is the alphabet a message is sent in.
type Encoding string

// SMS alphabets (3GPP TS 23.038).
const (
	// GSM7 is the GSM 03.38 7-bit default alphabet with its extension
	// table: 160 septets in one SMS, 153 per part of a concatenated one.
	GSM7 Encoding = "gsm7"
	// UCS2 is UTF-16: 70 code units in one SMS, 67 per part. Any character
	// outside GSM 03.38 (all Burmese) puts the whole message in UCS-2.
	UCS2 Encoding = "ucs2"
)

// Segment sizes, in septets (GSM-7) or UTF-16 code units (UCS-2). A
// concatenated message loses 6 bytes of every part to the user data header.
const (
	GSM7Single = 160
	GSM7Part   = 153
	UCS2Single = 70
	UCS2Part   = 67
)

// gsmBasic is the GSM 03.38 default alphabet in code order (0x00–0x7F);
// 0x1B is the escape to the extension table and is not a character.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension lists the extension-table characters every phone sends:
// each is the escape septet plus one, so it counts twice.
const gsmExtension = "\f^{}\\[~]|€"

var gsmSeptets = func() map[rune]int {
	m := make(map[rune]int, 140)
	for _, r := range gsmBasic {
		if r != 0x1b {
			m[r] = 1
		}
	}
	for _, r := range gsmExtension {
		m[r] = 2
	}
	return m
}()

// Septets returns how many septets r takes in GSM-7: 1 for the basic
// table, 2 for the extension table, 0 when GSM-7 cannot carry it.
func Septets(r rune) int { return gsmSeptets[r] }

// Count describes how a text travels as SMS.
type Count struct {
	Encoding Encoding `json:"encoding"`
	// Units is the length in septets (GSM-7) or UTF-16 code units (UCS-2).
	Units int `json:"units"`
	// Segments is the number of SMS the text takes (0 for an empty text).
	Segments int `json:"segments"`
	// PerSegment is the capacity of one segment at this length: the
	// single-SMS size for one segment, the part size for more.
	PerSegment int `json:"per_segment"`
	// Remaining is how many units still fit in the last segment.
	Remaining int `json:"remaining"`
}

// Encode returns the alphabet a text needs: GSM-7 when every character is
// in GSM 03.38 (basic or extension table), else UCS-2.
func Encode(text string) Encoding {
	for _, r := range text {
		if gsmSeptets[r] == 0 {
			return UCS2
		}
	}
	return GSM7
}

// Segments counts the SMS a text takes. Parts are packed as phones do: an
// extension character (two septets) or a UTF-16 surrogate pair is never
// split across two parts, so a part may hold one unit less than its size.
// Invalid UTF-8 counts as U+FFFD, as it would be sent.
func Segments(text string) Count {
	enc := Encode(text)
	single, part := GSM7Single, GSM7Part
	if enc == UCS2 {
		single, part = UCS2Single, UCS2Part
	}
	units := 0
	widths := make([]int, 0, len(text))
	for _, r := range text {
		w := unitWidth(enc, r)
		widths = append(widths, w)
		units += w
	}
	c := Count{Encoding: enc, Units: units}
	switch {
	case units == 0:
		c.PerSegment, c.Remaining = single, single
		return c
	case units <= single:
		c.Segments, c.PerSegment, c.Remaining = 1, single, single-units
		return c
	}
	// Concatenated: fill parts one character at a time.
	segs, used := 1, 0
	for _, w := range widths {
		if used+w > part {
			segs++
			used = 0
		}
		used += w
	}
	c.Segments, c.PerSegment, c.Remaining = segs, part, part-used
	return c
}

func unitWidth(enc Encoding, r rune) int {
	if enc == GSM7 {
		return gsmSeptets[r]
	}
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2 // a surrogate pair
	}
	return 1
}

// FitsOne reports whether a text goes in a single SMS.
func FitsOne(text string) bool { return Segments(text).Segments <= 1 }

// Truncate shortens a text to fit in n segments, cutting at a word boundary
// when one is near and marking the cut with "…" (or "..." in GSM-7, where
// the ellipsis character would force UCS-2). A text that fits is returned
// unchanged.
func Truncate(text string, n int) string {
	if n < 1 {
		n = 1
	}
	if Segments(text).Segments <= n {
		return text
	}
	mark := "..."
	if Encode(text) == UCS2 {
		mark = "…"
	}
	runes := []rune(text)
	lo, hi := 0, len(runes)
	for lo < hi { // the longest prefix that fits with the mark
		mid := (lo + hi + 1) / 2
		if Segments(string(runes[:mid])+mark).Segments <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	cut := string(runes[:lo])
	if i := strings.LastIndexAny(cut, " \n"); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " \n") + mark
}
