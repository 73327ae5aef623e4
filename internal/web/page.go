package web

import (
	"bytes"
	"compress/gzip"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
)

//go:embed templates/*.html
var templateFS embed.FS

// page is what every template gets: the reader (principal, language, CSRF
// token) and the page's own data.
type page struct {
	Lang      string
	P         domain.Principal
	CSRF      string
	Title     string
	Nav       string
	Path      string
	Here      string // the request URI, to come back to
	Query     string
	Flash     string
	Error     string
	Scripts   []string // asset names to load, in order
	Styles    []string
	TileURL   string
	TileAttr  string
	Published []domain.Status
	Data      any

	s       *Server
	session *domain.Session
	preCSRF string // the pre-session cookie value, for the sign-in form
}

// T translates an interface string for the page's reader.
func (p *page) T(key string, args ...any) string { return tr(p.Lang, key, args...) }

// Asset is the content-hashed URL of an asset.
func (p *page) Asset(name string) string { return p.s.assets.url(name) }

// Can reports whether the reader holds a role.
func (p *page) Can(role string) bool { return p.P.Can(domain.Role(role)) }

// SignedIn reports whether the reader has a principal.
func (p *page) SignedIn() bool { return !p.P.IsAnonymous() }

type pageTemplate struct{ t *template.Template }

var pageNames = []string{"overview", "map", "events", "event", "control", "displacement", "access",
	"review", "reviewevent", "report", "reports", "login", "error"}

// parsePages parses each page with the shared layout.
func parsePages(s *Server) (map[string]*pageTemplate, error) {
	out := map[string]*pageTemplate{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		out[name] = &pageTemplate{t: t}
	}
	return out, nil
}

var gzPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression); return w }}

// render executes a page (or, for htmx, one of its blocks) into a buffer
// and writes it, compressed when the client takes gzip.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, block string, p *page) {
	t := s.pages[name]
	if block == "" {
		block = "layout"
	}
	var buf bytes.Buffer
	if err := t.t.ExecuteTemplate(&buf, block, p); err != nil {
		s.log.Error("web: render", "page", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Accept-Encoding, Cookie, Accept-Language")
	s.securityHeaders(h)
	if buf.Len() > 1024 && acceptsGzip(r) {
		var zbuf bytes.Buffer
		zw := gzPool.Get().(*gzip.Writer)
		zw.Reset(&zbuf)
		zw.Write(buf.Bytes())
		zw.Close()
		gzPool.Put(zw)
		h.Set("Content-Encoding", "gzip")
		buf = zbuf
	}
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// securityHeaders keeps pages to their own origin: scripts and styles from
// this node only, images also from the tile server when one is set.
func (s *Server) securityHeaders(h http.Header) {
	img := "'self' data:"
	if s.cfg.TileURL != "" {
		if u, err := url.Parse(strings.NewReplacer("{s}", "a", "{z}", "0", "{x}", "0", "{y}", "0").Replace(s.cfg.TileURL)); err == nil && u.Host != "" {
			img += " " + u.Scheme + "://" + strings.Replace(u.Host, "a.", "*.", 1)
		}
	}
	h.Set("Content-Security-Policy", "default-src 'self'; img-src "+img+"; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
}

// SessionPrincipal returns the reader a request's session cookie stands
// for, if it carries a live one; the API uses it for reads.
func (s *Server) SessionPrincipal(r *http.Request) (domain.Principal, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return domain.Anonymous, false
	}
	se, err := s.store.SessionByHash(r.Context(), hashSecret(c.Value), s.clock.Now())
	if err != nil {
		return domain.Anonymous, false
	}
	return se.Principal(), true
}

// pageHandler resolves the reader (bearer token, else session cookie) and
// language, then runs h.
func (s *Server) pageHandler(h func(http.ResponseWriter, *http.Request, *page)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := &page{s: s, Lang: chooseLang(r), P: httpapi.PrincipalOf(r), Path: r.URL.Path, Query: r.URL.RawQuery, Here: r.URL.RequestURI(),
			TileURL: s.cfg.TileURL, TileAttr: s.cfg.TileAttribution, Published: s.published}
		if p.P.IsAnonymous() {
			if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
				se, err := s.store.SessionByHash(r.Context(), hashSecret(c.Value), s.clock.Now())
				switch {
				case err == nil:
					p.session = &se
					p.P = se.Principal()
				case domain.IsCode(err, domain.CodeNotFound):
					s.clearCookie(w, r, sessionCookie)
				default:
					s.fail(w, r, p, err)
					return
				}
			}
		}
		if p.session != nil {
			p.CSRF = s.csrfToken("session:" + p.session.Hash)
		}
		h(w, r, p)
	})
}

