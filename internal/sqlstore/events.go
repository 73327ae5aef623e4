package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"sitroom/internal/domain"
)

// Claims and events share their location and period columns.
const locationColumns = `place_name, pcode, geo_level, geo_precision, adm1, adm2, adm3, lat, lon,
	date_start, date_end, time_precision`

func locationArgs(l *domain.Location, start, end domain.Date, tp domain.TimePrecision) []any {
	return []any{l.PlaceName, l.PCode, string(l.GeoLevel), l.GeoPrecision, l.Adm1, l.Adm2, l.Adm3,
		nullFloat(l.Lat), nullFloat(l.Lon), string(start), string(end), int(tp)}
}

func locationDest(l *domain.Location, start, end *domain.Date, tp *domain.TimePrecision, level *string) []any {
	return []any{&l.PlaceName, &l.PCode, level, &l.GeoPrecision, &l.Adm1, &l.Adm2, &l.Adm3,
		floatPtrScan{&l.Lat}, floatPtrScan{&l.Lon}, dateScan{start}, dateScan{end}, tp}
}

const claimColumns = `id, report_id, event_id, seq, type, sub_type, kind, ` + locationColumns + `,
	actors, figures, control, access, summary, source, extractor, confidence, created_at, site, pinned, cumulative, source_key`

var insertClaim = insertSQL("claims", claimColumns)

// orEmpty turns a nil slice into an empty one, so that it is stored as
// "[]" rather than "null".
func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// encodeParts encodes the JSON columns claims and events share: actors and
// figures as arrays, control, access and site as objects or NULL.
func encodeParts(actors, figures any, control *domain.ControlChange, access *domain.Access, site *domain.Site) ([5]any, error) {
	var out [5]any
	var err error
	if out[0], err = jsonText(actors); err != nil {
		return out, err
	}
	if out[1], err = jsonText(figures); err != nil {
		return out, err
	}
	if out[2], err = nullJSON(control); err != nil {
		return out, err
	}
	if out[3], err = nullJSON(access); err != nil {
		return out, err
	}
	out[4], err = nullJSON(site)
	return out, err
}

func claimArgs(c *domain.Claim) ([]any, error) {
	j, err := encodeParts(orEmpty(c.Actors), orEmpty(c.Figures), c.Control, c.Access, c.Site)
	if err != nil {
		return nil, err
	}
	ac, fg, ctl, acc, site := j[0], j[1], j[2], j[3], j[4]
	var eventID any
	if c.EventID != "" {
		eventID = c.EventID
	}
	a := []any{c.ID, c.ReportID, eventID, c.Seq, string(c.Type), string(c.SubType), string(c.Kind)}
	a = append(a, locationArgs(&c.Location, c.DateStart, c.DateEnd, c.TimePrecision)...)
	return append(a, ac, fg, ctl, acc, c.Summary, c.Source, c.Extractor, c.Confidence, ts(c.CreatedAt),
		site, boolInt(c.Pinned), boolInt(c.Cumulative), c.SourceKey), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func scanClaim(row interface{ Scan(...any) error }) (domain.Claim, error) {
	var c domain.Claim
	var eventID sql.NullString
	var typ, sub, kind, level string
	var pinned, cumulative int
	dest := []any{&c.ID, &c.ReportID, &eventID, &c.Seq, &typ, &sub, &kind}
	dest = append(dest, locationDest(&c.Location, &c.DateStart, &c.DateEnd, &c.TimePrecision, &level)...)
	dest = append(dest, jsonScan{&c.Actors}, jsonScan{&c.Figures}, jsonScan{&c.Control}, jsonScan{&c.Access},
		&c.Summary, &c.Source, &c.Extractor, &c.Confidence, tsScan{&c.CreatedAt}, jsonScan{&c.Site}, &pinned, &cumulative, &c.SourceKey)
	if err := row.Scan(dest...); err != nil {
		return c, err
	}
	c.EventID, c.Pinned, c.Cumulative = eventID.String, pinned != 0, cumulative != 0
	c.Type, c.SubType, c.Kind, c.GeoLevel = domain.EventType(typ), domain.SubEventType(sub), domain.Kind(kind), domain.GeoLevel(level)
	if len(c.Actors) == 0 {
		c.Actors = nil
	}
	if len(c.Figures) == 0 {
		c.Figures = nil
	}
	return c, nil
}

func (s *Store) claimsWhere(ctx context.Context, where string, args ...any) ([]domain.Claim, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+claimColumns+` FROM claims WHERE superseded_at IS NULL AND (`+where+`) ORDER BY report_id, seq`), args...)
	if err != nil {
		return nil, fmt.Errorf("list claims: %w", err)
	}
	defer rows.Close()
	var out []domain.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, fmt.Errorf("list claims: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list claims: %w", err)
	}
	return out, nil
}

