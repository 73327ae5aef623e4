// Package extracttest provides a small fixed place table for testing the
// extractor without the full gazetteer: the towns, townships and a few
// village tracts of northern Shan State with their MIMU P-codes and the
// spellings the press uses.
package extracttest

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
)

//go:embed places.tsv
var placesTSV string

type alias struct {
	low   string
	place domain.Place
}

// Table is a Places over a fixed list: every alias is matched as a whole
// word, ignoring case, the longest first.
type Table struct {
	aliases []alias
	byCode  map[string]domain.Place
}

// Places returns the northern Shan test table.
func Places() *Table {
	t := &Table{byCode: map[string]domain.Place{}}
	for _, line := range strings.Split(placesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "pcode\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 10 {
			continue
		}
		p := domain.Place{PCode: f[0], Level: domain.GeoLevel(f[1]), Name: f[2], NameMy: f[3], Adm1: f[4], Adm2: f[5], Adm3: f[6]}
		if lat, err := strconv.ParseFloat(f[7], 64); err == nil {
			if lon, err := strconv.ParseFloat(f[8], 64); err == nil {
				p.Lat, p.Lon, p.HasPoint = lat, lon, true
			}
		}
		t.byCode[p.PCode] = p
		for _, a := range strings.Split(f[9], "|") {
			if a = strings.TrimSpace(a); a != "" {
				// dot below before asat, as normalised text has it
				a = strings.ReplaceAll(a, "\u103a\u1037", "\u1037\u103a")
				t.aliases = append(t.aliases, alias{strings.ToLower(a), p})
			}
		}
	}
	sort.SliceStable(t.aliases, func(i, j int) bool { return len(t.aliases[i].low) > len(t.aliases[j].low) })
	return t
}

// Place returns a place of the table by P-code.
func (t *Table) Place(pcode string) (domain.Place, error) {
	p, ok := t.byCode[pcode]
	if !ok {
		return domain.Place{}, domain.NotFound("place", pcode)
	}
	return p, nil
}

func wordByte(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return unicode.IsLetter(r) && r < 0x1000 || unicode.IsDigit(r) && r < 0x1000
}

// Scan finds the table's places in text.
func (t *Table) Scan(text string) []extract.PlaceMention {
	low := strings.ToLower(text)
	if len(low) != len(text) {
		// keep offsets: fold ASCII only
		b := []byte(text)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 32
			}
		}
		low = string(b)
	}
	taken := make([]bool, len(text)+1)
	var out []extract.PlaceMention
	for _, a := range t.aliases {
		from := 0
		for {
			k := strings.Index(low[from:], a.low)
			if k < 0 {
				break
			}
			s, e := from+k, from+k+len(a.low)
			from = e
			latin := a.low[0] < 0x80
			if latin && (wordByte(low, s-1) || (e < len(low) && wordByte(low, e))) {
				continue
			}
			free := true
			for i := s; i < e; i++ {
				if taken[i] {
					free = false
					break
				}
			}
			if !free {
				continue
			}
			for i := s; i < e; i++ {
				taken[i] = true
			}
			m := extract.PlaceMention{Start: s, End: e, Text: text[s:e], Place: a.place, Score: 0.9}
			pre := strings.TrimRight(low[max(0, s-16):s], " ")
			switch {
			case strings.HasSuffix(pre, "near"), strings.HasSuffix(pre, "outskirts of"), strings.HasSuffix(pre, "south of"),
				strings.HasSuffix(pre, "north of"), strings.HasSuffix(pre, "east of"), strings.HasSuffix(pre, "west of"):
				m.Qualifier = "near"
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}
