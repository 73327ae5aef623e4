package acled

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"sitroom/internal/domain"
)

// disorderType is the codebook's disorder type of each event type, for
// claims that did not come from ACLED.
var disorderType = map[domain.EventType]string{
	domain.Battle:                   "Political violence",
	domain.ExplosionRemoteViolence:  "Political violence",
	domain.ViolenceAgainstCivilians: "Political violence",
	domain.Protest:                  "Demonstrations",
	domain.Riot:                     "Political violence; Demonstrations",
	domain.StrategicDevelopment:     "Strategic developments",
}

// Record returns the 31 cells, in the codebook's order, of one claim of a
// report: what sitroom knows in ACLED's shape, with the values an ACLED
// import kept in the report's meta filling the columns sitroom does not
// model (inter codes, admin names, source scale…).
func Record(r domain.Report, c domain.Claim) []string {
	meta := func(col string) string { return r.Meta[MetaKey(col)] }
	var first, second []domain.ClaimActor
	for _, a := range c.Actors {
		switch a.Role {
		case domain.ActorTarget, domain.ActorVictim:
			second = append(second, a)
		case domain.ActorAttacker:
			first = append(first, a)
		default:
			if len(first) == 0 {
				first = append(first, a)
			} else {
				second = append(second, a)
			}
		}
	}
	names := func(as []domain.ClaimActor) string {
		out := make([]string, len(as))
		for i, a := range as {
			out[i] = a.Name
		}
		return strings.Join(out, "; ")
	}
	inter := func(as []domain.ClaimActor, col string) string {
		if v := meta(col); v != "" {
			return v
		}
		if len(as) > 0 && as[0].Inter != domain.InterUnknown {
			return strconv.Itoa(int(as[0].Inter))
		}
		return ""
	}
	head := func(as []domain.ClaimActor) []domain.ClaimActor {
		if len(as) > 0 {
			return as[:1]
		}
		return nil
	}
	tail := func(as []domain.ClaimActor) []domain.ClaimActor {
		if len(as) > 1 {
			return as[1:]
		}
		return nil
	}
	id := meta("event_id_cnty")
	if id == "" {
		id = c.ID
	}
	disorder := meta("disorder_type")
	if disorder == "" {
		disorder = disorderType[c.Type]
	}
	year := ""
	if len(c.DateStart) >= 4 {
		year = string(c.DateStart[:4])
	}
	fatalities := "0"
	if f, ok := c.Figure(domain.Killed); ok {
		fatalities = strconv.FormatInt(f.Min, 10)
	}
	coord := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', 4, 64)
	}
	geoPrecision := meta("geo_precision")
	if geoPrecision == "" && c.GeoPrecision > 0 {
		geoPrecision = strconv.Itoa(c.GeoPrecision)
	}
	source := meta("source")
	if source == "" {
		source = firstNonEmpty(r.Source, c.Source)
	}
	timestamp := meta("timestamp")
	if timestamp == "" && !r.ReceivedAt.IsZero() {
		timestamp = strconv.FormatInt(r.ReceivedAt.Unix(), 10)
	}
	values := map[string]string{
		"event_id_cnty": id, "event_date": string(c.DateStart), "year": year,
		"time_precision": strconv.Itoa(int(c.TimePrecision)), "disorder_type": disorder,
		"event_type": c.Type.Name(), "sub_event_type": c.SubType.Name(),
		"actor1": names(head(first)), "assoc_actor_1": names(tail(first)), "inter1": inter(first, "inter1"),
		"actor2": names(head(second)), "assoc_actor_2": names(tail(second)), "inter2": inter(second, "inter2"),
		"location": c.PlaceName, "latitude": coord(c.Lat), "longitude": coord(c.Lon), "geo_precision": geoPrecision,
		"source": source, "notes": firstNonEmpty(r.Text, c.Summary), "fatalities": fatalities, "timestamp": timestamp,
	}
	if values["time_precision"] == "0" {
		values["time_precision"] = ""
	}
	out := make([]string, len(Columns))
	for i, col := range Columns {
		v, ok := values[col.Name]
		if !ok {
			v = meta(col.Name)
		}
		out[i] = v
	}
	return out
}

// Writer writes an ACLED-compatible CSV: the codebook's header, then one
// row per claim.
type Writer struct {
	w      *csv.Writer
	header bool
}

// NewWriter returns a Writer over w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one claim of a report (the header first, once).
func (w *Writer) Write(r domain.Report, c domain.Claim) error {
	if !w.header {
		w.header = true
		if err := w.w.Write(ColumnNames()); err != nil {
			return err
		}
	}
	return w.w.Write(Record(r, c))
}

// Flush writes what is buffered and reports any error.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
