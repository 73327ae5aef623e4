package gazetteer

import (
	"sort"
	"strings"
	"unicode/utf8"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/gazetteer/internal/textkey"
)

// folded is a text prepared for matching: the folded bytes, the offset in
// the original of every folded byte, and its tokens.
type folded struct {
	text string
	b    []byte
	off  []int32
	toks []token
}

// token is a run of [a-z0-9] (a Latin word) or of non-ASCII bytes (a
// Burmese phrase, which has no spaces, or CJK) in the folded text.
type token struct {
	a, b  int
	latin bool
}

func fold(text string) *folded {
	f := &folded{text: text}
	f.b, f.off = textkey.FoldText(text, true)
	// English words average about six bytes with their space: one
	// allocation for the tokens of most texts.
	f.toks = make([]token, 0, len(f.b)/5+1)
	for i := 0; i < len(f.b); {
		c := f.b[i]
		if c == ' ' {
			i++
			continue
		}
		j := i
		latin := c < utf8.RuneSelf
		for j < len(f.b) && f.b[j] != ' ' && (f.b[j] < utf8.RuneSelf) == latin {
			j++
		}
		f.toks = append(f.toks, token{i, j, latin})
		i = j
	}
	return f
}

// orig maps a folded range to the original text.
func (f *folded) orig(a, b int) (int, int) {
	start := int(f.off[a])
	end := len(f.text)
	if b < len(f.off) {
		end = int(f.off[b])
	}
	for end > start && (f.text[end-1] == ' ' || f.text[end-1] == '\t' || f.text[end-1] == '\n') {
		end--
	}
	return start, end
}

func (f *folded) word(t int) string {
	if t < 0 || t >= len(f.toks) {
		return ""
	}
	return string(f.b[f.toks[t].a:f.toks[t].b])
}

// capitalised reports whether token t starts with a capital in the original.
func (f *folded) capitalised(t int) bool {
	c := f.text[f.off[f.toks[t].a]]
	return 'A' <= c && c <= 'Z'
}

// acronym reports whether token t is written all in capitals (MNDAA, TNLA).
func (f *folded) acronym(t int) bool {
	s, e := f.orig(f.toks[t].a, f.toks[t].b)
	if e-s < 2 {
		return false
	}
	for i := s; i < e; i++ {
		if c := f.text[i]; 'a' <= c && c <= 'z' {
			return false
		}
	}
	return true
}

// span is a stretch of the folded text that names a place.
type span struct {
	a, b   int // folded byte range
	t0, t1 int // tokens [t0, t1) it covers (for Burmese, the run's token)
	hits   []nameHit
	qual   Qualifier
	fuzzy  bool // matched only by skeleton or edit distance
	ranked []scored
}

// Level words after a name.
type levelWords struct {
	words   string
	level   domain.GeoLevel
	village bool
	split   []string
}

var afterLevel = splitLevels([]levelWords{
	{"village tracts", domain.LevelVillageTract, false, nil},
	{"village tract", domain.LevelVillageTract, false, nil},
	{"vt", domain.LevelVillageTract, false, nil},
	{"villages", domain.LevelVillageTract, true, nil},
	{"village", domain.LevelVillageTract, true, nil},
	{"sub township", domain.LevelTown, false, nil},
	{"subtownship", domain.LevelTown, false, nil},
	{"townships", domain.LevelTownship, false, nil},
	{"township", domain.LevelTownship, false, nil},
	{"tsp", domain.LevelTownship, false, nil},
	{"town", domain.LevelTown, false, nil},
	{"city", domain.LevelTown, false, nil},
	{"myo", domain.LevelTown, false, nil},
	{"districts", domain.LevelDistrict, false, nil},
	{"district", domain.LevelDistrict, false, nil},
	{"self administered zone", domain.LevelDistrict, false, nil},
	{"self administered division", domain.LevelDistrict, false, nil},
	{"saz", domain.LevelDistrict, false, nil},
	{"sad", domain.LevelDistrict, false, nil},
	{"ward", domain.LevelWard, false, nil},
	{"quarter", domain.LevelWard, false, nil},
	{"region", domain.LevelState, false, nil},
	{"state", domain.LevelState, false, nil},
	{"division", domain.LevelState, false, nil},
})

