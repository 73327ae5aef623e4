package hxl

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
	"sitroom/internal/spreadsheet"
)

// column is one tagged column of the sheet.
type column struct {
	idx  int
	raw  string // the tag as written
	tag  Tag
	rule Rule
}

// Decoder reads the data rows of an HXL-tagged sheet as reports.
type Decoder struct {
	r        *spreadsheet.Reader
	cols     []column
	ignored  []string
	resolver spreadsheet.PlaceResolver
	fields   map[string]string // intake field → column tag, for pipeline errors
	// TagLine is the line of the hashtag row.
	TagLine int
}

// NewDecoder finds the hashtag row among the first MaxHeaderRows records,
// skips everything up to it (title rows, the human header) and maps its
// columns. resolver, when set, turns place names into P-codes for rows
// without codes.
func NewDecoder(r *spreadsheet.Reader, resolver spreadsheet.PlaceResolver) (*Decoder, error) {
	ahead := r.Peek(MaxHeaderRows)
	i, ok := FindHashtagRow(ahead)
	if !ok {
		return nil, domain.Errorf(domain.CodeInvalid, "no HXL hashtag row (such as #event+type,#adm3+code,#affected+killed) in the first %d rows", MaxHeaderRows)
	}
	tagRow := ahead[i]
	for {
		rec, err := r.Next()
		if err != nil && err != io.EOF {
			if _, bad := err.(*spreadsheet.RowError); bad {
				continue // a broken title row above the tags
			}
			return nil, err
		}
		if err == io.EOF || rec.Line >= tagRow.Line {
			break
		}
	}
	d := &Decoder{r: r, resolver: resolver, TagLine: tagRow.Line, fields: map[string]string{}}
	for idx, cell := range tagRow.Fields {
		raw := strings.TrimSpace(cell)
		if raw == "" {
			continue // an untagged column is not HXL data
		}
		t, ok := ParseTag(raw)
		if !ok {
			d.ignored = append(d.ignored, raw)
			continue
		}
		rule, ok := Match(t)
		if !ok {
			d.ignored = append(d.ignored, raw)
			continue
		}
		d.cols = append(d.cols, column{idx: idx, raw: raw, tag: t, rule: rule})
		for _, f := range intakeFields[rule.Field] {
			if _, set := d.fields[f]; !set {
				d.fields[f] = raw
			}
		}
	}
	if len(d.cols) == 0 {
		return nil, &domain.Error{Code: domain.CodeInvalid,
			Message: fmt.Sprintf("line %d: none of the hashtags is one sitroom reads (see docs/API.md for the list)", tagRow.Line)}
	}
	return d, nil
}

// intakeFields maps a field to the intake fields it fills, so that an
// error the pipeline finds names the column.
var intakeFields = map[Field][]string{
	FieldID: {"id"}, FieldText: {"text"}, FieldSource: {"source"}, FieldReportDate: {"date"},
	FieldEventType: {"events[0].type"}, FieldSubType: {"events[0].sub_type"}, FieldKind: {"events[0].kind"},
	FieldDate: {"events[0].date_start", "date"}, FieldDateStart: {"events[0].date_start", "date"}, FieldDateEnd: {"events[0].date_end"},
	FieldTimePrecision: {"events[0].time_precision"}, FieldLocName: {"events[0].place"},
	FieldLocCode: {"events[0].pcode"}, FieldAdm3Code: {"events[0].pcode"}, FieldAdm2Code: {"events[0].pcode"}, FieldAdm1Code: {"events[0].pcode"},
	FieldLat: {"events[0].lat"}, FieldLon: {"events[0].lon"}, FieldKilled: {"events[0].killed_min"},
	FieldInjured: {"events[0].injured_min"}, FieldDisplaced: {"events[0].displaced"}, FieldArrested: {"events[0].arrested"},
}

// Ignored lists the tags sitroom does not read.
func (d *Decoder) Ignored() []string { return d.ignored }

// Columns returns the tag of each column read and the field it fills.
func (d *Decoder) Columns() map[string]Field {
	out := map[string]Field{}
	for _, c := range d.cols {
		out[c.raw] = c.rule.Field
	}
	return out
}

// Next returns the next data row as a report; blank rows are skipped.
func (d *Decoder) Next() (spreadsheet.Row, error) {
	rec, err := d.r.NextFilled()
	if err != nil {
		return spreadsheet.Row{}, err
	}
	return d.row(rec)
}

// cell is one non-empty value of a row.
type cell struct {
	col   *column
	value string
	line  int
}

func (c cell) fail(format string, args ...any) error {
	return &spreadsheet.RowError{Line: c.line, Column: c.col.raw, Message: fmt.Sprintf(format, args...)}
}

