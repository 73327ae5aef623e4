package extract

import (
	"math"

	"sitroom/internal/domain"
)

// measureWords after a number make it a measure, whatever phrase they start.
var measureWords = map[string]bool{
	"rounds": true, "round": true, "shells": true, "bombs": true, "rockets": true, "missiles": true,
	"days": true, "years": true, "year": true, "months": true, "weeks": true, "hours": true, "km": true,
	"kilometers": true, "kilometres": true, "miles": true, "mile": true, "kyats": true, "percent": true,
	"houses": true, "homes": true, "buildings": true, "vehicles": true, "trucks": true,
}

// figures reads the figures of a sentence: numbers tied to a kind cue
// ("killed", "displaced", "IDPs", "arrested", "handed over"), with their
// qualifier and the persons they count; and persons named without a number
// ("a girl was killed and her parents were injured": 1 and 2).
func (d *doc) figures(c *sentCtx) []figure {
	var out []figure
	type link struct {
		kind  domain.FigureKind
		class personClass
		cueTo int
	}
	links := make([]link, len(c.nums))
	// an aside after "including" runs to the next comma or figure cue
	includingAt, includingEnd := -1, -1
	for j := c.s.from; j < c.s.to; j++ {
		if e := d.entryAt(j); e != nil && e.guard == gIncluding {
			includingAt, includingEnd = j, d.asideEnd(c, j)
			break
		}
	}
	inAside := func(i int) bool { return includingAt >= 0 && i > includingAt && i < includingEnd }
	more := false
	for k := c.mFrom; k < c.mTo; k++ {
		if d.ms[k].e.more {
			more = true
		}
	}
	// right to left, so that "5 soldiers and 3 civilians were killed" lends
	// the cue of 3 to 5
	for ni := len(c.nums) - 1; ni >= 0; ni-- {
		n := c.nums[ni]
		if !d.countable(c, n) {
			continue
		}
		kind, class, cueTo := d.cueFor(c, n)
		if kind == "" && ni+1 < len(c.nums) && links[ni+1].kind != "" {
			// joined to the next number by "and" or a comma, only persons between
			nx := c.nums[ni+1]
			ok := true
			for j := n.to; j < nx.from; j++ {
				t := d.toks[j]
				e := d.entryAt(j)
				if t.low == "and" || t.low == "," || t.low == "of" || t.low == "its" || t.low == "their" || t.low == "the" ||
					t.low == "နှင့်" || t.low == "နဲ့" || t.low == "၊" ||
					(e != nil && (e.person != pNone || e.qual != "" || e.actor != 0)) {
					if e != nil && e.person != pNone && class == pNone {
						class = e.person
					}
					continue
				}
				ok = false
				break
			}
			if ok {
				kind, cueTo = links[ni+1].kind, links[ni+1].cueTo
			}
		}
		if kind == "" || (kind == domain.Displaced && (class == pCombatant || d.returnedAfter(c, cueTo))) {
			// troops who fall back are not displaced people
			continue
		}
		links[ni] = link{kind, class, cueTo}
		qual, qfrom := d.qualifier(c, n)
		f := figure{kind: kind, val: int64(math.Round(n.val)), qual: qual, class: class, pos: n.from, sent: c.si,
			cum: c.cum || c.since, subset: inAside(n.from) || d.partOf(c, n), more: more,
			house: class == pHousehold}
		lo, hi := qfrom, n.to
		if cueTo < 0 {
			lo = min(lo, -cueTo-1)
			// "killed 18 junta soldiers": the persons after the number
			for j := n.to; j < c.s.to && j < n.to+4; j++ {
				e := d.entryAt(j)
				if e == nil || (e.person == pNone && e.actor == 0) {
					break
				}
				m, _ := d.matchAt(j)
				hi = m.to
				j = m.to - 1
			}
		} else if cueTo > hi {
			hi = cueTo
		}
		f.text = d.span(lo, hi)
		out = append(out, f)
	}
	// persons named without a number
	for k := c.mFrom; k < c.mTo; k++ {
		m := d.ms[k]
		if m.e.fig != domain.Killed && m.e.fig != domain.Injured {
			continue
		}
		covered := false
		for _, f := range out {
			if f.kind == m.e.fig && (f.pos >= m.from-8 && f.pos <= m.to+8) {
				covered = true
			}
		}
		if covered {
			continue
		}
		if n, lo, hi, class := d.personCount(c, m); n > 0 {
			f := figure{kind: m.e.fig, val: int64(n), qual: domain.QualExact, class: class, pos: lo, sent: c.si, more: more,
				cum: c.cum || c.since, subset: inAside(lo)}
			f.text = d.span(min(lo, m.from), max(hi, m.to))
			out = append(out, f)
		}
	}
	return out
}

