package extract

import (
	"sort"
	"time"

	"sitroom/internal/domain"
)

// doc holds the working state of one text. It is reused between texts
// (sync.Pool) so that its slices keep their capacity.
type doc struct {
	text, low string
	ref       time.Time
	toks      []token
	sents     []span
	ms        []match
	tokMatch  []int32 // token → index into ms, -1 when no phrase covers it
	places    []PlaceMention
	prefs     []pref
	nums      []number
	pers      []period
	cands     []*cand
	candBuf   []cand
	bullets   []bool // per sentence: starts a bulleted line

	discPlace placeChoice // the place the text is about at this point
	discDate  period      // the date of the last dated event
	hasDisc   bool
	hasDate   bool
	lastScam  int    // sentence index of the last online-scam word
	nonState  string // the last armed non-state actor named
}

// pref is a place mention mapped onto tokens, with what its context says.
type pref struct {
	m        PlaceMention
	from, to int
	sent     int
	masked   bool // part of an actor's or a publisher's name
	demoted  bool // a route end or a destination
	dest     bool // a destination ("fled to Lashio")
	origin   bool // where fire came from ("shelled from its base in X")
	list     int  // index of the first member of its list, or -1
}

// placeChoice is where a claim is placed: one mention, a list of them, or a
// covering unit with its members. name is set for a place the gazetteer does
// not hold (the China–Myanmar border).
type placeChoice struct {
	refs  []int // indexes into doc.prefs
	cover int   // index of the covering unit, -1 when none
	name  string
}

func (p placeChoice) empty() bool { return len(p.refs) == 0 && p.cover < 0 && p.name == "" }

// figure is a figure read from a sentence.
type figure struct {
	kind   domain.FigureKind
	val    int64
	qual   domain.Qualifier
	cum    bool
	class  personClass
	subset bool // follows "including": part of a figure before it
	pos    int  // token index of the number
	sent   int  // sentence index
	more   bool // "also", "another": adds to the figures of earlier sentences
	house  bool // counts households or families, not persons
	text   string
}

// cand is an event as the analysis builds it.
type cand struct {
	typ      domain.EventType
	sub      domain.SubEventType
	kinds    []domain.Kind    // strategic developments: one claim per kind
	access   []*domain.Access // parallel to kinds
	trig     int              // token index of the cue
	trigTo   int
	sent     int
	weak     bool // an attack of unstated means: may be the same as another event
	place    placeChoice
	placeOwn bool
	per      period
	dateOwn  bool
	figs     []figure
	actors   []domain.ClaimActor
	control  *domain.ControlChange
	cum      bool
	civ      bool // civilians are its victims
	conf     float64
	dead     bool
	merged   []int  // sentences merged into it
	pkey     string // key of place, set once placed
}

func (d *doc) reset(text string, ref time.Time) {
	d.text, d.low = prepare(text)
	d.ref = ref
	d.toks = d.toks[:0]
	d.sents = d.sents[:0]
	d.ms = d.ms[:0]
	d.tokMatch = d.tokMatch[:0]
	d.places = nil
	d.prefs = d.prefs[:0]
	d.nums = d.nums[:0]
	d.pers = d.pers[:0]
	d.cands = d.cands[:0]
	d.candBuf = d.candBuf[:0]
	d.bullets = d.bullets[:0]
	d.discPlace = placeChoice{cover: -1}
	d.discDate = period{}
	d.hasDisc, d.hasDate = false, false
	d.lastScam = -100
	d.nonState = ""
}

// entryAt returns the phrase covering token i, or nil.
func (d *doc) entryAt(i int) *entry {
	if i < 0 || i >= len(d.tokMatch) || d.tokMatch[i] < 0 {
		return nil
	}
	return d.ms[d.tokMatch[i]].e
}

// matchAt returns the phrase covering token i.
func (d *doc) matchAt(i int) (match, bool) {
	if i < 0 || i >= len(d.tokMatch) || d.tokMatch[i] < 0 {
		return match{}, false
	}
	return d.ms[d.tokMatch[i]], true
}

