package extract

import (
	"sitroom/internal/domain"
)

// overlaps reports whether two periods share a day, with a day's slack.
func overlaps(a, b period) bool {
	return a.start.AddDays(-1) <= b.end && b.start.AddDays(-1) <= a.end
}

func datesAgree(a, b *cand) bool {
	return !a.dateOwn || !b.dateOwn || overlaps(a.per, b.per)
}

// maxFig returns the largest figure of a kind an event holds (0, false when
// none).
func maxFig(cd *cand, k domain.FigureKind) (int64, bool) {
	v, ok := int64(0), false
	for _, f := range cd.figs {
		if f.kind == k && !f.subset && f.val > v {
			v, ok = f.val, true
		}
	}
	return v, ok
}

// member reports whether one placement is a member of the other's list
// ("Namhkam and Namhsan" and "Namhsan").
func (d *doc) member(a, b placeChoice) bool {
	one, list := a, b
	if len(a.refs) > 1 {
		one, list = b, a
	}
	if len(one.refs) != 1 || len(list.refs) < 2 || one.cover >= 0 {
		return false
	}
	code := d.prefs[one.refs[0]].m.Place.PCode
	for _, r := range list.refs {
		if d.prefs[r].m.Place.PCode == code {
			return true
		}
	}
	return false
}

// inside reports whether placement a lies within the area of placement b
// (a town in a state, a township in a district).
func (d *doc) inside(a, b placeChoice) bool {
	if len(b.refs) != 1 || b.cover >= 0 || len(a.refs) == 0 {
		return false
	}
	unit := d.prefs[b.refs[0]].m.Place
	if levelRank(unit) > 2 {
		return false
	}
	for _, r := range a.refs {
		if !within(d.prefs[r].m.Place, unit) {
			return false
		}
	}
	return true
}

func (d *doc) mergeable(a, b *cand) bool {
	if a.dead || b.dead || a.typ != b.typ || a.cum != b.cum {
		return false
	}
	if a.pkey != b.pkey && !d.member(a.place, b.place) {
		return false
	}
	if !datesAgree(a, b) {
		return false
	}
	if a.typ == domain.ExplosionRemoteViolence && a.sub != b.sub && !a.weak && !b.weak {
		return false
	}
	if a.typ == domain.StrategicDevelopment && len(a.kinds) > 0 && len(b.kinds) > 0 && !shareKind(a, b) {
		// martial law and a road closure in one town are two developments
		return false
	}
	for _, k := range []domain.FigureKind{domain.Killed, domain.Injured} {
		if a.typ == domain.Battle {
			break // a battle's toll is told piece by piece
		}
		va, oka := maxFig(a, k)
		vb, okb := maxFig(b, k)
		if oka && okb && va != vb {
			return false
		}
	}
	return true
}

// shareKind reports whether two strategic developments have a kind in
// common; the access constraints of one place (its road, airport and
// phones cut together) count as one kind, as coders report them together.
func shareKind(a, b *cand) bool {
	for _, k := range a.kinds {
		for _, x := range b.kinds {
			if k == x || (k.IsAccess() && x.IsAccess()) {
				return true
			}
		}
	}
	return false
}

// join folds b into a (two sentences about one happening).
func join(a, b *cand) {
	absorb(a, b)
	a.figs = append(a.figs, b.figs...)
	seen := map[string]bool{}
	for _, x := range a.actors {
		seen[x.Name] = true
	}
	for _, x := range b.actors {
		if !seen[x.Name] {
			a.actors = append(a.actors, x)
			seen[x.Name] = true
		}
	}
	if b.dateOwn && (!a.dateOwn || b.per.prec < a.per.prec) {
		a.per, a.dateOwn = b.per, true
	} else if b.dateOwn && a.dateOwn && b.per.prec == a.per.prec && b.per != a.per {
		if b.per.start < a.per.start {
			a.per.start = b.per.start
		}
		if b.per.end > a.per.end {
			a.per.end = b.per.end
		}
		a.per.prec = precOf(a.per.start.Time(), a.per.end.Time())
	}
	if !a.placeOwn && b.placeOwn {
		a.placeOwn = true
	}
	a.civ = a.civ || b.civ
	a.weak = a.weak && b.weak
	b.dead = true
}

// resolveWeak folds each attack of unstated means into a stated event of
// the same place and time ("an attack on troops guarding the gate" and
// "drones dropped bombs on the soldiers guarding the gate").
func (d *doc) resolveWeak() {
	for i, w := range d.cands {
		if w.dead || !w.weak {
			continue
		}
		var into *cand
		best := 1 << 30
		for j := max(0, i-mergeWindow); j < len(d.cands) && j < i+mergeWindow; j++ {
			x := d.cands[j]
			if i == j || x.dead || x.weak || !isViolent(x.typ) || x.cum != w.cum {
				continue
			}
			if x.pkey != w.pkey && !d.inside(x.place, w.place) {
				continue
			}
			if !datesAgree(x, w) {
				continue
			}
			dist := i - j
			if dist < 0 {
				dist = -dist*2 + 1 // prefer what came before
			}
			if dist < best {
				into, best = x, dist
			}
		}
		if into != nil {
			place, own := into.place, into.placeOwn
			join(into, w)
			into.place, into.placeOwn = place, own
		}
	}
}

const mergeWindow = 200

// mergeAll folds later events into earlier ones that are the same
// happening told again: same type, place and time, figures that agree.
func (d *doc) mergeAll() {
	for i, b := range d.cands {
		if b.dead {
			continue
		}
		// a text tells one happening again within a few paragraphs; the
		// window keeps very long texts linear
		for _, a := range d.cands[max(0, i-mergeWindow):i] {
			if d.mergeable(a, b) {
				join(a, b)
				break
			}
		}
	}
}

// attachDisplacement codes an area-wide displacement statement as
// ACLED-style coding does when the text reports fighting: tied to the
// battle told over the same area, or else a battle of its own over the
// stated area and period (never folded into one clash inside the area,
// which did not displace them all). Displacement in a text with no
// fighting stays a strategic development.
func (d *doc) attachDisplacement() {
	fighting := false
	for _, b := range d.cands {
		if !b.dead && b.typ == domain.Battle {
			fighting = true
			break
		}
	}
	if !fighting {
		return
	}
	for _, s := range d.cands {
		if s.dead || s.typ != domain.StrategicDevelopment || len(s.kinds) != 1 || s.kinds[0] != domain.KindDisplacement {
			continue
		}
		// A town's displacement is tied to fighting in that town at the
		// same time; an area's to fighting over the area at any time before.
		area := d.coarse(s.place)
		for _, b := range d.cands {
			if b.dead || b.typ != domain.Battle || b.pkey != s.pkey || b.per.start > s.per.end {
				continue
			}
			if !area && !overlaps(b.per, s.per) {
				continue
			}
			_, bHas := maxFig(b, domain.Displaced)
			if _, sHas := maxFig(s, domain.Displaced); bHas && sHas {
				continue // two figures: two statements
			}
			for _, f := range s.figs {
				if f.kind == domain.Displaced {
					b.figs = append(b.figs, f)
				}
			}
			s.dead = true
			break
		}
		if !s.dead && area {
			s.typ, s.sub, s.kinds, s.access = domain.Battle, domain.ArmedClash, nil, nil
		}
	}
}