// partOf reports whether a number counts part of persons already counted:
// "nine civilians, three of them children", "12, four of whom women".
func (d *doc) partOf(c *sentCtx, n number) bool {
	j := n.to
	if j+1 >= c.s.to || d.toks[j].low != "of" {
		return false
	}
	switch d.toks[j+1].low {
	case "them", "whom", "those":
		return true
	}
	return false
}

// returnWords say that displaced people went home: "230,000 people who had
// been displaced have returned", which counts returns, not displacement.
var returnWords = map[string]bool{"returned": true, "return": true, "returning": true, "went": true, "gone": true, "back": true}

// returnedAfter reports whether the words after a displacement cue (which
// ends at token cueTo, when positive) say the people have since returned.
func (d *doc) returnedAfter(c *sentCtx, cueTo int) bool {
	if cueTo <= 0 {
		return false
	}
	for j := cueTo; j < c.s.to && j < cueTo+5; j++ {
		t := d.toks[j]
		if t.kind == tPunct || t.kind == tNum {
			return false
		}
		if returnWords[t.low] {
			return true
		}
	}
	return false
}

func (d *doc) span(from, to int) string {
	if from < 0 {
		from = 0
	}
	if to > len(d.toks) {
		to = len(d.toks)
	}
	if from >= to {
		return ""
	}
	return d.text[d.toks[from].start:d.toks[to-1].end]
}

// asideEnd returns where an aside opened by "including" at token j ends:
// at the next comma, or at the next figure cue ("were killed").
func (d *doc) asideEnd(c *sentCtx, j int) int {
	for k := j + 1; k < c.s.to && k < j+10; k++ {
		if w := d.toks[k].low; w == "," || w == ";" {
			return k
		}
		if e := d.entryAt(k); e != nil && e.fig != "" {
			if m, _ := d.matchAt(k); m.from == k && (k == 0 || !auxBefore(d.toks[k-1].low)) {
				return k
			}
			return k - 1
		}
	}
	return c.s.to
}

// auxBefore reports whether w is an auxiliary that belongs with the cue
// after it ("were killed").
func auxBefore(w string) bool {
	switch w {
	case "was", "were", "been", "have", "has", "had", "are", "is":
		return false
	}
	return true
}

// countable reports whether a number can be a count of persons: not part
// of a date, a time, an age, a unit name ("LIB 129", "Brigade 5"), a
// measure ("10 kilometers", "30 billion kyats") or a year.
func (d *doc) countable(c *sentCtx, n number) bool {
	if d.inPeriod(c, n.from) {
		return false
	}
	t := d.toks[n.from]
	if t.kind == tNum && t.digits == 4 && len(t.low) == 4 && t.val >= 1900 && t.val <= 2100 && n.to == n.from+1 {
		return false // a year
	}
	for i := n.from; i < n.to; i++ {
		if e := d.entryAt(i); e != nil && (e.actor != 0 || e.source) {
			return false
		}
	}
	if n.to < c.s.to {
		nx := d.toks[n.to]
		if nx.low == ":" || nx.low == "%" {
			return false
		}
		if e := d.entryAt(n.to); (e != nil && e.unit) || measureWords[nx.low] {
			return false
		}
		if nx.kind == tWord && nx.glued && !nx.hy {
			return false // "27th", "4pm"
		}
	}
	if n.from > c.s.from {
		pv := d.toks[n.from-1]
		switch pv.low {
		case ":", "$", "#", "no", "us$", "£", "€", "¥":
			return false
		case ".":
			if n.from >= 2 && d.toks[n.from-2].low == "no" {
				return false
			}
		}
		if e := d.entryAt(n.from - 1); e != nil && (e.unit || (e.actor != 0 && pv.kind == tWord)) {
			return false
		}
		if pv.hy || (pv.kind == tWord && t.hy) {
			return false
		}
	}
	return true
}

