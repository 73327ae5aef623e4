package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/views"
)

func (s *Server) viewRoutes() {
	s.HandleFunc("GET /api/v1/figures", s.figures)
	s.HandleFunc("GET /api/v1/views/control", s.viewControl)
	s.HandleFunc("GET /api/v1/views/access", s.viewAccess)
	s.HandleFunc("GET /api/v1/views/sites", s.viewSites)
	s.HandleFunc("GET /api/v1/views/displacement", s.viewDisplacement)
}

// ViewQuery is what every situation view is asked: an area, a window and
// which events count.
type ViewQuery struct {
	Area   string
	Level  domain.GeoLevel
	Window views.Window
	Filter domain.EventFilter
}

// ParseViewQuery reads pcode (state, district or township; default the
// whole country), since and until (default everything up to today) and
// status from a query string, for a principal: the public sees published
// events only.
func (s *Server) ParseViewQuery(q url.Values, p domain.Principal) (ViewQuery, error) {
	vq := ViewQuery{Area: strings.ToUpper(strings.TrimSpace(q.Get("pcode")))}
	vq.Level = domain.LevelCountry
	if vq.Area != "" && vq.Area != "MMR" {
		vq.Level = domain.LevelOfPCode(vq.Area)
		switch vq.Level {
		case domain.LevelState, domain.LevelDistrict, domain.LevelTownship:
		default:
			return vq, domain.FieldError("pcode", "%q is not the P-code of a state/region, district or township", vq.Area)
		}
	}
	vq.Window = views.Window{Since: domain.MinDate, Until: domain.DateOf(s.Clock.Now().In(domain.Myanmar))}
	var err error
	if v := q.Get("since"); v != "" {
		if vq.Window.Since, err = domain.ParseDate(v); err != nil {
			return vq, domain.FieldError("since", "%v", err)
		}
	}
	if v := q.Get("until"); v != "" {
		if vq.Window.Until, err = domain.ParseDate(v); err != nil {
			return vq, domain.FieldError("until", "%v", err)
		}
	}
	if vq.Window.Until < vq.Window.Since {
		return vq, domain.FieldError("until", "%s is before since %s", vq.Window.Until, vq.Window.Since)
	}
	f := domain.EventFilter{Since: vq.Window.Since, Until: vq.Window.Until}
	if vq.Level != domain.LevelCountry {
		f.PCode = vq.Area
	}
	for _, v := range list(q, "status") {
		st := domain.Status(v)
		if !st.Valid() {
			return vq, domain.FieldError("status", "%q is not a status", v)
		}
		f.Statuses = append(f.Statuses, st)
	}
	s.RestrictToReader(p, &f)
	vq.Filter = f
	return vq, nil
}

// LoadEvents reads every event a filter matches, page by page.
func LoadEvents(ctx context.Context, store domain.Store, f domain.EventFilter) ([]domain.Event, error) {
	f.Limit = domain.MaxPageSize
	f.Cursor = ""
	var out []domain.Event
	for {
		page, err := store.ListEvents(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" {
			return out, nil
		}
		f.Cursor = page.NextCursor
	}
}

// names looks up place names in the gazetteer, when there is one.
func (s *Server) names(pcode string) string {
	if s.Places == nil {
		return ""
	}
	if pcode == "MMR" {
		return "Myanmar"
	}
	p, err := s.Places.Place(pcode)
	if err != nil {
		return ""
	}
	return p.Name
}

// view runs a situation view for a request.
func (s *Server) view(w http.ResponseWriter, r *http.Request, build func(vq ViewQuery, events []domain.Event, p domain.Principal) any) {
	p := PrincipalOf(r)
	vq, err := s.ParseViewQuery(r.URL.Query(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var events []domain.Event
	if !(p.IsAnonymous() && len(vq.Filter.Statuses) == 0) {
		if events, err = LoadEvents(r.Context(), s.Store, vq.Filter); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, build(vq, events, p))
}

func (s *Server) figures(w http.ResponseWriter, r *http.Request) {
	by := r.URL.Query().Get("by")
	if by != "" && by != "township" && by != "day" {
		s.writeError(w, r, domain.FieldError("by", "%q: give township or day", by))
		return
	}
	s.view(w, r, func(vq ViewQuery, events []domain.Event, _ domain.Principal) any {
		return views.Figures(events, vq.Area, vq.Level, vq.Window, by, s.names)
	})
}

func (s *Server) viewControl(w http.ResponseWriter, r *http.Request) {
	s.view(w, r, func(_ ViewQuery, events []domain.Event, _ domain.Principal) any {
		return map[string]any{"places": nonNil(views.Control(events))}
	})
}

func (s *Server) viewAccess(w http.ResponseWriter, r *http.Request) {
	s.view(w, r, func(_ ViewQuery, events []domain.Event, _ domain.Principal) any {
		return map[string]any{"constraints": nonNil(views.Access(events))}
	})
}

func (s *Server) viewSites(w http.ResponseWriter, r *http.Request) {
	s.view(w, r, func(_ ViewQuery, events []domain.Event, p domain.Principal) any {
		return map[string]any{"sites": nonNil(views.Sites(events, !p.Can(domain.RoleViewer)))}
	})
}

func (s *Server) viewDisplacement(w http.ResponseWriter, r *http.Request) {
	s.view(w, r, func(vq ViewQuery, events []domain.Event, _ domain.Principal) any {
		return map[string]any{"since": vq.Window.Since, "until": vq.Window.Until,
			"townships": nonNil(views.Displacement(events, vq.Window, s.names))}
	})
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
