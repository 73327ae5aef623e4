package acled

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
	"sitroom/internal/spreadsheet"
)

// Decoder reads the rows of an ACLED export as reports.
type Decoder struct {
	r        *spreadsheet.Reader
	col      map[string]int // codebook name → index
	ignored  []string
	resolver spreadsheet.PlaceResolver
}

// IsHeader reports whether a record looks like an ACLED header: it names
// event_id_cnty and event_type.
func IsHeader(rec spreadsheet.Record) bool {
	var id, typ bool
	for _, f := range rec.Fields {
		switch c, _ := CanonicalColumn(f); c {
		case "event_id_cnty":
			id = true
		case "event_type":
			typ = true
		}
	}
	return id && typ
}

// NewDecoder reads the header (the first non-blank record) and checks the
// required columns are there. resolver, when set, turns admin and location
// names into P-codes.
func NewDecoder(r *spreadsheet.Reader, resolver spreadsheet.PlaceResolver) (*Decoder, error) {
	var hdr spreadsheet.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return nil, domain.Errorf(domain.CodeInvalid, "the file is empty; an ACLED export starts with a header row")
		}
		if err != nil {
			return nil, domain.Errorf(domain.CodeMalformed, "header: %w", err)
		}
		if !rec.Blank() {
			hdr = rec
			break
		}
	}
	d := &Decoder{r: r, col: map[string]int{}, resolver: resolver}
	for i, h := range hdr.Fields {
		name, known := CanonicalColumn(h)
		if !known {
			if strings.TrimSpace(h) != "" {
				d.ignored = append(d.ignored, strings.TrimSpace(h))
			}
			continue
		}
		if _, dup := d.col[name]; dup {
			return nil, &domain.Error{Code: domain.CodeInvalid, Field: name,
				Message: fmt.Sprintf("line %d: column %s appears twice in the header", hdr.Line, name)}
		}
		d.col[name] = i
	}
	var missing []string
	for _, name := range required() {
		if _, ok := d.col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &domain.Error{Code: domain.CodeInvalid, Field: missing[0],
			Message: fmt.Sprintf("line %d: the header lacks ACLED's required column(s) %s", hdr.Line, strings.Join(missing, ", "))}
	}
	return d, nil
}

// Ignored lists header cells that are not ACLED columns.
func (d *Decoder) Ignored() []string { return d.ignored }

// Next returns the next row as a report.
func (d *Decoder) Next() (spreadsheet.Row, error) {
	rec, err := d.r.NextFilled()
	if err != nil {
		return spreadsheet.Row{}, err
	}
	return d.row(rec)
}

// cells reads one record by column name.
type cells struct {
	d   *Decoder
	rec spreadsheet.Record
}

