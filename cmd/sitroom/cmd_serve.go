package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/httpapi"
	"sitroom/internal/review"
)

// serveFlags are the settings of the HTTP server, shared by serve and demo.
type serveFlags struct {
	addr      string
	published string
	maxBody   int64
}

func (f *serveFlags) register(fs *flag.FlagSet, defAddr string) {
	fs.StringVar(&f.addr, "addr", defAddr, "address to listen on (host:port; port 0 picks a free one)")
	fs.StringVar(&f.published, "published", "verified", "comma-separated event statuses the public (no token) may read")
	fs.Int64Var(&f.maxBody, "max-body", httpapi.DefaultMaxBody, "largest request body accepted, in bytes")
	extensionFlags(fs)
}

func (f *serveFlags) config() (httpapi.Config, error) {
	cfg := httpapi.Config{MaxBody: f.maxBody}
	for _, s := range strings.Split(f.published, ",") {
		st := domain.Status(strings.TrimSpace(s))
		if !st.Valid() {
			return cfg, fmt.Errorf("--published: %q is not a status", s)
		}
		cfg.Published = append(cfg.Published, st)
	}
	return cfg, nil
}

func init() {
	register(command{
		name:    "serve",
		summary: "run the HTTP API",
		help: `Serves the JSON API (docs/API.md), /healthz, /readyz and /metrics until
interrupted (Ctrl-C or SIGTERM), then stops accepting requests and finishes
those in flight.`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			var hf serveFlags
			sf.register(fs)
			hf.register(fs, "127.0.0.1:8080")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) > 0 {
					return errUsage
				}
				cfg, err := hf.config()
				if err != nil {
					return err
				}
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				return a.serve(ctx, io, hf.addr, cfg, nil)
			}
		},
	})
}

// serve runs the API, with every extension's routes and background work,
// on addr until ctx is done. It prints the URL it listens on; ready, if
// set, is called once the listener is open.
func (a *app) serve(ctx context.Context, io Stdio, addr string, cfg httpapi.Config, ready func(url string)) error {
	api := a.newServer(cfg)
	if err := a.mountExtensions(api); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	fmt.Fprintf(io.Out, "sitroom: listening on %s\n", url)
	if ready != nil {
		ready(url)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	workCtx, stopWork := context.WithCancel(ctx)
	defer stopWork()
	workErrs, waitWork := a.runExtensions(workCtx)
	defer waitWork()
	select {
	case err := <-errc:
		return err
	case err := <-workErrs:
		srv.Close()
		return err
	case <-ctx.Done():
	}
	stopWork()
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(io.Out, "sitroom: stopped")
	return nil
}

// newServer builds the HTTP API over the app's store and pipeline.
func (a *app) newServer(cfg httpapi.Config) *httpapi.Server {
	s := httpapi.New(a.store, a.intake, a.clock, a.log, cfg)
	s.Review = &review.Service{Store: a.store, Clock: a.clock, IDs: a.ids, Geocoder: a.intake.Geocoder}
	s.Places = a.places
	s.Actors = extract.Expand
	return s
}
