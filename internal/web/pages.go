package web

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
	"sitroom/internal/redact"
	"sitroom/internal/views"
)

// maxLoad bounds how many events one page reads for its list, map and
// timeline; beyond it the page says the selection was cut.
const maxLoad = 10000

// pageSize is the number of rows of the event list.
const pageSize = 50

// filterForm is the event filter as the reader typed it, to fill the form
// again and to build links.
type filterForm struct {
	Since, Until, Type, Actor, PCode, Status, Q, Figure string
}

func formOf(q url.Values) filterForm {
	g := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	return filterForm{Since: g("since"), Until: g("until"), Type: g("type"), Actor: g("actor"), PCode: g("pcode"),
		Status: g("status"), Q: g("q"), Figure: g("figure")}
}

// Values encodes the non-empty fields.
func (f filterForm) Values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"since": f.Since, "until": f.Until, "type": f.Type, "actor": f.Actor,
		"pcode": f.PCode, "status": f.Status, "q": f.Q, "figure": f.Figure} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// With returns the query string with one field changed.
func (f filterForm) With(key, value string) string {
	v := f.Values()
	if value == "" {
		v.Del(key)
	} else {
		v.Set(key, value)
	}
	return v.Encode()
}

// Query is the filter's query string for a link: already escaped, so
// that the template keeps its "=" and "&".
func (f filterForm) Query() template.URL { return template.URL(f.Encode()) }

// Encode is the query string of the filter.
func (f filterForm) Encode() string { return f.Values().Encode() }

// selection is the events a filtered page shows.
type selection struct {
	Form      filterForm
	Events    []domain.Event
	Truncated bool
}

// selectEvents reads the filter of a request and the events it matches
// that the reader may see.
func (s *Server) selectEvents(r *http.Request, p *page) (selection, error) {
	q := r.URL.Query()
	sel := selection{Form: formOf(q)}
	f, err := httpapi.ParseEventFilter(q)
	if err != nil {
		return sel, err
	}
	var figure domain.FigureKind
	if sel.Form.Figure != "" {
		figure = domain.FigureKind(sel.Form.Figure)
		if !figure.Valid() {
			return sel, domain.FieldError("figure", "%q is not a figure kind", sel.Form.Figure)
		}
	}
	s.api.ExpandActors(&f)
	if s.api.RestrictToReader(p.P, &f) {
		return sel, nil
	}
	events, truncated, err := s.load(r.Context(), f)
	if err != nil {
		return sel, err
	}
	if figure != "" {
		kept := events[:0]
		for _, e := range events {
			if fig, ok := e.Figure(figure); ok && fig.Min > 0 {
				kept = append(kept, e)
			}
		}
		events = kept
	}
	if p.P.IsAnonymous() {
		for i := range events {
			events[i] = redact.Event(events[i], s.placeName)
		}
	}
	sel.Events, sel.Truncated = events, truncated
	return sel, nil
}

// load reads the events a filter matches, latest first, up to maxLoad.
func (s *Server) load(ctx context.Context, f domain.EventFilter) ([]domain.Event, bool, error) {
	f.Limit, f.Cursor = domain.MaxPageSize, ""
	var out []domain.Event
	for {
		page, err := s.store.ListEvents(ctx, f)
		if err != nil {
			return nil, false, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			return out, false, nil
		}
		if len(out) >= maxLoad {
			return out[:maxLoad], true, nil
		}
		f.Cursor = page.NextCursor
	}
}

// placeName is the gazetteer's name of a P-code (English), "" if unknown.
func (s *Server) placeName(pcode string) string {
	if pcode == "MMR" {
		return "Myanmar"
	}
	if s.places == nil || pcode == "" {
		return ""
	}
	pl, err := s.places.Place(pcode)
	if err != nil {
		return ""
	}
	return pl.Name
}

// placeMy is the Burmese name of a P-code, "" if unknown.
func (s *Server) placeMy(pcode string) string {
	if s.places == nil || pcode == "" {
		return ""
	}
	pl, err := s.places.Place(pcode)
	if err != nil {
		return ""
	}
	return pl.NameMy
}