// Level words before a name ("the town of X").
var beforeLevel = splitLevels([]levelWords{
	{"village tract of", domain.LevelVillageTract, false, nil},
	{"village of", domain.LevelVillageTract, true, nil},
	{"township of", domain.LevelTownship, false, nil},
	{"town of", domain.LevelTown, false, nil},
	{"city of", domain.LevelTown, false, nil},
	{"district of", domain.LevelDistrict, false, nil},
	{"region of", domain.LevelState, false, nil},
	{"state of", domain.LevelState, false, nil},
})

func splitLevels(ws []levelWords) []levelWords {
	for i := range ws {
		ws[i].split = strings.Fields(ws[i].words)
	}
	return ws
}

// phrase is a qualifying phrase and its words.
type phrase struct {
	words string
	split []string
}

func phrases(ws ...string) []phrase {
	out := make([]phrase, len(ws))
	for i, w := range ws {
		out[i] = phrase{w, strings.Fields(w)}
	}
	return out
}

var nearBefore = phrases("near", "nearby", "around", "outside", "beside", "close to", "next to", "near to", "vicinity of",
	"km from", "kms from", "kilometres from", "kilometers from", "miles from", "mile from", "km away from",
	"north of", "south of", "east of", "west of", "northeast of", "northwest of", "southeast of", "southwest of",
	"north east of", "north west of", "south east of", "south west of", "border of", "surroundings of", "surrounding")

var outskirtsBefore = phrases("outskirts of", "outskirt of", "edge of", "suburbs of", "suburb of")

// prepositions that put a capitalised word in a place slot ("in Muse").
var prepositions = map[string]bool{"in": true, "at": true, "near": true, "from": true, "to": true, "of": true, "around": true,
	"outside": true, "into": true, "toward": true, "towards": true, "across": true, "between": true, "via": true,
	"through": true, "inside": true, "within": true, "on": true, "and": true, "captured": true, "seized": true,
	"took": true, "taken": true, "entered": true, "fled": true, "reached": true, "attacked": true, "shelled": true}

// orgWords after a name make it part of an organisation's name ("Kachin
// Independence Army", "Shan State Progress Party").
var orgWords = map[string]bool{"army": true, "independence": true, "national": true, "liberation": true, "alliance": true,
	"democratic": true, "defence": true, "defense": true, "force": true, "forces": true, "organisation": true,
	"organization": true, "party": true, "council": true, "front": true, "people": true, "peoples": true,
	"progress": true, "progressive": true, "brotherhood": true, "union": true, "special": true, "militia": true,
	"restoration": true, "solidarity": true, "revolutionary": true, "news": true, "times": true, "agency": true}

// fillers never start a name in a phrase.
var fillers = map[string]bool{"the": true, "a": true, "an": true, "of": true, "in": true, "at": true, "near": true,
	"nearby": true, "around": true, "outskirts": true, "outskirt": true, "outside": true, "close": true, "to": true,
	"vicinity": true, "and": true, "from": true, "km": true, "kms": true, "miles": true, "mile": true,
	"township": true, "townships": true, "town": true, "city": true, "district": true, "village": true,
	"villages": true, "tract": true, "ward": true, "region": true, "state": true, "area": true, "areas": true,
	"north": true, "south": true, "east": true, "west": true, "on": true, "edge": true,
	"suburbs": true, "between": true, "beside": true, "border": true, "tsp": true, "myo": true, "vt": true,
	"division": true, "zone": true, "self": true, "administered": true, "sub": true, "road": true, "highway": true,
	"bridge": true, "camp": true, "gate": true, "is": true, "was": true, "by": true, "with": true, "for": true}

// levelAfter reads the level words right after token t1 ("township",
// "village tract").
func (f *folded) levelAfter(t1 int, q *Qualifier) {
	for _, w := range afterLevel {
		if f.wordsAt(t1, w.split) {
			q.Level, q.Village = w.level, w.village
			q.Words = strings.TrimSpace(q.Words + " " + w.words)
			return
		}
	}
}

// wordsAt reports whether the Latin tokens from t on are the given words.
func (f *folded) wordsAt(t int, words []string) bool {
	if t < 0 || t+len(words) > len(f.toks) {
		return false
	}
	for k, w := range words {
		tok := f.toks[t+k]
		if !tok.latin || string(f.b[tok.a:tok.b]) != w {
			return false
		}
	}
	return true
}

