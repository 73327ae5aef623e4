package hxl

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"sitroom/internal/domain"
)

// ExportColumn is one column of sitroom's HXL export: a human header over
// its hashtag.
type ExportColumn struct {
	Header string
	Tag    string
}

// ExportColumns are the columns an HXL export writes, each tag one the
// importer reads back to the same field.
var ExportColumns = []ExportColumn{
	{"Report ID", TagFor(FieldID)},
	{"Date", TagFor(FieldDate)},
	{"End date", TagFor(FieldDateEnd)},
	{"Time precision", TagFor(FieldTimePrecision)},
	{"Event type", TagFor(FieldEventType)},
	{"Sub-event type", TagFor(FieldSubType)},
	{"Kind", TagFor(FieldKind)},
	{"Place", TagFor(FieldLocName)},
	{"P-code", TagFor(FieldLocCode)},
	{"Township P-code", TagFor(FieldAdm3Code)},
	{"District P-code", TagFor(FieldAdm2Code)},
	{"State/Region P-code", TagFor(FieldAdm1Code)},
	{"Latitude", TagFor(FieldLat)},
	{"Longitude", TagFor(FieldLon)},
	{"Killed", TagFor(FieldKilled)},
	{"Injured", TagFor(FieldInjured)},
	{"Displaced", TagFor(FieldDisplaced)},
	{"Arrested", TagFor(FieldArrested)},
	{"Attackers", "#actor+name+attacker"},
	{"Targets", "#actor+name+target"},
	{"Victims", "#actor+name+victim"},
	{"Other actors", "#actor+name+other"},
	{"Source", TagFor(FieldSource)},
	{"Source URL", TagFor(FieldSourceURL)},
	{"Text", TagFor(FieldText)},
}

// Row returns the cells of one claim of a report, in ExportColumns order.
func Row(r domain.Report, c domain.Claim) []string {
	actors := map[domain.ActorRole][]string{}
	for _, a := range c.Actors {
		actors[a.Role] = append(actors[a.Role], a.Name)
	}
	count := func(k domain.FigureKind) string {
		if f, ok := c.Figure(k); ok {
			return strconv.FormatInt(f.Min, 10)
		}
		return ""
	}
	coord := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	end := string(c.DateEnd)
	if end == string(c.DateStart) {
		end = ""
	}
	tp := ""
	if c.TimePrecision > 0 {
		tp = strconv.Itoa(int(c.TimePrecision))
	}
	pcode := c.PCode
	if pcode == c.Adm3 || pcode == c.Adm2 || pcode == c.Adm1 {
		pcode = "" // written in its own column
	}
	id := r.ClientID
	if id == "" {
		id = r.ID
	}
	if r.ClaimCount > 1 {
		id += "#" + strconv.Itoa(c.Seq)
	}
	return []string{
		id, string(c.DateStart), end, tp, c.Type.Name(), c.SubType.Name(), string(c.Kind),
		c.PlaceName, pcode, c.Adm3, c.Adm2, c.Adm1, coord(c.Lat), coord(c.Lon),
		count(domain.Killed), count(domain.Injured), count(domain.Displaced), count(domain.Arrested),
		strings.Join(actors[domain.ActorAttacker], "; "), strings.Join(actors[domain.ActorTarget], "; "),
		strings.Join(actors[domain.ActorVictim], "; "), strings.Join(append(actors[domain.ActorOther], actors[""]...), "; "),
		firstNonEmpty(r.Source, c.Source), r.SourceURL, r.Text,
	}
}

// Writer writes an HXL-tagged CSV: the human header, the hashtag row, then
// one row per claim.
type Writer struct {
	w      *csv.Writer
	header bool
}

// NewWriter returns a Writer over w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one claim of a report (the two header rows first, once).
func (w *Writer) Write(r domain.Report, c domain.Claim) error {
	if !w.header {
		w.header = true
		heads, tags := make([]string, len(ExportColumns)), make([]string, len(ExportColumns))
		for i, col := range ExportColumns {
			heads[i], tags[i] = col.Header, col.Tag
		}
		if err := w.w.Write(heads); err != nil {
			return err
		}
		if err := w.w.Write(tags); err != nil {
			return err
		}
	}
	return w.w.Write(Row(r, c))
}

// Flush writes what is buffered and reports any error.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
