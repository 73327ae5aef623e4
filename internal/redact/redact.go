// Package redact makes the public's view of the picture: what anyone may
// read without signing in. It keeps what happened, where (to the precision
// that is safe), when, and who reported it as an outlet; it drops what
// could expose the people who report — the words of their messages — and
// coarsens the places that must not be pinpointed (sites where displaced
// people shelter) to their township.
package redact

import (
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
)

// Names looks a P-code's name up; nil leaves coarsened places named by
// their code.
type Names func(pcode string) string

// Event returns the public view of an event and its claims.
func Event(e domain.Event, names Names) domain.Event {
	sensitive := e.Site != nil && e.Site.Kind.Sensitive()
	if sensitive {
		coarsen(&e.Location, names)
		// The title names the place; name the township instead, and the
		// site only by its kind.
		e.Site = &domain.Site{Kind: e.Site.Kind}
		e.Title = corroborate.Title(&e)
	}
	if len(e.Claims) > 0 {
		claims := make([]domain.Claim, len(e.Claims))
		for i, c := range e.Claims {
			claims[i] = Claim(c, sensitive, names)
		}
		e.Claims = claims
	}
	if e.Overrides != nil {
		o := *e.Overrides
		o.Notes = nil // reviewers' reasons are for reviewers
		if sensitive && o.Location != nil {
			loc := *o.Location
			coarsen(&loc, names)
			o.Location = &loc
		}
		if sensitive {
			o.Title = ""
		}
		e.Overrides = &o
	}
	return e
}

// Claim returns the public view of a claim: no quoted words from the
// report, and a coarse place when the event's site is sensitive.
func Claim(c domain.Claim, sensitive bool, names Names) domain.Claim {
	c.Summary = ""
	if len(c.Figures) > 0 {
		figs := make([]domain.Figure, len(c.Figures))
		for i, f := range c.Figures {
			f.Text = ""
			figs[i] = f
		}
		c.Figures = figs
	}
	if sensitive || (c.Site != nil && c.Site.Kind.Sensitive()) {
		coarsen(&c.Location, names)
		if c.Site != nil {
			c.Site = &domain.Site{Kind: c.Site.Kind}
		}
	}
	return c
}

// coarsen places a location at its township: P-code, level and precision
// of the township, no point (the township seat is not where the site is).
func coarsen(l *domain.Location, names Names) {
	level := l.GeoLevel
	if level == "" {
		level = domain.LevelOfPCode(l.PCode)
	}
	if l.Adm3 == "" || (level != "" && level.Rank() <= domain.LevelTownship.Rank()) {
		return
	}
	l.PCode, l.GeoLevel, l.GeoPrecision = l.Adm3, domain.LevelTownship, 2
	l.PlaceName = l.Adm3
	if names != nil {
		if n := names(l.Adm3); n != "" {
			l.PlaceName = n + " township"
		}
	}
	l.Lat, l.Lon = nil, nil
}