// wordsBefore reports whether the Latin tokens just before t are the given
// words, and returns the token where they start.
func (f *folded) wordsBefore(t int, words []string) (int, bool) {
	s := t - len(words)
	if f.wordsAt(s, words) {
		return s, true
	}
	return t, false
}

func (f *folded) qualifiersBefore(t0 int, q *Qualifier) {
	t := t0
	the := []string{"the"}
	t, _ = f.wordsBefore(t, the)
	for _, w := range beforeLevel {
		if s, ok := f.wordsBefore(t, w.split); ok {
			if q.Level == "" {
				q.Level, q.Village = w.level, w.village
			}
			q.Words = strings.TrimSpace(w.words + " " + q.Words)
			t, _ = f.wordsBefore(s, the)
			break
		}
	}
	for _, w := range outskirtsBefore {
		if _, ok := f.wordsBefore(t, w.split); ok {
			q.Outskirts = true
			q.Words = strings.TrimSpace(w.words + " " + q.Words)
			return
		}
	}
	for _, w := range nearBefore {
		if _, ok := f.wordsBefore(t, w.split); ok {
			q.Near = true
			q.Words = strings.TrimSpace(w.words + " " + q.Words)
			return
		}
	}
}

// Burmese words after a name.
var myAfter = []struct {
	word    string
	level   domain.GeoLevel
	village bool
}{
	{"ကျေးရွာအုပ်စု", domain.LevelVillageTract, false},
	{"ကျေးရွာ", domain.LevelVillageTract, true},
	{"မြို့နယ်", domain.LevelTownship, false},
	{"မြို့", domain.LevelTown, false},
	{"ခရိုင်", domain.LevelDistrict, false},
	{"ရပ်ကွက်", domain.LevelWard, false},
	{"ပြည်နယ်", domain.LevelState, false},
	{"တိုင်းဒေသကြီး", domain.LevelState, false},
	{"ရွာ", domain.LevelVillageTract, true},
}

var myNear = []string{"အနီးတစ်ဝိုက်", "အနီး", "နား", "ဘေး", "အရှေ့ဘက်", "အနောက်ဘက်", "တောင်ဘက်", "မြောက်ဘက်"}

// myQualifier reads the Burmese level and proximity words at the start of
// rest and returns how many bytes they take.
func myQualifier(rest []byte, q *Qualifier) int {
	used := 0
	for _, w := range myAfter {
		if strings.HasPrefix(string(rest), w.word) {
			q.Level, q.Village, q.Words = w.level, w.village, w.word
			used = len(w.word)
			if w.level == domain.LevelTown && strings.HasPrefix(string(rest[used:]), "ပြင်") {
				q.Outskirts = true
				q.Words += "ပြင်"
				return used + len("ပြင်")
			}
			break
		}
	}
	for _, w := range myNear {
		if strings.HasPrefix(string(rest[used:]), w) {
			q.Near = true
			q.Words += w
			return used + len(w)
		}
	}
	return used
}

// isMyanmarSign reports a Myanmar rune that cannot start a syllable.
func isMyanmarSign(r rune) bool {
	return r >= 0x102b && r <= 0x103e || r >= 0x1056 && r <= 0x1059 || r >= 0x105e && r <= 0x1060 ||
		r >= 0x1062 && r <= 0x1064 || r >= 0x1067 && r <= 0x106d || r >= 0x1071 && r <= 0x1074 ||
		r >= 0x1082 && r <= 0x108d || r == 0x108f || r >= 0x109a && r <= 0x109d
}

// syllableStarts returns the byte offsets in run where a Burmese syllable
// (or any other character, for other scripts) begins, plus len(run).
func syllableStarts(run []byte) []int {
	var out []int
	prev := rune(-1)
	for i := 0; i < len(run); {
		r, size := utf8.DecodeRune(run[i:])
		start := !isMyanmarSign(r) && prev != 0x1039
		if start && r >= 0x1000 && r <= 0x1021 {
			// a consonant closed by asat (်), possibly after a dot below,
			// ends the previous syllable
			j := i + size
			for j < len(run) {
				n, ns := utf8.DecodeRune(run[j:])
				if n == 0x1037 {
					j += ns
					continue
				}
				if n == 0x103a {
					start = false
				}
				break
			}
		}
		if start {
			out = append(out, i)
		}
		prev = r
		i += size
	}
	return append(out, len(run))
}

// maxSyllables bounds the length of a Burmese name in syllables.
const maxSyllables = 10