// csrfChecked refuses a form post whose token does not match the reader's
// session (or, before sign-in, the pre-session cookie). Requests carrying a
// bearer token are not from a browser's ambient credentials and pass.
func (s *Server) csrfChecked(h func(http.ResponseWriter, *http.Request, *page)) func(http.ResponseWriter, *http.Request, *page) {
	return func(w http.ResponseWriter, r *http.Request, p *page) {
		if r.Header.Get("Authorization") != "" {
			h(w, r, p)
			return
		}
		got := r.PostFormValue("csrf")
		if got == "" {
			got = r.Header.Get("X-CSRF-Token")
		}
		binding := ""
		if p.session != nil {
			binding = "session:" + p.session.Hash
		} else if c, err := r.Cookie(preCookie); err == nil && c.Value != "" {
			binding = "pre:" + c.Value
			p.preCSRF = c.Value
		}
		if binding == "" || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(s.csrfToken(binding))) != 1 {
			s.errorPage(w, r, p, http.StatusForbidden, p.T("err.csrf"))
			return
		}
		h(w, r, p)
	}
}

// csrfToken is the synchronizer token for a binding: an HMAC under a key
// derived from the node's secret, so it needs no storage.
func (s *Server) csrfToken(binding string) string {
	mac := hmac.New(sha256.New, s.csrfKey)
	mac.Write([]byte(binding))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func randomSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// need checks the reader's role: the public is sent to sign in, a signed-in
// reader without the role is told which one it needs.
func (s *Server) need(w http.ResponseWriter, r *http.Request, p *page, role domain.Role) bool {
	if p.P.Can(role) {
		return true
	}
	if p.P.IsAnonymous() {
		next := r.URL.RequestURI()
		if r.Method != http.MethodGet {
			next = r.URL.Path
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
		return false
	}
	s.errorPage(w, r, p, http.StatusForbidden, p.T("err.forbidden", string(p.P.Role), string(role)))
	return false
}

// fail shows an error from the layers below as a page with the status the
// API would give.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, p *page, err error) {
	var de *domain.Error
	if !errors.As(err, &de) {
		s.log.Error("web: request failed", "path", r.URL.Path, "err", err)
		s.errorPage(w, r, p, http.StatusInternalServerError, p.T("err.internal"))
		return
	}
	status := statusOf(de.Code)
	msg := de.Message
	if de.Field != "" {
		msg = de.Field + ": " + msg
	}
	switch de.Code {
	case domain.CodeNotFound:
		msg = p.T("err.notfound") + " " + msg
	case domain.CodeInternal, domain.CodeUnavailable:
		s.log.Error("web: request failed", "path", r.URL.Path, "err", err)
		msg = p.T("err.internal")
	default:
		msg = p.T("err.invalid", msg)
	}
	s.errorPage(w, r, p, status, msg)
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, p *page, status int, msg string) {
	p.Title = p.T("err.title")
	p.Error = msg
	s.render(w, r, status, "error", "", p)
}

// statusOf is the JSON API's mapping of error codes to HTTP statuses, so
// that a page and the API answer one error alike.
func statusOf(code domain.Code) int { return httpapi.StatusOf(code) }
