package extract

import (
	"sort"
	"strings"

	"sitroom/internal/domain"
)

// trigKind is what an event cue announces.
type trigKind uint8

const (
	trNone      trigKind = iota
	trClash              // armed clash: fighting, clashes, battle
	trCapture            // a place or base taken: seized, captured, took control
	trLoss               // a place given up: withdrew from, no longer present, lost control
	trRegain             // retaken: recaptured, retook
	trAttack             // an attack of unstated means: attacked, raid
	trRemote             // explosions and remote violence (sub says which)
	trCivilian           // violence against civilians (sub says which)
	trProtest            // demonstrations
	trRiot               // riots and mob violence
	trStrategic          // a strategic development (kind / sub say which)
)

// figPos says on which side of a figure cue its number stands.
type figPos uint8

const (
	figBefore figPos = 1 << iota // "nine killed"
	figAfter                     // "killing nine", "the deaths of nine"
)

// personClass tells who a person noun names.
type personClass uint8

const (
	pNone      personClass = iota
	pPerson                // people, individuals
	pCivilian              // civilians, villagers, children
	pCombatant             // soldiers, troops, fighters, police
	pHousehold             // families, households: not a count of persons
)

// guard marks words that change how a nearby cue reads.
type guard uint8

const (
	gNone      guard = iota
	gFuture          // will, plans to, threatened: not (yet) an event
	gNegation        // no, not, denied
	gHedge           // accused … of: an allegation without detail
	gSource          // according to, said, told: what follows names a source
	gUntil           // until, till: the date that follows ends a state
	gIncluding       // including: figures that follow are part of one before
	gSubord          // after, because, while: a background clause
)

// entry is one phrase of the keyword tables with everything it signals.
type entry struct {
	words     []string // lower-cased tokens
	exact     string   // when set, the text must be spelled exactly so (acronyms)
	trig      trigKind
	sub       domain.SubEventType
	kind      domain.Kind
	fig       domain.FigureKind
	figAt     figPos
	person    personClass
	count     int // persons a singular phrase names ("a man" 1, "parents" 2)
	qual      domain.Qualifier
	qualAfter bool // the qualifier follows the number ("300 or more")
	vague     bool // a quantity without a number: dozens, thousands
	actor     int  // 1-based index into the actor dictionary
	source    bool // a publisher or agency: neither actor nor place
	terr      bool // a place that can be taken: town, base, outpost
	nonTerr   bool // a thing that can be captured but is not territory
	acc       domain.Kind
	status    string // access status: closed, restricted, open
	guard     guard
	cum       bool // marks a running total: so far, in total, to date
	unit      bool // a unit after a number that is not persons: days, km, kyats
	civTarget bool // a civilian object: homes, houses, a monastery
	armed     bool // an armed target word: troops, base, checkpoint
	fire      bool // fired, shelled: a place after "from" is where fire came from
	dest      bool // to, into: a place after it is a destination
	passive   bool // the cue takes its object before it ("the town fell")
	scam      bool // online scam context
	home      bool // "border": with the Chinese authorities, the China–Myanmar border
	orgSuffix bool // "Regional Command", "media": the place before it names an organisation
	more      bool // "also", "another": a figure adds to those told before
	war       bool // "offensive", "conflict": deaths told with no means are of the fighting
}

// lexicon finds phrases in a token stream: the longest phrase starting at a
// token wins.
type lexicon struct {
	byFirst map[string][]*entry
}

func newLexicon() *lexicon { return &lexicon{byFirst: map[string][]*entry{}} }

// add registers every "|"-separated phrase of spec with the signals of e.
// A phrase registered twice merges its signals.
func (l *lexicon) add(spec string, e entry) {
	for _, p := range strings.Split(spec, "|") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		words := phraseTokens(p)
		if len(words) == 0 {
			continue
		}
		ne := e
		ne.words = words
		if e.exact == "*" {
			ne.exact = p
		}
		if old := l.find(words, ne.exact); old != nil {
			merge(old, &ne)
			continue
		}
		l.byFirst[words[0]] = append(l.byFirst[words[0]], &ne)
	}
}

