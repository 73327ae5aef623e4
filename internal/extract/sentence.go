package extract

import (
	"fmt"
	"os"
	"sort"

	"sitroom/internal/domain"
)

func isViolent(t domain.EventType) bool {
	return t == domain.Battle || t == domain.ExplosionRemoteViolence || t == domain.ViolenceAgainstCivilians
}

// sentCtx is what one sentence holds, gathered before events are built.
type sentCtx struct {
	si       int
	s        span
	mFrom    int // matches of the sentence: d.ms[mFrom:mTo]
	mTo      int
	nums     []number
	pers     []period
	refs     []int // indexes into d.prefs
	cands    []*cand
	figs     []figure
	cum      bool
	since    bool
	civ      bool // civilians are named as harmed
	scam     bool
	hasFight bool // a battle cue survives in the sentence
}

func (d *doc) sentence(si int, s span) {
	c := &sentCtx{si: si, s: s}
	c.mFrom = sort.Search(len(d.ms), func(i int) bool { return d.ms[i].from >= s.from })
	c.mTo = sort.Search(len(d.ms), func(i int) bool { return d.ms[i].from >= s.to })
	n0 := len(d.nums)
	d.nums = numbers(d.toks, s.from, s.to, d.nums)
	c.nums = d.nums[n0:]
	p0 := len(d.pers)
	d.pers = findDates(d.text, d.toks, s.from, s.to, d.ref, d.pers)
	c.pers = d.pers[p0:]
	for k := sort.Search(len(d.prefs), func(i int) bool { return d.prefs[i].from >= s.from }); k < len(d.prefs) && d.prefs[k].from < s.to; k++ {
		c.refs = append(c.refs, k)
	}
	if os.Getenv("DBGF") != "" {
		fmt.Println("sentence", si, d.sentText(s))
	}
	if d.bullets[si] {
		d.hasDate = false
	}
	for _, p := range c.pers {
		if p.since {
			c.since = true
		}
	}
	for k := c.mFrom; k < c.mTo; k++ {
		e := d.ms[k].e
		if e.cum {
			c.cum = true
		}
		if e.scam {
			c.scam = true
			d.lastScam = si
		}
		if e.actor != 0 && actorList[e.actor-1].Inter == domain.InterCivilians {
			c.civ = true
		}
	}
	if d.lastScam >= si-1 {
		c.scam = true
	}
	d.markPlaces(c)
	c.figs = d.figures(c)
	d.triggers(c)
	d.access(c)
	for _, f := range c.figs {
		if f.class == pCivilian && (f.kind == domain.Killed || f.kind == domain.Injured) {
			c.civ = true
		}
	}
	if os.Getenv("DBGF") != "" {
		fmt.Printf("figs %+v nums %v\n", c.figs, c.nums)
	}
	d.settle(c)
	d.assignFigures(c)
	for _, cd := range c.cands {
		if cd.dead {
			continue
		}
		d.placeFor(c, cd)
		cd.pkey = d.key(cd.place)
		d.dateFor(c, cd)
		d.actorsFor(c, cd)
		if c.cum || c.since {
			cd.cum = cd.cum || hasCountable(cd)
		}
		if cd.per.since {
			cd.cum = hasCountable(cd)
		}
	}
	d.updateDiscourse(c)
}

func hasCountable(cd *cand) bool {
	for _, f := range cd.figs {
		if f.val > 0 {
			return true
		}
	}
	return false
}

// guards tells what the words before a cue at token i say about it.
func (d *doc) guards(c *sentCtx, i int) (future, neg, hedge bool) {
	for j := i - 1; j >= c.s.from && j >= i-8; j-- {
		t := d.toks[j]
		if t.kind == tPunct && t.low != "-" && t.low != "'" {
			break
		}
		if e := d.entryAt(j); e != nil {
			switch e.guard {
			case gFuture:
				future = true
			case gNegation:
				if i-j <= 6 {
					neg = true
				}
			}
		}
	}
	for j := c.s.from; j < i; j++ {
		if e := d.entryAt(j); e != nil && e.guard == gHedge {
			hedge = true
		}
	}
	// Burmese marks the future after the verb ("တိုက်ခိုက်မည်") and the
	// negative with "မ" before it
	if d.toks[i].kind == tMy {
		m, _ := d.matchAt(i)
		for j := m.to; j < c.s.to && j < m.to+4; j++ {
			if e := d.entryAt(j); e != nil && e.guard == gFuture {
				future = true
			}
			if d.toks[j].kind == tPunct {
				break
			}
		}
		if i > c.s.from && d.toks[i-1].low == "မ" {
			neg = true
		}
		for j := m.to; j < c.s.to && j < m.to+2; j++ {
			if d.toks[j].low != "မ" {
				continue
			}
			// "တိုက်ပွဲ မဖြစ်ပွားပါ": no fighting took place
			for k := j + 1; k < c.s.to && k < j+5; k++ {
				if w := d.toks[k].low; w == "ပါ" || w == "ဘူး" {
					neg = true
				}
			}
		}
	}
	return
}

