package export

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
)

// Reader is who an HTTP request reads as, and which events it may see.
type Reader struct {
	Principal domain.Principal
	Audience  Audience
	// Nothing is true when the request may see no event at all (the
	// public asked only for unpublished statuses).
	Nothing bool
}

// BaseURL is the node's address as a request reached it, unless the node
// is configured with its public address.
func BaseURL(r *http.Request, configured string) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// ReaderOf works out a request's reader and restricts the filter's
// statuses to what the reader may see: the public sees the node's
// published statuses only (the server's rule, httpapi's RestrictToReader).
func ReaderOf(srv *httpapi.Server, r *http.Request, f *domain.EventFilter, publicURL string) Reader {
	p := httpapi.PrincipalOf(r)
	rd := Reader{Principal: p, Audience: Audience{Public: !p.Can(domain.RoleViewer), BaseURL: BaseURL(r, publicURL)}}
	rd.Nothing = srv.RestrictToReader(p, f)
	return rd
}

// FullStore is what the HTTP exports read: events, claims and the audit
// trail (for verification times).
type FullStore interface {
	Store
	AuditReader
}

// Handler serves the exports of the events list: the same filters as
// GET /api/v1/events, in another format.
type Handler struct {
	Server *httpapi.Server
	Store  FullStore
	Places domain.Gazetteer
	Clock  domain.Clock
	Log    *slog.Logger
	// PublicURL is the node's public address for links; empty: the
	// address the request came to.
	PublicURL string
}

// Formats are the export formats by their route suffix.
var Formats = map[string]struct{ Name, ContentType, File string }{
	"acled.csv": {"acled", "text/csv; charset=utf-8; header=present", "events-acled.csv"},
	"hxl.csv":   {"hxl", "text/csv; charset=utf-8; header=present", "events-hxl.csv"},
	"geojson":   {"geojson", "application/geo+json", "events.geojson"},
	"atom":      {"atom", "application/atom+xml; charset=utf-8", ""},
}

// Mount adds GET /api/v1/events.{acled.csv,hxl.csv,geojson,atom}.
func (h *Handler) Mount(s interface {
	Handle(pattern string, h http.Handler)
}) {
	for suffix := range Formats {
		s.Handle("GET /api/v1/events."+suffix, h.serve(suffix))
	}
}

// Writer is an export format's streaming writer.
type Writer interface {
	Write(Item) error
	Close() error
}

// NewWriter returns the writer of a format ("acled", "hxl", "geojson").
func NewWriter(format string, w io.Writer, places domain.Gazetteer, aud Audience) (Writer, bool) {
	switch format {
	case "acled":
		return NewACLEDWriter(w, places), true
	case "hxl":
		return NewHXLWriter(w, places, aud), true
	case "geojson":
		return NewGeoJSONWriter(w, places, aud), true
	}
	return nil, false
}

func (h *Handler) serve(suffix string) http.Handler {
	format := Formats[suffix]
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f, err := httpapi.ParseEventFilter(q)
		if err != nil {
			h.Server.WriteError(w, r, err)
			return
		}
		h.Server.ExpandActors(&f)
		rd := ReaderOf(h.Server, r, &f, h.PublicURL)
		if format.Name == "atom" {
			h.atom(w, r, f, rd)
			return
		}
		w.Header().Set("Content-Type", format.ContentType)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if format.File != "" && format.Name != "geojson" {
			w.Header().Set("Content-Disposition", `attachment; filename="`+format.File+`"`)
		}
		out, _ := NewWriter(format.Name, w, h.Places, rd.Audience)
		if !rd.Nothing {
			if err := Each(r.Context(), h.Store, f, h.Places, rd.Audience, out.Write); err != nil {
				// Headers are gone with the first row: the body ends
				// where the error struck, and the log says why.
				h.Log.Error("export failed", "format", format.Name, "err", err)
				return
			}
		}
		if err := out.Close(); err != nil {
			h.Log.Error("export failed", "format", format.Name, "err", err)
		}
	})
}

func (h *Handler) atom(w http.ResponseWriter, r *http.Request, f domain.EventFilter, rd Reader) {
	limit := domain.DefaultPageSize
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			h.Server.WriteError(w, r, domain.FieldError("limit", "%q is not a positive number", v))
			return
		}
		limit = min(n, domain.MaxPageSize)
	}
	var entries []Verified
	if !rd.Nothing {
		var err error
		if entries, err = NewlyVerified(r.Context(), h.Store, h.Store, f, h.Places, rd.Audience, limit); err != nil {
			h.Server.WriteError(w, r, err)
			return
		}
	}
	self := rd.Audience.BaseURL + r.URL.RequestURI()
	feed := AtomFeed{Area: f.PCode, AreaName: placeName(h.Places, f.PCode), SelfURL: self, Now: h.now()}
	w.Header().Set("Content-Type", Formats["atom"].ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if err := WriteAtom(w, feed, entries, h.Places, rd.Audience); err != nil {
		h.Log.Error("atom feed failed", "err", err)
	}
}

func (h *Handler) now() time.Time {
	if h.Clock == nil {
		return time.Now().UTC()
	}
	return h.Clock.Now()
}

// Run writes one export to w for a command-line reader: format is
// "acled", "hxl", "geojson" or "atom".
func Run(ctx context.Context, w io.Writer, format string, s FullStore, f domain.EventFilter, places domain.Gazetteer, aud Audience, now time.Time) error {
	if format == "atom" {
		entries, err := NewlyVerified(ctx, s, s, f, places, aud, domain.DefaultPageSize)
		if err != nil {
			return err
		}
		self := strings.TrimRight(aud.BaseURL, "/") + "/api/v1/events.atom"
		if f.PCode != "" {
			self += "?pcode=" + url.QueryEscape(f.PCode)
		}
		return WriteAtom(w, AtomFeed{Area: f.PCode, AreaName: placeName(places, f.PCode), SelfURL: self, Now: now}, entries, places, aud)
	}
	out, ok := NewWriter(format, w, places, aud)
	if !ok {
		return domain.FieldError("format", "%q is not an export format (acled, hxl, geojson, atom)", format)
	}
	if err := Each(ctx, s, f, places, aud, out.Write); err != nil {
		return err
	}
	return out.Close()
}