func (d *Decoder) row(rec spreadsheet.Record) (spreadsheet.Row, error) {
	row := spreadsheet.Row{Line: rec.Line, Columns: d.fields}
	by := map[Field][]cell{}
	var canon []string
	for i := range d.cols {
		c := &d.cols[i]
		v := strings.TrimSpace(rec.Get(c.idx))
		if v == "" {
			continue
		}
		by[c.rule.Field] = append(by[c.rule.Field], cell{c, v, rec.LineOf(c.idx)})
		canon = append(canon, c.tag.String()+"="+v)
	}
	first := func(f Field) (cell, bool) {
		cs := by[f]
		if len(cs) == 0 {
			return cell{}, false
		}
		return cs[0], true
	}
	value := func(f Field) string { c, _ := first(f); return c.value }

	in := intake.Input{Channel: string(domain.ChannelImport), Source: value(FieldSource), SourceURL: value(FieldSourceURL), Meta: map[string]string{}}
	var texts []string
	for _, c := range by[FieldText] {
		texts = append(texts, c.value)
	}
	in.Text = strings.Join(texts, "\n\n")
	if c, ok := first(FieldID); ok {
		if len(c.value) > 200 {
			return row, c.fail("is longer than 200 characters")
		}
		in.ID = c.value
	} else if len(canon) > 0 {
		// A row without an id is known by its content, so re-importing
		// the sheet finds it again.
		sum := sha256.Sum256([]byte(strings.Join(canon, "\x1f")))
		in.ID = "hxl:" + hex.EncodeToString(sum[:16])
	}
	date := func(f Field) (domain.Date, error) {
		c, ok := first(f)
		if !ok {
			return "", nil
		}
		dt, err := spreadsheet.ParseDate(c.value)
		if err != nil {
			return "", c.fail("%v", err)
		}
		return dt, nil
	}
	reported, err := date(FieldReportDate)
	if err != nil {
		return row, err
	}
	occurred, err := date(FieldDate)
	if err != nil {
		return row, err
	}
	start, err := date(FieldDateStart)
	if err != nil {
		return row, err
	}
	end, err := date(FieldDateEnd)
	if err != nil {
		return row, err
	}
	if start == "" {
		start = occurred
	}
	in.Date = string(firstDate(reported, start, end))

	typeCell, hasType := first(FieldEventType)
	subCell, hasSub := first(FieldSubType)
	if !hasType && !hasSub {
		if strings.TrimSpace(in.Text) == "" {
			return row, &spreadsheet.RowError{Line: rec.Line, Message: "the row has neither a #description nor an #event+type; nothing to report"}
		}
		row.Input = in
		return row, nil
	}
	ev, err := d.event(by, typeCell, hasType, subCell, hasSub)
	if err != nil {
		return row, err
	}
	ev.DateStart, ev.DateEnd = string(start), string(end)
	if ev.DateEnd != "" && ev.DateStart == "" {
		ev.DateStart = ev.DateEnd
	}
	if c, ok := first(FieldTimePrecision); ok {
		n, err := strconv.Atoi(c.value)
		if err != nil || n < 1 || n > 3 {
			return row, c.fail("%q is not 1 (day), 2 (week) or 3 (month)", c.value)
		}
		ev.TimePrecision = n
	}
	in.Events = []intake.EventInput{ev}
	if strings.TrimSpace(in.Text) == "" {
		in.Text = generatedText(ev, start)
		in.Meta["text_generated"] = "true"
	}
	row.Input = in
	return row, nil
}