const eventColumns = `id, type, sub_type, kind, title, ` + locationColumns + `,
	actors, figures, control, access, killed, injured, displaced, arrested,
	status, source_count, claim_count, search_text, version, created_at, updated_at,
	site, cumulative, status_by, disputes, overrides, merged_into`

var insertEvent = insertSQL("events", eventColumns)

// figureMin returns the lower bound of one kind as a column value, NULL
// when the event states none.
func figureMin(e *domain.Event, k domain.FigureKind) any {
	if f, ok := e.Figure(k); ok {
		return f.Min
	}
	return nil
}

// searchText is what the text filter matches: title, place and actors, in
// lower case.
func searchText(e *domain.Event) string {
	parts := []string{e.Title, e.PlaceName}
	for _, a := range e.Actors {
		parts = append(parts, a.Name)
	}
	return strings.ToLower(strings.Join(parts, " \u241f "))
}

func eventArgs(e *domain.Event) ([]any, error) {
	j, err := encodeParts(orEmpty(e.Actors), orEmpty(e.Figures), e.Control, e.Access, e.Site)
	if err != nil {
		return nil, err
	}
	ac, fg, ctl, acc, site := j[0], j[1], j[2], j[3], j[4]
	disputes := e.Disputes
	if disputes == nil {
		disputes = []string{}
	}
	dis, err := jsonText(disputes)
	if err != nil {
		return nil, err
	}
	var ovr any
	if !e.Overrides.IsZero() {
		if ovr, err = jsonText(e.Overrides); err != nil {
			return nil, err
		}
	}
	a := []any{e.ID, string(e.Type), string(e.SubType), string(e.Kind), e.Title}
	a = append(a, locationArgs(&e.Location, e.DateStart, e.DateEnd, e.TimePrecision)...)
	return append(a, ac, fg, ctl, acc,
		figureMin(e, domain.Killed), figureMin(e, domain.Injured), figureMin(e, domain.Displaced), figureMin(e, domain.Arrested),
		string(e.Status), e.SourceCount, e.ClaimCount, searchText(e), e.Version, ts(e.CreatedAt), ts(e.UpdatedAt),
		site, boolInt(e.Cumulative), e.StatusBy, dis, ovr, e.MergedInto), nil
}

func scanEvent(row interface{ Scan(...any) error }) (domain.Event, error) {
	var e domain.Event
	var typ, sub, kind, level, status, search string
	var k, i, d, a sql.NullInt64
	var cumulative int
	dest := []any{&e.ID, &typ, &sub, &kind, &e.Title}
	dest = append(dest, locationDest(&e.Location, &e.DateStart, &e.DateEnd, &e.TimePrecision, &level)...)
	dest = append(dest, jsonScan{&e.Actors}, jsonScan{&e.Figures}, jsonScan{&e.Control}, jsonScan{&e.Access},
		&k, &i, &d, &a, &status, &e.SourceCount, &e.ClaimCount, &search, &e.Version, tsScan{&e.CreatedAt}, tsScan{&e.UpdatedAt},
		jsonScan{&e.Site}, &cumulative, &e.StatusBy, jsonScan{&e.Disputes}, jsonScan{&e.Overrides}, &e.MergedInto)
	if err := row.Scan(dest...); err != nil {
		return e, err
	}
	e.Cumulative = cumulative != 0
	if len(e.Disputes) == 0 {
		e.Disputes = nil
	}
	e.Type, e.SubType, e.Kind, e.GeoLevel, e.Status = domain.EventType(typ), domain.SubEventType(sub), domain.Kind(kind), domain.GeoLevel(level), domain.Status(status)
	if len(e.Actors) == 0 {
		e.Actors = nil
	}
	if len(e.Figures) == 0 {
		e.Figures = nil
	}
	return e, nil
}

