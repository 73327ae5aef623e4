package extract

import (
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/geocode"
)

// events turns the surviving candidates into events of claims.
func (d *doc) events(src Document, now time.Time) []Event {
	var out []Event
	seq := 0
	for _, cd := range d.cands {
		if cd.dead {
			continue
		}
		loc, pcodes := d.location(cd.place)
		base := domain.Claim{
			Type:          cd.typ,
			SubType:       cd.sub,
			Location:      loc,
			DateStart:     cd.per.start,
			DateEnd:       cd.per.end,
			TimePrecision: cd.per.prec,
			Actors:        append([]domain.ClaimActor(nil), cd.actors...),
			Control:       cd.control,
			Summary:       summary(d.sentText(d.sents[cd.sent])),
			Site:          findSite(d.sentText(d.sents[cd.sent])),
			Source:        src.Source,
			Extractor:     Name,
			Confidence:    confidence(cd),
			CreatedAt:     now,
		}
		if base.TimePrecision == 0 {
			base.TimePrecision = domain.TimeWeek
		}
		figs := d.claimFigures(cd)
		ev := Event{PCodes: pcodes}
		kinds := cd.kinds
		if len(kinds) == 0 {
			kinds = []domain.Kind{""}
		}
		placed := make([]bool, len(figs))
		for ki, k := range kinds {
			cl := base
			cl.Seq = seq
			seq++
			if cd.typ == domain.StrategicDevelopment {
				cl.Kind = k
				if k != "" {
					cl.SubType = k.SubEvent()
					if cd.sub == domain.NonViolentTransferOfTerritory || cd.sub == domain.Agreement || cd.sub == domain.LootingPropertyDestruction {
						cl.SubType = cd.sub
					}
				}
			}
			if ki < len(cd.access) && cd.access[ki] != nil {
				a := *cd.access[ki]
				cl.Access = &a
			}
			if cl.Control != nil {
				cc := *cl.Control
				cl.Control = &cc
			}
			for fi, f := range figs {
				if placed[fi] {
					continue
				}
				if ki == len(kinds)-1 || figureFits(f.Kind, k) {
					cl.Figures = append(cl.Figures, f)
					placed[fi] = true
				}
			}
			ev.Claims = append(ev.Claims, cl)
		}
		// figures that fit no later claim stay with the first
		out = append(out, ev)
	}
	return out
}

// figureFits reports whether a figure belongs on the claim of a kind.
func figureFits(f domain.FigureKind, k domain.Kind) bool {
	switch f {
	case domain.Displaced:
		return k == domain.KindDisplacement
	case domain.Arrested, domain.HandedOver:
		return k == domain.KindScamCompoundRaid || k == "" || k == domain.KindRepatriation
	}
	return true
}

func confidence(cd *cand) float64 {
	c := cd.conf
	if cd.placeOwn {
		c += 0.1
	}
	if cd.place.empty() {
		c -= 0.1
	}
	if c < 0.05 {
		c = 0.05
	}
	if c > 0.95 {
		c = 0.95
	}
	return float64(int(c*100+0.5)) / 100
}

// claimFigures reduces an event's figures to what it states. Within a
// sentence the figures of a kind add up ("64 of its fighters and more than
// 100 junta troops died"), except those after "including". Across sentences
// the largest sentence stands, since the same deaths told twice are not
// counted twice, unless a sentence says "also" or "another". Households are
// not persons: they mark a displacement but give no figure.
func (d *doc) claimFigures(cd *cand) []domain.Figure {
	type sum struct {
		kind  domain.FigureKind
		sent  int
		val   int64
		qual  domain.Qualifier
		cum   bool
		more  bool
		texts []string
	}
	var sums []*sum
	find := func(k domain.FigureKind, s int) *sum {
		for _, x := range sums {
			if x.kind == k && x.sent == s {
				return x
			}
		}
		x := &sum{kind: k, sent: s, qual: domain.QualExact}
		sums = append(sums, x)
		return x
	}
	for _, f := range cd.figs {
		if f.subset || f.house {
			continue
		}
		x := find(f.kind, f.sent)
		x.val += f.val
		if f.qual != domain.QualExact && f.qual != "" {
			x.qual = f.qual
		}
		x.cum = x.cum || f.cum
		x.more = x.more || f.more
		x.texts = append(x.texts, f.text)
	}
	var out []domain.Figure
	for _, k := range domain.FigureKinds {
		var best *sum
		var extra int64
		for _, x := range sums {
			if x.kind != k {
				continue
			}
			if x.more && best != nil {
				extra += x.val
				continue
			}
			if best == nil || x.val > best.val {
				best = x
			}
		}
		if best == nil {
			continue
		}
		text := strings.Join(best.texts, "; ")
		out = append(out, domain.Figure{Kind: k, Min: best.val + extra, Qualifier: best.qual, Cumulative: best.cum, Text: text})
	}
	return out
}

