package main

import (
	"context"
	"flag"
	"sync"

	"sitroom/internal/export"
	"sitroom/internal/httpapi"
	"sitroom/internal/sitrep"
)

// outputFlags configure the ways the picture gets out while serving:
// exports, the situation report, SMS digests and alerts.
type outputFlags struct {
	publicURL string
}

var (
	outputMu     sync.Mutex
	outputConfig *outputFlags
)

func init() {
	extend(extension{name: "outputs", flags: outputFlagSet, mount: mountOutputs, run: runOutputs})
}

func outputFlagSet(fs *flag.FlagSet) {
	f := &outputFlags{}
	outputMu.Lock()
	outputConfig = f
	outputMu.Unlock()
	fs.StringVar(&f.publicURL, "public-url", "", "the node's public address (https://…), for links in exports and feeds; empty: the address a request came to")
}

func currentOutputFlags() *outputFlags {
	outputMu.Lock()
	defer outputMu.Unlock()
	if outputConfig == nil {
		return &outputFlags{}
	}
	return outputConfig
}

func mountOutputs(a *app, s *httpapi.Server) error {
	f := currentOutputFlags()
	(&export.Handler{Server: s, Store: a.store, Places: a.places, Clock: a.clock, Log: a.log, PublicURL: f.publicURL}).Mount(s)
	(&sitrep.Handler{Server: s, Store: a.store, Places: a.places, Clock: a.clock, Log: a.log, PublicURL: f.publicURL}).Mount(s)
	return nil
}

func runOutputs(ctx context.Context, a *app) error {
	return nil
}
