package extract

import (
	"sitroom/internal/domain"
)

const armedForces = "Myanmar Armed Forces"

// dateFor dates an event: the date of its sentence nearest its cue, else the
// date of the last dated event, else the report's date.
func (d *doc) dateFor(c *sentCtx, cd *cand) {
	best, bd := -1, 1<<30
	for k, p := range c.pers {
		if p.until {
			continue
		}
		dist := p.from - cd.trig
		if dist < 0 {
			dist = cd.trig - p.to
		}
		if dist < bd {
			best, bd = k, dist
		}
	}
	if best >= 0 {
		cd.per, cd.dateOwn = c.pers[best], true
		cd.conf += 0.05
		return
	}
	if d.hasDate {
		cd.per = d.discDate
		// "the following day", "two days later", "the previous day"
		if shift, ok := d.relativeDays(c); ok {
			s := d.discDate.start.AddDays(shift)
			if s <= day(d.ref) {
				cd.per = period{start: s, end: s, prec: domain.TimeDay}
				cd.dateOwn = true
			}
		}
		return
	}
	r := day(d.ref)
	cd.per = period{start: r, end: r, prec: domain.TimeWeek}
	cd.conf -= 0.05
}

// relativeDays reads a day counted from the date told before: "the
// following day" +1, "the next day" +1, "two days later" +2, "the previous
// day" -1, "three days earlier" -3.
func (d *doc) relativeDays(c *sentCtx) (int, bool) {
	for j := c.s.from; j+1 < c.s.to; j++ {
		w, nx := d.toks[j].low, d.toks[j+1].low
		switch {
		case (w == "following" || w == "next") && nx == "day":
			return 1, true
		case w == "previous" && nx == "day":
			return -1, true
		case w == "day" && nx == "after":
			return 1, true
		case nx == "days" || nx == "day":
			if j+2 < c.s.to {
				if n, ok := readNumber(d.toks, j, c.s.to); ok && n.to == j+1 && n.val > 0 && n.val < 60 {
					switch d.toks[j+2].low {
					case "later", "after":
						return int(n.val), true
					case "earlier", "before", "ago":
						return -int(n.val), true
					}
				}
			}
		}
	}
	return 0, false
}

// sourceContext reports whether an actor named at tokens [from, to) is the
// source of the report rather than a party to it: "according to the TNLA",
// "a TNLA spokesperson", "Kokang media".
func (d *doc) sourceContext(c *sentCtx, from, to int) bool {
	for j := from - 1; j >= c.s.from && j >= from-4; j-- {
		if m, ok := d.matchAt(j); ok && m.e.guard == gSource {
			w := d.toks[m.from].low
			if w == "according" {
				return true
			}
			break
		}
		if d.toks[j].kind == tPunct && d.toks[j].low != "/" {
			break
		}
	}
	for j := to; j < c.s.to && j < to+2; j++ {
		switch d.toks[j].low {
		case "spokesperson", "spokesman", "spokeswoman", "media", "sources", "statement", "official", "officials":
			return true
		}
	}
	return false
}

const genericEAO = "Ethnic armed organizations"

// sourceActors marks the actor mentions of a sentence that name a source;
// names joined by "/" or brackets ("PSLF/TNLA", "Ta'ang National Liberation
// Army (TNLA)") share it.
func (d *doc) sourceActors(c *sentCtx) map[int]bool {
	src := map[int]bool{}
	for k := c.mFrom; k < c.mTo; k++ {
		m := d.ms[k]
		if m.e.actor != 0 && d.sourceContext(c, m.from, m.to) {
			src[k] = true
		}
	}
	if len(src) == 0 {
		return src
	}
	joined := func(a, b match) bool {
		for j := a.to; j < b.from; j++ {
			switch d.toks[j].low {
			case "/", "(", ")":
			default:
				return false
			}
		}
		return true
	}
	for changed := true; changed; {
		changed = false
		for k := c.mFrom; k+1 < c.mTo; k++ {
			a, b := d.ms[k], d.ms[k+1]
			if a.e.actor == 0 || b.e.actor == 0 || src[k] == src[k+1] || !joined(a, b) {
				continue
			}
			src[k], src[k+1] = true, true
			changed = true
		}
	}
	return src
}

// placeLike reports whether a country's name stands for the place, not
// its government: "into China", "the China border", "China's Yunnan
// province", "China-Myanmar".
func (d *doc) placeLike(c *sentCtx, m match) bool {
	if m.from > c.s.from {
		switch d.toks[m.from-1].low {
		case "into", "in", "from", "across", "near", "with", "borders", "bordering", "of", "along":
			return true
		case "to":
			if m.from-2 < c.s.from {
				return true
			}
			switch d.toks[m.from-2].low {
			case "over", "handed", "transferred", "extradited", "deported", "repatriated", "returned", "sent":
				return false
			}
			return true
		}
	}
	if m.to < c.s.to {
		nx := d.toks[m.to]
		if nx.hy || nx.low == "'" || nx.low == "border" || nx.low == "borders" {
			return true
		}
	}
	return false
}