func (d *doc) analyse() {
	d.toks = tokenize(d.text, d.low, d.toks)
	d.sents = sentences(d.toks, d.sents)
	d.ms = tables().scan(d.text, d.toks, d.ms)
	if cap(d.tokMatch) < len(d.toks) {
		d.tokMatch = make([]int32, len(d.toks))
	}
	d.tokMatch = d.tokMatch[:len(d.toks)]
	for i := range d.tokMatch {
		d.tokMatch[i] = -1
	}
	for k, m := range d.ms {
		for i := m.from; i < m.to; i++ {
			d.tokMatch[i] = int32(k)
		}
	}
	d.mapPlaces()
	for si, s := range d.sents {
		bullet := false
		if s.to > s.from {
			t := d.toks[s.from]
			bullet = t.kind == tPunct && (t.low == "-" || t.low == "*" || t.low == "•")
		}
		d.bullets = append(d.bullets, bullet)
		d.sentence(si, s)
	}
	d.resolveWeak()
	d.mergeAll()
	d.attachDisplacement()
}

// mapPlaces turns the gazetteer's mentions into token spans and marks the
// ones that are part of a name ("Arakan Army", "Kachin News Group",
// "Laukkai Regional Command"). The country ("Myanmar") places nothing, and a
// doubtful match outside the state the rest of the text is about ("Ohnson"
// read as a town in Mon State) is dropped.
func (d *doc) mapPlaces() {
	home := d.homeState()
	for _, m := range d.places {
		if m.Start < 0 || m.End > len(d.text) || m.Start >= m.End {
			continue
		}
		if m.Place.PCode == "" || m.Place.Level == domain.LevelCountry || levelRank(m.Place) <= 0 {
			continue
		}
		if home != "" && m.Score < sureScore && stateOf(m.Place) != home {
			continue
		}
		from := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].end > m.Start })
		to := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= m.End })
		if from >= to {
			continue
		}
		p := pref{m: m, from: from, to: to, list: -1}
		for i := from; i < to; i++ {
			if e := d.entryAt(i); e != nil && (e.actor != 0 || e.source) {
				mt, _ := d.matchAt(i)
				// the actor's name reaches past the place name
				if mt.to-mt.from > to-from || mt.from < from || mt.to > to {
					p.masked = true
				}
			}
		}
		if to < len(d.toks) {
			if e := d.entryAt(to); e != nil && e.orgSuffix && !d.toks[to].nl {
				p.masked = true
			}
		}
		// a Burmese common word that is also a place name ("ကလေး" child and
		// Kale, "တံတား" bridge and Tadar) is a place only with a level word
		if d.toks[from].kind == tMy {
			if mt, ok := d.matchAt(from); ok && mt.from == from && mt.to == to && !levelWordAt(d.toks, to) {
				p.masked = true
			}
		}
		p.sent = sort.Search(len(d.sents), func(i int) bool { return d.sents[i].to > from })
		d.prefs = append(d.prefs, p)
	}
	sort.SliceStable(d.prefs, func(i, j int) bool { return d.prefs[i].from < d.prefs[j].from })
}

// levelWordAt reports whether a Burmese level word (town, township,
// village) follows at token i.
func levelWordAt(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	switch toks[i].low {
	case "မြို့", "ရွာ", "ကျေး", "ကျေးရွာ", "ရပ်":
		return true
	}
	return false
}

// sureScore is the gazetteer score from which a match is taken whatever
// state it lies in.
const sureScore = 0.8

func stateOf(p domain.Place) string {
	if p.Level == domain.LevelState {
		return p.PCode
	}
	return p.Adm1
}

// homeState is the state most of the text's sure place mentions lie in.
func (d *doc) homeState() string {
	count := map[string]int{}
	best, n := "", 0
	for _, m := range d.places {
		if m.Score < sureScore {
			continue
		}
		s := stateOf(m.Place)
		if s == "" {
			continue
		}
		count[s]++
		if count[s] > n {
			best, n = s, count[s]
		}
	}
	return best
}

func (d *doc) sentText(s span) string {
	if s.to <= s.from {
		return ""
	}
	return d.text[d.toks[s.from].start:d.toks[s.to-1].end]
}
