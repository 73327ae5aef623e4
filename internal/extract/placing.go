package extract

import (
	"sort"
	"strings"

	"sitroom/internal/domain"
)

var routeWords = map[string]bool{
	"road": true, "roads": true, "highway": true, "highways": true, "route": true, "routes": true,
	"railway": true, "rail": true, "trade": true, "line": true,
}

// markPlaces reads the context of each place mention of a sentence: route
// ends ("the Lashio to Muse highway", "Laukkai-Chin Shwe Haw"),
// destinations ("fled to Lashio"), where fire came from ("shelled from its
// base in Mangton"), and lists ("Manton and Namtu").
func (d *doc) markPlaces(c *sentCtx) {
	fireBefore := func(j int) bool {
		for k := c.s.from; k < j; k++ {
			if e := d.entryAt(k); e != nil && (e.fire || e.trig == trRemote) {
				return true
			}
		}
		return false
	}
	hasFire := fireBefore(c.s.to)
	for ri, r := range c.refs {
		p := &d.prefs[r]
		if p.masked {
			continue
		}
		var next *pref
		if ri+1 < len(c.refs) {
			next = &d.prefs[c.refs[ri+1]]
		}
		// "Laukkai-Chin Shwe Haw", "Lashio-Muse road"
		if next != nil && next.from == p.to && d.toks[p.to].hy {
			p.demoted, next.demoted = true, true
		}
		// "the Lashio-Muse Union Highway" where only one end is a known place
		if p.to < c.s.to && d.toks[p.to].hy && routeAhead(d.toks, p.to+1, c.s.to) {
			p.demoted = true
		}
		if d.toks[p.from].hy && routeAhead(d.toks, p.to, c.s.to) {
			p.demoted = true
		}
		// "the Lashio to Muse highway"
		if next != nil && next.from == p.to+1 && d.toks[p.to].low == "to" {
			for j := next.to; j < c.s.to && j < next.to+3; j++ {
				if routeWords[d.toks[j].low] {
					p.demoted, next.demoted = true, true
				}
			}
		}
		// "between Namphetka and Kutkai", "via Laukkai"
		if p.from > c.s.from {
			switch d.toks[p.from-1].low {
			case "between":
				p.demoted = true
				if next != nil {
					next.demoted = true
				}
			case "via", "along":
				p.demoted = true
			}
		}
		// destinations: "fled to Lashio", "safe places such as Lashio"
		for j := p.from - 1; j >= c.s.from && j >= p.from-3; j-- {
			e := d.entryAt(j)
			if e != nil && e.dest {
				w := d.toks[j].low
				if !(hasFire && (w == "into" || w == "to")) {
					p.demoted, p.dest = true, true
				}
				break
			}
			w := d.toks[j].low
			if w != "the" && w != "nearby" && w != "neighbouring" && w != "neighboring" && w != "places" && w != "safe" {
				break
			}
		}
		// Burmese: "လားရှိုးသို့" (to Lashio)
		for j := p.to; j < c.s.to && j < p.to+2; j++ {
			if w := d.toks[j].low; w == "သို့" || w == "ဆီ" {
				p.demoted, p.dest = true, true
			}
		}
		// origins of fire: "fired from X", "from its base in X", "based at X"
		for j := p.from - 1; j >= c.s.from && j >= p.from-6; j-- {
			w := d.toks[j].low
			if w == "based" || (w == "from" && fireBefore(j)) {
				p.origin = true
				break
			}
			if d.toks[j].kind == tPunct || w == "into" || w == "on" || w == "at" && j < p.from-1 {
				break
			}
		}
	}
	// lists: mentions separated only by commas and "and"
	for ri := 0; ri+1 < len(c.refs); ri++ {
		a, b := &d.prefs[c.refs[ri]], &d.prefs[c.refs[ri+1]]
		if a.masked || b.masked || a.origin || b.origin {
			continue
		}
		if listGap(d.toks[a.to:b.from]) && !within(a.m.Place, b.m.Place) && !within(b.m.Place, a.m.Place) &&
			a.m.Place.PCode != b.m.Place.PCode {
			if a.list < 0 {
				a.list = c.refs[ri]
			}
			b.list = a.list
		}
	}
}