// point places an event on the map: its own point, else its place's, else
// its township's. For the public a sensitive site (where displaced people
// shelter) is placed at its township only, as the API's site view does.
func (s *Server) point(e *domain.Event, public bool) (lat, lon float64, coarse, ok bool) {
	if public && e.Site != nil && e.Site.Kind.Sensitive() {
		lat, lon, ok = s.placePoint(e.Adm3)
		return lat, lon, true, ok
	}
	if e.Lat != nil && e.Lon != nil {
		return *e.Lat, *e.Lon, false, true
	}
	for _, pc := range []string{e.PCode, e.Adm3} {
		if lat, lon, ok = s.placePoint(pc); ok {
			return lat, lon, false, true
		}
	}
	return 0, 0, false, false
}

func (s *Server) placePoint(pcode string) (float64, float64, bool) {
	if s.places == nil || pcode == "" {
		return 0, 0, false
	}
	pl, err := s.places.Place(pcode)
	if err != nil || !pl.HasPoint {
		return 0, 0, false
	}
	return pl.Lat, pl.Lon, true
}

// coarsen hides below-township detail of sensitive sites from the public.
func coarsen(e *domain.Event, public bool) bool {
	if !public {
		return false
	}
	sensitive := e.Site != nil && e.Site.Kind.Sensitive()
	*e = redact.Event(*e, nil)
	return sensitive
}

// typeCount is a count of events of one type, with a link to them.
type typeCount struct {
	Type domain.EventType
	N    int
	Link string
}

func countTypes(events []domain.Event, form filterForm) []typeCount {
	n := map[domain.EventType]int{}
	for _, e := range events {
		n[e.Type]++
	}
	var out []typeCount
	for _, t := range domain.EventTypes {
		if n[t] > 0 {
			out = append(out, typeCount{Type: t, N: n[t], Link: "/events?" + form.With("type", string(t))})
		}
	}
	return out
}

// ---- overview ----

type figureCard struct {
	Kind   domain.FigureKind
	Value  int64
	Events int
	Link   string
}

type overviewData struct {
	Form     filterForm
	AreaName string
	Whole    bool
	Since    domain.Date
	Until    domain.Date
	AllTime  bool
	Figures  []figureCard
	ByType   []typeCount
	Total    int
	Access   []views.AccessLine
	Latest   []domain.Event
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request, p *page) {
	p.Title, p.Nav = p.T("ov.title"), "overview"
	q := r.URL.Query()
	vq, err := s.api.ParseViewQuery(q, p.P)
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	form := formOf(q)
	d := overviewData{Form: filterForm{Since: form.Since, Until: form.Until, PCode: form.PCode},
		Since: vq.Window.Since, Until: vq.Window.Until, AllTime: form.Since == "", Whole: vq.Level == domain.LevelCountry}
	d.AreaName = s.placeName(vq.Area)
	if d.AreaName == "" {
		d.AreaName = vq.Area
	}
	var events []domain.Event
	if !(p.P.IsAnonymous() && len(vq.Filter.Statuses) == 0) {
		// All of them, as the figures API reads: the key figures must
		// equal its totals however many events the period holds.
		if events, err = httpapi.LoadEvents(r.Context(), s.store, vq.Filter); err != nil {
			s.fail(w, r, p, err)
			return
		}
	}
	fv := views.Figures(events, vq.Area, vq.Level, vq.Window, "", s.placeName)
	for _, k := range views.FigureKinds {
		var c views.Count
		switch k {
		case domain.Killed:
			c = fv.Total.Killed
		case domain.Injured:
			c = fv.Total.Injured
		default:
			c = fv.Total.Displaced
		}
		d.Figures = append(d.Figures, figureCard{Kind: k, Value: c.Value, Events: len(c.Events), Link: "/events?" + d.Form.With("figure", string(k))})
	}
	live := events[:0:0]
	for _, e := range events {
		if e.Status != domain.StatusRejected {
			live = append(live, e)
		}
	}
	d.Total = len(live)
	d.ByType = countTypes(live, d.Form)
	d.Access = views.Access(events)
	if len(live) > 5 {
		d.Latest = live[:5]
	} else {
		d.Latest = live
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "overview", "", p)
}

// ---- event list and timeline ----

type timelineData struct {
	Days   []int64         `json:"days"` // unix seconds, midnight UTC
	Series []timelineSerie `json:"series"`
}

type timelineSerie struct {
	Type   string `json:"type"`
	Label  string `json:"label"`
	Letter string `json:"letter"`
	Counts []int  `json:"counts"`
}

