package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"sitroom/internal/auth"
	"sitroom/internal/domain"
	"sitroom/internal/feed"
	"sitroom/internal/httpapi"
	"sitroom/internal/spreadsheet"
)

// feedsConfig holds the feed and import settings of serve and demo.
type feedsConfig struct {
	poll           bool
	tick           time.Duration
	concurrency    int
	timeout        time.Duration
	maxBytes       int64
	importMaxBytes int64
}

var (
	feedsFlags feedsConfig
	// feedsByApp keeps the settings each serving app read at mount, so
	// that its poller never reads the flag variables another Main in the
	// same process may be setting.
	feedsByApp sync.Map // *app → feedsConfig
)

func init() {
	extend(extension{
		name: "feeds",
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&feedsFlags.poll, "feeds-poll", true, "poll news feeds in the background while serving")
			fs.DurationVar(&feedsFlags.tick, "feeds-tick", 30*time.Second, "how often to look for feeds due for a poll")
			fs.IntVar(&feedsFlags.concurrency, "feeds-concurrency", feed.DefaultConcurrency, "feeds fetched at once")
			fs.DurationVar(&feedsFlags.timeout, "feeds-timeout", feed.DefaultTimeout, "time limit for one feed fetch")
			fs.Int64Var(&feedsFlags.maxBytes, "feeds-max-bytes", feed.DefaultMaxBytes, "largest feed accepted, in bytes")
			fs.Int64Var(&feedsFlags.importMaxBytes, "import-max-bytes", 8<<20, "largest CSV accepted by POST /api/v1/import, in bytes")
		},
		mount: func(a *app, s *httpapi.Server) error {
			cfg := feedsFlags
			feedsByApp.Store(a, cfg)
			h := feedsAPI{a: a, s: s, cfg: cfg}
			s.HandleFunc("GET /api/v1/feeds", h.list)
			s.HandleFunc("POST /api/v1/feeds", h.create)
			s.HandleFunc("DELETE /api/v1/feeds/{id}", h.delete)
			s.HandleFunc("POST /api/v1/import", h.importCSV)
			return nil
		},
		run: func(ctx context.Context, a *app) error {
			v, _ := feedsByApp.Load(a)
			cfg, _ := v.(feedsConfig)
			defer feedsByApp.Delete(a)
			if !cfg.poll {
				return nil
			}
			return a.poller(cfg).Run(ctx, cfg.tick)
		},
	})
}

// poller builds the feed poller over the app's store and pipeline.
func (a *app) poller(cfg feedsConfig) *feed.Poller {
	return &feed.Poller{Store: a.store, Intake: a.intake, Clock: a.clock, Concurrency: cfg.concurrency,
		Fetcher: &feed.Fetcher{Timeout: cfg.timeout, MaxBytes: cfg.maxBytes}, Log: a.log.With(slog.String("part", "feeds"))}
}

type feedsAPI struct {
	a   *app
	s   *httpapi.Server
	cfg feedsConfig
}

// feedView is a feed as the API shows it: with its interval as text.
type feedView struct {
	domain.Feed
	Interval string `json:"interval"`
}

func viewOf(f domain.Feed) feedView { return feedView{Feed: f, Interval: f.Interval.String()} }

func (h feedsAPI) list(w http.ResponseWriter, r *http.Request) {
	if err := auth.Require(httpapi.PrincipalOf(r), domain.RoleViewer); err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	feeds, err := h.a.store.ListFeeds(r.Context())
	if err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	out := make([]feedView, 0, len(feeds))
	for _, f := range feeds {
		out = append(out, viewOf(f))
	}
	httpapi.WriteJSON(w, http.StatusOK, domain.Page[feedView]{Items: out})
}

// feedRequest is the body of POST /api/v1/feeds.
type feedRequest struct {
	URL      string `json:"url"`
	Source   string `json:"source,omitempty"`
	Interval string `json:"interval,omitempty"` // a Go duration: "15m", "1h"
}

func (h feedsAPI) create(w http.ResponseWriter, r *http.Request) {
	p := httpapi.PrincipalOf(r)
	if err := auth.Require(p, domain.RoleAdmin); err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	var req feedRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		h.s.WriteError(w, r, bodyError(err))
		return
	}
	interval := 15 * time.Minute
	if req.Interval != "" {
		d, err := time.ParseDuration(req.Interval)
		if err != nil {
			h.s.WriteError(w, r, domain.FieldError("interval", "%q is not a duration such as 15m or 1h", req.Interval))
			return
		}
		interval = d
	}
	f, err := h.a.addFeed(r.Context(), p, req.URL, req.Source, interval)
	if err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/feeds/"+f.ID)
	httpapi.WriteJSON(w, http.StatusCreated, viewOf(f))
}

