package export

import (
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
)

// Redact returns the event as a reader may see it. For the public it
// drops the claims (their summaries can quote a person's message), and
// places an event at a sensitive site (an IDP site: domain.SiteKind
// Sensitive) at its township only — the township's P-code, name and
// point, ACLED precision 2 — without the site's name, and with a title
// rebuilt from the coarsened place. Readers with a role see the event as
// stored. The event passed in is not changed.
func Redact(e domain.Event, public bool, places domain.Gazetteer) domain.Event {
	if !public {
		return e
	}
	e.Claims = nil
	e.Overrides = nil // reviewers' notes are for reviewers
	if e.Site == nil || !e.Site.Kind.Sensitive() {
		return e
	}
	coarse := e.Adm3
	level := domain.LevelTownship
	switch {
	case coarse != "":
	case e.Adm2 != "":
		coarse, level = e.Adm2, domain.LevelDistrict
	case e.Adm1 != "":
		coarse, level = e.Adm1, domain.LevelState
	default:
		coarse, level = "", domain.LevelCountry
	}
	e.PCode, e.GeoLevel, e.GeoPrecision = coarse, level, level.GeoPrecision()
	e.Lat, e.Lon = nil, nil
	e.PlaceName = placeName(places, coarse)
	if places != nil && coarse != "" {
		if p, err := places.Place(coarse); err == nil {
			e.PlaceName = p.Name
			if p.HasPoint {
				lat, lon := p.Lat, p.Lon
				e.Lat, e.Lon = &lat, &lon
			}
		}
	}
	if e.PlaceName == "" {
		e.PlaceName = "township not known"
	}
	e.Site = &domain.Site{Kind: e.Site.Kind}
	e.Title = corroborate.Title(&e)
	return e
}
