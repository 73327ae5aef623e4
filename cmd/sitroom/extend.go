package main

import (
	"context"
	"flag"
	"fmt"
	"sync"

	"sitroom/internal/httpapi"
)

// extension is a part of the server a cmd file adds — a channel's webhook,
// a feed poller, the dashboard: its flags (on serve and demo), its routes,
// and its background work. Files register one from init with extend, so
// that adding a channel never edits the server's own code.
type extension struct {
	name string
	// flags declares the extension's flags on serve's and demo's flag sets.
	flags func(fs *flag.FlagSet)
	// mount adds routes to the server.
	mount func(a *app, s *httpapi.Server) error
	// run does background work until ctx is done; an error stops the server.
	run func(ctx context.Context, a *app) error
}

var extensions []extension

// extend registers an extension.
func extend(e extension) { extensions = append(extensions, e) }

func extensionFlags(fs *flag.FlagSet) {
	for _, e := range extensions {
		if e.flags != nil {
			e.flags(fs)
		}
	}
}

func (a *app) mountExtensions(s *httpapi.Server) error {
	for _, e := range extensions {
		if e.mount != nil {
			if err := e.mount(a, s); err != nil {
				return fmt.Errorf("%s: %w", e.name, err)
			}
		}
	}
	return nil
}

// runExtensions starts every extension's background work; the returned
// channel yields the first error, and wait returns once all have stopped.
func (a *app) runExtensions(ctx context.Context) (errs <-chan error, wait func()) {
	ch := make(chan error, len(extensions))
	var wg sync.WaitGroup
	for _, e := range extensions {
		if e.run == nil {
			continue
		}
		wg.Add(1)
		go func(e extension) {
			defer wg.Done()
			if err := e.run(ctx, a); err != nil && ctx.Err() == nil {
				ch <- fmt.Errorf("%s: %w", e.name, err)
			}
		}(e)
	}
	return ch, wg.Wait
}