func (c cells) get(name string) string {
	i, ok := c.d.col[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(c.rec.Get(i))
}

func (c cells) fail(name, format string, args ...any) error {
	line := c.rec.Line
	if i, ok := c.d.col[name]; ok {
		line = c.rec.LineOf(i)
	}
	return &spreadsheet.RowError{Line: line, Column: name, Message: fmt.Sprintf(format, args...)}
}

// columnOf maps intake's field names to ACLED columns, for errors the
// pipeline finds.
var columnOf = map[string]string{
	"id": "event_id_cnty", "date": "event_date", "text": "notes", "source": "source",
	"events[0].type": "event_type", "events[0].sub_type": "sub_event_type", "events[0].date_start": "event_date",
	"events[0].time_precision": "time_precision", "events[0].place": "location", "events[0].pcode": "admin3",
	"events[0].lat": "latitude", "events[0].lon": "longitude", "events[0].killed_min": "fatalities",
	"events[0].actors[0]": "actor1",
}

func (d *Decoder) row(rec spreadsheet.Record) (spreadsheet.Row, error) {
	c := cells{d, rec}
	row := spreadsheet.Row{Line: rec.Line, Columns: columnOf}
	id := c.get("event_id_cnty")
	if id == "" {
		return row, c.fail("event_id_cnty", "is empty; every ACLED row has an event id")
	}
	if len(id) > 200 {
		return row, c.fail("event_id_cnty", "is longer than 200 characters")
	}
	date, err := spreadsheet.ParseDate(c.get("event_date"))
	if err != nil {
		return row, c.fail("event_date", "%v", err)
	}
	if y := c.get("year"); y != "" && y != string(date[:4]) {
		return row, c.fail("year", "is %s but event_date %s is in %s", y, date, date[:4])
	}
	typ, ok := domain.ParseEventType(c.get("event_type"))
	if !ok {
		return row, c.fail("event_type", "%q is not an ACLED event type", c.get("event_type"))
	}
	ev := intake.EventInput{Type: string(typ), DateStart: string(date)}
	if s := c.get("sub_event_type"); s != "" {
		st, ok := domain.ParseSubEventType(s)
		if !ok {
			return row, c.fail("sub_event_type", "%q is not an ACLED sub-event type", s)
		}
		if st.Type() != typ {
			return row, c.fail("sub_event_type", "%q belongs to %s, not %s", s, st.Type().Name(), typ.Name())
		}
		ev.SubType = string(st)
	}
	if tp := c.get("time_precision"); tp != "" {
		n, err := strconv.Atoi(tp)
		if err != nil || n < 1 || n > 3 {
			return row, c.fail("time_precision", "%q is not 1, 2 or 3", tp)
		}
		ev.TimePrecision = n
	}
	inter := func(name string) (domain.Inter, error) {
		in, err := ParseInter(c.get(name))
		if err != nil {
			return 0, c.fail(name, "%v", err)
		}
		return in, nil
	}
	if _, err := inter("inter1"); err != nil {
		return row, err
	}
	inter2, err := inter("inter2")
	if err != nil {
		return row, err
	}
	r1, r2 := Roles(typ, inter2)
	for _, a := range []struct {
		cols []string
		role domain.ActorRole
	}{{[]string{"actor1", "assoc_actor_1"}, r1}, {[]string{"actor2", "assoc_actor_2"}, r2}} {
		for _, col := range a.cols {
			for _, name := range strings.Split(c.get(col), ";") {
				if name = strings.TrimSpace(name); name != "" {
					ev.Actors = append(ev.Actors, intake.ActorInput{Name: name, Role: a.role})
				}
			}
		}
	}

	place := spreadsheet.Place{Location: c.get("location"), Admin3: c.get("admin3"), Admin2: c.get("admin2"), Admin1: c.get("admin1")}
	lat, lon := c.get("latitude"), c.get("longitude")
	if (lat == "") != (lon == "") {
		missing := "latitude"
		if lon == "" {
			missing = "longitude"
		}
		return row, c.fail(missing, "is empty but the other coordinate is given")
	}
	if lat != "" {
		la, err := strconv.ParseFloat(lat, 64)
		if err != nil || la < -90 || la > 90 {
			return row, c.fail("latitude", "%q is not a latitude", lat)
		}
		lo, err := strconv.ParseFloat(lon, 64)
		if err != nil || lo < -180 || lo > 180 {
			return row, c.fail("longitude", "%q is not a longitude", lon)
		}
		ev.Lat, ev.Lon = &la, &lo
		place.Lat, place.Lon = &la, &lo
	}
	ev.Place = firstNonEmpty(place.Location, place.Admin3, place.Admin2, place.Admin1)
	if ev.Place == "" && ev.Lat == nil {
		return row, c.fail("location", "is empty, and so are admin1-3 and the coordinates; an event needs a place")
	}
	if d.resolver != nil {
		if pcode, ok := d.resolver.ResolvePlace(place); ok {
			ev.PCode = pcode
		}
	}
	if g := c.get("geo_precision"); g != "" {
		if n, err := strconv.Atoi(g); err != nil || n < 1 || n > 3 {
			return row, c.fail("geo_precision", "%q is not 1, 2 or 3", g)
		}
	}
	if f := c.get("fatalities"); f != "" {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n < 0 {
			return row, c.fail("fatalities", "%q is not a count", f)
		}
		if n > 0 {
			ev.KilledMin = &n
		}
	}

	in := intake.Input{ID: id, Date: string(date), Text: c.get("notes"), Source: c.get("source"),
		Channel: string(domain.ChannelImport), Events: []intake.EventInput{ev}, Meta: map[string]string{}}
	if in.Text == "" {
		in.Text = fmt.Sprintf("ACLED %s: %s in %s on %s.", id, firstNonEmpty(c.get("sub_event_type"), typ.Name()), firstNonEmpty(ev.Place, "an unnamed place"), date)
		in.Meta["text_generated"] = "true"
	}
	if len(in.Source) > 200 {
		in.Source = truncate(in.Source, 200)
	}
	for _, col := range Columns {
		if v := c.get(col.Name); v != "" {
			switch col.Name {
			case "notes", "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
				"location", "latitude", "longitude", "event_date":
				// In the report's text or its structured event already.
			default:
				in.Meta[MetaKey(col.Name)] = v
			}
		}
	}
	row.Input = in
	return row, nil
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// truncate cuts s to n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}
