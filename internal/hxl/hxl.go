// Package hxl reads HXL-tagged CSV (the Humanitarian Exchange Language): a
// sheet with a row of hashtags (#event+type, #adm3+code, #affected+killed…)
// under or instead of its human header. The hashtag row is found wherever
// it is among the first rows; columns are mapped by tag, attributes in any
// order and case; columns with tags sitroom does not use are listed.
package hxl

import (
	"sort"
	"strings"

	"sitroom/internal/spreadsheet"
)

// Tag is an HXL hashtag with its attributes, lower-cased, attributes
// sorted and without repeats.
type Tag struct {
	Name  string
	Attrs []string
}

// String writes the tag as "#name+attr+attr".
func (t Tag) String() string {
	var b strings.Builder
	b.WriteString("#" + t.Name)
	for _, a := range t.Attrs {
		b.WriteString("+" + a)
	}
	return b.String()
}

// Has reports whether the tag carries an attribute.
func (t Tag) Has(attr string) bool {
	i := sort.SearchStrings(t.Attrs, attr)
	return i < len(t.Attrs) && t.Attrs[i] == attr
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '_'):
		default:
			return false
		}
	}
	return true
}

// ParseTag reads a hashtag cell ("#adm1 +Code", "#affected+killed+f");
// false when the cell is not a valid HXL hashtag.
func ParseTag(cell string) (Tag, bool) {
	s := strings.TrimSpace(cell)
	if !strings.HasPrefix(s, "#") {
		return Tag{}, false
	}
	parts := strings.Split(s[1:], "+")
	name := strings.TrimSpace(parts[0])
	// HXL allows white space only around the '+' separators.
	if !isIdent(name) || strings.TrimRight(parts[0], " \t") != name {
		return Tag{}, false
	}
	t := Tag{Name: strings.ToLower(name)}
	seen := map[string]bool{}
	for _, p := range parts[1:] {
		a := strings.ToLower(strings.TrimSpace(p))
		if !isIdent(a) {
			return Tag{}, false
		}
		if !seen[a] {
			seen[a] = true
			t.Attrs = append(t.Attrs, a)
		}
	}
	sort.Strings(t.Attrs)
	return t, true
}

// MaxHeaderRows is how far down FindHashtagRow looks.
const MaxHeaderRows = 25

// FindHashtagRow returns the index of the first record, among the first
// MaxHeaderRows, whose non-empty cells are mostly valid hashtags (more
// than half, and at least one).
func FindHashtagRow(recs []spreadsheet.Record) (int, bool) {
	for i, rec := range recs {
		if i >= MaxHeaderRows {
			break
		}
		if IsHashtagRow(rec.Fields) {
			return i, true
		}
	}
	return -1, false
}

// IsHashtagRow reports whether a row's non-empty cells are mostly valid
// hashtags.
func IsHashtagRow(cells []string) bool {
	var filled, tags int
	for _, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		filled++
		if _, ok := ParseTag(c); ok {
			tags++
		}
	}
	return tags > 0 && tags*2 > filled
}