func (l *lexicon) find(words []string, exact string) *entry {
	for _, e := range l.byFirst[words[0]] {
		if e.exact == exact && equalWords(e.words, words) {
			return e
		}
	}
	return nil
}

func (l *lexicon) sortEntries() {
	for _, es := range l.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].words) > len(es[j].words) })
	}
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// merge adds the signals of b to a.
func merge(a, b *entry) {
	if b.trig != trNone {
		a.trig, a.sub, a.kind = b.trig, b.sub, b.kind
	}
	if b.fig != "" {
		a.fig, a.figAt = b.fig, b.figAt
	}
	if b.person != pNone {
		a.person, a.count = b.person, b.count
	}
	if b.qual != "" {
		a.qual, a.qualAfter = b.qual, b.qualAfter
	}
	if b.actor != 0 {
		a.actor = b.actor
	}
	if b.acc != "" {
		a.acc = b.acc
	}
	if b.status != "" {
		a.status = b.status
	}
	if b.guard != gNone {
		a.guard = b.guard
	}
	a.vague = a.vague || b.vague
	a.source = a.source || b.source
	a.terr = a.terr || b.terr
	a.nonTerr = a.nonTerr || b.nonTerr
	a.cum = a.cum || b.cum
	a.unit = a.unit || b.unit
	a.civTarget = a.civTarget || b.civTarget
	a.armed = a.armed || b.armed
	a.fire = a.fire || b.fire
	a.dest = a.dest || b.dest
	a.passive = a.passive || b.passive
	a.scam = a.scam || b.scam
	a.home = a.home || b.home
	a.orgSuffix = a.orgSuffix || b.orgSuffix
	a.more = a.more || b.more
	a.war = a.war || b.war
}

// phraseTokens splits a table phrase the way the text is split.
func phraseTokens(p string) []string {
	norm, low := prepare(p)
	toks := tokenize(norm, low, nil)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.low)
	}
	return out
}

// match is one phrase found in the text.
type match struct {
	from, to int // token span
	e        *entry
}

