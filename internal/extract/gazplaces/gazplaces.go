// Package gazplaces lets the extractor find places with the gazetteer: it
// adapts gazetteer mentions to extract.PlaceMention.
package gazplaces

import (
	"sitroom/internal/extract"
	"sitroom/internal/gazetteer"
)

// Places finds places with a gazetteer (or a view of one, see
// gazetteer.InArea).
type Places struct {
	g *gazetteer.Gazetteer
}

// New returns the extractor's Places over g.
func New(g *gazetteer.Gazetteer) Places { return Places{g: g} }

// Scan returns the places the gazetteer finds in text, each with the place
// it chose in the light of the other places of the text.
func (p Places) Scan(text string) []extract.PlaceMention {
	ms := p.g.Scan(text)
	out := make([]extract.PlaceMention, 0, len(ms))
	for _, m := range ms {
		if m.Chosen.Place.PCode == "" {
			continue
		}
		q := ""
		switch {
		case m.Qualifier.Outskirts:
			q = "outskirts"
		case m.Qualifier.Near:
			q = "near"
		}
		out = append(out, extract.PlaceMention{Start: m.Start, End: m.End, Text: m.Text,
			Place: m.Chosen.Place, Score: m.Chosen.Score, Qualifier: q})
	}
	return out
}