// cueFor finds the kind cue of a number: just before it ("killing 10",
// "the deaths of at least nine") or after it, past the persons counted
// ("18 junta personnel were killed", "6,200 IDPs").
func (d *doc) cueFor(c *sentCtx, n number) (domain.FigureKind, personClass, int) {
	class := pNone
	// the persons right after the number
	for j := n.to; j < c.s.to && j < n.to+4; j++ {
		if e := d.entryAt(j); e != nil && e.person != pNone {
			class = e.person
			break
		}
	}
	// Burmese names the persons before the number ("အရပ်သား ၅ ဦး")
	if class == pNone && d.toks[n.from].kind == tNum {
		for j := n.from - 1; j >= c.s.from && j >= n.from-3; j-- {
			if e := d.entryAt(j); e != nil && e.person != pNone && d.toks[j].kind == tMy {
				class = e.person
				break
			}
		}
	}
	// a cue right after the number, or after its persons, is its own
	// ("1 child killed 3 wounded")
	for j := n.to; j < c.s.to && j <= n.to+1; j++ {
		e := d.entryAt(j)
		if e == nil {
			break
		}
		if e.fig != "" && e.figAt&figBefore != 0 {
			m, _ := d.matchAt(j)
			return e.fig, class, m.to
		}
		if e.person == pNone {
			break
		}
		m, _ := d.matchAt(j)
		j = m.to - 1
	}
	// backward: skip the qualifier and "of", "the", "to"
	for j, steps := n.from-1, 0; j >= c.s.from && steps < 5; j-- {
		t := d.toks[j]
		e := d.entryAt(j)
		if e != nil && e.fig != "" && e.figAt&figAfter != 0 {
			m, _ := d.matchAt(j)
			return e.fig, class, -m.from - 1 // a cue before the number: its start, negated
		}
		if e != nil && e.qual != "" {
			m, _ := d.matchAt(j)
			j = m.from
			continue
		}
		switch t.low {
		case "of", "the", "to", "at", "reached", "rose", "climbed", "stood", "another", "a", "total", "further", "least":
			steps++
			continue
		}
		break
	}
	// forward
	for j := n.to; j < c.s.to && j < n.to+14; j++ {
		t := d.toks[j]
		if t.kind == tNum {
			break
		}
		if t.kind == tPunct && (t.low == ";" || t.low == ":" || t.low == "(" || t.low == "." || t.low == "။") {
			break
		}
		e := d.entryAt(j)
		if e == nil {
			continue
		}
		if e.guard == gIncluding {
			// "four people, among them two children, were injured", "two
			// civilians including a boy were killed": skip the aside
			if k := d.asideEnd(c, j); k < c.s.to {
				j = k - 1
				if d.toks[k].low == "," {
					j = k
				}
				continue
			}
			break
		}
		if e.guard == gSource {
			break
		}
		if e.person != pNone && class == pNone {
			class = e.person
		}
		if e.fig != "" && e.figAt&figBefore != 0 {
			m, _ := d.matchAt(j)
			return e.fig, class, m.to
		}
		if e.vague {
			break
		}
		m, _ := d.matchAt(j)
		j = m.to - 1
	}
	return "", class, 0
}

