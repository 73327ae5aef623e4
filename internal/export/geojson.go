package export

import (
	"bufio"
	"encoding/json"
	"io"
	"math"

	"sitroom/internal/domain"
)

// GeoJSON (RFC 7946): a FeatureCollection with one Point feature per
// event, [longitude, latitude] in WGS 84 with five decimals (about a
// metre: finer would only be noise, and geojsonhint warns past six). An
// event with no point of its own takes its place's or township's point
// from the gazetteer; one with none at all has a null geometry.

// Feature is one event as a GeoJSON feature.
type Feature struct {
	Type       string            `json:"type"`
	ID         string            `json:"id"`
	Geometry   *Geometry         `json:"geometry"`
	Properties FeatureProperties `json:"properties"`
}

// Geometry is a GeoJSON Point.
type Geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// FeatureFigure is a figure as a lower bound with what each source said.
type FeatureFigure struct {
	Min      int64           `json:"min"`
	Disputed bool            `json:"disputed,omitempty"`
	Sources  []FeatureSource `json:"sources"`
}

// FeatureSource is one source's value of a figure.
type FeatureSource struct {
	Source    string           `json:"source"`
	Date      domain.Date      `json:"date,omitempty"`
	Min       int64            `json:"min"`
	Qualifier domain.Qualifier `json:"qualifier,omitempty"`
}

// FeatureProperties are an event's fields in a feature.
type FeatureProperties struct {
	Title         string                   `json:"title"`
	Type          domain.EventType         `json:"type"`
	SubType       domain.SubEventType      `json:"sub_type"`
	Kind          domain.Kind              `json:"kind,omitempty"`
	Status        domain.Status            `json:"status"`
	DateStart     domain.Date              `json:"date_start"`
	DateEnd       domain.Date              `json:"date_end"`
	TimePrecision domain.TimePrecision     `json:"time_precision,omitempty"`
	Place         string                   `json:"place,omitempty"`
	PCode         string                   `json:"pcode,omitempty"`
	GeoLevel      domain.GeoLevel          `json:"geo_level,omitempty"`
	GeoPrecision  int                      `json:"geo_precision,omitempty"`
	Adm1          string                   `json:"adm1_pcode,omitempty"`
	Adm1Name      string                   `json:"adm1_name,omitempty"`
	Adm2          string                   `json:"adm2_pcode,omitempty"`
	Adm2Name      string                   `json:"adm2_name,omitempty"`
	Adm3          string                   `json:"adm3_pcode,omitempty"`
	Adm3Name      string                   `json:"adm3_name,omitempty"`
	PointFrom     string                   `json:"point_from,omitempty"` // "event" or "gazetteer"
	Actors        []domain.EventActor      `json:"actors,omitempty"`
	Figures       map[string]FeatureFigure `json:"figures,omitempty"`
	Control       *domain.ControlChange    `json:"control,omitempty"`
	Access        *domain.Access           `json:"access,omitempty"`
	Site          *domain.Site             `json:"site,omitempty"`
	Cumulative    bool                     `json:"cumulative,omitempty"`
	Sources       []string                 `json:"sources"`
	SourceCount   int                      `json:"source_count"`
	UpdatedAt     string                   `json:"updated_at,omitempty"`
	URL           string                   `json:"url"`
}

func round5(v float64) float64 { return math.Round(v*1e5) / 1e5 }

// NewFeature builds an event's feature.
func NewFeature(it Item, places domain.Gazetteer, aud Audience) Feature {
	e := it.Event
	f := Feature{Type: "Feature", ID: e.ID}
	if lat, lon, ok := Point(&e, places); ok {
		f.Geometry = &Geometry{Type: "Point", Coordinates: [2]float64{round5(lon), round5(lat)}}
		f.Properties.PointFrom = "event"
		if e.Lat == nil || e.Lon == nil {
			f.Properties.PointFrom = "gazetteer"
		}
	}
	p := &f.Properties
	p.Title, p.Type, p.SubType, p.Kind, p.Status = e.Title, e.Type, e.SubType, e.Kind, e.Status
	p.DateStart, p.DateEnd, p.TimePrecision = e.DateStart, e.DateEnd, e.TimePrecision
	p.Place, p.PCode, p.GeoLevel, p.GeoPrecision = e.PlaceName, e.PCode, e.GeoLevel, e.GeoPrecision
	p.Adm1, p.Adm2, p.Adm3 = e.Adm1, e.Adm2, e.Adm3
	p.Adm1Name, p.Adm2Name, p.Adm3Name = placeName(places, e.Adm1), placeName(places, e.Adm2), placeName(places, e.Adm3)
	p.Actors, p.Control, p.Access, p.Site, p.Cumulative = e.Actors, e.Control, e.Access, e.Site, e.Cumulative
	p.Sources, p.SourceCount = it.Sources, e.SourceCount
	if p.Sources == nil {
		p.Sources = []string{}
	}
	if !e.UpdatedAt.IsZero() {
		p.UpdatedAt = e.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	p.URL = aud.EventURL(e.ID)
	for _, fig := range e.Figures {
		if p.Figures == nil {
			p.Figures = map[string]FeatureFigure{}
		}
		ff := FeatureFigure{Min: fig.Min, Disputed: fig.Disputed, Sources: []FeatureSource{}}
		for _, s := range fig.Sources {
			ff.Sources = append(ff.Sources, FeatureSource{Source: SourceName(s.Source), Date: s.Date, Min: s.Min, Qualifier: s.Qualifier})
		}
		p.Figures[string(fig.Kind)] = ff
	}
	return f
}

// GeoJSONWriter streams a FeatureCollection.
type GeoJSONWriter struct {
	w      *bufio.Writer
	places domain.Gazetteer
	aud    Audience
	n      int
}

// NewGeoJSONWriter returns a writer over w.
func NewGeoJSONWriter(w io.Writer, places domain.Gazetteer, aud Audience) *GeoJSONWriter {
	return &GeoJSONWriter{w: bufio.NewWriter(w), places: places, aud: aud}
}

// Write writes one event's feature (the collection's head first, once).
func (w *GeoJSONWriter) Write(it Item) error {
	if w.n == 0 {
		w.w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	} else {
		w.w.WriteString(",\n")
	}
	w.n++
	b, err := json.Marshal(NewFeature(it, w.places, w.aud))
	if err != nil {
		return err
	}
	if _, err := w.w.Write(b); err != nil {
		return err
	}
	// Hand full buffers on, so a long export streams to the client.
	if w.w.Buffered() > 32<<10 {
		return w.w.Flush()
	}
	return nil
}

// Close ends the collection and flushes.
func (w *GeoJSONWriter) Close() error {
	if w.n == 0 {
		w.w.WriteString(`{"type":"FeatureCollection","features":[`)
	}
	w.w.WriteString("\n]}\n")
	return w.w.Flush()
}
