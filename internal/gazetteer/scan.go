package gazetteer

import (
	"sort"
	"strings"

	"github.com/coregx/ahocorasick"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/gazetteer/internal/textkey"
)

// scanner is an Aho-Corasick automaton over the folded Latin keys of every
// name. Burmese and other scripts, which have no spaces, are matched
// syllable by syllable against the name index instead (burmeseSpans): a
// byte automaton over Burmese names would double the memory for little gain.
type scanner struct {
	ac   *ahocorasick.Automaton
	keys []string // pattern id → key of nameIndex.byKey
}

func (g *Gazetteer) scanner() *scanner {
	g.scanOnce.Do(func() {
		ix := g.names()
		s := &scanner{}
		for k := range ix.byKey {
			if len(k) >= 2 && textkey.IsASCII(k) {
				s.keys = append(s.keys, k)
			}
		}
		sort.Strings(s.keys) // pattern ids stable from run to run
		ac, err := ahocorasick.NewBuilder().AddStrings(s.keys).Build()
		if err != nil {
			panic("gazetteer: build scanner: " + err.Error()) // only on an empty or invalid pattern, which the keys exclude
		}
		s.ac = ac
		g.scan = s
	})
	return g.scan
}

// Mention is one place named in a text.
type Mention struct {
	Start int    `json:"start"` // byte offsets in the text given to Scan
	End   int    `json:"end"`
	Text  string `json:"text"` // the text as written
	// Qualifier is what the words around the name said.
	Qualifier Qualifier `json:"qualifier"`
	// Chosen is the best candidate once the other mentions and the default
	// area are taken into account; Candidates are all, best first (shared
	// by the mentions of one name: read them, do not change them).
	Chosen     Candidate   `json:"chosen"`
	Candidates []Candidate `json:"candidates"`
}

// Scan finds every place named in a free text (English or Burmese) and
// resolves each, using the other places of the same text and the view's
// default area (see InArea) to decide between places that share a name.
// Mentions are in text order. The text should be normalised as the
// pipeline does (internal/normalise: NFC, Unicode rather than Zawgyi);
// offsets are byte offsets into the text as given.
func (g *Gazetteer) Scan(text string) []Mention {
	return g.ScanContext(text, Context{})
}

// ScanContext is Scan with a context: its places and states weigh like the
// places of the text, and its DefaultArea replaces the view's.
//
// Names that are also English words ("Man", "Muse") count only when
// capitalised and qualified ("in Muse", "Man village"); a village tract
// counts only when capitalised, not part of a longer proper noun, and
// introduced as a place; a name followed by an organisation word
// ("Kachin Independence Army") does not count.
func (g *Gazetteer) ScanContext(text string, ctx Context) []Mention {
	spans, f := g.findSpans(text, false)
	if len(spans) == 0 {
		return nil
	}
	e := g.evalContext(ctx)
	// Each mention is ranked alone, then again with the clear choices of
	// the others as context.
	anchors := make([]int, len(spans))
	for k := range spans {
		anchors[k] = -1
		r := g.rank(spans[k].hits, spans[k].qual, e)
		if len(r) > 0 && (len(r) == 1 || r[0].score-r[1].score >= 0.1 || g.sameTownship(r[0].place, r[1].place)) {
			anchors[k] = r[0].place
		}
	}
	// The clear choices of all mentions form one context (a mention's own
	// choice counts too: it was clear on its own). The same name with the
	// same qualifier ranks the same, so repeated names are ranked once.
	ext := *e
	ext.near = append([]int(nil), e.near...)
	for _, a := range anchors {
		if a >= 0 && !containsInt(ext.near, a) {
			ext.near = append(ext.near, a)
		}
	}
	type cacheKey struct {
		name string
		q    Qualifier
	}
	type ranked struct {
		best  int
		cands []Candidate
	}
	cache := map[cacheKey]ranked{}
	out := make([]Mention, 0, len(spans))
	for k := range spans {
		s := &spans[k]
		ck := cacheKey{string(f.b[s.a:s.b]), s.qual}
		rk, ok := cache[ck]
		if !ok {
			r := g.rank(s.hits, s.qual, &ext)
			rk = ranked{best: -1}
			if len(r) > 0 {
				rk = ranked{r[0].place, g.toCandidates(r, s.qual)}
			}
			cache[ck] = rk
		}
		if rk.best < 0 || !g.keepMention(s, rk.best, &ext) {
			continue
		}
		// Mentions of one name share its candidate slice (read-only).
		start, end := f.orig(s.a, s.b)
		out = append(out, Mention{Start: start, End: end, Text: text[start:end], Qualifier: s.qual, Chosen: rk.cands[0], Candidates: rk.cands})
	}
	return out
}

