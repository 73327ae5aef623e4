// Package gazdata is the format of sitroom's embedded gazetteer and the
// builder that makes it from the source files in
// internal/gazetteer/data/source (MIMU P-codes 9.6, the northern Shan alias
// list, GeoNames cities500, and the tables written for sitroom).
//
// The gazetteer package decodes it at start-up; `go generate` (see
// internal/gazetteer/gen) encodes it. Encoding is deterministic: the same
// sources always give the same bytes, which a test checks.
package gazdata

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// FormatVersion changes whenever the encoded layout changes.
const FormatVersion = 1

// Level codes of Place.Level, coarsest first.
const (
	LevelCountry uint8 = iota
	LevelState
	LevelDistrict
	LevelTownship
	LevelTown
	LevelVillageTract
	LevelWard
)

// LevelNames are the domain.GeoLevel spellings of the level codes.
var LevelNames = [...]string{"country", "state", "district", "township", "town", "village_tract", "ward"}

// Point kinds: where a place's coordinates come from.
const (
	PointNone         uint8 = iota
	PointOwn                // the place's own point (towns)
	PointSeat               // the township's seat town
	PointMean               // mean of the seats of the townships inside (districts, states, the country)
	PointTownshipSeat       // no own point: the seat of the township it lies in (village tracts, towns without a point)
	PointTown               // no own point: the point of the town it lies in (wards)
	PointGeoNames           // a GeoNames point where MIMU gives none
)

// PointKindNames name the point kinds for the API.
var PointKindNames = [...]string{"none", "own", "township_seat_town", "mean_of_township_seats", "township_seat_of_parent", "town_of_parent", "geonames"}

// Dataset is the whole embedded gazetteer.
type Dataset struct {
	Format     int
	Release    string // e.g. "MIMU Myanmar PCodes Release 9.6 (Feb 2025)"
	Places     []Place
	Names      []Name // grouped by place, in source order
	Superseded []Superseded
	Notes      []string // what the build repaired or skipped, for the record
	// StopNames are folded names that are also common English words: free
	// text matches them only when capitalised and qualified.
	StopNames []string
}

// Place is one unit of the hierarchy.
type Place struct {
	PCode  string
	Level  uint8
	Name   string // MIMU English name as published ("Pang Hseng (Kyu Koke) Town")
	NameMy string // Burmese, NFC, zero-width spaces removed
	Parent string // the P-code of the unit it lies directly in ("" for the country)
	Adm1   string
	Adm2   string
	Adm3   string
	Lat    float64
	Lon    float64
	Point  uint8 // a Point* kind
	// Inactive marks rows MIMU keeps for history (deleted, moved, merged).
	Inactive bool
	Note     string // MIMU change type and remark, or what the build did
}

// Name is one name a place is known by, with where it comes from. Fold and
// Skel are the textkey forms, computed once here.
type Name struct {
	Place      int32 // index into Dataset.Places
	Text       string
	Kind       string // official_mimu, mimu_name_part, news_spelling, geonames_alternatename, area_alias…
	Script     string // Latn, Mymr, Kana, Hani, other
	Source     string
	Ref        string
	Confidence float32
	Fold       string
	Skel       string
}

// Superseded maps a P-code that older releases or parallel structures use to
// the current code.
type Superseded struct {
	Old, New, Reason string
}

// magic starts every encoded dataset.
const magic = "SRGAZ"

