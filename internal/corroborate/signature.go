package corroborate

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"sitroom/internal/domain"
)

// sig is what clustering compares of a claim, computed once.
type sig struct {
	claim  *domain.Claim
	family string
	bucket string
	// district is the bucket of the claim's district: statements about a
	// district (a self-administered zone such as Kokang) and about places in
	// it are compared across the two.
	district   string
	ancestors  [4]string // adm1, adm2, adm3, pcode
	rank       int
	start, end int // days since the epoch
	actors     []string
	attackers  []string
	hash       uint64
	hasText    bool
	site       string
	access     string
}

// family groups event types whose claims may describe one happening: a
// capture reported as a clash is one happening, an air strike and a clash
// are two; strategic developments split by kind.
func family(c *domain.Claim) string {
	switch c.Type {
	case domain.Protest, domain.Riot:
		return "demo"
	case domain.StrategicDevelopment:
		if c.Kind != "" {
			return "sd:" + string(c.Kind)
		}
		return "sd:" + string(c.SubType)
	}
	return string(c.Type)
}

func dayNumber(d domain.Date) int {
	t := d.Time()
	if t.IsZero() {
		return 0
	}
	return int(t.Unix() / 86400)
}

// areaKey is where a claim is indexed: its township (or its own code when
// coarser), else its folded place name.
func areaKey(l *domain.Location) string {
	switch {
	case l.Adm3 != "":
		return l.Adm3
	case l.PCode != "":
		return l.PCode
	default:
		return "name:" + strings.ToLower(strings.TrimSpace(l.PlaceName))
	}
}

func (e *Engine) signature(c *domain.Claim) *sig {
	s := &sig{claim: c, family: family(c), rank: rankOf(c.Location)}
	s.bucket = s.family + "|" + areaKey(&c.Location)
	if c.Adm2 != "" {
		s.district = s.family + "|" + c.Adm2
	}
	s.ancestors = [4]string{c.Adm1, c.Adm2, c.Adm3, c.PCode}
	s.start, s.end = dayNumber(c.DateStart), dayNumber(c.DateEnd)
	seen := map[string]bool{}
	for _, a := range c.Actors {
		names, known := e.expand(a.Name)
		if !known {
			// "our forces", "the enemy": nothing to compare.
			continue
		}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				s.actors = append(s.actors, n)
			}
			if a.Role == domain.ActorAttacker {
				s.attackers = append(s.attackers, n)
			}
		}
	}
	sort.Strings(s.actors)
	sort.Strings(s.attackers)
	if t := strings.TrimSpace(c.Summary); t != "" {
		s.hash, s.hasText = SimHash(t), true
	}
	if c.Site != nil {
		s.site = strings.ToLower(strings.TrimSpace(c.Site.Name))
	}
	if c.Access != nil {
		s.access = c.Access.Status
	}
	return s
}

// expand returns the canonical names an actor stands for, and whether the
// actor dictionary knew it.
func (e *Engine) expand(name string) ([]string, bool) {
	if e.cfg.Actors != nil {
		if xs := e.cfg.Actors(name); len(xs) > 0 {
			return xs, true
		}
	}
	return []string{strings.ToLower(strings.TrimSpace(name))}, false
}

// Weights of the similarity components and the threshold a claim must
// reach to join an event; measured on the labelled clustering set
// (docs/BENCHMARKS.md).
const (
	wPlace  = 0.35
	wTime   = 0.30
	wActors = 0.20
	wText   = 0.15
	// Threshold is the score a claim needs to join an event.
	Threshold = 0.62
)

// debugScore, when set by a test, sees every comparison.
var debugScore func(a, b *sig, parts string)

// score compares a claim with one claim of an event: 0 when they cannot
// be one happening, else a weighted similarity in (0, ~1.1].
func score(a, b *sig) float64 {
	if a.family != b.family || a.claim.ReportID == b.claim.ReportID || a.claim.Cumulative != b.claim.Cumulative {
		return 0
	}
	if a.access != b.access {
		return 0
	}
	p := placeScore(a, b)
	if p == 0 {
		return 0
	}
	t := timeScore(a, b)
	if t == 0 {
		return 0
	}
	act, conflict := actorScore(a, b)
	if conflict {
		return 0
	}
	// Wording only ever helps: sources paraphrase, so unlike wording says
	// little, but near-identical wording (a copied wire story) says much.
	txt := 0.5
	if a.hasText && b.hasText {
		sim := Similarity(a.hash, b.hash)
		txt = 0.5 + 0.5*clamp((sim-0.55)/0.35)
	}
	s := wPlace*p + wTime*t + wActors*act + wText*txt
	if a.claim.SubType != b.claim.SubType {
		s -= 0.1
	}
	switch {
	case a.site != "" && b.site != "" && a.site == b.site:
		s += 0.1
	case a.site != "" && b.site != "":
		s -= 0.25
	}
	s += figureScore(a.claim, b.claim)
	if debugScore != nil {
		debugScore(a, b, fmt.Sprintf("place %.2f time %.2f actors %.2f text %.2f total %.3f", p, t, act, txt, s))
	}
	return s
}