// routeAhead reports whether a road word follows within three tokens.
func routeAhead(toks []token, i, to int) bool {
	for j := i; j < to && j < i+3; j++ {
		if routeWords[toks[j].low] {
			return true
		}
	}
	return false
}

// within reports whether place a lies inside unit b ("Lashio, northern Shan
// State" is an apposition, not a list).
func within(a, b domain.Place) bool {
	return b.PCode != "" && (a.Adm1 == b.PCode || a.Adm2 == b.PCode || a.Adm3 == b.PCode)
}

func listGap(ts []token) bool {
	if len(ts) == 0 || len(ts) > 4 {
		return false
	}
	for _, t := range ts {
		switch t.low {
		case ",", "and", "&", "or", "township", "townships", "town", "towns", "as", "well",
			"နှင့်", "နဲ့", "၊", "မြို့", "မြို့နယ်", "တို့":
		default:
			return false
		}
	}
	return true
}

// usable reports whether a mention can place an event.
func (p *pref) usable() bool { return !p.masked && !p.origin }

func levelRank(p domain.Place) int {
	r := p.Level.Rank()
	if r < 0 {
		return 0
	}
	return r
}

// choiceOf makes a placement from one mention: its list, with the unit that
// covers the list when the text names it next to the list ("Muse townships
// in northern Shan").
func (d *doc) choiceOf(c *sentCtx, r int) placeChoice {
	p := d.prefs[r]
	ch := placeChoice{cover: -1}
	if p.list < 0 {
		ch.refs = []int{r}
		return ch
	}
	first, last := -1, -1
	for _, x := range c.refs {
		if d.prefs[x].list == p.list {
			ch.refs = append(ch.refs, x)
			if first < 0 {
				first = x
			}
			last = x
		}
	}
	lf, lt := d.prefs[first].from, d.prefs[last].to
	for _, x := range c.refs {
		q := d.prefs[x]
		if q.list == p.list || !q.usable() || levelRank(q.m.Place) > 2 {
			continue
		}
		near := (q.from >= lt && q.from-lt <= 4) || (q.to <= lf && lf-q.to <= 4)
		if !near {
			continue
		}
		all := true
		for _, y := range ch.refs {
			m := d.prefs[y].m.Place
			if m.Adm1 != q.m.Place.PCode && m.Adm2 != q.m.Place.PCode && m.Adm3 != q.m.Place.PCode {
				all = false
			}
		}
		if all {
			ch.cover = x
			break
		}
	}
	return ch
}

// bestRef scores the usable mentions of a sentence for an event whose cue is
// at token at (-1: none): mentions that are not route ends or destinations
// first, then finer places, then the nearest.
func (d *doc) bestRef(c *sentCtx, at int) int {
	best, bestScore := -1, -1<<30
	for _, r := range c.refs {
		p := &d.prefs[r]
		if !p.usable() {
			continue
		}
		score := levelRank(p.m.Place) * 100
		if !p.demoted {
			score += 1000
		}
		if at >= 0 && !p.demoted {
			dist := p.from - at
			if dist < 0 {
				dist = -dist
			}
			score -= min(dist, 99)
			if d.contrastBetween(at, p.from) {
				// "60,000 displaced across northern Shan, although 15,000
				// returned to Muse": the other clause's place is not this one's
				score -= 500
			}
		}
		if score > bestScore {
			best, bestScore = r, score
		}
	}
	return best
}

// contrastWords open a clause that speaks of something else.
var contrastWords = map[string]bool{"although": true, "though": true, "whereas": true, "while": true, "but": true}

