// Package web is sitroom's dashboard: server-rendered HTML pages (overview,
// map, event list and timeline, event detail with every source, review
// queue, situation views, report form, sign-in) over the same store, views
// and review service as the JSON API. Every page reads without JavaScript;
// htmx, Leaflet and uPlot (vendored, embedded, served with content-hashed
// URLs) improve it where scripts run. Nothing is fetched from another host
// unless a tile server is configured.
package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
	"sitroom/internal/intake"
	"sitroom/internal/ratelimit"
	"sitroom/internal/review"
)

// Store is what the dashboard reads and writes.
type Store interface {
	domain.Store
	domain.SessionStore
}

// Cookie security modes for Config.SecureCookies.
const (
	SecureAuto   = "auto"   // Secure when the request came over TLS (or a proxy says so)
	SecureAlways = "always" // always Secure: the node is only reached over HTTPS
	SecureNever  = "never"  // never Secure: plain HTTP on a trusted network
)

// Config holds the dashboard's settings.
type Config struct {
	// TileURL is an optional XYZ tile server ("https://…/{z}/{x}/{y}.png")
	// for nodes with internet; empty keeps the map on the embedded basemap.
	TileURL string
	// TileAttribution is shown under the map with online tiles.
	TileAttribution string
	// SecureCookies is SecureAuto, SecureAlways or SecureNever.
	SecureCookies string
	// SessionTTL is how long a sign-in lasts; default 12 hours.
	SessionTTL time.Duration
	// SignInFailures is how many failed sign-ins one client address may
	// make in a quarter of an hour before it is turned away for a while;
	// default 10, negative for no limit.
	SignInFailures int
}

// Server serves the dashboard.
type Server struct {
	store  Store
	api    *httpapi.Server
	intake *intake.Service
	review *review.Service
	clock  domain.Clock
	places domain.Gazetteer
	log    *slog.Logger
	cfg    Config

	published []domain.Status
	csrfKey   []byte
	assets    *assetSet
	pages     map[string]*pageTemplate
	cop       *http.CrossOriginProtection
	signins   *ratelimit.Limiter // failed sign-ins per client address
}

// Deps are the parts of the node the dashboard works through.
type Deps struct {
	Store  Store
	API    *httpapi.Server // for its view query rules and actor expansion
	Intake *intake.Service
	Review *review.Service
	Clock  domain.Clock
	// Places is the gazetteer, for names and points of P-codes; may be nil.
	Places domain.Gazetteer
	Log    *slog.Logger
	// Key is the node's secret; the dashboard derives its CSRF key from it.
	Key []byte
	// PlacePoints are drawn on the map under the events (township seats
	// with their English and Burmese names); may be empty.
	PlacePoints []PlacePoint
}

// PlacePoint is a named point of the gazetteer shown on the basemap.
type PlacePoint struct {
	PCode  string  `json:"pcode"`
	Name   string  `json:"name"`
	NameMy string  `json:"name_my,omitempty"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

// New builds the dashboard.
func New(d Deps, cfg Config) (*Server, error) {
	if d.Store == nil || d.API == nil || d.Clock == nil || len(d.Key) == 0 {
		return nil, fmt.Errorf("web: store, API server, clock and key are required")
	}
	switch cfg.SecureCookies {
	case "":
		cfg.SecureCookies = SecureAuto
	case SecureAuto, SecureAlways, SecureNever:
	default:
		return nil, domain.FieldError("secure-cookies", "%q: give auto, always or never", cfg.SecureCookies)
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.SignInFailures == 0 {
		cfg.SignInFailures = 10
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	mac := hmac.New(sha256.New, d.Key)
	mac.Write([]byte("sitroom web csrf v1"))
	s := &Server{store: d.Store, api: d.API, intake: d.Intake, review: d.Review, clock: d.Clock, places: d.Places,
		log: d.Log, cfg: cfg, csrfKey: mac.Sum(nil), cop: http.NewCrossOriginProtection()}
	s.published = d.API.Published()
	if cfg.SignInFailures > 0 {
		// The bucket refills over 15 minutes, so a guesser gets at most
		// SignInFailures tries in that time.
		s.signins = ratelimit.New(d.Clock, float64(cfg.SignInFailures)/15, cfg.SignInFailures, 0)
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	places := d.PlacePoints
	if places == nil {
		places = []PlacePoint{}
	}
	body, err := json.Marshal(places)
	if err != nil {
		return nil, err
	}
	if err := s.assets.add("places.json", body); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s); err != nil {
		return nil, err
	}
	return s, nil
}

// Handler is what routes are mounted on: the API server's Handle, so that
// the dashboard shares its middleware (metrics, access log, body limit).
type Handler interface {
	Handle(pattern string, h http.Handler)
}

// Mount adds the dashboard's routes.
func (s *Server) Mount(m Handler) {
	get := func(pattern string, h func(http.ResponseWriter, *http.Request, *page)) {
		m.Handle("GET "+pattern, s.pageHandler(h))
	}
	post := func(pattern string, h func(http.ResponseWriter, *http.Request, *page)) {
		m.Handle("POST "+pattern, s.cop.Handler(s.pageHandler(s.csrfChecked(h))))
	}
	m.Handle("GET /assets/{hash}/{path...}", http.HandlerFunc(s.serveAsset))
	get("/{$}", s.overview)
	get("/map", s.mapPage)
	get("/map/data", s.mapData)
	get("/events", s.eventList)
	get("/events/{id}", s.eventPage)
	get("/situation/control", s.controlPage)
	get("/situation/displacement", s.displacementPage)
	get("/situation/access", s.accessPage)
	get("/review", s.reviewQueue)
	get("/review/{id}", s.reviewPage)
	post("/review/{id}/status", s.reviewStatus)
	post("/review/{id}/figure", s.reviewFigure)
	post("/review/{id}/merge", s.reviewMerge)
	post("/review/{id}/split", s.reviewSplit)
	get("/report", s.reportForm)
	post("/report", s.reportSubmit)
	get("/reports", s.reportList)
	get("/login", s.loginForm)
	post("/login", s.loginSubmit)
	post("/logout", s.logout)
	get("/lang/{lang}", s.setLang)
}

// Sweep removes expired sessions now and then until ctx is done.
func (s *Server) Sweep(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.store.DeleteExpiredSessions(ctx, s.clock.Now()); err != nil && ctx.Err() == nil {
			s.log.Warn("web: sweep sessions", "err", err)
		} else if n > 0 {
			s.log.Info("web: expired sessions removed", "n", n)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
