// Package geocode is the stage that places claims: from a stated P-code, a
// place name or a point, it fills a claim's location — P-code, level,
// parents (state, district, township), point and ACLED geo-precision —
// from the gazetteer.
package geocode

import (
	"sitroom/internal/domain"
)

// Geocoder places claims using a gazetteer.
type Geocoder struct {
	Gazetteer domain.Gazetteer
}

// Locate fills a claim's location from its P-code. A P-code the gazetteer
// does not know is an error naming the field; a claim with no P-code keeps
// the place name it has.
func (g Geocoder) Locate(loc *domain.Location, field string) error {
	if loc.PCode == "" || g.Gazetteer == nil {
		return nil
	}
	p, err := g.Gazetteer.Place(loc.PCode)
	if err != nil {
		if domain.IsCode(err, domain.CodeNotFound) {
			return domain.FieldError(field, "%q is not a MIMU P-code sitroom knows", loc.PCode)
		}
		return err
	}
	Apply(loc, p)
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