// burmeseSpans finds names inside a non-Latin run: at every syllable, the
// longest run of syllables that is a known name.
func (g *Gazetteer) burmeseSpans(f *folded, t int, phrase bool) []span {
	tok := f.toks[t]
	run := f.b[tok.a:tok.b]
	starts := syllableStarts(run)
	ix := g.names()
	var out []span
	for si := 0; si < len(starts)-1; {
		found := false
		for sj := min(len(starts)-1, si+maxSyllables); sj > si; sj-- {
			ns := ix.byKey[string(run[starts[si]:starts[sj]])]
			if len(ns) == 0 {
				continue
			}
			s := span{a: tok.a + starts[si], b: tok.a + starts[sj], t0: t, t1: t + 1}
			used := myQualifier(run[starts[sj]:], &s.qual)
			if !phrase && s.qual.Level == "" && (sj-si < 2 || g.coarsestName(ns) > gazdata.LevelTown) {
				// in running Burmese text a one-syllable name, or a
				// village tract's, counts only with a level word after it
				continue
			}
			for _, n := range ns {
				s.hits = append(s.hits, nameHit{n, qualityExact})
			}
			out = append(out, s)
			si, found = sj, true
			for si < len(starts)-1 && starts[si] < starts[sj]+used {
				si++ // the qualifier is not a name of its own
			}
			break
		}
		if !found {
			si++
		}
	}
	return out
}

// findSpans finds the place names in a text. In a phrase (Resolve) every
// token may start a name and misspellings are tried; in free text (Scan)
// the rules against false positives apply.
func (g *Gazetteer) findSpans(text string, phrase bool) ([]span, *folded) {
	f := fold(text)
	var spans []span
	if phrase {
		spans = g.phraseSpans(f)
	} else {
		spans = g.scanSpans(f)
	}
	spans = dropForeign(f, spans)
	for k := range spans {
		s := &spans[k]
		if f.toks[s.t0].latin {
			f.levelAfter(s.t1, &s.qual)
			f.qualifiersBefore(s.t0, &s.qual)
		}
	}
	return spans, f
}

// phraseSpans reads a short place phrase token by token, taking at each
// token the longest run of words that is a known name, then trying
// skeletons and edit distance for what is left.
func (g *Gazetteer) phraseSpans(f *folded) []span {
	var out []span
	for t := 0; t < len(f.toks); {
		if !f.toks[t].latin {
			out = append(out, g.burmeseSpans(f, t, true)...)
			t++
			continue
		}
		end := t
		for end < len(f.toks) && f.toks[end].latin && end-t < 6 {
			end++
		}
		// the longest run of words that is a name, exactly or by sound;
		// then, failing that, the longest within a few edits
		var got *span
		for _, fuzzy := range []int{0, 2} {
			if fuzzy > 0 && fillers[f.word(t)] {
				break
			}
			for u := end; u > t && got == nil; u-- {
				if fuzzy > 0 && (u-t > 4 || fillers[f.word(u-1)]) {
					continue
				}
				key := string(f.b[f.toks[t].a:f.toks[u-1].b])
				hits := g.lookupKey(key, fuzzy)
				if len(hits) > 0 && (fuzzy == 0 || u-t == 1 || g.hasMajor(hits)) {
					got = &span{a: f.toks[t].a, b: f.toks[u-1].b, t0: t, t1: u, hits: hits, fuzzy: fuzzy > 0}
				}
			}
			if got != nil {
				break
			}
		}
		if got == nil || fillers[f.word(t)] && !g.hasMajor(got.hits) {
			t++
			continue
		}
		out = append(out, *got)
		t = got.t1
	}
	return out
}

// coarsestName returns the coarsest level among the places of names.
func (g *Gazetteer) coarsestName(names []int32) uint8 {
	l := uint8(gazdata.LevelWard)
	for _, n := range names {
		l = min(l, g.d.Places[g.d.Names[n].Place].Level)
	}
	return l
}

// tokenAt returns the index of the token that starts at folded offset a.
func (f *folded) tokenAt(a int) int {
	i := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].a >= a })
	if i < len(f.toks) && f.toks[i].a == a {
		return i
	}
	return -1
}

// tokenEnding returns the index of the token that ends at folded offset b.
func (f *folded) tokenEnding(b int) int {
	i := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].b >= b })
	if i < len(f.toks) && f.toks[i].b == b {
		return i
	}
	return -1
}