// sameTownship reports a town and its township (or two of its towns): a
// choice between them still fixes the township.
func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (g *Gazetteer) sameTownship(a, b int) bool {
	pa, pb := &g.d.Places[a], &g.d.Places[b]
	return pa.Adm3 != "" && pa.Adm3 == pb.Adm3 && (pa.Level == gazdata.LevelTown || pa.Level == gazdata.LevelTownship)
}

// keepMention drops a village tract or ward that no word called one and
// that lies outside the default area and away from every other place of the
// text: such names are mostly people's names or common words.
func (g *Gazetteer) keepMention(s *span, best int, e *evalCtx) bool {
	p := &g.d.Places[best]
	if s.fuzzy && !g.supported(best, e) {
		// A misspelling is read only where the text is about: a near-miss
		// of a name far from the node's area and the text's other places
		// is more likely a foreign or ordinary word.
		return false
	}
	if p.Level <= gazdata.LevelTown {
		return true
	}
	if s.qual.Level == domain.LevelVillageTract || s.qual.Level == domain.LevelWard {
		return true
	}
	if e.area >= 0 && g.contains(e.area, best) {
		return true
	}
	for _, j := range e.near {
		if g.relation(best, j) <= 1 {
			return true
		}
	}
	return false
}

// supported reports whether a place lies in the default area or in the
// state of another place the text names.
func (g *Gazetteer) supported(i int, e *evalCtx) bool {
	if e.area < 0 || g.contains(e.area, i) {
		return true
	}
	for _, j := range e.near {
		if j != i && g.d.Places[j].Level != gazdata.LevelCountry && g.relation(i, j) <= 2 {
			return true
		}
	}
	return false
}

