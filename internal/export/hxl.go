package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/hxl"
)

// HXLColumn is one column of the events' HXL export: a human header over
// its hashtag.
type HXLColumn struct {
	Header string
	Tag    string
	value  func(it Item, x *hxlCtx) string
}

type hxlCtx struct {
	places domain.Gazetteer
	aud    Audience
}

func figureCell(k domain.FigureKind) func(Item, *hxlCtx) string {
	return func(it Item, _ *hxlCtx) string {
		if f, ok := it.Event.Figure(k); ok {
			return strconv.FormatInt(f.Min, 10)
		}
		return ""
	}
}

func figureSourcesCell(k domain.FigureKind) func(Item, *hxlCtx) string {
	return func(it Item, _ *hxlCtx) string {
		if f, ok := it.Event.Figure(k); ok {
			return FigureSources(f)
		}
		return ""
	}
}

func actorsCell(role domain.ActorRole) func(Item, *hxlCtx) string {
	return func(it Item, _ *hxlCtx) string {
		var names []string
		for _, a := range it.Event.Actors {
			r := a.Role
			if r == "" {
				r = domain.ActorOther
			}
			if r == role {
				names = append(names, a.Name)
			}
		}
		return strings.Join(names, "; ")
	}
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 5, 64) }

// HXLColumns are the columns of the events' HXL export. The tags of the
// fields the importer knows are its canonical ones (hxl.TagFor), so an
// export reads back; each figure is its lower bound, and the column after
// it says which source gave what.
var HXLColumns = []HXLColumn{
	{"Event ID", "#event+id", func(it Item, _ *hxlCtx) string { return it.Event.ID }},
	{"Date", hxl.TagFor(hxl.FieldDate), func(it Item, _ *hxlCtx) string { return string(it.Event.DateStart) }},
	{"End date", hxl.TagFor(hxl.FieldDateEnd), func(it Item, _ *hxlCtx) string { return string(it.Event.DateEnd) }},
	{"Time precision", hxl.TagFor(hxl.FieldTimePrecision), func(it Item, _ *hxlCtx) string {
		if it.Event.TimePrecision == 0 {
			return ""
		}
		return strconv.Itoa(int(it.Event.TimePrecision))
	}},
	{"Event type", hxl.TagFor(hxl.FieldEventType), func(it Item, _ *hxlCtx) string { return it.Event.Type.Name() }},
	{"Sub-event type", hxl.TagFor(hxl.FieldSubType), func(it Item, _ *hxlCtx) string { return it.Event.SubType.Name() }},
	{"Kind", hxl.TagFor(hxl.FieldKind), func(it Item, _ *hxlCtx) string { return string(it.Event.Kind) }},
	{"Title", "#event+name", func(it Item, _ *hxlCtx) string { return it.Event.Title }},
	{"Status", "#status+verification", func(it Item, _ *hxlCtx) string { return string(it.Event.Status) }},
	{"Place", hxl.TagFor(hxl.FieldLocName), func(it Item, _ *hxlCtx) string { return it.Event.PlaceName }},
	{"P-code", hxl.TagFor(hxl.FieldLocCode), func(it Item, _ *hxlCtx) string { return it.Event.PCode }},
	{"Township", hxl.TagFor(hxl.FieldAdm3Name), func(it Item, x *hxlCtx) string { return placeName(x.places, it.Event.Adm3) }},
	{"Township P-code", hxl.TagFor(hxl.FieldAdm3Code), func(it Item, _ *hxlCtx) string { return it.Event.Adm3 }},
	{"District", hxl.TagFor(hxl.FieldAdm2Name), func(it Item, x *hxlCtx) string { return placeName(x.places, it.Event.Adm2) }},
	{"District P-code", hxl.TagFor(hxl.FieldAdm2Code), func(it Item, _ *hxlCtx) string { return it.Event.Adm2 }},
	{"State/Region", hxl.TagFor(hxl.FieldAdm1Name), func(it Item, x *hxlCtx) string { return placeName(x.places, it.Event.Adm1) }},
	{"State/Region P-code", hxl.TagFor(hxl.FieldAdm1Code), func(it Item, _ *hxlCtx) string { return it.Event.Adm1 }},
	{"Latitude", hxl.TagFor(hxl.FieldLat), func(it Item, x *hxlCtx) string {
		if lat, _, ok := Point(&it.Event, x.places); ok {
			return coord(lat)
		}
		return ""
	}},
	{"Longitude", hxl.TagFor(hxl.FieldLon), func(it Item, x *hxlCtx) string {
		if _, lon, ok := Point(&it.Event, x.places); ok {
			return coord(lon)
		}
		return ""
	}},
	{"Geo precision", "#geo+precision", func(it Item, _ *hxlCtx) string {
		p := it.Event.GeoPrecision
		if p == 0 {
			p = it.Event.GeoLevel.GeoPrecision()
		}
		return strconv.Itoa(p)
	}},
	{"Attackers", "#actor+name+attacker", actorsCell(domain.ActorAttacker)},
	{"Targets", "#actor+name+target", actorsCell(domain.ActorTarget)},
	{"Victims", "#actor+name+victim", actorsCell(domain.ActorVictim)},
	{"Other actors", "#actor+name+other", actorsCell(domain.ActorOther)},
	{"Killed (at least)", hxl.TagFor(hxl.FieldKilled), figureCell(domain.Killed)},
	{"Killed: sources", "#meta+sources+killed", figureSourcesCell(domain.Killed)},
	{"Injured (at least)", hxl.TagFor(hxl.FieldInjured), figureCell(domain.Injured)},
	{"Injured: sources", "#meta+sources+injured", figureSourcesCell(domain.Injured)},
	{"Displaced (at least)", hxl.TagFor(hxl.FieldDisplaced), figureCell(domain.Displaced)},
	{"Displaced: sources", "#meta+sources+displaced", figureSourcesCell(domain.Displaced)},
	{"Arrested (at least)", hxl.TagFor(hxl.FieldArrested), figureCell(domain.Arrested)},
	{"Arrested: sources", "#meta+sources+arrested", figureSourcesCell(domain.Arrested)},
	{"Disputed", "#meta+disputed", func(it Item, _ *hxlCtx) string {
		var ks []string
		for _, f := range it.Event.Figures {
			if f.Disputed {
				ks = append(ks, string(f.Kind))
			}
		}
		return strings.Join(ks, "; ")
	}},
	{"Running total", "#meta+cumulative", func(it Item, _ *hxlCtx) string {
		if it.Event.Cumulative {
			return "yes"
		}
		return ""
	}},
	{"Sources", hxl.TagFor(hxl.FieldSource), func(it Item, _ *hxlCtx) string { return strings.Join(it.Sources, "; ") }},
	{"Notes", hxl.TagFor(hxl.FieldText), func(it Item, _ *hxlCtx) string { return Notes(it) }},
	{"Updated", "#date+updated", func(it Item, _ *hxlCtx) string {
		if it.Event.UpdatedAt.IsZero() {
			return ""
		}
		return it.Event.UpdatedAt.UTC().Format(time.RFC3339)
	}},
	{"Event page", hxl.TagFor(hxl.FieldSourceURL), func(it Item, x *hxlCtx) string { return x.aud.EventURL(it.Event.ID) }},
}

