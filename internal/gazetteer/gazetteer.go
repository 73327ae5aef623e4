// Package gazetteer is sitroom's embedded gazetteer of Myanmar: every MIMU
// unit (country, 18 states/regions, 84 districts/SAZs, 355 townships, 536
// towns, 14,047 village tracts, 3,524 wards) with P-codes, parents, English
// and Burmese names, the spellings the press uses, and a point for each
// place (its own, or a stated stand-in). It resolves place names as people
// write them to P-codes (Resolve), finds every place mention in a text
// (Scan), and answers look-ups by code, by prefix and by coordinates.
//
// The data is built from data/source by `go generate` and embedded; see
// data/source/CREDITS.md for sources and licences.
package gazetteer

//go:generate go run ./gen -src data/source -out data/gazetteer.bin.gz

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
)

//go:embed data/gazetteer.bin.gz
var embedded []byte

// Gazetteer answers place look-ups. It is safe for concurrent use; indexes
// for name matching and text scanning are built on first use. InArea gives
// a view with a default area that shares all of this.
type Gazetteer struct {
	*data
	area string // default area of Resolve and Scan when the context names none
}

// data is what views of one gazetteer share.
type data struct {
	d          *gazdata.Dataset
	superseded map[string]string
	nameStart  []int32    // names of place i are d.Names[nameStart[i]:nameStart[i+1]]
	children   [][]int32  // by place index
	anc        [][4]int32 // by place index: parent, adm1, adm2, adm3 (-1 when none)
	stop       map[string]bool

	idxOnce sync.Once
	idx     *nameIndex

	scanOnce sync.Once
	scan     *scanner

	refsOnce sync.Once
	refCache [][]Ref // parents of each place up to its state

	townsOnce sync.Once
	towns     []int32 // active towns with a point, for Reverse
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the gazetteer built from the embedded data, loading it
// on the first call. It panics if the embedded data is corrupt, which a
// test guards against.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil {
			panic(fmt.Sprintf("gazetteer: embedded data: %v", err))
		}
		defaultGaz = g
	})
	return defaultGaz
}

// Load reads a gazetteer written by the generator.
func Load(r io.Reader) (*Gazetteer, error) {
	d, err := gazdata.Decode(r)
	if err != nil {
		return nil, domain.Errorf(domain.CodeInternal, "load gazetteer: %w", err)
	}
	return newGazetteer(d), nil
}

func newGazetteer(d *gazdata.Dataset) *Gazetteer {
	g := &data{d: d, superseded: make(map[string]string, len(d.Superseded)), stop: make(map[string]bool, len(d.StopNames))}
	for _, s := range d.Superseded {
		g.superseded[s.Old] = s.New
	}
	for _, s := range d.StopNames {
		g.stop[s] = true
	}
	g.nameStart = make([]int32, len(d.Places)+1)
	for _, n := range d.Names {
		g.nameStart[n.Place+1]++
	}
	for i := 1; i < len(g.nameStart); i++ {
		g.nameStart[i] += g.nameStart[i-1]
	}
	g.children = make([][]int32, len(d.Places))
	g.anc = make([][4]int32, len(d.Places))
	for i := range d.Places {
		p := &d.Places[i]
		for k, code := range [4]string{p.Parent, p.Adm1, p.Adm2, p.Adm3} {
			g.anc[i][k] = -1
			if code != "" {
				g.anc[i][k] = int32(g.index(code))
			}
		}
		if j := g.anc[i][0]; j >= 0 {
			g.children[j] = append(g.children[j], int32(i))
		}
	}
	return &Gazetteer{data: g}
}

// InArea returns a view of g whose Resolve and Scan take area (a P-code at
// any level, "MMR015" for a northern Shan node) as the default area when
// their context names none. The view shares g's data and indexes.
func (g *Gazetteer) InArea(area string) *Gazetteer {
	return &Gazetteer{data: g.data, area: strings.ToUpper(strings.TrimSpace(area))}
}