// GetEvent returns one event with its claims.
func (s *Store) GetEvent(ctx context.Context, id string) (domain.Event, error) {
	e, err := scanEvent(s.db.QueryRowContext(ctx, s.q(`SELECT `+eventColumns+` FROM events WHERE id = ?`), id))
	if err != nil {
		return e, notFound(err, "event", id)
	}
	e.Claims, err = s.claimsWhere(ctx, `event_id = ?`, id)
	return e, err
}

// ListEvents lists events, latest period first, with cursor pagination.
func (s *Store) ListEvents(ctx context.Context, f domain.EventFilter) (domain.Page[domain.Event], error) {
	var page domain.Page[domain.Event]
	limit := pageLimit(f.Limit)
	where, args, err := eventWhere(f)
	if err != nil {
		return page, err
	}
	q := `SELECT ` + eventColumns + ` FROM events e`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(` ORDER BY date_start DESC, id DESC LIMIT %d`, limit+1)
	rows, err := s.db.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return page, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return page, fmt.Errorf("list events: %w", err)
		}
		page.Items = append(page.Items, e)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list events: %w", err)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(cursor{Key: string(last.DateStart), ID: last.ID})
	}
	return page, nil
}

// eventWhere turns a filter into SQL conditions over events aliased "e".
func eventWhere(f domain.EventFilter) ([]string, []any, error) {
	where := []string{`e.merged_into = ''`}
	var args []any
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	in := func(col string, vals []string) {
		if len(vals) > 0 {
			add(col+` IN (`+placeholders(len(vals))+`)`, anys(vals)...)
		}
	}
	if f.Since != "" {
		add(`e.date_end >= ?`, string(f.Since))
	}
	if f.Until != "" {
		add(`e.date_start <= ?`, string(f.Until))
	}
	if b := f.BBox; b != nil {
		add(`e.lat IS NOT NULL AND e.lat >= ? AND e.lat <= ? AND e.lon >= ? AND e.lon <= ?`, b.MinLat, b.MaxLat, b.MinLon, b.MaxLon)
	}
	in("e.type", strs(f.Types))
	in("e.sub_type", strs(f.SubTypes))
	in("e.kind", strs(f.Kinds))
	in("e.status", strs(f.Statuses))
	if len(f.Actors) > 0 {
		add(`EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor IN (`+placeholders(len(f.Actors))+`))`, anys(f.Actors)...)
	}
	if f.PCode != "" {
		add(`(e.pcode = ? OR e.adm1 = ? OR e.adm2 = ? OR e.adm3 = ?)`, f.PCode, f.PCode, f.PCode, f.PCode)
	}
	for _, word := range strings.Fields(strings.ToLower(f.Query)) {
		add(`e.search_text LIKE ? ESCAPE '\'`, "%"+likeEscape(word)+"%")
	}
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, nil, err
		}
		if _, err := domain.ParseDate(c.Key); err != nil {
			return nil, nil, domain.FieldError("cursor", "not a cursor this listing gave")
		}
		add(`(e.date_start < ? OR (e.date_start = ? AND e.id < ?))`, c.Key, c.Key, c.ID)
	}
	return where, args, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func anys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