// scan finds the phrases of toks, longest first, left to right, without
// overlaps.
func (l *lexicon) scan(text string, toks []token, out []match) []match {
	for i := 0; i < len(toks); {
		es := l.byFirst[toks[i].low]
		found := false
		for _, e := range es {
			n := len(e.words)
			if i+n > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < n; k++ {
				if toks[i+k].low != e.words[k] {
					ok = false
					break
				}
			}
			if ok && e.exact != "" && text[toks[i].start:toks[i+n-1].end] != e.exact {
				ok = false
			}
			if ok {
				out = append(out, match{from: i, to: i + n, e: e})
				i += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// sub-event shorthands for the tables
func trg(k trigKind, sub domain.SubEventType) entry { return entry{trig: k, sub: sub} }
func sd(sub domain.SubEventType, kind domain.Kind) entry {
	return entry{trig: trStrategic, sub: sub, kind: kind}
}
func fg(k domain.FigureKind, at figPos) entry { return entry{fig: k, figAt: at} }

// englishTables fills l with the English keyword tables.
func englishTables(l *lexicon) {
	const both = figBefore | figAfter
	// Battles.
	l.add("clash|clashes|clashed|clashing|armed clash|armed clashes|fighting|heavy fighting|fierce fighting|intense fighting|"+
		"fought|battle|battles|battled|battling|firefight|firefights|gunfight|gunfights|skirmish|skirmishes|"+
		"exchange of fire|exchanged fire|exchanges of fire|ambush|ambushed|assault|assaults|assaulted|"+
		"stormed|besieged|siege|embroiled in battles|hostilities|armed hostilities|counter-offensive|counteroffensive|"+
		"offensives on|launched attacks on|launched an attack on|launched offensives", trg(trClash, domain.ArmedClash))
	l.add("captured|capture|capturing|seized|seize|seizing|seizes|overran|overrun|overrunning|occupied|occupy|"+
		"took|taken|take|takes|took over|taken over|takeover|take over|"+
		"took control|taken control|take control|seized control|gained control|gained full control|gain control|"+
		"full control|took full control|seized full control|in control of|control over|"+
		"captures|overtook|conquered|liberated|seizure|"+
		"capture of|seizure of|fall of|takeover of", trg(trCapture, domain.NonStateActorOvertakesTerritory))
	for _, p := range []string{"fell to", "fallen to", "fall to", "falls to", "fell into the hands of", "fell under the control of"} {
		e := trg(trCapture, domain.NonStateActorOvertakesTerritory)
		e.passive = true
		l.add(p, e)
	}
	// phrases that hold a cue word without its sense
	l.add("took place|take place|takes place|taking place|took part|take part|taken to hospital|taken to the hospital|"+
		"take care|took office|take action|took action|taken action|took note|hit hard|hard hit|attack helicopter|"+
		"fight against|war against|offensive against|control measures|under control|took steps|"+
		"military coup|the coup|since the coup|not only", entry{})
	l.add("recaptured|recapture|retook|retaken|retake|regained|regain|regained control|reclaimed|recaptures",
		trg(trRegain, domain.GovernmentRegainsTerritory))
	l.add("no longer present|no longer in control|lost control|lost control of|withdrew from|withdrawn from|"+
		"retreated from|retreat from|abandoned|abandon|pulled out of|fled the base|evacuated the base",
		trg(trLoss, domain.NonStateActorOvertakesTerritory))
	l.add("attack|attacks|attacked|attacking|raid|raids|raided|raiding|offensive against the base|opened fire|"+
		"struck|strike on|targeted|hit", trg(trAttack, domain.ArmedClash))

	// Explosions and remote violence.
	air := trg(trRemote, domain.AirDroneStrike)
	l.add("airstrike|airstrikes|air strike|air strikes|air-strike|air-strikes|air raid|air raids|air attack|air attacks|"+
		"aerial attack|aerial attacks|aerial bombardment|aerial bombing|bombed|bombing|bombings|bombardment|"+
		"warplane|warplanes|fighter jet|fighter jets|jet fighter|jet fighters|jets|helicopter gunship|gunship|"+
		"dropped bombs|drop bombs|dropping bombs|dropped a bomb|airstriked|air-striked", air)
	l.add("drone|drones|drone attack|drone attacks|drone strike|drone strikes|uav|uavs|kamikaze drone", air)
	shell := trg(trRemote, domain.ShellingArtilleryMissileAttack)
	l.add("shelling|shelled|shell|shells|shellfire|artillery|artillery fire|heavy artillery|heavy weapons|heavy weapon|"+
		"mortar|mortars|mortar shell|mortar shells|rocket|rockets|missile|missiles|howitzer|long-range weapons|"+
		"artillery shell|artillery shells|rounds of artillery", shell)
	mine := trg(trRemote, domain.RemoteExplosiveLandmineIED)
	l.add("landmine|landmines|land mine|land mines|mine blast|mine explosion|stepped on a mine|stepped on a landmine|"+
		"ied|ieds|improvised explosive|explosive device|explosive devices|roadside bomb|remote bomb|bomb blast|"+
		"blew up|blown up|blowing up|blow up|explosion|explosions|exploded|detonated|detonation|blast|car bomb|"+
		"mine|mines", mine)
	l.add("grenade|grenades|hand grenade", trg(trRemote, domain.Grenade))

	// Violence against civilians.
	vac := trg(trCivilian, domain.Attack)
	l.add("tortured|torture|stabbed|shot at civilians|human shields|human shield", vac)
	vacKill := vac
	vacKill.fig, vacKill.figAt = domain.Killed, figBefore|figAfter
	l.add("shot dead|shot and killed|executed|execution|executions|massacre|massacred|beheaded|"+
		"burned alive|burnt alive|killed in cold blood|beaten to death|murdered", vacKill)
	l.add("abducted|abduction|abductions|kidnapped|kidnapping|forcibly disappeared|taken away|went missing|"+
		"forced recruitment|forcibly recruited|conscripted by force", trg(trCivilian, domain.AbductionForcedDisappearance))
	l.add("raped|rape|gang-raped|sexual violence|sexually assaulted|sexual assault", trg(trCivilian, domain.SexualViolence))

	// Protests and riots.
	l.add("protest|protests|protested|protesting|protesters|protestors|demonstration|demonstrations|demonstrators|"+
		"demonstrated|rally|rallies|rallied|sit-in|marched|strike committee|general strike", trg(trProtest, domain.PeacefulProtest))
	l.add("riot|riots|rioting|rioters|mob|mobs", trg(trRiot, domain.ViolentDemonstration))

	// Strategic developments.
	// leftPhrases say people left a place: both a displacement cue and the
	// cue of the figure counting them.
	const leftPhrases = "have left|has left|had left|left town|left twn|left the town|left their town|" +
		"left the village|left their village|left their villages|left the area"
	disp := sd(domain.OtherDevelopment, domain.KindDisplacement)
	l.add("displacement|displacements|displaced|newly displaced|internally displaced|fled|flee|flees|fleeing|"+
		"evacuated|evacuate|evacuating|evacuation|evacuations|idps|idp|refugees|sought refuge|seeking refuge|took refuge|"+
		"taken refuge|taking refuge|taken shelter|took shelter|taking shelter|sheltering|sought shelter|seeking shelter|"+
		"seeking safety|in search of safety|sought safety|crossed the border|crossed into|forced to leave|left their homes|"+
		"abandoned their homes|fled their homes|moved to safe places|safe places|homeless|uprooted|evacuees|"+
		"arrived in the town seeking safety|"+leftPhrases, disp)
	l.add("martial law", sd(domain.OtherDevelopment, domain.KindMartialLaw))
	l.add("surrendered|surrender|surrenders|surrendering|defected|defect|defection|defections|defects|"+
		"laid down their arms|laid down arms|lay down arms|switched sides|gave up", sd(domain.ChangeToGroupActivity, domain.KindSurrenderDefection))
	l.add("arrested|arrest|arrests|arresting|detained|detain|detention|apprehended|apprehend|"+
		"taken into custody|rounded up|round up|nabbed|captured alive", sd(domain.Arrests, ""))
	l.add("handed over|handed|hand over|handing over|handover|handovers|transferred|transfer of|extradited|extradition",
		sd(domain.Arrests, domain.KindScamCompoundRaid))
	l.add("repatriated|repatriation|repatriations|repatriate|repatriating|deported|deportation|sent back",
		sd(domain.OtherDevelopment, domain.KindRepatriation))
	l.add("ceasefire|cease-fire|truce|peace talks|peace deal|ceasefire agreement|peace agreement", sd(domain.Agreement, ""))
	l.add("torched|set fire to|set on fire|burned down|burnt down|razed|looted|looting|ransacked|burned houses|burnt houses|"+
		"destroyed homes|burned|burnt|arson", sd(domain.LootingPropertyDestruction, ""))
	l.add("crackdown|crack down|cracked down|raid on scam|raids on scam", entry{scam: true})
	l.add("scam|scams|scammer|scammers|scamming|cyber-scam|cyber-scamming|cyber scam|online scam|online scams|online fraud|"+
		"telecom fraud|telecommunications fraud|telecom and internet fraud|internet fraud|fraud|frauds|"+
		"scam compound|scam compounds|scam centre|scam centres|scam center|scam centers|gambling|casino|casinos|"+
		"suspects|suspect|fugitives|ringleaders|ringleader", entry{scam: true})

	// Figure cues.
	l.add("killed|kill|kills|killing", fg(domain.Killed, both))
	l.add("dead|died|die|dies|dying|lost their lives|lost his life|lost her life|perished|slain|fatalities", fg(domain.Killed, figBefore))
	l.add("deaths|death|death toll|toll|lives", fg(domain.Killed, both))
	l.add("deaths of|death of", fg(domain.Killed, figAfter))
	l.add("injured|injuring|injure|injures|wounded|wounding|wound|hurt|injuries|injury", fg(domain.Injured, both))
	l.add("displaced|displacing|displacement of|newly displaced|internally displaced", fg(domain.Displaced, both))
	l.add("fled|flee|flees|fleeing|evacuated|idps|idp|refugees|sought refuge|seeking refuge|took refuge|taken refuge|"+
		"taking refuge|taken shelter|took shelter|taking shelter|sheltering|sought shelter|seeking shelter|seeking safety|"+
		"in search of safety|crossed the border|crossed into|forced to leave|left their homes|abandoned their homes|"+
		"fled their homes|moved to safe places|homeless|uprooted|evacuees|"+leftPhrases, fg(domain.Displaced, figBefore))
	l.add("arrested|arresting|detained|apprehended|taken into custody|rounded up|nabbed|captured alive|detaining", fg(domain.Arrested, both))
	l.add("arrest of|detention of", fg(domain.Arrested, figAfter))
	l.add("handed over|handed|transferred|handing over|repatriated|deported|extradited|sent back", fg(domain.HandedOver, both))

	// Persons.
	for _, p := range []struct {
		spec string
		c    personClass
	}{
		{"people|persons|person|individuals|individual|residents|locals|population|others|lives|ppl|pple", pPerson},
		{"civilians|civilian|civs|civ|villagers|villager|children|child|kids|women|men|girls|boys|students|student|monks|monk|" +
			"nuns|teachers|farmers|workers|elderly|infants|babies|worshippers|patients|passengers|" +
			"internally displaced persons|displaced persons|displaced people|idps|refugees|migrants|" +
			"family members|relatives|residents of|nationals|foreigners|citizens", pCivilian},
		{"soldiers|soldier|troops|troop|personnel|junta personnel|servicemen|fighters|combatants|members|militiamen|" +
			"militia members|policemen|police officers|officers|police personnel|guards|border guards|" +
			"rebels|insurgents|recruits|conscripts|prisoners of war|pows|commanders|sentries", pCombatant},
		{"families|households|family|household", pHousehold},
		{"suspects|suspect|fugitives|ringleaders|sponsors|key personnel|workers at|trafficked workers|victims", pPerson},
	} {
		l.add(p.spec, entry{person: p.c})
	}
	// Single persons and small groups named without a number.
	for _, p := range []struct {
		spec  string
		c     personClass
		count int
	}{
		{"man|woman|girl|boy|child|baby|infant|toddler|teenager|villager|civilian|resident|monk|nun|teacher|farmer|" +
			"student|driver|vendor|grandmother|grandfather|husband|wife|son|daughter|brother|sister|father|mother|" +
			"neighbour|neighbor|uncle|aunt|nephew|niece|cousin|pastor|doctor|nurse|worker|elder", pCivilian, 1},
		{"soldier|commander|officer|policeman|sergeant|captain|colonel|major|lieutenant|guard|fighter|militiaman|private", pCombatant, 1},
		{"parents|grandparents|couple|twins|a couple", pCivilian, 2},
	} {
		l.add(p.spec, entry{person: p.c, count: p.count})
	}

	// Qualifiers.
	l.add("at least|more than|over|upwards of|in excess of|no fewer than|no less than|a minimum of|above|at a minimum|"+
		"exceeding|exceeded|surpassed|well over|as many as over", entry{qual: domain.QualAtLeast})
	l.add("about|around|approximately|roughly|almost|nearly|some|an estimated|estimated|close to|just under|"+
		"an approximate|approx|circa|just over|more or less|nearing|~", entry{qual: domain.QualApprox})
	l.add("up to|as many as|fewer than|less than|under|at most|a maximum of", entry{qual: domain.QualUpTo})
	l.add("or more|plus|odd|-plus", entry{qual: domain.QualAtLeast, qualAfter: true})
	l.add("also|another|more|further|additional|other", entry{more: true})
	l.add("offensive|offensives|conflict|war|hostilities|escalation|operation|fighting", entry{war: true})

	// Quantities without a number.
	l.add("dozens|dozen|scores|many|several|numerous|hundreds|thousands|tens of thousands|hundreds of thousands|"+
		"a number of|a few|few|a handful|handful|countless|multiple|various|a large number|large numbers|"+
		"an unknown number|unknown number|several hundred|several thousand|a great many|millions|some", entry{vague: true})

	// Units after a number that do not count persons.
	l.add("year|years|year-old|years-old|month|months|week|weeks|day|days|hour|hours|minute|minutes|"+
		"km|kilometers|kilometres|kilometer|kilometre|miles|mile|meters|metres|feet|yards|"+
		"kyat|kyats|dollars|dollar|usd|us|yuan|baht|percent|per|cent|%|am|pm|a.m|p.m|o'clock|"+
		"rounds|round|shells|bombs|rockets|missiles|mortar|trucks|truck|vehicles|vehicle|cars|homes|houses|house|"+
		"buildings|building|villages|village|towns|bases|base|outposts|outpost|camps|camp|weapons|rifles|guns|tanks|"+
		"tons|tonnes|bags|sacks|schools|hospitals|bridges|bridge|times|th|st|nd|rd|infantry|light|battalion|"+
		"division|brigade|regiment|battalions|brigades|divisions|times|acres|billion kyats|million kyats|lakh|"+
		"mile|no|number|ward|quarter|points|point", entry{unit: true})

	// Words that change how a cue reads.
	l.add("will|would|shall|plan to|plans to|planned to|planning to|plan|threatened|threaten|threatens|threatening|"+
		"warned|warns|warning|intend|intends|intended|aims to|aim to|aimed to|vowed|vows|prepare to|prepares to|"+
		"preparing to|preparing for|could|may|might|expected to|set to|going to|likely to|about to|ready to|"+
		"in order to|to prevent|to defend|to capture|to launch|to attack|to seize|call for|called for|urged|urge|"+
		"if|possible|potential|risk of|fear of|fears of", entry{guard: gFuture})
	l.add("no|not|never|did not|didn't|denied|deny|denies|without|neither|nor|no reports of|false|rumour|rumours|"+
		"rumor|rumors|refuted|unfounded", entry{guard: gNegation})
	l.add("accused|accuses|accusing|accusation|blamed|blames", entry{guard: gHedge})
	l.add("according to|said|says|say|told|tells|stated|states|reported|reports|claimed|claims|announced|"+
		"confirmed|spokesperson|spokesman|spokeswoman|statement|quoted", entry{guard: gSource})
	l.add("until|till|until at least", entry{guard: gUntil})
	l.add("including|among them|among whom|of whom|of which|such as", entry{guard: gIncluding})
	l.add("after|following|due to|as a result of|in retaliation for|despite", entry{guard: gSubord})

	// Running totals.
	l.add("so far|in total|a total of|total of|to date|as of|altogether|cumulative|cumulatively|overall|thus far|"+
		"up to now|until now|in all|since the beginning|since the start|since the launch|since the outbreak|"+
		"since the start of|since the beginning of|total|tally|death toll", entry{cum: true})

	// Targets.
	l.add("town|towns|city|cities|village|villages|base|bases|outpost|outposts|camp|camps|camps in|post|posts|"+
		"border post|checkpoint|checkpoints|hill|hills|hilltop|position|positions|headquarters|hq|station|stations|"+
		"police station|police stations|gate|border gate|township|townships|area|areas|stronghold|strongholds|"+
		"garrison|garrisons|fort|tactical base|tactical bases|military base|military bases|battalion headquarters|"+
		"command|control|airport|bridge|trade zone|hill base|hill bases|compound|compounds|district|region|capital|"+
		"territory|territories|ward|wards|outskirts", entry{terr: true})
	l.add("weapons|weapon|arms|ammunition|ammunitions|munitions|tank|tanks|vehicles|vehicle|trucks|rifles|guns|"+
		"artillery pieces|prisoners|prisoner|pows|soldiers alive|suspects|drones|equipment|supplies|caches|cache|"+
		"documents|money|cash|food", entry{nonTerr: true})
	l.add("troops|soldiers|forces|personnel|battalion|battalions|checkpoint|checkpoints|outpost|outposts|base|bases|"+
		"camp|camps|column|convoy|positions|position|station|stations|police station|fighters|militia|junta troops|"+
		"military|army|regiment|units|unit|garrison|sentries|guards", entry{armed: true})
	l.add("home|homes|house|houses|residence|residences|monastery|monasteries|church|churches|school|schools|"+
		"hospital|hospitals|clinic|clinics|market|markets|mosque|pagoda|temple|idp camp|idp camps|displacement camp|"+
		"shelter|shelters|residential|civilians|civilian|villagers|village|ward|wards|quarter|neighbourhood|"+
		"neighborhood|homes and|farm|farms", entry{civTarget: true})
	l.add("fired|fire|fires|firing|shelled|shelling|launched|launch|shot|bombarded", entry{fire: true})
	l.add("to|into|towards|toward|reached|arrived in|arrived at|heading to|headed to|bound for|fled to|moved to|"+
		"relocated to|such as", entry{dest: true})

	// Access: roads, bridges, airports, telecoms.
	road := entry{acc: domain.KindAccessRoad}
	l.add("road|roads|route|routes|highway|highways|trade route|trade routes|supply route|supply routes|main road|"+
		"union highway|asian highway|roadway|mobility|movement|transport|transportation|transportation routes|"+
		"vital routes|travel|traffic|border crossing|border crossings|border trade|trade gate|trade gates|"+
		"humanitarian access|access to|gate|gates|border gate|border gates", road)
	l.add("bridge|bridges", entry{acc: domain.KindAccessBridge})
	l.add("airport|airports|flights|flight|air travel|air traffic|airfield|air service|air services|airline", entry{acc: domain.KindAccessAirport})
	l.add("internet|mobile internet|mobile data|mobile communication|mobile communications|communication|communications|"+
		"communication services|communication lines|phone lines|phone line|phone|phones|telephone|telecommunications|"+
		"telecommunication|telecom|telecom services|telecoms|mobile network|mobile networks|network|networks|signal|"+
		"signals|cellular|connectivity|wifi|phone service|phone services|mobile services|mobile phone|mobile phones",
		entry{acc: domain.KindAccessTelecom})
	closed := entry{status: domain.AccessClosed}
	l.add("closed|close|closing|closure|closures|shut|shut down|shutdown|shutdowns|blocked|blocking|blockade|"+
		"blockades|cut|cut off|cuts|cutting|cutting off|suspended|suspension|halted|halt|unavailable|down|no access|inaccessible|"+
		"impassable|remain closed|remains closed|severed|blackout|blackouts|outage|outages|stopped|banned|ban|"+
		"destroyed|damaged|collapsed|washed away", closed)
	restr := entry{status: domain.AccessRestricted}
	l.add("restricted|restriction|restrictions|restricting|restrict|disrupted|disruption|disruptions|disrupting|"+
		"patchy|limited|intermittent|unstable|slow|severely restricted|hindrances|hindered|constrained|"+
		"difficult|difficulties|interrupted|interruption|interruptions|unreliable|congested|delays", restr)
	l.add("reopened|reopen|reopens|reopening|resumed|resume|restored|restore|opened|passable", entry{status: domain.AccessOpen})

	l.add("border|cross-border|borders|border area|border areas|border region", entry{home: true})
	l.add("regional command|military operations command|tactical operations command|command|region military command|"+
		"media|news|times|herald|radio|tv|television|based media|press", entry{orgSuffix: true})

	// Sources: publishers and agencies named in texts, which are neither
	// actors nor places ("Kachin News Group", "Shan Herald").
	l.add("un|united nations|ocha|un ocha|unhcr|unicef|wfp|icrc|red cross|un myanmar|humanitarian partners|"+
		"myanmar now|the irrawaddy|irrawaddy|mizzima|kachin news group|kachin news|shan herald agency for news|"+
		"shan herald|shan news|than lwin times|thanlwin times|global times|xinhua|afp|reuters|rfa|radio free asia|bbc|"+
		"dvb|democratic voice of burma|frontier myanmar|eleven media|the global new light of myanmar|"+
		"global new light of myanmar|mrtv|kokang media|narinjara|khit thit|moemaka|myanmar spring chronicle|"+
		"voice of america|voa|associated press|ap|cnn|nikkei|the diplomat|radio|media|news|newspaper|outlet|"+
		"women's organisation|women's organization|ta'ang women's organisation|human rights watch|amnesty|"+
		"amnesty international|un human rights|ohchr|acled|assistance association", entry{source: true})
	l.add("UN|AP|SHAN|AFP|RFA|DVB|VOA|BBC|CNN|MRTV|OCHA", entry{source: true, exact: "*"})
}