// scanSpans finds names in free text: the automaton over Latin words, the
// syllable matcher over Burmese, then a pass over capitalised words left
// over for misspelt names in a place slot ("fighting in Namhkham").
func (g *Gazetteer) scanSpans(f *folded) []span {
	sc := g.scanner()
	ix := g.names()
	var out []span
	// Every occurrence of every key, kept when it sits on word boundaries;
	// then the longest first at each position, skipping what overlaps a
	// name already taken. (All overlapping matches, not leftmost-longest,
	// so that a long name that fails the rules cannot hide a shorter one.)
	var ms []ahocorasick.Match
	for _, m := range sc.ac.FindAllOverlapping(f.b) {
		if m.Start > 0 && isWordByte(f.b[m.Start-1]) || m.End < len(f.b) && isWordByte(f.b[m.End]) {
			continue
		}
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
	taken := -1 // end of the last name taken
	for _, m := range ms {
		a, b := m.Start, m.End
		if a < taken {
			continue
		}
		t0, tl := f.tokenAt(a), f.tokenEnding(b)
		if t0 < 0 || tl < 0 {
			continue
		}
		key := sc.keys[m.PatternID]
		s := span{a: a, b: b, t0: t0, t1: tl + 1}
		names := ix.byKey[key]
		if !g.acceptScan(f, &s, key, names) || f.continuesName(t0, out) {
			continue
		}
		s.hits = make([]nameHit, len(names))
		for k, n := range names {
			q := qualityExact
			if g.d.Names[n].Fold != key {
				q = qualityJoined
			}
			s.hits[k] = nameHit{n, q}
		}
		out = append(out, s)
		taken = b
	}
	for t := range f.toks {
		if !f.toks[t].latin {
			out = append(out, g.burmeseSpans(f, t, false)...)
		}
	}
	out = append(out, g.misspelt(f, covered(out, len(f.toks)))...)
	sort.Slice(out, func(i, j int) bool { return out[i].a < out[j].a })
	return out
}

func isWordByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

func covered(spans []span, n int) []bool {
	c := make([]bool, n)
	for _, s := range spans {
		for t := s.t0; t < s.t1 && t < n; t++ {
			c[t] = true
		}
	}
	return c
}

// placeSlot reports whether the words around tokens [t0,t1) make them a
// place: a preposition before, or a level or proximity word.
func (f *folded) placeSlot(t0, t1 int) bool {
	if prepositions[f.word(t0-1)] {
		return true
	}
	var q Qualifier
	f.levelAfter(t1, &q)
	f.qualifiersBefore(t0, &q)
	return q.Level != "" || q.Near || q.Outskirts
}

// acceptScan applies the free-text rules to an automaton match.
func (g *Gazetteer) acceptScan(f *folded, s *span, key string, names []int32) bool {
	t0, t1 := s.t0, s.t1
	caps := f.capitalised(t0)
	next := t1 // the token after the name
	for k := next; k < len(f.toks) && k <= next+1 && f.toks[k].latin && f.capitalised(k); k++ {
		if orgWords[f.word(k)] {
			return false // "Kachin Independence Army", "Shan State Progress Party"
		}
		if !isLevelWord(f.word(k)) {
			break
		}
	}
	if key == "shan" || key == "wa" || key == "kachin" || key == "kokang" {
		// ethnic names: "Shan State" is a place, "Shan people" is not
		if !caps {
			return false
		}
	}
	slot := f.placeSlot(t0, t1)
	if g.isStopName(key) {
		return caps && slot && !f.acronymOnly(t0, t1)
	}
	if g.coarsestName(names) <= gazdata.LevelTown {
		return caps || slot || len(key) >= 5
	}
	// village tracts and wards only
	if !caps {
		return false
	}
	if next < len(f.toks) && f.toks[next].latin && f.capitalised(next) && !isLevelWord(f.word(next)) {
		return false // part of a longer proper noun ("Min Aung Hlaing")
	}
	if t0 > 0 && f.toks[t0-1].latin && f.capitalised(t0-1) && !sentenceStart(f, t0-1) && !prepositions[f.word(t0-1)] {
		return false
	}
	return slot
}

// continuesName reports whether token t0 continues a proper noun that
// starts before it ("Min Aung Hlaing"): the word before is capitalised,
// does not open the sentence, is not a place already found, and nothing
// but a space separates them.
func (f *folded) continuesName(t0 int, found []span) bool {
	p := t0 - 1
	if p < 0 || !f.toks[p].latin || !f.capitalised(p) || sentenceStart(f, p) || prepositions[f.word(p)] || f.acronym(p) {
		return false
	}
	if n := len(found); n > 0 && found[n-1].t1 == t0 {
		return false
	}
	_, pe := f.orig(f.toks[p].a, f.toks[p].b)
	ts := int(f.off[f.toks[t0].a])
	return pe <= ts && strings.TrimSpace(f.text[pe:ts]) == ""
}

// acronymOnly reports a name written in capitals that is a common word
// ("IN", "TO").
func (f *folded) acronymOnly(t0, t1 int) bool {
	return t1-t0 == 1 && f.acronym(t0) && f.toks[t0].b-f.toks[t0].a <= 3
}

func isLevelWord(w string) bool {
	switch w {
	case "village", "villages", "township", "town", "ward", "district", "tract", "region", "state", "city":
		return true
	}
	return false
}

// sentenceStart reports whether token t opens a sentence.
func sentenceStart(f *folded, t int) bool {
	if t == 0 {
		return true
	}
	s := int(f.off[f.toks[t].a])
	for i := s - 1; i >= 0; i-- {
		switch c := f.text[i]; c {
		case ' ', '\t', '"', '\'', '(':
			continue
		case '.', '!', '?', '\n', ':':
			return true
		default:
			return false
		}
	}
	return true
}

// misspelt looks for misspelt names of towns and larger units among
// capitalised words no other match covers, in a place slot only.
func (g *Gazetteer) misspelt(f *folded, cov []bool) []span {
	var out []span
	for t := 0; t < len(f.toks); {
		if !g.candidateWord(f, t, cov) {
			t++
			continue
		}
		end := t
		for end < len(f.toks) && end-t < 3 && g.candidateWord(f, end, cov) {
			end++
		}
		var got *span
		for u := end; u > t && got == nil; u-- {
			key := string(f.b[f.toks[t].a:f.toks[u-1].b])
			if len(textkey.Joined(key)) < 5 || g.isStopName(key) {
				continue
			}
			hits := g.lookupKey(key, 1)
			var major []nameHit
			for _, h := range hits {
				if g.d.Places[g.d.Names[h.name].Place].Level <= gazdata.LevelTown {
					major = append(major, h)
				}
			}
			if len(major) > 0 && f.placeSlot(t, u) {
				got = &span{a: f.toks[t].a, b: f.toks[u-1].b, t0: t, t1: u, hits: major, fuzzy: true}
			}
		}
		if got == nil {
			t++
			continue
		}
		out = append(out, *got)
		t = got.t1
	}
	return out
}

func (g *Gazetteer) candidateWord(f *folded, t int, cov []bool) bool {
	if t >= len(f.toks) || cov[t] || !f.toks[t].latin || !f.capitalised(t) || f.acronym(t) {
		return false
	}
	w := f.word(t)
	return !fillers[w] && !orgWords[w] && !commonCapitalised[w] && !strings.ContainsAny(w[:1], "0123456789")
}

// commonCapitalised are words news text capitalises that are never places.
var commonCapitalised = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"operation": true, "junta": true, "military": true, "general": true, "senior": true, "united": true, "nations": true,
	"china": true, "chinese": true, "myanmar": false, "burmese": true, "thai": true, "thailand": true, "india": true,
	"brotherhood": true, "alliance": true, "ocha": true, "according": true, "residents": true, "however": true,
}