// subordinate reports whether the cue at token i sits in a background
// clause ("… after two battalions surrendered") that follows another cue.
func (d *doc) subordinate(c *sentCtx, i int) bool {
	q := -1
	for j := i - 1; j >= c.s.from; j-- {
		if e := d.entryAt(j); e != nil && e.guard == gSubord {
			q = j
			break
		}
	}
	if q < 0 {
		return false
	}
	for k := c.mFrom; k < c.mTo && d.ms[k].from < q; k++ {
		if d.ms[k].e.trig != trNone {
			return true
		}
	}
	return false
}

// objectAt looks for what a capture cue took: a place or a word like
// "town" or "base" after it (before it for "fell to", "was captured").
func (d *doc) objectAt(c *sentCtx, m match, window int) (int, bool) {
	passive := m.e.passive
	if m.from > c.s.from {
		switch d.toks[m.from-1].low {
		case "was", "were", "been", "be", "is", "are", "being":
			passive = true
		}
	}
	if passive {
		back := 8
		if d.toks[m.from].kind == tMy {
			back = 14 // syllables
		}
		for j := m.from - 1; j >= c.s.from && j >= m.from-back; j-- {
			if r := d.refAt(c, j); r >= 0 {
				if levelRank(d.prefs[r].m.Place) <= 1 {
					return -1, true
				}
				return r, true
			}
			if e := d.entryAt(j); e != nil && e.terr {
				return -1, true
			}
			if t := d.toks[j]; t.kind == tPunct && (t.low == "." || t.low == ";") {
				break
			}
		}
		return -1, false
	}
	// the window counts words of the object, not the owner named before it
	// ("took the junta's Mongli camp")
	seen := 0
	for j := m.to; j < c.s.to && seen < window; j++ {
		t := d.toks[j]
		if t.kind == tPunct && (t.low == "." || t.low == ";" || t.low == ":") {
			break
		}
		if t.low == "'" || (t.low == "s" && j > 0 && d.toks[j-1].low == "'") {
			continue
		}
		if e := d.entryAt(j); e != nil && e.actor != 0 && !e.terr {
			mt, _ := d.matchAt(j)
			j = mt.to - 1
			continue
		}
		seen++
		if r := d.refAt(c, j); r >= 0 {
			if levelRank(d.prefs[r].m.Place) <= 1 {
				// "the latest town in northern Shan State to fall": a state
				// is not what was taken
				return -1, true
			}
			return r, true
		}
		if e := d.entryAt(j); e != nil {
			if e.nonTerr && !e.terr {
				return -1, false
			}
			if e.terr {
				return -1, true
			}
		}
	}
	return -1, false
}

// refAt returns the usable place mention starting at token j, or -1.
func (d *doc) refAt(c *sentCtx, j int) int {
	for _, r := range c.refs {
		p := &d.prefs[r]
		if p.from == j && !p.masked {
			return r
		}
	}
	return -1
}