func (d *Decoder) event(by map[Field][]cell, typeCell cell, hasType bool, subCell cell, hasSub bool) (intake.EventInput, error) {
	var ev intake.EventInput
	var typ domain.EventType
	if hasType {
		t, ok := domain.ParseEventType(typeCell.value)
		if !ok {
			return ev, typeCell.fail("%q is not an event type (an ACLED type such as Battles, or a code such as battle)", typeCell.value)
		}
		typ = t
	}
	if hasSub {
		st, ok := domain.ParseSubEventType(subCell.value)
		if !ok {
			return ev, subCell.fail("%q is not an ACLED sub-event type", subCell.value)
		}
		if typ == "" {
			typ = st.Type()
		} else if st.Type() != typ {
			return ev, subCell.fail("%q belongs to %s, not %s", subCell.value, st.Type().Name(), typ.Name())
		}
		ev.SubType = string(st)
	}
	ev.Type = string(typ)
	if cs := by[FieldKind]; len(cs) > 0 {
		k := domain.Kind(fold(cs[0].value))
		if !k.Valid() {
			return ev, cs[0].fail("%q is not a humanitarian kind", cs[0].value)
		}
		ev.Kind = string(k)
	}
	val := func(f Field) string {
		if cs := by[f]; len(cs) > 0 {
			return cs[0].value
		}
		return ""
	}
	place := spreadsheet.Place{Location: val(FieldLocName), Admin3: val(FieldAdm3Name), Admin2: val(FieldAdm2Name), Admin1: val(FieldAdm1Name)}
	ev.Place = firstNonEmpty(place.Location, place.Admin3, place.Admin2, place.Admin1)
	ev.PCode = strings.ToUpper(firstNonEmpty(val(FieldLocCode), val(FieldAdm3Code), val(FieldAdm2Code), val(FieldAdm1Code)))
	latCells, lonCells := by[FieldLat], by[FieldLon]
	switch {
	case len(latCells) > 0 && len(lonCells) > 0:
		la, err := strconv.ParseFloat(latCells[0].value, 64)
		if err != nil || la < -90 || la > 90 {
			return ev, latCells[0].fail("%q is not a latitude", latCells[0].value)
		}
		lo, err := strconv.ParseFloat(lonCells[0].value, 64)
		if err != nil || lo < -180 || lo > 180 {
			return ev, lonCells[0].fail("%q is not a longitude", lonCells[0].value)
		}
		ev.Lat, ev.Lon = &la, &lo
		place.Lat, place.Lon = &la, &lo
	case len(latCells) > 0:
		return ev, latCells[0].fail("a latitude needs a #geo+lon in the same row")
	case len(lonCells) > 0:
		return ev, lonCells[0].fail("a longitude needs a #geo+lat in the same row")
	}
	if ev.PCode == "" && d.resolver != nil && ev.Place != "" {
		if pcode, ok := d.resolver.ResolvePlace(place); ok {
			ev.PCode = pcode
		}
	}
	if ev.Place == "" && ev.PCode == "" && ev.Lat == nil {
		return ev, &spreadsheet.RowError{Line: firstLine(by), Message: "an event needs a place: #loc+name, #adm3+code or #geo+lat/#geo+lon"}
	}
	for _, f := range []struct {
		field Field
		dst   **int64
	}{{FieldKilled, &ev.KilledMin}, {FieldInjured, &ev.InjuredMin}, {FieldDisplaced, &ev.Displaced}, {FieldArrested, &ev.Arrested}} {
		cs := by[f.field]
		if len(cs) == 0 {
			continue
		}
		n, err := parseCount(cs[0].value)
		if err != nil {
			return ev, cs[0].fail("%v", err)
		}
		*f.dst = &n
	}
	for _, c := range by[FieldActor] {
		role := ActorRole(c.col.tag)
		if role == "target" && typ == domain.ViolenceAgainstCivilians {
			role = "victim"
		}
		for _, name := range strings.Split(c.value, ";") {
			if name = strings.TrimSpace(name); name != "" {
				ev.Actors = append(ev.Actors, intake.ActorInput{Name: name, Role: domain.ActorRole(role)})
			}
		}
	}
	return ev, nil
}

// parseCount reads a count such as "23", "23,000" or "1 200".
func parseCount(s string) (int64, error) {
	clean := strings.NewReplacer(",", "", " ", "", "\u00a0", "", "_", "").Replace(s)
	n, err := strconv.ParseInt(clean, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a count", s)
	}
	return n, nil
}

func generatedText(ev intake.EventInput, date domain.Date) string {
	what := ev.Type
	if st := domain.SubEventType(ev.SubType); st.Valid() {
		what = st.Name()
	} else if t := domain.EventType(ev.Type); t.Valid() {
		what = t.Name()
	}
	s := what + " in " + firstNonEmpty(ev.Place, ev.PCode, "an unnamed place")
	if date != "" {
		s += " on " + string(date)
	}
	for _, f := range []struct {
		n    *int64
		word string
	}{{ev.KilledMin, "killed"}, {ev.InjuredMin, "injured"}, {ev.Displaced, "displaced"}, {ev.Arrested, "arrested"}} {
		if f.n != nil {
			s += fmt.Sprintf("; %d %s", *f.n, f.word)
		}
	}
	return s + "."
}

func firstDate(ds ...domain.Date) domain.Date {
	for _, d := range ds {
		if d != "" {
			return d
		}
	}
	return ""
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

func firstLine(by map[Field][]cell) int {
	line := 0
	for _, cs := range by {
		for _, c := range cs {
			if line == 0 || c.line < line {
				line = c.line
			}
		}
	}
	return line
}