func timeline(events []domain.Event, lang string) timelineData {
	var td timelineData
	if len(events) == 0 {
		return td
	}
	first, last := events[0].DateStart, events[0].DateStart
	for _, e := range events {
		if e.DateStart < first {
			first = e.DateStart
		}
		if e.DateStart > last {
			last = e.DateStart
		}
	}
	n := domain.DaysBetween(first, last) + 1
	if n > 3660 {
		n = 3660 // ten years of days is the most a chart shows
	}
	for i := 0; i < n; i++ {
		td.Days = append(td.Days, first.AddDays(i).Time().Unix())
	}
	idx := map[domain.EventType]int{}
	for _, t := range domain.EventTypes {
		idx[t] = len(td.Series)
		td.Series = append(td.Series, timelineSerie{Type: string(t), Label: tr(lang, "type."+string(t)), Letter: typeMarks[t].Letter, Counts: make([]int, n)})
	}
	for _, e := range events {
		if d := domain.DaysBetween(first, e.DateStart); d >= 0 && d < n {
			td.Series[idx[e.Type]].Counts[d]++
		}
	}
	kept := td.Series[:0]
	for _, s := range td.Series {
		for _, c := range s.Counts {
			if c > 0 {
				kept = append(kept, s)
				break
			}
		}
	}
	td.Series = kept
	return td
}

type listData struct {
	Form       filterForm
	Events     []domain.Event
	Total      int
	Truncated  bool
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	ByType     []typeCount
	Timeline   timelineData
	Statuses   []domain.Status
	FormAction string
}

func (s *Server) statusChoices(p *page) []domain.Status {
	if p.P.IsAnonymous() {
		return s.published
	}
	return domain.Statuses
}

func (s *Server) eventList(w http.ResponseWriter, r *http.Request, p *page) {
	p.Title, p.Nav = p.T("ev.title"), "events"
	p.Scripts = chartScripts
	p.Styles = chartStyles
	sel, err := s.selectEvents(r, p)
	d := listData{Form: sel.Form, Statuses: s.statusChoices(p), FormAction: "/events"}
	if err != nil {
		p.Error = errText(p, err)
		p.Data = d
		s.render(w, r, statusOfErr(err), "events", s.block(r, "results"), p)
		return
	}
	d.Total, d.Truncated = len(sel.Events), sel.Truncated
	d.ByType = countTypes(sel.Events, sel.Form)
	d.Timeline = timeline(sel.Events, p.Lang)
	d.Pages = (d.Total + pageSize - 1) / pageSize
	d.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if d.Page < 1 {
		d.Page = 1
	}
	if d.Pages > 0 && d.Page > d.Pages {
		d.Page = d.Pages
	}
	lo := (d.Page - 1) * pageSize
	hi := min(lo+pageSize, d.Total)
	if lo < hi {
		d.Events = sel.Events[lo:hi]
	}
	link := func(n int) string {
		v := sel.Form.Values()
		v.Set("page", strconv.Itoa(n))
		return "/events?" + v.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = link(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.NextURL = link(d.Page + 1)
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "events", s.block(r, "results"), p)
}

// block is the template an htmx request swaps in; a full page otherwise.
func (s *Server) block(r *http.Request, name string) string {
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Boosted") != "true" {
		return name
	}
	return ""
}

func errText(p *page, err error) string {
	if de, ok := err.(*domain.Error); ok {
		if de.Field != "" {
			return p.T("err.invalid", de.Field+": "+de.Message)
		}
		return p.T("err.invalid", de.Message)
	}
	return p.T("err.internal")
}

func statusOfErr(err error) int {
	if de, ok := err.(*domain.Error); ok {
		return statusOf(de.Code)
	}
	return http.StatusInternalServerError
}

// ---- event page ----

type claimView struct {
	domain.Claim
	Report *domain.Report
}

type eventData struct {
	E        domain.Event
	Claims   []claimView
	History  []auditView
	Point    *mapPoint
	Coarse   bool
	PlaceMy  string
	Conflict string
	Done     string
}

type auditView struct {
	domain.AuditEntry
	Changed string
}