func (h feedsAPI) delete(w http.ResponseWriter, r *http.Request) {
	p := httpapi.PrincipalOf(r)
	if err := auth.Require(p, domain.RoleAdmin); err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	if err := h.a.removeFeed(r.Context(), p, r.PathValue("id")); err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// addFeed checks, stores and audits a new feed.
func (a *app) addFeed(ctx context.Context, p domain.Principal, url, source string, interval time.Duration) (domain.Feed, error) {
	now := a.clock.Now()
	f, err := feed.NewFeed(url, source, interval, a.ids.NewID(), p.Name, now)
	if err != nil {
		return f, err
	}
	if err := a.store.CreateFeed(ctx, f); err != nil {
		return f, err
	}
	detail, _ := json.Marshal(map[string]string{"url": f.URL, "source": f.Source, "interval": f.Interval.String()})
	err = a.store.AppendAudit(ctx, domain.AuditEntry{ID: a.ids.NewID(), At: now, Actor: p.Name, Action: "feed.create",
		EntityType: "feed", EntityID: f.ID, Detail: detail})
	return f, err
}

// removeFeed deletes and audits a feed.
func (a *app) removeFeed(ctx context.Context, p domain.Principal, id string) error {
	f, err := a.store.GetFeed(ctx, id)
	if err != nil {
		return err
	}
	if err := a.store.DeleteFeed(ctx, id); err != nil {
		return err
	}
	detail, _ := json.Marshal(map[string]string{"url": f.URL})
	return a.store.AppendAudit(ctx, domain.AuditEntry{ID: a.ids.NewID(), At: a.clock.Now(), Actor: p.Name, Action: "feed.delete",
		EntityType: "feed", EntityID: id, Detail: detail})
}

// importResponse is the answer to POST /api/v1/import: the summary, and an
// error when nothing was imported.
type importResponse struct {
	spreadsheet.Summary
	Error *httpapi.ErrorDetail `json:"error,omitempty"`
}

// importCSV imports a CSV body. 200: every row stored or already there;
// 207: some rows failed (partial), the rest stored; 422: all-or-nothing
// found bad rows and stored nothing. Each bad row names its line and
// column.
func (h feedsAPI) importCSV(w http.ResponseWriter, r *http.Request) {
	p := httpapi.PrincipalOf(r)
	if err := auth.Require(p, domain.RoleReporter); err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "text/csv" && mt != "application/csv" && mt != "text/plain") {
			h.s.WriteError(w, r, domain.Errorf(domain.CodeUnsupported, "Content-Type %q is not text/csv", ct))
			return
		}
		if cs := params["charset"]; cs != "" && cs != "utf-8" && cs != "UTF-8" {
			h.s.WriteError(w, r, domain.Errorf(domain.CodeUnsupported, "charset %q is not utf-8", cs))
			return
		}
	}
	q := r.URL.Query()
	mode, err := spreadsheet.ParseMode(q.Get("mode"))
	if err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	format := q.Get("format")
	if format == "" {
		format = "auto"
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, h.cfg.importMaxBytes+1))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.s.WriteError(w, r, &domain.Error{Code: domain.CodeTooLarge, Message: "body is over the limit of " + strconv.FormatInt(tooBig.Limit, 10) + " bytes"})
			return
		}
		h.s.WriteError(w, r, domain.Errorf(domain.CodeMalformed, "read body: %v", err))
		return
	}
	if int64(len(body)) > h.cfg.importMaxBytes {
		h.s.WriteError(w, r, &domain.Error{Code: domain.CodeTooLarge, Message: fmt.Sprintf("CSV is over the import limit of %d bytes; split it or use sitroom import", h.cfg.importMaxBytes)})
		return
	}
	var detected string
	sum, err := spreadsheet.Import(r.Context(), h.a.intake, bytesOpener(format, body, h.a.placeResolver(), &detected),
		spreadsheet.Options{Format: format, Mode: mode, Principal: p, Source: q.Get("source")})
	if err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	sum.Format = detected
	detail, _ := json.Marshal(map[string]any{"format": sum.Format, "mode": sum.Mode, "rows": sum.Rows, "created": sum.Created,
		"duplicate": sum.Duplicate, "failed": sum.Failed, "imported": sum.Imported})
	id := h.a.ids.NewID()
	if err := h.a.store.AppendAudit(r.Context(), domain.AuditEntry{ID: id, At: h.a.clock.Now(), Actor: p.Name, Action: "import",
		EntityType: "import", EntityID: id, Detail: detail}); err != nil {
		h.s.WriteError(w, r, err)
		return
	}
	resp := importResponse{Summary: sum}
	status := http.StatusOK
	switch {
	case !sum.Imported:
		status = http.StatusUnprocessableEntity
		resp.Error = &httpapi.ErrorDetail{Code: domain.CodeInvalid,
			Message: fmt.Sprintf("%d of %d rows are bad (see errors); nothing was imported", sum.Failed, sum.Rows)}
	case sum.Failed > 0:
		status = http.StatusMultiStatus
	}
	httpapi.WriteJSON(w, status, resp)
}

// bodyError turns a JSON decoding error into a malformed-input error.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &domain.Error{Code: domain.CodeTooLarge, Message: "body is over the limit of " + strconv.FormatInt(tooBig.Limit, 10) + " bytes"}
	}
	return domain.Errorf(domain.CodeMalformed, "body must be a JSON object {\"url\", \"source\", \"interval\"}: %v", err)
}