// contrastBetween reports whether a contrast word stands between tokens i
// and j (either order).
func (d *doc) contrastBetween(i, j int) bool {
	if i > j {
		i, j = j, i
	}
	for k := i + 1; k < j; k++ {
		if contrastWords[d.toks[k].low] {
			return true
		}
	}
	return false
}

// placeFor places an event: the place a capture took, else the best place
// of its sentence, else the place the text is about.
func (d *doc) placeFor(c *sentCtx, cd *cand) {
	if cd.control != nil {
		if m, ok := d.matchAt(cd.trig); ok {
			if r, ok := d.objectAt(c, m, 8); ok && r >= 0 && d.prefs[r].usable() {
				cd.place, cd.placeOwn = d.choiceOf(c, r), true
				return
			}
		}
	}
	// A sentence that names only where people went ("2,000 fled towards
	// Muse") tells of the place the text is about, not of the destination.
	if r := d.bestRef(c, cd.trig); r >= 0 && !(d.prefs[r].dest && d.hasDisc && hasKind(cd, domain.KindDisplacement)) {
		cd.place, cd.placeOwn = d.choiceOf(c, r), true
		return
	}
	if cd.typ == domain.StrategicDevelopment && d.chinaBorder(c) {
		cd.place = placeChoice{cover: -1, name: "China-Myanmar border"}
		cd.placeOwn = true
		return
	}
	if d.hasDisc {
		cd.place = d.discPlace
		cd.conf -= 0.1
	} else {
		cd.conf -= 0.2
	}
}

// chinaBorder reports whether a sentence without a place speaks of the
// Chinese authorities acting at the border.
func (d *doc) chinaBorder(c *sentCtx) bool {
	china, border := false, false
	for k := c.mFrom; k < c.mTo; k++ {
		e := d.ms[k].e
		if e.actor != 0 && actorList[e.actor-1].Name == "Chinese authorities" {
			china = true
		}
		if e.home {
			border = true
		}
	}
	return china && border
}

func (d *doc) updateDiscourse(c *sentCtx) {
	for _, cd := range c.cands {
		if !cd.dead {
			d.cands = append(d.cands, cd)
		}
	}
	placed := false
	for _, cd := range c.cands {
		if !cd.dead && cd.placeOwn && cd.place.name == "" {
			d.discPlace, d.hasDisc, placed = cd.place, true, true
			break
		}
	}
	if !placed {
		best, bestRank := -1, -1
		for _, r := range c.refs {
			p := &d.prefs[r]
			if p.usable() && !p.demoted && levelRank(p.m.Place) > bestRank {
				best, bestRank = r, levelRank(p.m.Place)
			}
		}
		if best >= 0 {
			d.discPlace, d.hasDisc = d.choiceOf(c, best), true
		}
	}
	for _, cd := range c.cands {
		if !cd.dead && cd.dateOwn && !cd.per.since {
			d.discDate, d.hasDate = cd.per, true
			break
		}
	}
}

// key identifies a placement for merging events.
func (d *doc) key(p placeChoice) string {
	switch {
	case p.cover >= 0:
		return d.prefs[p.cover].m.Place.PCode
	case len(p.refs) == 1:
		return d.prefs[p.refs[0]].m.Place.PCode
	case len(p.refs) > 1:
		cs := make([]string, 0, len(p.refs))
		for _, r := range p.refs {
			cs = append(cs, d.prefs[r].m.Place.PCode)
		}
		sort.Strings(cs)
		return strings.Join(cs, "+")
	}
	return p.name
}

// coarse reports whether a placement is an area (a state, a district, a
// list of townships) rather than a town.
func (d *doc) coarse(p placeChoice) bool {
	if p.cover >= 0 || len(p.refs) > 1 {
		return true
	}
	if len(p.refs) == 1 {
		return levelRank(d.prefs[p.refs[0]].m.Place) <= 2
	}
	return false
}
