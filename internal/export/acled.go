package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitroom/internal/acled"
	"sitroom/internal/domain"
)

// ACLED constants for Myanmar rows.
const (
	acledISO     = "104"
	acledRegion  = "Southeast Asia"
	acledCountry = "Myanmar"
)

// ACLEDWriter writes events as an ACLED-compatible CSV through
// acled.Writer: the codebook's 31 columns in its order, one row per event.
type ACLEDWriter struct {
	out    io.Writer
	w      *acled.Writer
	places domain.Gazetteer
	n      int
}

// NewACLEDWriter returns a writer over w; places names admin areas.
func NewACLEDWriter(w io.Writer, places domain.Gazetteer) *ACLEDWriter {
	return &ACLEDWriter{out: w, w: acled.NewWriter(w), places: places}
}

// Write writes one event.
func (w *ACLEDWriter) Write(it Item) error {
	w.n++
	r, c := ACLEDRow(it, w.places)
	return w.w.Write(r, c)
}

// Close writes the header if no event was written, and flushes.
func (w *ACLEDWriter) Close() error {
	if w.n == 0 {
		// acled.Writer writes its header with the first row; an empty
		// export still names its columns.
		cw := csv.NewWriter(w.out)
		if err := cw.Write(acled.ColumnNames()); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
	return w.w.Flush()
}

// ACLEDRow puts an event in the shape acled.Record reads: a report whose
// meta carries the columns sitroom derives for events (admin names, inter
// and interaction codes, civilian targeting, country) and whose text is
// the notes, and one claim with the event's place, period, actors and
// conservative fatalities (the event's lower bound for killed).
func ACLEDRow(it Item, places domain.Gazetteer) (domain.Report, domain.Claim) {
	e := it.Event
	meta := map[string]string{}
	set := func(col, v string) {
		if v != "" {
			meta[acled.MetaKey(col)] = v
		}
	}
	set("event_id_cnty", e.ID)
	set("iso", acledISO)
	set("region", acledRegion)
	set("country", acledCountry)
	set("admin1", placeName(places, e.Adm1))
	set("admin2", placeName(places, e.Adm2))
	set("admin3", placeName(places, e.Adm3))
	precision := e.GeoPrecision
	if precision == 0 {
		precision = e.GeoLevel.GeoPrecision()
	}
	set("geo_precision", strconv.Itoa(precision))
	var first, second []domain.ClaimActor
	civilians := e.Type == domain.ViolenceAgainstCivilians
	for _, a := range e.Actors {
		ca := domain.ClaimActor(a)
		switch a.Role {
		case domain.ActorTarget, domain.ActorVictim:
			second = append(second, ca)
			if a.Role == domain.ActorVictim || a.Inter == domain.InterCivilians {
				civilians = true
			}
		default:
			first = append(first, ca)
		}
	}
	// Only the attacking side and the attacked side reach the row: role
	// "other" actors go with actor1, as acled.Record does.
	inter1, inter2 := interOf(first), interOf(second)
	if len(first) > 0 {
		set("inter1", strconv.Itoa(int(inter1)))
	}
	if len(second) > 0 {
		set("inter2", strconv.Itoa(int(inter2)))
	}
	set("interaction", interaction(inter1, inter2, len(second) > 0))
	if civilians {
		set("civilian_targeting", "Civilian targeting")
	}
	if e.Cumulative {
		set("tags", "running total")
	}
	if !e.UpdatedAt.IsZero() {
		set("timestamp", strconv.FormatInt(e.UpdatedAt.Unix(), 10))
	}
	lat, lon, ok := Point(&e, places)
	loc := e.Location
	if ok {
		loc.Lat, loc.Lon = &lat, &lon
	}
	if loc.PlaceName == "" {
		loc.PlaceName = placeName(places, e.PCode)
	}
	c := domain.Claim{ID: e.ID, Type: e.Type, SubType: e.SubType, Kind: e.Kind, Location: loc,
		DateStart: e.DateStart, DateEnd: e.DateEnd, TimePrecision: e.TimePrecision,
		Actors: append(append([]domain.ClaimActor(nil), first...), second...)}
	if f, ok := e.Figure(domain.Killed); ok {
		c.Figures = []domain.Figure{{Kind: domain.Killed, Min: f.Min}}
	}
	r := domain.Report{ID: e.ID, Source: strings.Join(it.Sources, "; "), Text: Notes(it), Meta: meta, ReceivedAt: e.UpdatedAt}
	return r, c
}

// interOf is the inter code of a side: its first actor's.
func interOf(as []domain.ClaimActor) domain.Inter {
	for _, a := range as {
		if a.Inter != domain.InterUnknown {
			return a.Inter
		}
	}
	return domain.InterUnknown
}

// interaction is ACLED's two-digit interaction code: the two inter codes,
// lower first ("12" state forces against a rebel group), or the one code
// times ten for a side acting alone ("20").
func interaction(a, b domain.Inter, two bool) string {
	if a == domain.InterUnknown && b == domain.InterUnknown {
		return ""
	}
	if !two || b == domain.InterUnknown {
		return strconv.Itoa(int(a) * 10)
	}
	if a == domain.InterUnknown {
		return strconv.Itoa(int(b) * 10)
	}
	if b < a {
		a, b = b, a
	}
	return strconv.Itoa(int(a)*10 + int(b))
}

// Notes is an event's description in outputs: its title, period and
// place, each figure as a lower bound with its sources, and the sources.
// It is written from the event's fields, never from a report's text.
func Notes(it Item) string {
	e := it.Event
	var b strings.Builder
	b.WriteString(e.Title)
	if e.DateEnd != "" && e.DateEnd != e.DateStart {
		fmt.Fprintf(&b, " (%s to %s)", e.DateStart, e.DateEnd)
	}
	b.WriteString(".")
	for _, f := range e.Figures {
		fmt.Fprintf(&b, " %s: at least %d", figureLabel(f.Kind), f.Min)
		if f.Disputed {
			b.WriteString(" (disputed)")
		}
		if s := FigureSources(f); s != "" {
			b.WriteString(" — " + s)
		}
		b.WriteString(".")
	}
	if e.Control != nil {
		fmt.Fprintf(&b, " Control: %s", e.Control.Actor)
		if e.Control.From != "" {
			fmt.Fprintf(&b, " (from %s)", e.Control.From)
		}
		b.WriteString(".")
	}
	if e.Access != nil && e.Access.Status != "" {
		fmt.Fprintf(&b, " Access: %s", e.Access.Status)
		if e.Access.Route != "" {
			b.WriteString(", " + e.Access.Route)
		}
		b.WriteString(".")
	}
	if len(it.Sources) > 0 {
		fmt.Fprintf(&b, " Sources: %s.", strings.Join(it.Sources, "; "))
	}
	fmt.Fprintf(&b, " Status: %s.", e.Status)
	return b.String()
}

// FigureSources lists what each source said of a figure: "UN OCHA
// 2023-11-16: at least 9; Local media 2023-11-17: 12".
func FigureSources(f domain.EventFigure) string {
	parts := make([]string, 0, len(f.Sources))
	for _, s := range f.Sources {
		p := SourceName(s.Source)
		if s.Date != "" {
			p += " " + string(s.Date)
		}
		p += ": " + qualified(s.Min, s.Qualifier)
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

func qualified(n int64, q domain.Qualifier) string {
	v := strconv.FormatInt(n, 10)
	switch q {
	case domain.QualAtLeast:
		return "at least " + v
	case domain.QualApprox:
		return "about " + v
	case domain.QualUpTo:
		return "up to " + v
	}
	return v
}

func figureLabel(k domain.FigureKind) string {
	switch k {
	case domain.HandedOver:
		return "handed over"
	}
	return string(k)
}
