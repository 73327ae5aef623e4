package gazetteer

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/gazetteer/internal/textkey"
	"sitroom/internal/normalise"
)

// Context is what is known around a place name: it decides between places
// that share a name.
type Context struct {
	// States limits the likely states/regions (P-codes such as "MMR015", or
	// names such as "Kachin").
	States []string `json:"states,omitempty"`
	// Near holds P-codes of other places named in the same report.
	Near []string `json:"near,omitempty"`
	// DefaultArea is the node's area (a P-code at any level, "MMR015" for
	// northern Shan): places inside it win ties.
	DefaultArea string `json:"default_area,omitempty"`
}

// Qualifier is what the words around a name say about it.
type Qualifier struct {
	// Level is the unit a level word named: "X township" → township,
	// "X village" → village_tract, "X town" → town.
	Level domain.GeoLevel `json:"level,omitempty"`
	// Village is set when the text said "village" (MIMU has village tracts,
	// so the place is the village tract of that name).
	Village bool `json:"village,omitempty"`
	// Near is set for "near X", "X km from X", "north of X": the place is a
	// reference point, so precision is at best 2.
	Near bool `json:"near,omitempty"`
	// Outskirts is set for "outskirts of X".
	Outskirts bool `json:"outskirts,omitempty"`
	// Words are the qualifying words as folded ("township", "near").
	Words string `json:"words,omitempty"`
}

// Ref names a place in a candidate's chain of parents.
type Ref struct {
	PCode string          `json:"pcode"`
	Name  string          `json:"name"`
	Level domain.GeoLevel `json:"level"`
}

// Candidate is one place a name may refer to, with how well it fits.
type Candidate struct {
	Place   domain.Place `json:"place"`
	Parents []Ref        `json:"parents,omitempty"` // nearest first, up to the state/region
	Lat     float64      `json:"lat"`
	Lon     float64      `json:"lon"`
	// PointKind says where Lat/Lon come from (see Gazetteer.PointKind).
	PointKind string `json:"point_kind"`
	// Precision is ACLED's geo_precision: 1 town or exact, 2 township,
	// district or "near", 3 state/region or larger.
	Precision int       `json:"precision"`
	Score     float64   `json:"score"`      // 0..1
	Matched   string    `json:"matched"`    // the name or alias that matched
	AliasKind string    `json:"alias_kind"` // its kind (official_mimu, news_spelling…)
	Qualifier Qualifier `json:"qualifier"`
	Active    bool      `json:"active"` // false for rows MIMU keeps for history
}

// pcodeRE matches a MIMU P-code typed as a place.
var pcodeRE = regexp.MustCompile(`^MMR(\d{3}([DS]\d{3}|\d{3}(7\d\d(5\d\d)?|\d{3})?)?)?$`)

// maxCandidates bounds the candidates returned for one name.
const maxCandidates = 10

// evalCtx is a Context resolved to place indices.
type evalCtx struct {
	states map[string]bool
	near   []int
	area   int
}

func (g *Gazetteer) evalContext(c Context) *evalCtx {
	e := &evalCtx{area: -1}
	if c.DefaultArea == "" {
		c.DefaultArea = g.area
	}
	if c.DefaultArea != "" {
		e.area = g.lookup(c.DefaultArea)
	}
	for _, s := range c.States {
		if i := g.lookup(s); i >= 0 {
			if e.states == nil {
				e.states = map[string]bool{}
			}
			e.states[g.d.Places[i].Adm1] = true
			continue
		}
		// a state's name
		for _, h := range g.lookupKey(textkey.Fold(s), 0) {
			p := &g.d.Places[g.d.Names[h.name].Place]
			if p.Level == gazdata.LevelState {
				if e.states == nil {
					e.states = map[string]bool{}
				}
				e.states[p.PCode] = true
			}
		}
	}
	for _, n := range c.Near {
		if i := g.lookup(n); i >= 0 {
			e.near = append(e.near, i)
		}
	}
	return e
}

// contains reports whether place a is b or lies above it.
func (g *Gazetteer) contains(a, b int) bool {
	if a == b || g.d.Places[a].Level == gazdata.LevelCountry {
		return true
	}
	x, ai := g.anc[b], int32(a)
	return x[0] == ai || x[1] == ai || x[2] == ai || x[3] == ai
}

// relation grades how close a candidate place a is to another place b of
// the same text: 0 the same township (or b lies above a), 1 the same
// district, 2 the same state/region, 3 unrelated. A candidate that holds b
// counts by its own size: a state holding b is only "the same state".
func (g *Gazetteer) relation(a, b int) int {
	pa := &g.d.Places[a]
	xa, xb := g.anc[a], g.anc[b]
	switch {
	case g.contains(b, a):
		return 0
	case g.contains(a, b):
		switch {
		case pa.Level >= gazdata.LevelTownship:
			return 0
		case pa.Level == gazdata.LevelDistrict:
			return 1
		}
		return 2
	case xa[3] >= 0 && xa[3] == xb[3]:
		return 0
	case xa[2] >= 0 && xa[2] == xb[2]:
		return 1
	case xa[1] >= 0 && xa[1] == xb[1]:
		return 2
	}
	return 3
}