// HXLWriter writes events as an HXL-tagged CSV: the human header, the
// hashtag row, then one row per event.
type HXLWriter struct {
	w      *csv.Writer
	ctx    hxlCtx
	header bool
}

// NewHXLWriter returns a writer over w.
func NewHXLWriter(w io.Writer, places domain.Gazetteer, aud Audience) *HXLWriter {
	return &HXLWriter{w: csv.NewWriter(w), ctx: hxlCtx{places: places, aud: aud}}
}

func (w *HXLWriter) writeHeader() error {
	w.header = true
	heads, tags := make([]string, len(HXLColumns)), make([]string, len(HXLColumns))
	for i, c := range HXLColumns {
		heads[i], tags[i] = c.Header, c.Tag
	}
	if err := w.w.Write(heads); err != nil {
		return err
	}
	return w.w.Write(tags)
}

// Write writes one event (the two header rows first, once).
func (w *HXLWriter) Write(it Item) error {
	if !w.header {
		if err := w.writeHeader(); err != nil {
			return err
		}
	}
	row := make([]string, len(HXLColumns))
	for i, c := range HXLColumns {
		row[i] = c.value(it, &w.ctx)
	}
	return w.w.Write(row)
}

// Close writes the header rows if no event was written, and flushes.
func (w *HXLWriter) Close() error {
	if !w.header {
		if err := w.writeHeader(); err != nil {
			return err
		}
	}
	w.w.Flush()
	return w.w.Error()
}