// triggers turns the sentence's cues into candidate events.
func (d *doc) triggers(c *sentCtx) {
	for k := c.mFrom; k < c.mTo; k++ {
		m := d.ms[k]
		e := m.e
		if e.trig == trNone {
			continue
		}
		future, neg, hedge := d.guards(c, m.from)
		if neg || (future && e.trig != trStrategic) || (future && e.kind == domain.KindDisplacement) {
			continue
		}
		if hedge && isViolentTrig(e.trig) {
			continue
		}
		if d.subordinate(c, m.from) {
			continue
		}
		cd := &cand{trig: m.from, trigTo: m.to, sent: c.si, conf: 0.7}
		cd.place.cover = -1
		switch e.trig {
		case trClash:
			cd.typ, cd.sub = domain.Battle, domain.ArmedClash
			c.hasFight = true
		case trCapture, trRegain:
			win := 8
			switch m.to - m.from {
			case 1:
				switch d.toks[m.from].low {
				case "took", "take", "taken", "takes":
					win = 5
				}
			}
			if _, ok := d.objectAt(c, m, win); !ok {
				continue
			}
			cd.typ, cd.sub = domain.Battle, e.sub
			cd.control = &domain.ControlChange{}
			c.hasFight = true
		case trLoss:
			if _, ok := d.objectAt(c, m, 8); !ok && !d.armedNear(c, m) {
				continue
			}
			cd.typ, cd.sub = domain.Battle, domain.NonStateActorOvertakesTerritory
			cd.control = &domain.ControlChange{}
			c.hasFight = true
		case trAttack:
			cd.typ, cd.sub, cd.weak = domain.Battle, domain.ArmedClash, true
			cd.conf = 0.5
		case trRemote:
			cd.typ, cd.sub = domain.ExplosionRemoteViolence, e.sub
		case trCivilian:
			cd.typ, cd.sub = domain.ViolenceAgainstCivilians, e.sub
		case trProtest:
			cd.typ, cd.sub = domain.Protest, domain.PeacefulProtest
		case trRiot:
			cd.typ, cd.sub = domain.Riot, domain.ViolentDemonstration
		case trStrategic:
			if !d.strategic(c, m, cd) {
				continue
			}
		}
		c.cands = append(c.cands, cd)
	}
}

func isViolentTrig(t trigKind) bool {
	switch t {
	case trClash, trCapture, trLoss, trRegain, trAttack, trRemote, trCivilian:
		return true
	}
	return false
}

// armedNear reports whether the words after a "withdrew"-like cue name
// troops or a base.
func (d *doc) armedNear(c *sentCtx, m match) bool {
	for j := m.to; j < c.s.to && j < m.to+6; j++ {
		if e := d.entryAt(j); e != nil && (e.armed || e.terr) {
			return true
		}
	}
	return false
}

// strategic fills a strategic-development candidate; false drops the cue.
func (d *doc) strategic(c *sentCtx, m match, cd *cand) bool {
	e := m.e
	cd.typ, cd.sub = domain.StrategicDevelopment, e.sub
	kind := e.kind
	switch {
	case kind == domain.KindDisplacement:
		if !d.quantityNear(c, domain.Displaced) {
			return false
		}
	case e.sub == domain.Arrests && kind == "":
		if m.from > c.s.from {
			switch d.toks[m.from-1].low {
			case "the", "of", "for", "release", "freed", "free":
				return false // "the release of detained traders": not a new arrest
			}
		}
		if c.scam {
			kind = domain.KindScamCompoundRaid
		}
	case kind == domain.KindScamCompoundRaid && d.wordsNear(m.to, c.s.to, 5, weaponWords):
		// "lining up to hand over rifles": a surrender, not a handover of people
		cd.sub, kind = domain.ChangeToGroupActivity, domain.KindSurrenderDefection
	case e.sub == domain.Agreement && d.wordsNear(max(c.s.from, m.from-4), m.from, 4, breakWords):
		return false // "ending the ceasefire": the fighting is the event
	case kind == domain.KindScamCompoundRaid:
		if !c.scam {
			// "handed over the town": a transfer of territory
			if _, ok := d.objectAt(c, m, 6); ok && d.terrObject(c, m) {
				cd.sub, kind = domain.NonViolentTransferOfTerritory, ""
			} else {
				cd.sub, kind = domain.Arrests, ""
			}
		}
	case kind == domain.KindRepatriation:
	case e.sub == domain.LootingPropertyDestruction:
		if !d.civObject(c, m) {
			return false
		}
	}
	if kind != "" {
		cd.kinds = []domain.Kind{kind}
		cd.access = []*domain.Access{nil}
	} else {
		cd.kinds = []domain.Kind{""}
		cd.access = []*domain.Access{nil}
	}
	if cd.sub == "" {
		cd.sub = domain.OtherDevelopment
		if kind != "" {
			cd.sub = kind.SubEvent()
		}
	}
	return true
}

// weaponWords are what surrendering troops hand over.
var weaponWords = map[string]bool{"weapons": true, "arms": true, "rifles": true, "guns": true, "ammunition": true, "weapon": true}

// breakWords end an agreement rather than make one.
var breakWords = map[string]bool{"ending": true, "ended": true, "end": true, "broke": true, "breaking": true, "broken": true,
	"violated": true, "violating": true, "violation": true, "collapse": true, "collapsed": true, "breach": true, "breached": true}