// qualifier reads how a number was stated: "at least", "more than",
// "about", "up to", "300 or more"; exact otherwise.
func (d *doc) qualifier(c *sentCtx, n number) (domain.Qualifier, int) {
	if n.from > c.s.from {
		if m, ok := d.matchAt(n.from - 1); ok && m.e.qual != "" && !m.e.qualAfter && m.to == n.from {
			return m.e.qual, m.from
		}
	}
	if n.to < c.s.to {
		if m, ok := d.matchAt(n.to); ok && m.e.qual != "" && m.e.qualAfter {
			return m.e.qual, n.from
		}
		// Burmese: "၅၀ ကျော်" (more than 50), "၅၀ ခန့်" (about 50) follow the
		// number, with or without a counter between
		for j := n.to; j < c.s.to && j < n.to+3; j++ {
			if e := d.entryAt(j); e != nil && e.qual != "" && e.qualAfter {
				return e.qual, n.from
			}
		}
	}
	// Burmese "အနည်းဆုံး" (at least) may stand a few syllables before
	for j := n.from - 1; j >= c.s.from && j >= n.from-4; j-- {
		if e := d.entryAt(j); e != nil && e.qual != "" && !e.qualAfter && d.toks[j].kind == tMy {
			m, _ := d.matchAt(j)
			return e.qual, m.from
		}
	}
	return domain.QualExact, n.from
}

// personWords that may stand inside a list of persons without being one.
var personMods = map[string]bool{
	"a": true, "an": true, "the": true, "her": true, "his": true, "their": true, "its": true, "one": true,
	"older": true, "younger": true, "elderly": true, "old": true, "young": true, "little": true, "pregnant": true,
	"local": true, "teenage": true, "year": true, "years": true, "and": true, ",": true, "both": true,
	"eldest": true, "youngest": true, "baby": true, "infant": true, "disabled": true, "male": true, "female": true,
}

// personCount counts the persons a killed / injured cue names without a
// number: "a man and woman" 2, "her parents, older brother and neighbour"
// 4, "the commander" 1. It returns 0 when a plural without a number
// ("civilians") is among them: that is not a count.
func (d *doc) personCount(c *sentCtx, m match) (int, int, int, personClass) {
	// passive: "… girl was killed"
	j := m.from - 1
	if j >= c.s.from {
		switch d.toks[j].low {
		case "was", "were", "been", "died":
			if n, lo, class := d.countNP(c, j-1, -1); n > 0 {
				return n, lo, m.to, class
			}
			return 0, 0, 0, pNone
		}
	}
	if m.e.fig == domain.Killed && (d.toks[m.from].low == "died" || d.toks[m.from].low == "dead") {
		if n, lo, class := d.countNP(c, m.from-1, -1); n > 0 {
			return n, lo, m.to, class
		}
	}
	if m.e.figAt&figAfter != 0 {
		if n, hi, class := d.countNP(c, m.to, 1); n > 0 {
			return n, m.from, hi, class
		}
	}
	return 0, 0, 0, pNone
}

// countNP walks a list of persons from token j in direction dir and
// returns their count, the far end, and their class.
func (d *doc) countNP(c *sentCtx, j, dir int) (int, int, personClass) {
	count, end := 0, j
	class := pNone
	for ; j >= c.s.from && j < c.s.to; j += dir {
		t := d.toks[j]
		e := d.entryAt(j)
		if e != nil && e.person != pNone {
			if e.count == 0 {
				return 0, 0, pNone // a plural without a number
			}
			mt, _ := d.matchAt(j)
			count += e.count
			if class == pNone {
				class = e.person
			}
			end = j
			if dir < 0 {
				j = mt.from
			} else {
				j = mt.to - 1
			}
			continue
		}
		if personMods[t.low] {
			continue
		}
		// "a monk and two children": a number before a plural
		if dir > 0 {
			if n, ok := readNumber(d.toks, j, c.s.to); ok && n.to < c.s.to {
				if e := d.entryAt(n.to); e != nil && e.person != pNone && e.person != pHousehold {
					count += int(n.val)
					if class == pNone {
						class = e.person
					}
					mt, _ := d.matchAt(n.to)
					end = mt.to - 1
					j = end
					continue
				}
			}
		}
		if t.kind == tNum {
			continue
		}
		break
	}
	if count == 0 {
		return 0, 0, pNone
	}
	if dir < 0 {
		return count, end, class
	}
	return count, end + 1, class
}