// actorsFor names the actors of an event and their parts: before the cue
// (or after "by") the attacker, after it the target, civilians the victims.
func (d *doc) actorsFor(c *sentCtx, cd *cand) {
	seen := map[string]bool{}
	add := func(name string, role domain.ActorRole, inter domain.Inter) {
		if seen[name] {
			return
		}
		seen[name] = true
		cd.actors = append(cd.actors, domain.ClaimActor{Name: name, Role: role, Inter: inter})
	}
	src := d.sourceActors(c)
	for k := c.mFrom; k < c.mTo; k++ {
		m := d.ms[k]
		if m.e.actor == 0 || src[k] {
			continue
		}
		a := actorList[m.e.actor-1]
		if a.Name == genericEAO && d.nonState != "" && d.nonState != genericEAO && m.from > c.s.from &&
			d.toks[m.from-1].low == "the" && d.toks[m.to-1].low[len(d.toks[m.to-1].low)-1] != 's' {
			// "the ethnic armed group": the group named before
			a, _ = CanonicalActor(d.nonState)
		}
		if a.Inter == domain.InterExternal && d.placeLike(c, m) {
			continue
		}
		if a.Inter == domain.InterRebel || a.Inter == domain.InterPolitical {
			d.nonState = a.Name
		}
		role := domain.ActorOther
		myRole := d.burmeseRole(c, m, cd)
		switch {
		case a.Inter == domain.InterCivilians:
			role = domain.ActorVictim
		case cd.typ == domain.StrategicDevelopment || cd.typ == domain.Protest || cd.typ == domain.Riot:
			role = domain.ActorOther
		case myRole != "":
			role = myRole
		case d.between(c, m):
			role = domain.ActorOther // "clashes between the MNDAA and the military": both sides
		case m.from > c.s.from && d.toks[m.from-1].low == "by":
			role = domain.ActorAttacker
		case m.to <= cd.trig:
			role = domain.ActorAttacker
		default:
			role = domain.ActorTarget
		}
		add(a.Name, role, a.Inter)
	}
	if cd.civ || c.civ && (cd.typ == domain.ExplosionRemoteViolence || cd.typ == domain.ViolenceAgainstCivilians) {
		add("Civilians", domain.ActorVictim, domain.InterCivilians)
	}
	if cd.control != nil {
		d.controlFor(cd)
	}
}

// between reports whether an actor is named in "between X and Y".
func (d *doc) between(c *sentCtx, m match) bool {
	for j := m.from - 1; j >= c.s.from && j >= m.from-8; j-- {
		switch w := d.toks[j].low; {
		case w == "between" || w == "အကြား":
			return true
		case w == "the" || w == "and" || w == ",":
		default:
			if e := d.entryAt(j); e == nil || e.actor == 0 {
				return false
			}
		}
	}
	// Burmese puts "အကြား" (between) after the pair
	if d.toks[m.from].kind == tMy {
		for j := m.to; j < c.s.to && j < m.to+10; j++ {
			if d.toks[j].low == "အကြား" {
				return true
			}
			if e := d.entryAt(j); e != nil && e.trig != trNone {
				return false
			}
		}
	}
	return false
}

// burmeseRole reads the case marker after a Burmese actor name: "သည်" or
// "က" mark the subject (attacker), "ကို" or "အား" the object (target), "၏"
// the owner: the attacker of a strike, the holder of a base.
func (d *doc) burmeseRole(c *sentCtx, m match, cd *cand) domain.ActorRole {
	if d.toks[m.to-1].kind != tMy && (m.to >= c.s.to || d.toks[m.to].kind != tMy) {
		return ""
	}
	for j := m.to; j < c.s.to && j < m.to+2; j++ {
		switch d.toks[j].low {
		case "သည်", "က", "မှ":
			return domain.ActorAttacker
		case "ကို", "အား", "ထံမှ":
			return domain.ActorTarget
		case "၏", "ရဲ့":
			if cd.typ == domain.Battle {
				return domain.ActorTarget
			}
			return domain.ActorAttacker
		}
	}
	return ""
}

// controlFor fills who took a place and from whom. A capture by the state
// is the government regaining territory.
func (d *doc) controlFor(cd *cand) {
	var att, tgt *domain.ClaimActor
	for i := range cd.actors {
		a := &cd.actors[i]
		if a.Inter == domain.InterCivilians || a.Inter == domain.InterExternal {
			continue
		}
		if a.Role == domain.ActorAttacker && att == nil {
			att = a
		}
		if a.Role == domain.ActorTarget && tgt == nil {
			tgt = a
		}
	}
	// a non-state capture is from the state or its militias, not from an ally
	if tgt != nil && (att == nil || att.Inter != domain.InterState) && tgt.Inter != domain.InterState && tgt.Name != "Pro-junta militia" {
		tgt = nil
	}
	m, _ := d.matchAt(cd.trig)
	loss := m.e != nil && m.e.trig == trLoss
	cc := cd.control
	switch {
	case loss:
		cc.From = armedForces
		if att != nil {
			cc.From = att.Name
		}
		cc.Actor = d.nonStateActor()
		if tgt != nil && tgt.Inter != domain.InterState {
			cc.Actor = tgt.Name
		}
	default:
		if att != nil {
			cc.Actor = att.Name
		} else {
			cc.Actor = d.nonStateActor()
		}
		if tgt != nil {
			cc.From = tgt.Name
		}
		if att != nil && att.Inter == domain.InterState {
			cd.sub = domain.GovernmentRegainsTerritory
			if cc.From == "" {
				cc.From = d.nonState
			}
		} else {
			cd.sub = domain.NonStateActorOvertakesTerritory
			if cc.From == "" {
				cc.From = armedForces
			}
		}
	}
	if cc.Actor == "" {
		cc.Actor = "Unidentified armed group"
	}
}

// nonStateActor is the armed group the text is about: the last named, else
// the first named anywhere in the text.
func (d *doc) nonStateActor() string {
	if d.nonState != "" {
		return d.nonState
	}
	for _, m := range d.ms {
		if m.e.actor != 0 {
			a := actorList[m.e.actor-1]
			if a.Inter == domain.InterRebel || a.Inter == domain.InterPolitical {
				return a.Name
			}
		}
	}
	return ""
}