var nearFactor = [...]float64{1, 0.95, 0.9, 0.8}

func (g *Gazetteer) contextFactor(i int, e *evalCtx) float64 {
	p := &g.d.Places[i]
	f := 1.0
	if e.area >= 0 && !g.contains(e.area, i) && !g.contains(i, e.area) {
		f *= 0.85
	}
	if len(e.states) > 0 && p.Level != gazdata.LevelCountry && !e.states[p.Adm1] {
		f *= 0.75
	}
	if len(e.near) > 0 {
		best := 3
		for _, j := range e.near {
			best = min(best, g.relation(i, j))
			if best == 0 {
				break
			}
		}
		f *= nearFactor[best]
	}
	return f
}

// levelPrior weighs a place's level against what the words said. With no
// level word a town beats its township (press usage and ACLED both name the
// town), and both beat a village tract of the same name.
func levelPrior(l uint8, q Qualifier) float64 {
	row, ok := priorTable[q.Level]
	if !ok {
		row = priorTable[""]
	}
	return row[l]
}

// priorTable holds the level weights by the level word seen ("" for none).
var priorTable = map[domain.GeoLevel][7]float64{
	//           country state district township town  VT    ward
	"":                       {0.9, 0.92, 0.9, 0.96, 1, 0.72, 0.5},
	domain.LevelTownship:     {0.5, 0.5, 0.75, 1, 0.8, 0.5, 0.4},
	domain.LevelTown:         {0.5, 0.5, 0.6, 0.85, 1, 0.6, 0.4},
	domain.LevelDistrict:     {0.6, 0.7, 1, 0.8, 0.75, 0.5, 0.4},
	domain.LevelState:        {0.8, 1, 0.9, 0.6, 0.55, 0.5, 0.4},
	domain.LevelVillageTract: {0.4, 0.4, 0.5, 0.6, 0.75, 1, 0.6},
	domain.LevelWard:         {0.4, 0.4, 0.4, 0.5, 0.5, 0.7, 1},
}

func precision(p *gazdata.Place, q Qualifier) int {
	var pr int
	switch p.Level {
	case gazdata.LevelTown:
		pr = 1
		if p.Point == gazdata.PointTownshipSeat {
			pr = 2
		}
	case gazdata.LevelWard:
		pr = 1
	case gazdata.LevelVillageTract, gazdata.LevelTownship, gazdata.LevelDistrict:
		pr = 2
	default:
		pr = 3
	}
	if q.Near && pr < 2 {
		pr = 2
	}
	return pr
}

// refs returns the chain of parents of place i up to its state (shared:
// callers must not change it).
func (g *Gazetteer) refs(i int) []Ref {
	g.refsOnce.Do(func() {
		g.refCache = make([][]Ref, len(g.d.Places))
		for k := range g.d.Places {
			g.refCache[k] = g.buildRefs(k)
		}
	})
	return g.refCache[i]
}

func (g *Gazetteer) buildRefs(i int) []Ref {
	var out []Ref
	for _, j := range g.parentChain(i) {
		p := &g.d.Places[j]
		if p.Level == gazdata.LevelCountry {
			break
		}
		out = append(out, Ref{PCode: p.PCode, Name: p.Name, Level: level(p.Level)})
	}
	return out
}

// scored is a place a name may refer to, with its score.
type scored struct {
	place int
	name  int32
	score float64
}

// rank scores the places that name hits refer to, best first.
func (g *Gazetteer) rank(hits []nameHit, q Qualifier, e *evalCtx) []scored {
	out := make([]scored, 0, len(hits))
	for _, h := range hits {
		n := &g.d.Names[h.name]
		pi := int(n.Place)
		if cur, ok := g.superseded[g.d.Places[pi].PCode]; ok {
			// a grouping whose code is superseded stands for its successor
			if j := g.index(cur); j >= 0 {
				pi = j
			}
		}
		base := h.quality * float64(n.Confidence)
		dup := false
		for k := range out {
			if out[k].place == pi {
				dup = true
				if base > out[k].score {
					out[k].score, out[k].name = base, h.name
				}
				break
			}
		}
		if !dup {
			out = append(out, scored{pi, h.name, base})
		}
	}
	for k := range out {
		p := &g.d.Places[out[k].place]
		sc := out[k].score * levelPrior(p.Level, q) * g.contextFactor(out[k].place, e)
		if p.Inactive {
			sc *= 0.8
		}
		out[k].score = math.Round(sc*1000) / 1000
	}
	sort.Slice(out, func(a, b int) bool {
		sa, sb := &out[a], &out[b]
		if sa.score != sb.score {
			return sa.score > sb.score
		}
		pa, pb := &g.d.Places[sa.place], &g.d.Places[sb.place]
		if ra, rb := level(pa.Level).Rank(), level(pb.Level).Rank(); ra != rb {
			return ra < rb
		}
		return pa.PCode < pb.PCode
	})
	return out
}