// location fills a claim's location from a placement, and lists its P-codes.
func (d *doc) location(p placeChoice) (domain.Location, []string) {
	var loc domain.Location
	if p.name != "" {
		loc.PlaceName = p.name
		return loc, nil
	}
	if p.cover < 0 && len(p.refs) == 0 {
		return loc, nil
	}
	var members []domain.Place
	var names []string
	for _, r := range p.refs {
		m := d.prefs[r].m
		members = append(members, m.Place)
		names = append(names, placeName(m.Place))
	}
	var pcodes []string
	if p.cover >= 0 {
		cv := d.prefs[p.cover].m.Place
		fill(&loc, cv)
		loc.PlaceName = placeName(cv)
		if len(names) > 0 {
			loc.PlaceName += " (" + strings.Join(names, ", ") + ")"
		}
		pcodes = append(pcodes, cv.PCode)
	} else if len(members) == 1 {
		fill(&loc, members[0])
		loc.PlaceName = names[0]
		if q := d.prefs[p.refs[0]].m.Qualifier; q != "" && loc.GeoPrecision == 1 {
			loc.GeoPrecision = 2 // "near Laukkai", "the outskirts of Laukkai"
		}
	} else {
		// a list: placed at the unit they share
		loc.PlaceName = strings.Join(names, ", ")
		fill(&loc, commonUnit(members))
		loc.PlaceName = strings.Join(names, ", ")
	}
	for _, m := range members {
		if !contains(pcodes, m.PCode) {
			pcodes = append(pcodes, m.PCode)
		}
	}
	return loc, pcodes
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// placeName is a place's name without MIMU's " Town" suffix.
func placeName(p domain.Place) string {
	return strings.TrimSuffix(p.Name, " Town")
}

func fill(loc *domain.Location, p domain.Place) {
	name := loc.PlaceName
	loc.PlaceName = "-" // keep our own name: Apply fills an empty one
	geocode.Apply(loc, p)
	loc.PlaceName = name
}

// commonUnit is the finest unit that holds every place of a list.
func commonUnit(ps []domain.Place) domain.Place {
	same := func(get func(domain.Place) string) string {
		v := get(ps[0])
		for _, p := range ps[1:] {
			if get(p) != v {
				return ""
			}
		}
		return v
	}
	adm3 := func(p domain.Place) string {
		if p.Level == domain.LevelTownship {
			return p.PCode
		}
		return p.Adm3
	}
	adm2 := func(p domain.Place) string {
		if p.Level == domain.LevelDistrict {
			return p.PCode
		}
		return p.Adm2
	}
	adm1 := func(p domain.Place) string {
		if p.Level == domain.LevelState {
			return p.PCode
		}
		return p.Adm1
	}
	if v := same(adm3); v != "" {
		return domain.Place{PCode: v, Level: domain.LevelTownship, Adm1: ps[0].Adm1, Adm2: ps[0].Adm2, Adm3: v}
	}
	if v := same(adm2); v != "" {
		return domain.Place{PCode: v, Level: domain.LevelDistrict, Adm1: ps[0].Adm1, Adm2: v}
	}
	if v := same(adm1); v != "" {
		return domain.Place{PCode: v, Level: domain.LevelState, Adm1: v}
	}
	return domain.Place{Level: domain.LevelCountry}
}