// wordsNear reports whether one of words is among at most n tokens from
// token from, stopping at to.
func (d *doc) wordsNear(from, to, n int, words map[string]bool) bool {
	for j := from; j < to && j < from+n; j++ {
		if words[d.toks[j].low] {
			return true
		}
	}
	return false
}

func (d *doc) terrObject(c *sentCtx, m match) bool {
	for j := m.to; j < c.s.to && j < m.to+6; j++ {
		if e := d.entryAt(j); e != nil && e.terr {
			return true
		}
		if d.refAt(c, j) >= 0 {
			return true
		}
	}
	return false
}

func (d *doc) civObject(c *sentCtx, m match) bool {
	for j := m.from - 4; j < c.s.to && j < m.to+6; j++ {
		if j < c.s.from {
			continue
		}
		if e := d.entryAt(j); e != nil && (e.civTarget || e.terr) {
			return true
		}
	}
	return false
}

// quantityNear reports whether the sentence counts the people a
// displacement cue speaks of: a figure (of persons or households), or
// "thousands", "hundreds"…
func (d *doc) quantityNear(c *sentCtx, k domain.FigureKind) bool {
	for _, f := range c.figs {
		if f.kind == k {
			return true
		}
	}
	for j := c.s.from; j < c.s.to; j++ {
		switch d.toks[j].low {
		case "hundreds", "thousands", "dozens", "scores", "tens":
			return true
		case "several", "many":
			if j+1 < c.s.to {
				switch d.toks[j+1].low {
				case "hundred", "thousand", "thousands", "hundreds":
					return true
				}
			}
		case "ထောင်", "ရာ", "သောင်း", "ချီ":
			return true
		}
	}
	return false
}

func (d *doc) inPeriod(c *sentCtx, i int) bool {
	for _, p := range c.pers {
		if i >= p.from && i < p.to {
			return true
		}
	}
	return false
}

// access finds access constraints: a road, bridge, airport or telecom word
// with a status word near it ("blocked roads", "internet access was patchy",
// "Lashio airport will remain closed").
func (d *doc) access(c *sentCtx) {
	type obj struct {
		at   int
		kind domain.Kind
	}
	type stat struct {
		at     int
		status string
		remain bool
	}
	var objs []obj
	var stats []stat
	for k := c.mFrom; k < c.mTo; k++ {
		m := d.ms[k]
		if m.e.acc != "" {
			objs = append(objs, obj{m.from, m.e.acc})
		}
		if m.e.status != "" {
			rem := false
			for _, w := range d.toks[m.from:m.to] {
				if w.low == "remain" || w.low == "remains" {
					rem = true
				}
			}
			if m.from > c.s.from {
				if w := d.toks[m.from-1].low; w == "remain" || w == "remains" || w == "remained" {
					rem = true
				}
			}
			stats = append(stats, stat{m.from, m.e.status, rem})
		}
	}
	if len(objs) == 0 || len(stats) == 0 {
		return
	}
	var cd *cand
	for _, o := range objs {
		best, bestDist := -1, 1<<30
		for si, st := range stats {
			dist := st.at - o.at
			if dist < 0 {
				dist = -dist + 2 // a status after its object reads more naturally
			}
			if dist < bestDist && dist <= 16 {
				best, bestDist = si, dist
			}
		}
		if best < 0 {
			continue
		}
		st := stats[best]
		future, neg, _ := d.guards(c, min(o.at, st.at))
		if neg || (future && !st.remain) {
			continue
		}
		// a bridge blown up is an explosion: the access goes on that claim
		if o.kind == domain.KindAccessBridge {
			attached := false
			for _, x := range c.cands {
				if x.typ == domain.ExplosionRemoteViolence {
					x.kinds = append(x.kinds, domain.KindAccessBridge)
					x.access = append(x.access, &domain.Access{Status: domain.AccessClosed})
					attached = true
				}
			}
			if attached {
				continue
			}
		}
		if cd == nil {
			cd = &cand{trig: o.at, trigTo: o.at + 1, sent: c.si, conf: 0.65, typ: domain.StrategicDevelopment, sub: domain.OtherDevelopment}
			cd.place.cover = -1
			c.cands = append(c.cands, cd)
		}
		dup := false
		for _, k := range cd.kinds {
			if k == o.kind {
				dup = true
			}
		}
		if !dup {
			cd.kinds = append(cd.kinds, o.kind)
			cd.access = append(cd.access, &domain.Access{Status: st.status})
		}
	}
}