// Encode writes d gzip-compressed in a compact binary layout: one table of
// unique strings, then places and names as varints that refer to it, so
// that decoding allocates a handful of blocks instead of one per string.
// The output depends only on d.
func Encode(w io.Writer, d *Dataset) error {
	st := &stringTable{index: map[string]uint64{}}
	var body []byte
	u := func(v uint64) { body = binary.AppendUvarint(body, v) }
	str := func(s string) { u(st.ref(s)) }
	deg := func(f float64) { body = binary.AppendVarint(body, int64(math.Round(f*1e6))) }

	u(uint64(d.Format))
	str(d.Release)
	u(uint64(len(d.Places)))
	for _, p := range d.Places {
		str(p.PCode)
		u(uint64(p.Level))
		str(p.Name)
		str(p.NameMy)
		str(p.Parent)
		str(p.Adm1)
		str(p.Adm2)
		str(p.Adm3)
		deg(p.Lat)
		deg(p.Lon)
		u(uint64(p.Point))
		if p.Inactive {
			u(1)
		} else {
			u(0)
		}
		str(p.Note)
	}
	u(uint64(len(d.Names)))
	for _, n := range d.Names {
		u(uint64(n.Place))
		str(n.Text)
		str(n.Kind)
		str(n.Script)
		str(n.Source)
		str(n.Ref)
		u(uint64(math.Round(float64(n.Confidence) * 1000)))
		str(n.Fold)
		str(n.Skel)
	}
	u(uint64(len(d.Superseded)))
	for _, s := range d.Superseded {
		str(s.Old)
		str(s.New)
		str(s.Reason)
	}
	for _, list := range [][]string{d.Notes, d.StopNames} {
		u(uint64(len(list)))
		for _, n := range list {
			str(n)
		}
	}

	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	var head []byte
	head = append(head, magic...)
	head = binary.AppendUvarint(head, uint64(len(st.list)))
	for _, s := range st.list {
		head = binary.AppendUvarint(head, uint64(len(s)))
	}
	for _, part := range [][]byte{head, []byte(strings.Join(st.list, "")), body} {
		if _, err := zw.Write(part); err != nil {
			return fmt.Errorf("encode gazetteer: %w", err)
		}
	}
	return zw.Close()
}

type stringTable struct {
	index map[string]uint64
	list  []string
}

func (t *stringTable) ref(s string) uint64 {
	if i, ok := t.index[s]; ok {
		return i
	}
	i := uint64(len(t.list))
	t.index[s] = i
	t.list = append(t.list, s)
	return i
}

var errCorrupt = errors.New("gazetteer data: corrupt")

type reader struct {
	b   []byte
	err error
}

func (r *reader) u() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) i() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Decode reads a dataset written by Encode.
func Decode(rd io.Reader) (*Dataset, error) {
	zr, err := gzip.NewReader(rd)
	if err != nil {
		return nil, fmt.Errorf("gazetteer data: %w", err)
	}
	defer zr.Close()
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gazetteer data: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errCorrupt
	}
	r := &reader{b: raw[len(magic):]}
	n := r.u()
	if r.err != nil || n > uint64(len(r.b)) {
		return nil, errCorrupt
	}
	lens := make([]uint64, n)
	var total uint64
	for i := range lens {
		lens[i] = r.u()
		total += lens[i]
	}
	if r.err != nil || total > uint64(len(r.b)) {
		return nil, errCorrupt
	}
	blob := string(r.b[:total]) // one allocation for every string
	r.b = r.b[total:]
	strs := make([]string, n)
	var off uint64
	for i, l := range lens {
		strs[i] = blob[off : off+l]
		off += l
	}
	str := func() string {
		i := r.u()
		if i >= uint64(len(strs)) {
			r.err = errCorrupt
			return ""
		}
		return strs[i]
	}
	count := func() int {
		c := r.u()
		if c > uint64(len(r.b)) {
			r.err = errCorrupt
			return 0
		}
		return int(c)
	}
	d := &Dataset{Format: int(r.u())}
	if d.Format != FormatVersion {
		return nil, fmt.Errorf("gazetteer data: format %d, want %d (run go generate ./internal/gazetteer)", d.Format, FormatVersion)
	}
	d.Release = str()
	d.Places = make([]Place, count())
	for i := range d.Places {
		p := &d.Places[i]
		p.PCode = str()
		p.Level = uint8(r.u())
		p.Name = str()
		p.NameMy = str()
		p.Parent = str()
		p.Adm1 = str()
		p.Adm2 = str()
		p.Adm3 = str()
		p.Lat = float64(r.i()) / 1e6
		p.Lon = float64(r.i()) / 1e6
		p.Point = uint8(r.u())
		p.Inactive = r.u() == 1
		p.Note = str()
	}
	d.Names = make([]Name, count())
	for i := range d.Names {
		nm := &d.Names[i]
		nm.Place = int32(r.u())
		nm.Text = str()
		nm.Kind = str()
		nm.Script = str()
		nm.Source = str()
		nm.Ref = str()
		nm.Confidence = float32(r.u()) / 1000
		nm.Fold = str()
		nm.Skel = str()
		if int(nm.Place) >= len(d.Places) {
			r.err = errCorrupt
		}
	}
	d.Superseded = make([]Superseded, count())
	for i := range d.Superseded {
		d.Superseded[i] = Superseded{Old: str(), New: str(), Reason: str()}
	}
	for _, list := range []*[]string{&d.Notes, &d.StopNames} {
		*list = make([]string, count())
		for i := range *list {
			(*list)[i] = str()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return d, nil
}