// assignFigures gives each figure of a sentence to the event it counts.
func (d *doc) assignFigures(c *sentCtx) {
	for _, f := range c.figs {
		if f.subset {
			continue
		}
		var to *cand
		switch f.kind {
		case domain.Killed, domain.Injured:
			to = d.violentFor(c, f)
			if to == nil {
				to = d.previousViolent(c, f)
			}
			if to == nil {
				to = &cand{trig: f.pos, trigTo: f.pos + 1, sent: c.si, conf: 0.5,
					typ: domain.ViolenceAgainstCivilians, sub: domain.Attack}
				to.place.cover = -1
				if f.class == pCombatant || d.warWords(c) {
					to.typ, to.sub = domain.Battle, domain.ArmedClash
				}
				c.cands = append(c.cands, to)
			}
		case domain.Displaced:
			to = firstOf(c, domain.Battle)
			if to == nil {
				to = sdWith(c, domain.KindDisplacement)
			}
			if to == nil {
				to = firstOf(c, domain.ExplosionRemoteViolence)
			}
			if to == nil {
				to = firstOf(c, domain.StrategicDevelopment)
			}
			if to == nil {
				continue
			}
		case domain.Arrested, domain.HandedOver:
			to = firstOf(c, domain.StrategicDevelopment)
			if to == nil {
				continue
			}
		}
		to.figs = append(to.figs, f)
		if f.class == pCivilian && (f.kind == domain.Killed || f.kind == domain.Injured) {
			to.civ = true
		}
	}
}

// warWords reports whether a sentence speaks of the fighting in general
// ("since the start of the offensive"): deaths it counts with no means are
// the fighting's, not an attack on civilians.
func (d *doc) warWords(c *sentCtx) bool {
	for k := c.mFrom; k < c.mTo; k++ {
		if d.ms[k].e.war {
			return true
		}
	}
	return false
}

func firstOf(c *sentCtx, t domain.EventType) *cand {
	for _, cd := range c.cands {
		if cd.typ == t && !cd.dead {
			return cd
		}
	}
	return nil
}

func sdWith(c *sentCtx, k domain.Kind) *cand {
	for _, cd := range c.cands {
		if cd.typ == domain.StrategicDevelopment && !cd.dead && hasKind(cd, k) {
			return cd
		}
	}
	return nil
}

// violentFor picks the event of the sentence a death or injury belongs to:
// civilians harmed by a strike go with the strike, soldiers killed with
// the battle, otherwise the nearest cue.
func (d *doc) violentFor(c *sentCtx, f figure) *cand {
	var vs []*cand
	for _, cd := range c.cands {
		if !cd.dead && isViolent(cd.typ) {
			vs = append(vs, cd)
		}
	}
	switch len(vs) {
	case 0:
		return nil
	case 1:
		return vs[0]
	}
	if f.class == pCivilian || (c.civ && f.class != pCombatant) {
		for _, t := range []domain.EventType{domain.ExplosionRemoteViolence, domain.ViolenceAgainstCivilians} {
			for _, cd := range vs {
				if cd.typ == t {
					return cd
				}
			}
		}
	}
	if f.class == pCombatant {
		for _, cd := range vs {
			if cd.typ == domain.Battle {
				return cd
			}
		}
	}
	best, bd := vs[0], 1<<30
	for _, cd := range vs {
		dd := cd.trig - f.pos
		if dd < 0 {
			dd = -dd
		}
		if dd < bd {
			best, bd = cd, dd
		}
	}
	return best
}

// previousViolent finds the event a figure without a cue in its own
// sentence continues: the last violent event of the paragraph, when it has
// no figure of that kind yet.
func (d *doc) previousViolent(c *sentCtx, f figure) *cand {
	for k := len(d.cands) - 1; k >= 0; k-- {
		cd := d.cands[k]
		if cd.dead || !isViolent(cd.typ) {
			continue
		}
		if cd.sent < c.si-2 || d.bullets[c.si] {
			return nil
		}
		for _, g := range cd.figs {
			if g.kind == f.kind {
				return nil
			}
		}
		return cd
	}
	return nil
}
