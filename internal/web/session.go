package web

import (
	"errors"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/auth"
	"sitroom/internal/domain"
)

// Cookie names. The session cookie holds a random secret whose hash is the
// stored session; the pre-session cookie binds the sign-in form's CSRF
// token to the browser that loaded it.
const (
	sessionCookie = "sitroom_session"
	preCookie     = "sitroom_pre"
)

// secure reports whether cookies for this request get the Secure flag.
func (s *Server) secure(r *http.Request) bool {
	switch s.cfg.SecureCookies {
	case SecureAlways:
		return true
	case SecureNever:
		return false
	}
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration, mode http.SameSite) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: s.secure(r), SameSite: mode})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
}

// clientAddr is the address failed sign-ins are counted against: the
// connection's peer. Behind a reverse proxy every client shares the proxy's
// address, so the proxy should limit sign-ins itself.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext keeps a post-sign-in redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

type loginData struct {
	Next string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, p *page) {
	s.showLogin(w, r, p, http.StatusOK, r.URL.Query().Get("next"), "")
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, p *page, status int, next, msg string) {
	if p.session == nil {
		pre := p.preCSRF
		if pre == "" {
			if c, err := r.Cookie(preCookie); err == nil && len(c.Value) >= 32 {
				pre = c.Value
			} else {
				pre = randomSecret()
			}
		}
		s.setCookie(w, r, preCookie, pre, time.Hour, http.SameSiteStrictMode)
		p.CSRF = s.csrfToken("pre:" + pre)
	}
	p.Title, p.Nav, p.Error = p.T("lg.title"), "login", msg
	p.Data = loginData{Next: safeNext(next)}
	s.render(w, r, status, "login", "", p)
}

// loginSubmit opens a session for a valid token. The session lasts the
// configured time, never beyond the token's own expiry.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request, p *page) {
	next := safeNext(r.PostFormValue("next"))
	client := clientAddr(r)
	if wait := s.signins.Wait(client); wait > 0 {
		mins := int(math.Ceil(wait.Minutes()))
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		s.log.Warn("web: sign-in refused, too many failures", "client", client)
		s.showLogin(w, r, p, http.StatusTooManyRequests, next, p.T("lg.toomany", mins))
		return
	}
	secret := strings.TrimSpace(r.PostFormValue("token"))
	pr, err := auth.Authenticate(r.Context(), s.store, s.clock, secret)
	if err != nil {
		if domain.IsCode(err, domain.CodeUnauthorized) {
			s.signins.Allow(client) // counts the failure
			var de *domain.Error
			msg := err.Error()
			if errors.As(err, &de) {
				msg = de.Message
			}
			s.showLogin(w, r, p, http.StatusUnauthorized, next, p.T("lg.bad", msg))
			return
		}
		s.fail(w, r, p, err)
		return
	}
	tok, err := s.store.TokenByHash(r.Context(), auth.Hash(secret))
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	now := s.clock.Now()
	exp := now.Add(s.cfg.SessionTTL)
	if tok.ExpiresAt != nil && tok.ExpiresAt.Before(exp) {
		exp = *tok.ExpiresAt
	}
	if p.session != nil {
		s.store.DeleteSession(r.Context(), p.session.Hash)
	}
	cookie := randomSecret()
	if err := s.store.CreateSession(r.Context(), domain.Session{Hash: hashSecret(cookie), TokenID: pr.TokenID,
		CreatedAt: now, ExpiresAt: exp}); err != nil {
		s.fail(w, r, p, err)
		return
	}
	s.setCookie(w, r, sessionCookie, cookie, exp.Sub(now), http.SameSiteLaxMode)
	s.clearCookie(w, r, preCookie)
	s.log.Info("web: signed in", "principal", pr.Name, "role", pr.Role)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, p *page) {
	if p.session != nil {
		if err := s.store.DeleteSession(r.Context(), p.session.Hash); err != nil {
			s.fail(w, r, p, err)
			return
		}
	}
	s.clearCookie(w, r, sessionCookie)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// setLang is the language switch: a link per language, remembered in a
// cookie for a year.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request, p *page) {
	l := r.PathValue("lang")
	if l != langEN && l != langMY {
		s.errorPage(w, r, p, http.StatusNotFound, p.T("err.notfound"))
		return
	}
	s.setCookie(w, r, "lang", l, 365*24*time.Hour, http.SameSiteLaxMode)
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}
