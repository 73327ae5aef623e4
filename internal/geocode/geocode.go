// Package geocode is the stage that places claims: from a stated P-code, a
// place name or a point, it fills a claim's location — P-code, level,
// parents (state, district, township), point and ACLED geo-precision —
// from the gazetteer.
package geocode

import (
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
)

// nameResolver is a gazetteer that can read place names.
type nameResolver interface {
	ResolveBest(text string, ctx gazetteer.Context) (gazetteer.Candidate, bool)
}

// reverser is a gazetteer that can place a point.
type reverser interface {
	Reverse(lat, lon float64) (gazetteer.Nearest, error)
}

// MinScore is the lowest resolution score a place name is placed at;
// below it the claim keeps the name as stated, unplaced, for a reviewer.
const MinScore = 0.5

// Geocoder places claims using a gazetteer. A gazetteer that resolves
// names (the gazetteer package's) also places claims by name and by point.
type Geocoder struct {
	Gazetteer domain.Gazetteer
}

// Locate fills a location from its P-code, else its place name, else its
// point. A P-code the gazetteer does not know is an error naming the field;
// a name it cannot place stays as stated. near lists the P-codes of other
// places in the same report, to tell apart places that share a name.
func (g Geocoder) Locate(loc *domain.Location, field string, near ...string) error {
	if g.Gazetteer == nil {
		return nil
	}
	switch {
	case loc.PCode != "":
		p, err := g.Gazetteer.Place(loc.PCode)
		if err != nil {
			if domain.IsCode(err, domain.CodeNotFound) {
				return domain.FieldError(field, "%q is not a MIMU P-code sitroom knows", loc.PCode)
			}
			return err
		}
		Apply(loc, p)
	case strings.TrimSpace(loc.PlaceName) != "":
		r, ok := g.Gazetteer.(nameResolver)
		if !ok {
			return nil
		}
		c, ok := r.ResolveBest(loc.PlaceName, gazetteer.Context{Near: near})
		if !ok || c.Score < MinScore {
			return nil
		}
		stated := loc.Lat != nil
		Apply(loc, c.Place)
		if !stated {
			loc.GeoPrecision = c.Precision
		}
	case loc.Lat != nil && loc.Lon != nil:
		r, ok := g.Gazetteer.(reverser)
		if !ok {
			return nil
		}
		n, err := r.Reverse(*loc.Lat, *loc.Lon)
		if err != nil {
			return nil // a point off the map keeps its coordinates, unplaced
		}
		loc.PCode, loc.GeoLevel, loc.GeoPrecision = n.Township.PCode, domain.LevelPoint, 1
		loc.Adm1, loc.Adm2, loc.Adm3 = n.Township.Adm1, n.Township.Adm2, n.Township.PCode
		if loc.PlaceName == "" {
			loc.PlaceName = "near " + n.Town.Name
		}
	}
	return nil
}

// Apply sets a location from a gazetteer place, keeping a stated name and a
// stated point, which are more precise than the place's.
func Apply(loc *domain.Location, p domain.Place) {
	loc.PCode = p.PCode
	loc.GeoLevel = p.Level
	if loc.Lat == nil {
		loc.GeoPrecision = p.Level.GeoPrecision()
		if p.HasPoint {
			lat, lon := p.Lat, p.Lon
			loc.Lat, loc.Lon = &lat, &lon
		}
	} else {
		loc.GeoPrecision = 1
	}
	loc.Adm1, loc.Adm2, loc.Adm3 = p.Adm1, p.Adm2, p.Adm3
	switch p.Level {
	case domain.LevelState:
		loc.Adm1 = p.PCode
	case domain.LevelDistrict:
		loc.Adm2 = p.PCode
	case domain.LevelTownship:
		loc.Adm3 = p.PCode
	}
	if loc.PlaceName == "" {
		loc.PlaceName = p.Name
	}
}
