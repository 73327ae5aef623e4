package extract

import "sitroom/internal/domain"

// Places finds place names in a text. The gazetteer implements it (through
// a small adapter in cmd/sitroom); tests use a fixed table.
type Places interface {
	// Scan returns the places named in text, in order, without overlaps.
	// Offsets are bytes of text.
	Scan(text string) []PlaceMention
}

// PlaceMention is one place named in a text.
type PlaceMention struct {
	Start, End int          // byte offsets of the name in the text
	Text       string       // the name as written
	Place      domain.Place // what it resolved to
	Score      float64      // how sure the resolution is, 0..1
	// Qualifier is a word that widens the place: "near", "outskirts",
	// "northern"… (empty when the name stands alone).
	Qualifier string
}

// noPlaces is the Places of an extractor built without a gazetteer.
type noPlaces struct{}

func (noPlaces) Scan(string) []PlaceMention { return nil }
