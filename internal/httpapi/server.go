// Package httpapi serves sitroom's JSON API (v1), health checks and
// metrics over net/http. Handlers only translate between HTTP and the
// pipeline's stages and the store.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"sitroom/internal/auth"
	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
	"sitroom/internal/intake"
	"sitroom/internal/review"
)

// DefaultMaxBody is the largest request body accepted.
const DefaultMaxBody = 8 << 20

// Config holds the server's settings.
type Config struct {
	// Published lists the statuses the public may see; default verified.
	Published []domain.Status
	// MaxBody limits request bodies (bytes).
	MaxBody int64
}

// Server is the HTTP API.
type Server struct {
	Store  domain.Store
	Intake *intake.Service
	Review *review.Service
	Clock  domain.Clock
	// Places is the gazetteer: place names in views and the places API.
	Places *gazetteer.Gazetteer
	// Session, when set, finds the principal of a dashboard session cookie.
	// It is honoured for reads (GET, HEAD) only, so that a signed-in reader
	// can follow links to exports and feeds; writes need a bearer token,
	// which a browser never sends on its own (no cross-site request forgery).
	Session func(r *http.Request) (domain.Principal, bool)
	// Actors expands an actor name to the names an event may carry for it
	// (a coalition and its members). Nil: the name alone.
	Actors func(name string) []string

	cfg      Config
	log      *slog.Logger
	mux      *http.ServeMux
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	reports  *prometheus.CounterVec
}

// New builds a server. Mount more routes with Handle before serving.
func New(store domain.Store, in *intake.Service, clock domain.Clock, log *slog.Logger, cfg Config) *Server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if len(cfg.Published) == 0 {
		cfg.Published = []domain.Status{domain.StatusVerified}
	}
	s := &Server{Store: store, Intake: in, Clock: clock, cfg: cfg, log: log, mux: http.NewServeMux(),
		registry: prometheus.NewRegistry()}
	s.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitroom_http_requests_total",
		Help: "HTTP requests by route, method and status code."}, []string{"route", "method", "code"})
	s.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sitroom_http_request_duration_seconds",
		Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets}, []string{"route"})
	s.reports = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sitroom_reports_total",
		Help: "Reports received, by channel and outcome (created, duplicate, error)."}, []string{"channel", "status"})
	s.registry.MustRegister(s.requests, s.duration, s.reports,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if in != nil {
		prev := in.Observe
		in.Observe = func(ch domain.Channel, status string) {
			s.reports.WithLabelValues(string(ch), status).Inc()
			if prev != nil {
				prev(ch, status)
			}
		}
	}
	s.routes()
	return s
}

// Registry is the server's Prometheus registry, for other packages' metrics.
func (s *Server) Registry() *prometheus.Registry { return s.registry }

// Handle mounts a handler on a pattern ("GET /api/v1/places"), with the
// server's middleware.
func (s *Server) Handle(pattern string, h http.Handler) {
	s.mux.Handle(pattern, s.wrap(pattern, h))
}

// HandleFunc mounts a handler function; see Handle.
func (s *Server) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	s.Handle(pattern, http.HandlerFunc(h))
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) routes() {
	s.HandleFunc("POST /api/v1/reports", s.postReports)
	s.HandleFunc("GET /api/v1/reports", s.listReports)
	s.HandleFunc("GET /api/v1/reports/{id}", s.getReport)
	s.HandleFunc("GET /api/v1/events", s.listEvents)
	s.HandleFunc("GET /api/v1/events/{id}", s.getEvent)
	s.reviewRoutes()
	s.viewRoutes()
	s.placeRoutes()
	s.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.HandleFunc("GET /readyz", s.ready)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}))
	s.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, domain.Errorf(domain.CodeNotFound, "no API route %s %s; see docs/API.md", r.Method, r.URL.Path))
	})
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

type principalKey struct{}

// PrincipalOf returns the principal of a request that went through the
// server's middleware.
func PrincipalOf(r *http.Request) domain.Principal {
	if p, ok := r.Context().Value(principalKey{}).(domain.Principal); ok {
		return p
	}
	return domain.Anonymous
}

// statusRecorder remembers the status a handler wrote, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// wrap adds the middleware every route shares: panic recovery, bearer-token
// authentication, a body size limit, metrics and an access log. The log
// names the principal but never a body, so no report text or contact ends
// up in logs.
func (s *Server) wrap(route string, h http.Handler) http.Handler {
	label := route
	if i := strings.IndexByte(label, ' '); i >= 0 {
		label = label[i+1:]
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		p := domain.Anonymous
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("panic", "route", route, "panic", v)
				if rec.status == 0 {
					s.writeError(rec, r, domain.Errorf(domain.CodeInternal, "panic: %v", v))
				}
			}
			code := rec.status
			if code == 0 {
				code = http.StatusOK
			}
			s.requests.WithLabelValues(label, r.Method, itoa(code)).Inc()
			s.duration.WithLabelValues(label).Observe(time.Since(start).Seconds())
			// The route pattern, not the path: paths can carry secrets
			// (webhook tokens) and identifiers that do not belong in logs.
			s.log.Info("http", "method", r.Method, "route", label, "status", code,
				"ms", time.Since(start).Milliseconds(), "principal", p.Name)
		}()
		if hdr := r.Header.Get("Authorization"); hdr != "" {
			secret, ok := strings.CutPrefix(hdr, "Bearer ")
			if !ok {
				s.writeError(rec, r, domain.Errorf(domain.CodeUnauthorized, "Authorization must be \"Bearer <token>\""))
				return
			}
			var err error
			p, err = auth.Authenticate(r.Context(), s.Store, s.Clock, strings.TrimSpace(secret))
			if err != nil {
				s.writeError(rec, r, err)
				return
			}
		}
		if p.IsAnonymous() && s.Session != nil && strings.HasPrefix(r.URL.Path, "/api/") &&
			(r.Method == http.MethodGet || r.Method == http.MethodHead) && r.Header.Get("Authorization") == "" {
			if sp, ok := s.Session(r); ok {
				p = sp
			}
		}
		r.Body = http.MaxBytesReader(rec, r.Body, s.cfg.MaxBody)
		h.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	})
}

func itoa(n int) string {
	const digits = "0123456789"
	if n >= 100 && n < 1000 {
		return string([]byte{digits[n/100], digits[n/10%10], digits[n%10]})
	}
	return "other"
}