// Area returns the view's default area ("" for none).
func (g *Gazetteer) Area() string { return g.area }

// Release names the data release the gazetteer holds.
func (g *Gazetteer) Release() string { return g.d.Release }

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.d.Places) }

// index returns the position of a P-code in the sorted place list, or -1.
func (g *data) index(code string) int {
	ps := g.d.Places
	i := sort.Search(len(ps), func(i int) bool { return ps[i].PCode >= code })
	if i < len(ps) && ps[i].PCode == code {
		return i
	}
	return -1
}

// lookup finds a P-code, following superseded codes; case and spaces are
// forgiven.
func (g *Gazetteer) lookup(pcode string) int {
	code := strings.ToUpper(strings.TrimSpace(pcode))
	if cur, ok := g.superseded[code]; ok {
		code = cur
	}
	return g.index(code)
}

// Current returns the current P-code for a code (itself when it is not
// superseded) and whether the gazetteer knows it.
func (g *Gazetteer) Current(pcode string) (string, bool) {
	i := g.lookup(pcode)
	if i < 0 {
		return "", false
	}
	return g.d.Places[i].PCode, true
}

// Place returns the place with a P-code. A superseded code (the Kokang SAZ's
// MMR015D005 of older releases) returns its successor; an unknown code is a
// CodeNotFound error. It implements domain.Gazetteer.
func (g *Gazetteer) Place(pcode string) (domain.Place, error) {
	i := g.lookup(pcode)
	if i < 0 {
		return domain.Place{}, domain.NotFound("place", pcode)
	}
	return g.domainPlace(i), nil
}

var _ domain.Gazetteer = (*Gazetteer)(nil)

func level(l uint8) domain.GeoLevel { return domain.GeoLevel(gazdata.LevelNames[l]) }

func (g *Gazetteer) domainPlace(i int) domain.Place {
	p := &g.d.Places[i]
	return domain.Place{
		PCode: p.PCode, Level: level(p.Level), Name: p.Name, NameMy: p.NameMy,
		Adm1: p.Adm1, Adm2: p.Adm2, Adm3: p.Adm3,
		Lat: p.Lat, Lon: p.Lon, HasPoint: p.Point != gazdata.PointNone,
	}
}

// PointKind says where a place's point comes from: "own" (a town),
// "township_seat_town" (a township: its seat town), "mean_of_township_seats"
// (a district, state or the country), "township_seat_of_parent" (a village
// tract, or a town without its own point: the seat of its township),
// "town_of_parent" (a ward: its town), "geonames", or "none".
func (g *Gazetteer) PointKind(pcode string) string {
	i := g.lookup(pcode)
	if i < 0 {
		return ""
	}
	return gazdata.PointKindNames[g.d.Places[i].Point]
}

// Active reports whether MIMU lists the place as active (false for deleted,
// moved or merged rows, which the gazetteer keeps and ranks lower).
func (g *Gazetteer) Active(pcode string) bool {
	i := g.lookup(pcode)
	return i >= 0 && !g.d.Places[i].Inactive
}

// Children returns the places directly inside a place: states of the
// country, districts of a state, townships of a district, towns and village
// tracts of a township, wards of a town; towns first, then by name.
func (g *Gazetteer) Children(pcode string) ([]domain.Place, error) {
	i := g.lookup(pcode)
	if i < 0 {
		return nil, domain.NotFound("place", pcode)
	}
	kids := append([]int32(nil), g.children[i]...)
	sort.SliceStable(kids, func(a, b int) bool {
		pa, pb := &g.d.Places[kids[a]], &g.d.Places[kids[b]]
		if pa.Level != pb.Level {
			return pa.Level < pb.Level
		}
		return pa.Name < pb.Name
	})
	out := make([]domain.Place, len(kids))
	for k, j := range kids {
		out[k] = g.domainPlace(int(j))
	}
	return out, nil
}

