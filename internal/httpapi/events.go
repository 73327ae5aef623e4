package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/redact"
)

// ParseEventFilter reads the event filters from a query string: since,
// until (YYYY-MM-DD), bbox (minLon,minLat,maxLon,maxLat), type, sub_type,
// kind, actor, status (comma-separated or repeated), pcode, q, cursor,
// limit. Errors name the parameter.
func ParseEventFilter(q url.Values) (domain.EventFilter, error) {
	var f domain.EventFilter
	var err error
	if v := q.Get("since"); v != "" {
		if f.Since, err = domain.ParseDate(v); err != nil {
			return f, domain.FieldError("since", "%v", err)
		}
	}
	if v := q.Get("until"); v != "" {
		if f.Until, err = domain.ParseDate(v); err != nil {
			return f, domain.FieldError("until", "%v", err)
		}
	}
	if f.Since != "" && f.Until != "" && f.Until < f.Since {
		return f, domain.FieldError("until", "%s is before since %s", f.Until, f.Since)
	}
	if v := q.Get("bbox"); v != "" {
		parts := strings.Split(v, ",")
		if len(parts) != 4 {
			return f, domain.FieldError("bbox", "want minLon,minLat,maxLon,maxLat")
		}
		var n [4]float64
		for i, p := range parts {
			if n[i], err = strconv.ParseFloat(strings.TrimSpace(p), 64); err != nil {
				return f, domain.FieldError("bbox", "%q is not a number", p)
			}
		}
		b := domain.BBox{MinLon: n[0], MinLat: n[1], MaxLon: n[2], MaxLat: n[3]}
		if b.MinLon > b.MaxLon || b.MinLat > b.MaxLat || b.MinLat < -90 || b.MaxLat > 90 || b.MinLon < -180 || b.MaxLon > 180 {
			return f, domain.FieldError("bbox", "box is inverted or off the globe")
		}
		f.BBox = &b
	}
	for _, v := range list(q, "type") {
		t, ok := domain.ParseEventType(v)
		if !ok {
			return f, domain.FieldError("type", "%q is not an event type", v)
		}
		f.Types = append(f.Types, t)
	}
	for _, v := range list(q, "sub_type") {
		t, ok := domain.ParseSubEventType(v)
		if !ok {
			return f, domain.FieldError("sub_type", "%q is not a sub-event type", v)
		}
		f.SubTypes = append(f.SubTypes, t)
	}
	for _, v := range list(q, "kind") {
		k := domain.Kind(v)
		if !k.Valid() || k == "" {
			return f, domain.FieldError("kind", "%q is not a kind", v)
		}
		f.Kinds = append(f.Kinds, k)
	}
	for _, v := range list(q, "status") {
		st := domain.Status(v)
		if !st.Valid() {
			return f, domain.FieldError("status", "%q is not a status", v)
		}
		f.Statuses = append(f.Statuses, st)
	}
	f.Actors = list(q, "actor")
	f.PCode = strings.ToUpper(strings.TrimSpace(q.Get("pcode")))
	f.Query = strings.TrimSpace(q.Get("q"))
	f.Cursor = q.Get("cursor")
	f.Limit, err = parseLimit(q.Get("limit"))
	return f, err
}

// list reads a parameter given as "a,b" or repeated.
func list(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// Published returns the statuses the public may read.
func (s *Server) Published() []domain.Status { return append([]domain.Status(nil), s.cfg.Published...) }

// RestrictToReader restricts a filter to what the principal may read: the
// public sees published statuses only. empty is true when nothing is left
// (the public asked only for unpublished statuses).
func (s *Server) RestrictToReader(p domain.Principal, f *domain.EventFilter) (empty bool) {
	if !p.IsAnonymous() {
		return false
	}
	if len(f.Statuses) == 0 {
		f.Statuses = s.cfg.Published
		return false
	}
	var keep []domain.Status
	for _, st := range f.Statuses {
		for _, pub := range s.cfg.Published {
			if st == pub {
				keep = append(keep, st)
			}
		}
	}
	f.Statuses = keep
	return len(keep) == 0
}

// IsPublished reports whether events of a status are public.
func (s *Server) IsPublished(st domain.Status) bool {
	for _, x := range s.cfg.Published {
		if st == x {
			return true
		}
	}
	return false
}

// ExpandActors widens each actor of a filter to what events may carry for
// it (a coalition and its members).
func (s *Server) ExpandActors(f *domain.EventFilter) {
	if s.Actors == nil || len(f.Actors) == 0 {
		return
	}
	var out []string
	seen := map[string]bool{}
	for _, a := range f.Actors {
		for _, x := range s.Actors(a) {
			if !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	f.Actors = out
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	p := PrincipalOf(r)
	f, err := ParseEventFilter(r.URL.Query())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.ExpandActors(&f)
	page := domain.Page[domain.Event]{Items: []domain.Event{}}
	if !s.RestrictToReader(p, &f) {
		if page, err = s.Store.ListEvents(r.Context(), f); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if page.Items == nil {
		page.Items = []domain.Event{}
	}
	if p.IsAnonymous() {
		for i := range page.Items {
			page.Items[i] = redact.Event(page.Items[i], s.names)
		}
	}
	writeJSON(w, http.StatusOK, page)
}

// EventView is an event with its claims and, for readers who may see
// them, the reports behind the claims.
type EventView struct {
	domain.Event
	Reports []domain.Report `json:"reports,omitempty"`
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	p := PrincipalOf(r)
	e, err := s.Store.GetEvent(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if p.IsAnonymous() && !s.IsPublished(e.Status) {
		// Unpublished events do not exist for the public.
		s.writeError(w, r, domain.NotFound("event", e.ID))
		return
	}
	if p.IsAnonymous() {
		e = redact.Event(e, s.names)
	}
	view := EventView{Event: e}
	if p.Can(domain.RoleViewer) {
		seen := map[string]bool{}
		for _, c := range e.Claims {
			if seen[c.ReportID] {
				continue
			}
			seen[c.ReportID] = true
			rep, err := s.Store.GetReport(r.Context(), c.ReportID)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			view.Reports = append(view.Reports, viewReport(p, rep))
		}
	}
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(e.Version, 10)))
	writeJSON(w, http.StatusOK, view)
}
