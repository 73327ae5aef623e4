package gazetteer

import (
	"math"
	"sort"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/gazetteer/internal/textkey"
)

// Nearest is the answer of Reverse: the nearest town, its township and
// state/region, and how far the point is from the town.
type Nearest struct {
	Town       domain.Place `json:"town"`
	Township   domain.Place `json:"township"`
	State      domain.Place `json:"state"`
	DistanceKM float64      `json:"distance_km"`
}

// MaxReverseKM is how far from the nearest town a point may be for Reverse
// to answer: far enough for the remotest corners of Myanmar, not for
// points in another country's interior.
const MaxReverseKM = 150

// Reverse returns the town nearest to a point (by great-circle distance),
// with its township and state. A point with no town within MaxReverseKM is
// a CodeNotFound error; impossible coordinates are CodeInvalid.
func (g *Gazetteer) Reverse(lat, lon float64) (Nearest, error) {
	if math.IsNaN(lat) || lat < -90 || lat > 90 {
		return Nearest{}, domain.FieldError("lat", "latitude %v out of range", lat)
	}
	if math.IsNaN(lon) || lon < -180 || lon > 180 {
		return Nearest{}, domain.FieldError("lon", "longitude %v out of range", lon)
	}
	g.townsOnce.Do(func() {
		for i := range g.d.Places {
			p := &g.d.Places[i]
			if p.Level == gazdata.LevelTown && !p.Inactive && (p.Point == gazdata.PointOwn || p.Point == gazdata.PointGeoNames) {
				g.towns = append(g.towns, int32(i))
			}
		}
	})
	best, bestKM := -1, math.Inf(1)
	for _, i := range g.towns {
		p := &g.d.Places[i]
		if d := HaversineKM(lat, lon, p.Lat, p.Lon); d < bestKM {
			best, bestKM = int(i), d
		}
	}
	if best < 0 || bestKM > MaxReverseKM {
		return Nearest{}, domain.Errorf(domain.CodeNotFound, "no town within %d km of %.5f,%.5f", MaxReverseKM, lat, lon)
	}
	n := Nearest{Town: g.domainPlace(best), DistanceKM: math.Round(bestKM*1000) / 1000}
	if i := g.index(n.Town.Adm3); i >= 0 {
		n.Township = g.domainPlace(i)
	}
	if i := g.index(n.Town.Adm1); i >= 0 {
		n.State = g.domainPlace(i)
	}
	return n, nil
}

// HaversineKM is the great-circle distance between two points in km.
func HaversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088 // mean Earth radius
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Search lists places whose English name, Burmese name or alias starts with
// q, for autocomplete: exact names first, then larger units first, active
// before inactive. limit ≤ 0 means 10; at most 100.
func (g *Gazetteer) Search(q string, limit int) []domain.Place {
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 100)
	key := textkey.Fold(q)
	if key == "" {
		return nil
	}
	if i := g.lookup(q); i >= 0 && pcodeRE.MatchString(strings.ToUpper(strings.TrimSpace(q))) {
		return []domain.Place{g.domainPlace(i)}
	}
	ix := g.names()
	names := g.d.Names
	key = textkey.Joined(key) // "chin shwe" finds "Chinshwehaw"
	lo := sort.Search(len(ix.search), func(i int) bool { return ix.search[i].key >= key })
	type hit struct {
		place int32
		exact bool
	}
	best := map[int32]bool{} // place → exact
	var order []int32
	for k := lo; k < len(ix.search); k++ {
		sk := ix.search[k]
		if !strings.HasPrefix(sk.key, key) {
			break
		}
		n := &names[sk.name]
		exact := sk.key == key
		if e, ok := best[n.Place]; !ok {
			best[n.Place] = exact
			order = append(order, n.Place)
		} else if exact && !e {
			best[n.Place] = true
		}
	}
	hits := make([]hit, len(order))
	for k, p := range order {
		hits[k] = hit{p, best[p]}
	}
	ps := g.d.Places
	sort.SliceStable(hits, func(a, b int) bool {
		ha, hb := hits[a], hits[b]
		pa, pb := &ps[ha.place], &ps[hb.place]
		switch {
		case ha.exact != hb.exact:
			return ha.exact
		case pa.Inactive != pb.Inactive:
			return !pa.Inactive
		case pa.Level != pb.Level:
			return pa.Level < pb.Level
		case len(pa.Name) != len(pb.Name):
			return len(pa.Name) < len(pb.Name)
		}
		return pa.PCode < pb.PCode
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]domain.Place, len(hits))
	for k, h := range hits {
		out[k] = g.domainPlace(int(h.place))
	}
	return out
}