// candidates turns name hits into ranked candidates.
func (g *Gazetteer) candidates(hits []nameHit, q Qualifier, e *evalCtx) []Candidate {
	return g.toCandidates(g.rank(hits, q, e), q)
}

func (g *Gazetteer) toCandidates(r []scored, q Qualifier) []Candidate {
	if len(r) > maxCandidates {
		r = r[:maxCandidates]
	}
	out := make([]Candidate, len(r))
	for k, s := range r {
		p := &g.d.Places[s.place]
		n := &g.d.Names[s.name]
		out[k] = Candidate{
			Place: g.domainPlace(s.place), Parents: g.refs(s.place), Lat: p.Lat, Lon: p.Lon,
			PointKind: gazdata.PointKindNames[p.Point], Precision: precision(p, q),
			Score: s.score, Matched: n.Text, AliasKind: n.Kind, Qualifier: q, Active: !p.Inactive,
		}
	}
	return out
}

// Resolve returns the places a short place phrase may refer to, best first:
// "Laukkai", "near Chin Shwe Haw", "Kutkai township, northern Shan",
// "Nam Hpat Kar village", "လားရှိုးမြို့နယ်". When the phrase names several
// places, the most specific one is resolved and the others serve as
// context ("Mongko, Muse township"). Nothing found is an empty result. A
// context without DefaultArea takes the view's area (see InArea).
func (g *Gazetteer) Resolve(text string, ctx Context) []Candidate {
	if code := strings.ToUpper(strings.TrimSpace(text)); pcodeRE.MatchString(code) {
		if i := g.lookup(code); i >= 0 {
			p := &g.d.Places[i]
			return []Candidate{{Place: g.domainPlace(i), Parents: g.refs(i), Lat: p.Lat, Lon: p.Lon,
				PointKind: gazdata.PointKindNames[p.Point], Precision: precision(p, Qualifier{}), Score: 1,
				Matched: code, AliasKind: "pcode", Active: !p.Inactive}}
		}
		return nil
	}
	// A short Burmese phrase is too short for the Zawgyi detector, so both
	// readings are tried (normalise.Variants) and the better kept.
	variants := normalise.Variants(text)
	best := g.resolvePhrase(variants[0], ctx)
	for _, v := range variants[1:] {
		if c := g.resolvePhrase(v, ctx); len(c) > 0 && (len(best) == 0 || c[0].Score > best[0].Score) {
			best = c
		}
	}
	return best
}

func (g *Gazetteer) resolvePhrase(text string, ctx Context) []Candidate {
	spans, _ := g.findSpans(text, true)
	if len(spans) == 0 {
		return nil
	}
	e := g.evalContext(ctx)
	for k := range spans {
		spans[k].ranked = g.rank(spans[k].hits, spans[k].qual, e)
	}
	head := -1
	for k := range spans {
		if len(spans[k].ranked) == 0 {
			continue
		}
		if head < 0 || g.finer(&spans[k], &spans[head]) {
			head = k
		}
	}
	if head < 0 {
		return nil
	}
	if len(spans) > 1 {
		ext := *e
		ext.near = append([]int(nil), e.near...)
		for k := range spans {
			if k != head && len(spans[k].ranked) > 0 {
				ext.near = append(ext.near, spans[k].ranked[0].place)
			}
		}
		return g.candidates(spans[head].hits, spans[head].qual, &ext)
	}
	return g.toCandidates(spans[head].ranked, spans[head].qual)
}

// finer reports whether span a names a more specific place than span b:
// a finer level, or the same level and a clearly better score.
func (g *Gazetteer) finer(a, b *span) bool {
	ra, rb := g.d.Places[a.ranked[0].place].Level, g.d.Places[b.ranked[0].place].Level
	if a.qual.Near && !b.qual.Near && rb >= gazdata.LevelTownship {
		return false // "X, near Y": X is the place
	}
	return ra > rb
}

// ResolveBest returns the best candidate for a phrase, or false.
func (g *Gazetteer) ResolveBest(text string, ctx Context) (Candidate, bool) {
	c := g.Resolve(text, ctx)
	if len(c) == 0 {
		return Candidate{}, false
	}
	return c[0], true
}