func (s *Server) loadEvent(ctx context.Context, p *page, id string) (eventData, error) {
	var d eventData
	e, err := s.store.GetEvent(ctx, id)
	if err != nil {
		return d, err
	}
	public := p.P.IsAnonymous()
	if public && !s.api.IsPublished(e.Status) {
		return d, domain.NotFound("event", id)
	}
	d.Coarse = public && e.Site != nil && e.Site.Kind.Sensitive()
	if public {
		e = redact.Event(e, s.placeName)
	}
	d.E = e
	d.PlaceMy = s.placeMy(e.PCode)
	reports := map[string]*domain.Report{}
	for _, c := range e.Claims {
		cv := claimView{Claim: c}
		if p.P.Can(domain.RoleViewer) {
			rep, ok := reports[c.ReportID]
			if !ok {
				r, err := s.store.GetReport(ctx, c.ReportID)
				if err != nil {
					return d, err
				}
				if !p.P.Can(domain.RoleReviewer) {
					r.ReporterID = ""
				}
				rep = &r
				reports[c.ReportID] = rep
			}
			cv.Report = rep
		}
		d.Claims = append(d.Claims, cv)
	}
	if lat, lon, _, ok := s.point(&e, public); ok {
		d.Point = &mapPoint{ID: e.ID, Lat: lat, Lon: lon, Type: string(e.Type), Letter: typeMarks[e.Type].Letter, Title: e.Title}
	}
	if p.P.Can(domain.RoleViewer) {
		h, err := s.store.History(ctx, "event", id)
		if err != nil {
			return d, err
		}
		for _, a := range h {
			av := auditView{AuditEntry: a}
			var detail struct {
				Changed []string `json:"changed"`
				Merged  []string `json:"merged"`
				Into    string   `json:"into"`
				New     string   `json:"new_event"`
			}
			if json.Unmarshal(a.Detail, &detail) == nil {
				parts := detail.Changed
				if len(detail.Merged) > 0 {
					parts = append(parts, "merged "+strings.Join(detail.Merged, ", "))
				}
				if detail.Into != "" {
					parts = append(parts, "into "+detail.Into)
				}
				if detail.New != "" {
					parts = append(parts, "new event "+detail.New)
				}
				av.Changed = strings.Join(parts, "; ")
			}
			d.History = append(d.History, av)
		}
	}
	return d, nil
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request, p *page) {
	p.Nav = "events"
	d, err := s.loadEvent(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	p.Title = d.E.Title
	if d.Point != nil {
		p.Scripts = mapScripts
		p.Styles = mapStyles
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "event", "", p)
}

// ---- map ----

var (
	chartScripts = []string{"vendor/uplot-1.6.32/uPlot.iife.min.js", "charts.js"}
	chartStyles  = []string{"vendor/uplot-1.6.32/uPlot.min.css"}
	mapScripts   = []string{"vendor/leaflet-1.9.4/leaflet.js", "vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js", "map.js"}
	mapStyles    = []string{"vendor/leaflet-1.9.4/leaflet.css"}
)

// mapPoint is one event on the map, in a compact form.
type mapPoint struct {
	ID     string  `json:"id"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Type   string  `json:"t"`
	Letter string  `json:"l"`
	Title  string  `json:"title"`
	Date   string  `json:"date"`
	Status string  `json:"status"`
}

type mapData struct {
	Points   []mapPoint `json:"points"`
	Total    int        `json:"total"`
	Unplaced int        `json:"unplaced"`
	Note     string     `json:"note"`
}

type mapPageData struct {
	Form       filterForm
	Statuses   []domain.Status
	Data       mapData
	Basemap    string
	FormAction string
	Events     []domain.Event
}

func (s *Server) mapPoints(sel selection, p *page) mapData {
	md := mapData{Points: []mapPoint{}, Total: len(sel.Events)}
	public := p.P.IsAnonymous()
	for i := range sel.Events {
		e := &sel.Events[i]
		lat, lon, _, ok := s.point(e, public)
		if !ok {
			md.Unplaced++
			continue
		}
		md.Points = append(md.Points, mapPoint{ID: e.ID, Lat: lat, Lon: lon, Type: string(e.Type), Letter: typeMarks[e.Type].Letter,
			Title: e.Title, Date: fmtPeriod(e.DateStart, e.DateEnd), Status: tr(p.Lang, "status."+string(e.Status))})
	}
	md.Note = p.T("map.unplaced", md.Unplaced, md.Total)
	return md
}

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request, p *page) {
	p.Title, p.Nav = p.T("map.title"), "map"
	p.Scripts, p.Styles = mapScripts, mapStyles
	sel, err := s.selectEvents(r, p)
	d := mapPageData{Form: sel.Form, Statuses: s.statusChoices(p), Basemap: s.assets.url("vendor/basemap/basemap.geojson"), FormAction: "/map"}
	status := http.StatusOK
	if err != nil {
		p.Error, status = errText(p, err), statusOfErr(err)
	} else {
		d.Data = s.mapPoints(sel, p)
		d.Events = sel.Events
		if len(d.Events) > pageSize {
			d.Events = d.Events[:pageSize]
		}
	}
	p.Data = d
	s.render(w, r, status, "map", "", p)
}

// mapData answers the map's script when the filter changes: the same
// selection as the page, as JSON.
func (s *Server) mapData(w http.ResponseWriter, r *http.Request, p *page) {
	sel, err := s.selectEvents(r, p)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		w.WriteHeader(statusOfErr(err))
		json.NewEncoder(w).Encode(map[string]string{"error": errText(p, err)})
		return
	}
	json.NewEncoder(w).Encode(s.mapPoints(sel, p))
}

// ---- situation views ----

type situationData struct {
	Form         filterForm
	Control      []views.ControlTimeline
	Access       []views.AccessLine
	Displacement []views.DisplacementSeries
	Chart        timelineData
	Sub          string
}

func (s *Server) situation(w http.ResponseWriter, r *http.Request, p *page, sub string, build func(d *situationData, vq httpapi.ViewQuery, events []domain.Event)) {
	p.Nav = "situation"
	p.Title = p.T("sit." + sub)
	q := r.URL.Query()
	f := formOf(q)
	d := situationData{Form: filterForm{Since: f.Since, Until: f.Until, PCode: f.PCode}, Sub: sub}
	vq, err := s.api.ParseViewQuery(q, p.P)
	if err != nil {
		p.Error = errText(p, err)
		p.Data = d
		s.render(w, r, statusOfErr(err), sub, "", p)
		return
	}
	var events []domain.Event
	if !(p.P.IsAnonymous() && len(vq.Filter.Statuses) == 0) {
		// All of them, as the figures API reads: the key figures must
		// equal its totals however many events the period holds.
		if events, err = httpapi.LoadEvents(r.Context(), s.store, vq.Filter); err != nil {
			s.fail(w, r, p, err)
			return
		}
	}
	build(&d, vq, events)
	p.Data = d
	s.render(w, r, http.StatusOK, sub, "", p)
}

func (s *Server) controlPage(w http.ResponseWriter, r *http.Request, p *page) {
	s.situation(w, r, p, "control", func(d *situationData, _ httpapi.ViewQuery, events []domain.Event) {
		d.Control = views.Control(events)
	})
}

func (s *Server) accessPage(w http.ResponseWriter, r *http.Request, p *page) {
	s.situation(w, r, p, "access", func(d *situationData, _ httpapi.ViewQuery, events []domain.Event) {
		d.Access = views.Access(events)
	})
}

func (s *Server) displacementPage(w http.ResponseWriter, r *http.Request, p *page) {
	p.Scripts, p.Styles = chartScripts, chartStyles
	s.situation(w, r, p, "displacement", func(d *situationData, vq httpapi.ViewQuery, events []domain.Event) {
		d.Displacement = views.Displacement(events, vq.Window, s.placeName)
		for i := range d.Displacement {
			ds := &d.Displacement[i]
			switch {
			case ds.Name != "":
			case ds.PCode != "":
				ds.Name = ds.PCode
			default:
				ds.Name = p.T("sit.noplace")
			}
		}
		d.Chart = displacementChart(d.Displacement)
	})
}

// displacementChart lays the stated figures of each township on one day
// axis: a step series per township, holding its last stated running total
// plus the incidents since.
func displacementChart(series []views.DisplacementSeries) timelineData {
	var td timelineData
	days := map[domain.Date]bool{}
	for _, s := range series {
		for _, pt := range s.Points {
			days[pt.Date] = true
		}
	}
	order := domain.SortedKeys(days)
	if len(order) == 0 {
		return td
	}
	pos := map[domain.Date]int{}
	for i, d := range order {
		pos[d] = i
		td.Days = append(td.Days, d.Time().Unix())
	}
	ranked := append([]views.DisplacementSeries(nil), series...)
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Total > ranked[j].Total })
	if len(ranked) > 8 {
		ranked = ranked[:8] // more lines than this no one can read; the table has them all
	}
	for _, s := range ranked {
		counts := make([]int, len(order))
		level := int64(0)
		pts := s.Points
		j := 0
		for i, d := range order {
			for j < len(pts) && pts[j].Date == d {
				if pts[j].Cumulative {
					level = max(level, pts[j].Value)
				} else {
					level += pts[j].Value
				}
				j++
			}
			counts[i] = int(level)
		}
		td.Series = append(td.Series, timelineSerie{Type: s.PCode, Label: s.Name, Counts: counts})
	}
	return td
}