// Parents returns the places a place lies in, nearest first, up to the
// country.
func (g *Gazetteer) Parents(pcode string) ([]domain.Place, error) {
	i := g.lookup(pcode)
	if i < 0 {
		return nil, domain.NotFound("place", pcode)
	}
	var out []domain.Place
	for _, j := range g.parentChain(i) {
		out = append(out, g.domainPlace(j))
	}
	return out, nil
}

func (g *Gazetteer) parentChain(i int) []int {
	var out []int
	for seen := 0; seen < 8; seen++ {
		j := int(g.anc[i][0])
		if j < 0 {
			break
		}
		out = append(out, j)
		i = j
	}
	return out
}

// Alias is one name of a place with where it comes from, so that a reader
// can judge it.
type Alias struct {
	Name       string  `json:"name"`
	Kind       string  `json:"kind"`   // official_mimu, mimu_name_part, news_spelling, geonames_alternatename, area_alias…
	Script     string  `json:"script"` // Latn, Mymr, Kana, Hani, other
	Source     string  `json:"source"`
	Ref        string  `json:"ref,omitempty"` // a URL where the spelling was seen
	Confidence float64 `json:"confidence"`    // 0..1; unverified kinds are low
}

// Aliases returns every name of a place, official names first.
func (g *Gazetteer) Aliases(pcode string) ([]Alias, error) {
	i := g.lookup(pcode)
	if i < 0 {
		return nil, domain.NotFound("place", pcode)
	}
	names := g.d.Names[g.nameStart[i]:g.nameStart[i+1]]
	out := make([]Alias, len(names))
	for k, n := range names {
		out[k] = Alias{Name: n.Text, Kind: n.Kind, Script: n.Script, Source: n.Source, Ref: n.Ref, Confidence: round3(float64(n.Confidence))}
	}
	return out, nil
}

// Feature is a place as a flat record for map exports (GeoJSON points).
type Feature struct {
	PCode     string          `json:"pcode"`
	Level     domain.GeoLevel `json:"level"`
	Name      string          `json:"name"`
	NameMy    string          `json:"name_my,omitempty"`
	Parent    string          `json:"parent_pcode,omitempty"`
	Adm1      string          `json:"adm1_pcode,omitempty"`
	Adm2      string          `json:"adm2_pcode,omitempty"`
	Adm3      string          `json:"adm3_pcode,omitempty"`
	Lat       float64         `json:"lat"`
	Lon       float64         `json:"lon"`
	HasPoint  bool            `json:"has_point"`
	PointKind string          `json:"point_kind"` // see Gazetteer.PointKind
	Active    bool            `json:"active"`
	Note      string          `json:"note,omitempty"` // MIMU change type and remark
}

// Features returns every place of a level in P-code order; an empty level
// returns all places.
func (g *Gazetteer) Features(l domain.GeoLevel) []Feature {
	var out []Feature
	for i := range g.d.Places {
		p := &g.d.Places[i]
		if l != "" && level(p.Level) != l {
			continue
		}
		out = append(out, Feature{PCode: p.PCode, Level: level(p.Level), Name: p.Name, NameMy: p.NameMy, Parent: p.Parent,
			Adm1: p.Adm1, Adm2: p.Adm2, Adm3: p.Adm3, Lat: p.Lat, Lon: p.Lon, HasPoint: p.Point != gazdata.PointNone,
			PointKind: gazdata.PointKindNames[p.Point], Active: !p.Inactive, Note: p.Note})
	}
	return out
}

// Levels lists the levels the gazetteer holds, coarsest first.
func Levels() []domain.GeoLevel {
	out := make([]domain.GeoLevel, len(gazdata.LevelNames))
	for i := range gazdata.LevelNames {
		out[i] = domain.GeoLevel(gazdata.LevelNames[i])
	}
	return out
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