func clamp(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// placeScore: the same place 1; a township and a town or village in it
// 0.8; two towns under 3 km apart 0.6; a district and a place in it 0.5;
// a state against a finer place, or different places, 0 — an aggregate
// statement about a region is not the incident in one town.
func placeScore(a, b *sig) float64 {
	la, lb := &a.claim.Location, &b.claim.Location
	if la.PCode == "" || lb.PCode == "" {
		if la.PCode == "" && lb.PCode == "" && la.PlaceName != "" && strings.EqualFold(strings.TrimSpace(la.PlaceName), strings.TrimSpace(lb.PlaceName)) {
			return 1
		}
		return 0
	}
	if la.PCode == lb.PCode {
		return 1
	}
	// A district or self-administered zone (the Kokang zone is two
	// townships) may be a coarser naming of a place within it.
	if (a.rank == domain.LevelDistrict.Rank() && lb.Adm2 == la.PCode) || (b.rank == domain.LevelDistrict.Rank() && la.Adm2 == lb.PCode) {
		return 0.5
	}
	if a.rank >= domain.LevelTownship.Rank() && b.rank >= domain.LevelTownship.Rank() {
		if (a.rank == domain.LevelTownship.Rank() && lb.Adm3 == la.PCode) || (b.rank == domain.LevelTownship.Rank() && la.Adm3 == lb.PCode) {
			return 0.8
		}
		if la.GeoPrecision == 1 && lb.GeoPrecision == 1 && la.Lat != nil && lb.Lat != nil &&
			(la.GeoLevel == domain.LevelTown || la.GeoLevel == domain.LevelPoint) && (lb.GeoLevel == domain.LevelTown || lb.GeoLevel == domain.LevelPoint) &&
			haversineKm(*la.Lat, *la.Lon, *lb.Lat, *lb.Lon) < 3 {
			return 0.6
		}
	}
	return 0
}

func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// timeScore: the same day 1; overlapping periods 0.8 (0.3 when a day sits
// in a long campaign); a day apart 0.6 (a report dated the next day);
// two days apart 0.3 when either is only known to the week; else 0.
func timeScore(a, b *sig) float64 {
	if a.claim.Cumulative {
		// A running total is one statement: the same period, give or take a day.
		if abs(a.start-b.start) <= 1 && abs(a.end-b.end) <= 1 {
			return 1
		}
		return 0
	}
	gap := max(a.start, b.start) - min(a.end, b.end)
	la, lb := a.end-a.start, b.end-b.start
	switch {
	case gap <= 0 && a.start == b.start && a.end == b.end:
		return 1
	case gap <= 0 && (la >= 7 && lb <= 1 || lb >= 7 && la <= 1):
		return 0.3
	case gap <= 0:
		return 0.8
	case gap == 1:
		return 0.6
	case gap == 2 && (a.claim.TimePrecision >= domain.TimeWeek || b.claim.TimePrecision >= domain.TimeWeek):
		return 0.3
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// actorScore is the overlap of the two actor sets (names the dictionary
// knows, coalitions expanded to their members), 0.5 when either names none
// it knows; attackers with nothing in common are a conflict: two sides'
// attacks are two happenings.
func actorScore(a, b *sig) (float64, bool) {
	if len(a.attackers) > 0 && len(b.attackers) > 0 && !intersects(a.attackers, b.attackers) {
		return 0, true
	}
	if len(a.actors) == 0 || len(b.actors) == 0 {
		return 0.5, false
	}
	inter := 0
	for _, x := range a.actors {
		if contains(b.actors, x) {
			inter++
		}
	}
	smaller := min(len(a.actors), len(b.actors))
	return float64(inter) / float64(smaller), false
}

func contains(sorted []string, x string) bool {
	i := sort.SearchStrings(sorted, x)
	return i < len(sorted) && sorted[i] == x
}

func intersects(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// figureScore nudges: the same figures from two sources support one
// happening; figures far apart (a tenfold difference) suggest two.
func figureScore(a, b *domain.Claim) float64 {
	s := 0.0
	for _, fa := range a.Figures {
		fb, ok := b.Figure(fa.Kind)
		if !ok || fa.Min == 0 || fb.Min == 0 {
			continue
		}
		hi, lo := max(fa.Min, fb.Min), min(fa.Min, fb.Min)
		switch {
		case float64(hi) <= DisputeRatio*float64(lo):
			s += 0.05
		case hi > 10*lo:
			s -= 0.15
		}
	}
	return s
}
