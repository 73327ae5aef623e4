package gazetteer

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/gazetteer/internal/textkey"
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
	Score     float64   `json:"score"` // 0..1
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
func contains(a, b *gazdata.Place) bool {
	return a.PCode == b.PCode || a.Level == gazdata.LevelCountry ||
		b.Adm1 == a.PCode || b.Adm2 == a.PCode || b.Adm3 == a.PCode || b.Parent == a.PCode
}

// relation grades how close two places are: 0 one holds the other or they
// share a township, 1 same district, 2 same state/region, 3 unrelated.
func relation(a, b *gazdata.Place) int {
	switch {
	case contains(a, b) || contains(b, a):
		return 0
	case a.Adm3 != "" && a.Adm3 == b.Adm3:
		return 0
	case a.Adm2 != "" && a.Adm2 == b.Adm2:
		return 1
	case a.Adm1 != "" && a.Adm1 == b.Adm1:
		return 2
	}
	return 3
}

var nearFactor = [...]float64{1, 0.95, 0.9, 0.8}

func (g *Gazetteer) contextFactor(i int, e *evalCtx) float64 {
	p := &g.d.Places[i]
	f := 1.0
	if e.area >= 0 {
		a := &g.d.Places[e.area]
		if !contains(a, p) && !contains(p, a) {
			f *= 0.85
		}
	}
	if len(e.states) > 0 && p.Level != gazdata.LevelCountry && !e.states[p.Adm1] {
		f *= 0.75
	}
	if len(e.near) > 0 {
		best := 3
		for _, j := range e.near {
			best = min(best, relation(p, &g.d.Places[j]))
		}
		f *= nearFactor[best]
	}
	return f
}

// levelPrior weighs a place's level against what the words said. With no
// level word a town beats its township (press usage and ACLED both name the
// town), and both beat a village tract of the same name.
func levelPrior(l uint8, q Qualifier) float64 {
	table := map[domain.GeoLevel][7]float64{
		//           country state district township town  VT    ward
		"":                  {0.9, 0.92, 0.9, 0.96, 1, 0.72, 0.5},
		domain.LevelTownship: {0.5, 0.5, 0.75, 1, 0.8, 0.5, 0.4},
		domain.LevelTown:     {0.5, 0.5, 0.6, 0.85, 1, 0.6, 0.4},
		domain.LevelDistrict: {0.6, 0.7, 1, 0.8, 0.75, 0.5, 0.4},
		domain.LevelState:    {0.8, 1, 0.9, 0.6, 0.55, 0.5, 0.4},
		domain.LevelVillageTract: {0.4, 0.4, 0.5, 0.6, 0.75, 1, 0.6},
		domain.LevelWard:     {0.4, 0.4, 0.4, 0.5, 0.5, 0.7, 1},
	}
	row, ok := table[q.Level]
	if !ok {
		row = table[""]
	}
	return row[l]
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

func (g *Gazetteer) refs(i int) []Ref {
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

// candidates turns name hits into ranked candidates.
func (g *Gazetteer) candidates(hits []nameHit, q Qualifier, e *evalCtx) []Candidate {
	type best struct {
		base float64
		name int32
	}
	byPlace := map[int32]best{}
	for _, h := range hits {
		n := &g.d.Names[h.name]
		base := h.quality * float64(n.Confidence)
		pi := n.Place
		if cur, ok := g.superseded[g.d.Places[pi].PCode]; ok {
			// a grouping whose code is superseded stands for its successor
			if j := g.index(cur); j >= 0 {
				pi = int32(j)
			}
		}
		if b, ok := byPlace[pi]; !ok || base > b.base {
			byPlace[pi] = best{base, h.name}
		}
	}
	out := make([]Candidate, 0, len(byPlace))
	for pi, b := range byPlace {
		i := int(pi)
		p := &g.d.Places[i]
		score := b.base * levelPrior(p.Level, q) * g.contextFactor(i, e)
		if p.Inactive {
			score *= 0.8
		}
		n := &g.d.Names[b.name]
		out = append(out, Candidate{
			Place: g.domainPlace(i), Parents: g.refs(i), Lat: p.Lat, Lon: p.Lon,
			PointKind: gazdata.PointKindNames[p.Point], Precision: precision(p, q),
			Score: math.Round(score*1000) / 1000, Matched: n.Text, AliasKind: n.Kind, Qualifier: q, Active: !p.Inactive,
		})
	}
	sort.Slice(out, func(a, b int) bool {
		ca, cb := &out[a], &out[b]
		if ca.Score != cb.Score {
			return ca.Score > cb.Score
		}
		if ra, rb := ca.Place.Level.Rank(), cb.Place.Level.Rank(); ra != rb {
			return ra < rb
		}
		return ca.Place.PCode < cb.Place.PCode
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// Resolve returns the places a short place phrase may refer to, best first:
// "Laukkai", "near Chin Shwe Haw", "Kutkai township, northern Shan",
// "Nam Hpat Kar village", "လားရှိုးမြို့နယ်". When the phrase names several
// places, the most specific one is resolved and the others serve as
// context ("Mongko, Muse township"). Nothing found is an empty result.
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
	spans := g.findSpans(text, true)
	if len(spans) == 0 {
		return nil
	}
	e := g.evalContext(ctx)
	for k := range spans {
		spans[k].cands = g.candidates(spans[k].hits, spans[k].qual, e)
	}
	head := -1
	for k := range spans {
		if len(spans[k].cands) == 0 {
			continue
		}
		if head < 0 || finer(&spans[k], &spans[head]) {
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
			if k != head && len(spans[k].cands) > 0 {
				if i := g.index(spans[k].cands[0].Place.PCode); i >= 0 {
					ext.near = append(ext.near, i)
				}
			}
		}
		return g.candidates(spans[head].hits, spans[head].qual, &ext)
	}
	return spans[head].cands
}

// finer reports whether span a names a more specific place than span b:
// a finer level, or the same level and a clearly better score.
func finer(a, b *span) bool {
	ra, rb := levelCode(a.cands[0].Place.Level), levelCode(b.cands[0].Place.Level)
	if a.cands[0].Qualifier.Near && !b.cands[0].Qualifier.Near && rb >= gazdata.LevelTownship {
		return false // "X, near Y": X is the place
	}
	return ra > rb
}

// levelCode orders levels for picking the most specific name of a phrase:
// a village tract counts as finer than a town.
func levelCode(l domain.GeoLevel) uint8 {
	for i, n := range gazdata.LevelNames {
		if string(l) == n {
			return uint8(i)
		}
	}
	return 0
}

// ResolveBest returns the best candidate for a phrase, or false.
func (g *Gazetteer) ResolveBest(text string, ctx Context) (Candidate, bool) {
	c := g.Resolve(text, ctx)
	if len(c) == 0 {
		return Candidate{}, false
	}
	return c[0], true
}

func hasWordPrefix(s string, words ...string) bool {
	for _, w := range words {
		if s == w || strings.HasPrefix(s, w+" ") {
			return true
		}
	}
	return false
}
