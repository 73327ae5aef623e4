package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"sync"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/digest"
	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/gazetteer"
	"sitroom/internal/httpapi"
	"sitroom/internal/inbound"
	"sitroom/internal/sitrep"
)

// outputFlags configure the ways the picture gets out while serving:
// exports, the situation report, SMS digests and alerts.
type outputFlags struct {
	publicURL   string
	digestAt    string
	digests     bool
	alerts      bool
	poll        time.Duration
	gateway     string
	alertMaxAge time.Duration
}

var (
	outputMu       sync.Mutex
	outputConfig   *outputFlags
	digestServices = map[*app]*digest.Service{}
)

func init() {
	extend(extension{name: "outputs", flags: outputFlagSet, mount: mountOutputs, run: runOutputs})
	channelCommands = func(a *app, notify func()) inbound.Commands {
		s, err := digestFor(a)
		if err != nil {
			a.log.Error("subscriptions off", "err", err)
			return nil
		}
		s.Notify = notify
		return s
	}
}

func outputFlagSet(fs *flag.FlagSet) {
	f := &outputFlags{}
	outputMu.Lock()
	outputConfig = f
	outputMu.Unlock()
	fs.StringVar(&f.publicURL, "public-url", "", "the node's public address (https://…), for links in exports and feeds; empty: the address a request came to")
	fs.StringVar(&f.digestAt, "digest-at", "07:00", "time of day (Myanmar time, HH:MM) the daily SMS digests go out")
	fs.BoolVar(&f.digests, "digests", true, "send daily SMS digests to subscribers")
	fs.BoolVar(&f.alerts, "alerts", true, "send SMS alerts to subscribers when an event in their area is verified")
	fs.DurationVar(&f.poll, "alerts-poll", 10*time.Second, "how often newly verified events are looked for")
	fs.StringVar(&f.gateway, "subscription-gateway", digest.DefaultGateway, "outbox gateway of subscriptions made through the API (kannel, telegram)")
	fs.DurationVar(&f.alertMaxAge, "alert-max-age", digest.DefaultAlertMaxAge, "an event verified longer ago than this alerts no one")
}

func currentOutputFlags() *outputFlags {
	outputMu.Lock()
	defer outputMu.Unlock()
	if outputConfig == nil {
		return &outputFlags{digestAt: "07:00", digests: true, alerts: true, gateway: digest.DefaultGateway}
	}
	return outputConfig
}

// parseClock reads "HH:MM" as a time of day.
func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("--digest-at: %q is not HH:MM", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// digestFor returns the app's subscription service, made once.
func digestFor(a *app) (*digest.Service, error) {
	outputMu.Lock()
	defer outputMu.Unlock()
	if s := digestServices[a]; s != nil {
		return s, nil
	}
	f := outputConfig
	if f == nil {
		f = &outputFlags{digestAt: "07:00", gateway: digest.DefaultGateway}
	}
	at, err := parseClock(f.digestAt)
	if err != nil {
		return nil, err
	}
	sealer, err := contact.NewSealer(a.key)
	if err != nil {
		return nil, err
	}
	area := a.places.Area()
	s := &digest.Service{Store: a.store, Places: a.places, Keyer: a.intake.Keyer, Sealer: sealer, Clock: a.clock, IDs: a.ids, Log: a.log,
		Gateway: f.gateway, DigestAt: at, AlertMaxAge: f.alertMaxAge,
		Resolve: func(name string) (domain.Place, bool) {
			c, ok := a.places.ResolveBest(name, gazetteer.Context{DefaultArea: area})
			return c.Place, ok
		}}
	digestServices[a] = s
	return s, nil
}

func mountOutputs(a *app, s *httpapi.Server) error {
	f := currentOutputFlags()
	(&export.Handler{Server: s, Store: a.store, Places: a.places, Clock: a.clock, Log: a.log, PublicURL: f.publicURL}).Mount(s)
	(&sitrep.Handler{Server: s, Store: a.store, Places: a.places, Clock: a.clock, Log: a.log, PublicURL: f.publicURL}).Mount(s)
	ds, err := digestFor(a)
	if err != nil {
		return err
	}
	(&digest.Handler{Server: s, Service: ds}).Mount(s)
	return nil
}

// runOutputs sends alerts and digests while serving. Messages wait in the
// outbox until a gateway (--kannel-sendsms-url, --telegram-bot-token)
// sends them.
func runOutputs(ctx context.Context, a *app) error {
	f := currentOutputFlags()
	defer func() {
		outputMu.Lock()
		delete(digestServices, a)
		outputMu.Unlock()
	}()
	if !f.alerts && !f.digests {
		return nil
	}
	s, err := digestFor(a)
	if err != nil {
		return err
	}
	return s.Run(ctx, f.poll, f.alerts, f.digests)
}