// settle decides which candidates of a sentence stand: an attack of
// unstated means folds into a stated one, strikes named inside a battle with
// no civilian harm are part of the battle, arrests during fighting are
// captures in battle, and the cues of one kind become one event per place.
func (d *doc) settle(c *sentCtx) {
	var battle, remote, vac *cand
	for _, cd := range c.cands {
		switch cd.typ {
		case domain.Battle:
			if !cd.weak && battle == nil {
				battle = cd
			}
		case domain.ExplosionRemoteViolence:
			if remote == nil {
				remote = cd
			}
		case domain.ViolenceAgainstCivilians:
			if vac == nil {
				vac = cd
			}
		}
	}
	for _, cd := range c.cands {
		switch {
		case cd.weak && (battle != nil || remote != nil || vac != nil || c.scam || hasSD(c, domain.Arrests)):
			cd.dead = true
		case cd.weak:
			// an attack on whom?
			switch d.attackTarget(c, cd) {
			case pCivilian:
				cd.typ, cd.sub = domain.ViolenceAgainstCivilians, domain.Attack
			}
		case cd.typ == domain.ExplosionRemoteViolence && battle != nil && !c.civ:
			cd.dead = true
		case cd.typ == domain.ViolenceAgainstCivilians && remote != nil && cd.sub == domain.Attack:
			cd.dead = true
		case cd.typ == domain.StrategicDevelopment && battle != nil && (cd.sub == domain.Arrests || hasKind(cd, domain.KindDisplacement)):
			if hasKind(cd, domain.KindDisplacement) || cd.sub == domain.Arrests {
				cd.dead = true
			}
		}
	}
	// one event per type (and per SD group) in a sentence; places may split
	// them again later
	var keep []*cand
	for _, cd := range c.cands {
		if cd.dead {
			continue
		}
		var into *cand
		for _, k := range keep {
			if k.typ == cd.typ && k.weak == cd.weak {
				into = k
				break
			}
		}
		if into == nil {
			keep = append(keep, cd)
			continue
		}
		if d.splitPlaces(c, into, cd) {
			keep = append(keep, cd)
			continue
		}
		absorb(into, cd)
	}
	c.cands = keep
}

func hasSD(c *sentCtx, sub domain.SubEventType) bool {
	for _, cd := range c.cands {
		if cd.typ == domain.StrategicDevelopment && cd.sub == sub {
			return true
		}
	}
	return false
}

func hasKind(cd *cand, k domain.Kind) bool {
	for _, x := range cd.kinds {
		if x == k {
			return true
		}
	}
	return false
}

// absorb folds b into a (same sentence).
func absorb(a, b *cand) {
	if a.typ == domain.Battle && b.sub != domain.ArmedClash && a.sub == domain.ArmedClash {
		a.sub = b.sub
		a.trig, a.trigTo = b.trig, b.trigTo
	}
	if a.control == nil {
		a.control = b.control
	}
	for i, k := range b.kinds {
		if !hasKind(a, k) {
			a.kinds = append(a.kinds, k)
			a.access = append(a.access, b.access[i])
		}
	}
	a.merged = append(a.merged, b.sent)
	if b.conf > a.conf {
		a.conf = b.conf
	}
}

// splitPlaces reports whether two cues of one type in a sentence are about
// different places ("MNDAA seized Kunlong, and TNLA took Namhsan").
func (d *doc) splitPlaces(c *sentCtx, a, b *cand) bool {
	if a.typ != domain.Battle || a.control == nil || b.control == nil {
		return false
	}
	ma, _ := d.matchAt(a.trig)
	mb, _ := d.matchAt(b.trig)
	ra, oka := d.objectAt(c, ma, 8)
	rb, okb := d.objectAt(c, mb, 8)
	if !oka || !okb || ra < 0 || rb < 0 {
		return false
	}
	pa, pb := d.prefs[ra], d.prefs[rb]
	if pa.list >= 0 && pa.list == pb.list {
		return false
	}
	return pa.m.Place.PCode != pb.m.Place.PCode
}

// attackTarget reads who an attack of unstated means was aimed at.
func (d *doc) attackTarget(c *sentCtx, cd *cand) personClass {
	for j := cd.trigTo; j < c.s.to && j < cd.trigTo+8; j++ {
		e := d.entryAt(j)
		if e == nil {
			continue
		}
		if e.armed || (e.actor != 0 && actorList[e.actor-1].Inter >= 1 && actorList[e.actor-1].Inter <= 3) {
			return pCombatant
		}
		if e.civTarget || e.person == pCivilian {
			return pCivilian
		}
	}
	if c.civ {
		return pCivilian
	}
	return pCombatant
}
