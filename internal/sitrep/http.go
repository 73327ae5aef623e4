package sitrep

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/httpapi"
)

// DefaultDays is the length of a report's period when no start is given:
// a week, ending on its last day.
const DefaultDays = 7

// Query is what a report is asked for.
type Query struct {
	PCode, Since, Until string
	// Statuses, when set, are the statuses to report on.
	Statuses []string
	// AllStatuses reports on every status but rejected.
	AllStatuses bool
}

// Handler serves GET /api/v1/sitrep.
type Handler struct {
	Server *httpapi.Server
	Store  export.Store
	Places domain.Gazetteer
	Clock  domain.Clock
	Log    *slog.Logger
	// PublicURL is the node's public address for links.
	PublicURL string
}

// Mount adds GET /api/v1/sitrep.
func (h *Handler) Mount(s interface {
	Handle(pattern string, h http.Handler)
}) {
	s.Handle("GET /api/v1/sitrep", http.HandlerFunc(h.serve))
}

// Make builds a report for a principal: the view query is read as the
// figures API reads it (httpapi.ParseViewQuery, so the same events count),
// except that without status or all_statuses a report covers the
// published statuses only, for every reader.
//
// public redacts the report (see export.Redact); an HTTP reader is public
// when it has no role.
func Make(ctx context.Context, srv *httpapi.Server, s export.Store, places domain.Gazetteer, p domain.Principal, public bool, q Query, baseURL string) (Report, error) {
	vals := url.Values{}
	until := q.Until
	if until == "" {
		until = string(domain.DateOf(srv.Clock.Now().In(domain.Myanmar)))
	}
	vals.Set("until", until)
	since := q.Since
	if since == "" {
		u, err := domain.ParseDate(until)
		if err != nil {
			return Report{}, domain.FieldError("until", "%v", err)
		}
		since = string(u.AddDays(-(DefaultDays - 1)))
	}
	vals.Set("since", since)
	if q.PCode != "" {
		vals.Set("pcode", q.PCode)
	}
	for _, st := range q.Statuses {
		vals.Add("status", st)
	}
	vq, err := srv.ParseViewQuery(vals, p)
	if err != nil {
		return Report{}, err
	}
	f := vq.Filter
	switch {
	case p.IsAnonymous():
		// ParseViewQuery kept the published statuses only.
	case len(q.Statuses) > 0:
	case q.AllStatuses:
		f.Statuses = []domain.Status{domain.StatusNew, domain.StatusCorroborated, domain.StatusVerified, domain.StatusDisputed}
	default:
		pub, err := srv.ParseViewQuery(url.Values{}, domain.Anonymous)
		if err != nil {
			return Report{}, err
		}
		f.Statuses = pub.Filter.Statuses
	}
	aud := export.Audience{Public: public, BaseURL: baseURL}
	in := Input{Area: vq.Area, Level: vq.Level, Window: vq.Window, Places: places, Generated: srv.Clock.Now(),
		AllStatuses: q.AllStatuses && !p.IsAnonymous(), Public: public, BaseURL: baseURL}
	if len(f.Statuses) > 0 {
		if in.Events, in.Sources, err = Collect(ctx, s, f, places, aud); err != nil {
			return Report{}, err
		}
	}
	return Build(in), nil
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "html"
	}
	switch format {
	case "html", "md", "pdf", "json":
	default:
		h.Server.WriteError(w, r, domain.FieldError("format", "%q: give html, md, pdf or json", format))
		return
	}
	all := false
	if v := q.Get("all_statuses"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			h.Server.WriteError(w, r, domain.FieldError("all_statuses", "%q is not true or false", v))
			return
		}
		all = b
	}
	p := httpapi.PrincipalOf(r)
	rep, err := Make(r.Context(), h.Server, h.Store, h.Places, p, !p.Can(domain.RoleViewer),
		Query{PCode: q.Get("pcode"), Since: q.Get("since"), Until: q.Get("until"), Statuses: q["status"], AllStatuses: all},
		export.BaseURL(r, h.PublicURL))
	if err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	// Rendered whole before the first byte, so an error is still an
	// error response (a report is small).
	var b bytes.Buffer
	if err := Write(&b, rep, format); err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ContentType(format))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if format == "pdf" || format == "md" {
		w.Header().Set("Content-Disposition", `inline; filename="sitrep-`+rep.Area+"-"+string(rep.Since)+"-"+string(rep.Until)+"."+format+`"`)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		h.Log.Info("sitrep: client went away", "err", err)
	}
}
