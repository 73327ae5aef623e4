package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
)

func (s *Server) placeRoutes() {
	s.HandleFunc("GET /api/v1/places", s.searchPlaces)
	s.HandleFunc("GET /api/v1/places/{pcode}", s.getPlace)
	s.HandleFunc("GET /api/v1/places.geojson", s.placesGeoJSON)
}

func (s *Server) gazetteer(w http.ResponseWriter, r *http.Request) bool {
	if s.Places == nil {
		s.writeError(w, r, domain.Errorf(domain.CodeUnavailable, "no gazetteer on this node"))
		return false
	}
	return true
}

// searchPlaces autocompletes place names: by prefix of the English name,
// an alias or the Burmese name; exact matches and larger units first.
func (s *Server) searchPlaces(w http.ResponseWriter, r *http.Request) {
	if !s.gazetteer(w, r) {
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		s.writeError(w, r, domain.FieldError("q", "give the start of a place name, an alias or a P-code"))
		return
	}
	limit := 20
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.writeError(w, r, domain.FieldError("limit", "must be a whole number from 1 to 100"))
			return
		}
		limit = min(n, 100)
	}
	items := s.Places.Search(q, limit)
	if items == nil {
		items = []domain.Place{}
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// PlaceView is a place with its parents, children and every name it goes
// by with where that name comes from.
type PlaceView struct {
	domain.Place
	PointKind string            `json:"point_kind"`
	Active    bool              `json:"active"`
	Parents   []domain.Place    `json:"parents"`
	Children  []domain.Place    `json:"children"`
	Aliases   []gazetteer.Alias `json:"aliases"`
	// Superseded is the code asked for when it was replaced by Place.PCode.
	Superseded string `json:"superseded,omitempty"`
	Source     string `json:"source"`
}

func (s *Server) getPlace(w http.ResponseWriter, r *http.Request) {
	if !s.gazetteer(w, r) {
		return
	}
	code := strings.ToUpper(r.PathValue("pcode"))
	p, err := s.Places.Place(code)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := PlaceView{Place: p, PointKind: s.Places.PointKind(p.PCode), Active: s.Places.Active(p.PCode), Source: s.Places.Release()}
	if p.PCode != code {
		v.Superseded = code
	}
	if v.Parents, err = s.Places.Parents(p.PCode); err != nil {
		s.writeError(w, r, err)
		return
	}
	if v.Children, err = s.Places.Children(p.PCode); err != nil {
		s.writeError(w, r, err)
		return
	}
	if v.Aliases, err = s.Places.Aliases(p.PCode); err != nil {
		s.writeError(w, r, err)
		return
	}
	v.Parents, v.Children, v.Aliases = nonNil(v.Parents), nonNil(v.Children), nonNil(v.Aliases)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, v)
}

// placesGeoJSON writes the gazetteer's points as a GeoJSON FeatureCollection,
// for levels given in "level" (default township and town).
func (s *Server) placesGeoJSON(w http.ResponseWriter, r *http.Request) {
	if !s.gazetteer(w, r) {
		return
	}
	levels := list(r.URL.Query(), "level")
	if len(levels) == 0 {
		levels = []string{string(domain.LevelTownship), string(domain.LevelTown)}
	}
	type feature struct {
		Type       string            `json:"type"`
		ID         string            `json:"id"`
		Geometry   map[string]any    `json:"geometry"`
		Properties gazetteer.Feature `json:"properties"`
	}
	fc := struct {
		Type        string    `json:"type"`
		Attribution string    `json:"attribution"`
		Features    []feature `json:"features"`
	}{Type: "FeatureCollection", Attribution: s.Places.Release(), Features: []feature{}}
	for _, l := range levels {
		lvl := domain.GeoLevel(l)
		if lvl.Rank() < 1 || lvl == domain.LevelPoint {
			s.writeError(w, r, domain.FieldError("level", "%q is not one of state, district, township, town, village_tract, ward", l))
			return
		}
		for _, f := range s.Places.Features(lvl) {
			if !f.HasPoint {
				continue
			}
			fc.Features = append(fc.Features, feature{Type: "Feature", ID: f.PCode,
				Geometry: map[string]any{"type": "Point", "coordinates": []float64{f.Lon, f.Lat}}, Properties: f})
		}
	}
	w.Header().Set("Content-Type", "application/geo+json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(fc)
}
