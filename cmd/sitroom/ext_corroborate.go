package main

import (
	"context"
	"flag"
	"time"
)

// settleEvery is how often the server clusters claims left pending (after
// a failure, or stored by another instance while this one held the lock).
var settleEvery = 5 * time.Second

func init() {
	extend(extension{
		name:  "corroborate",
		flags: func(fs *flag.FlagSet) {},
		run: func(ctx context.Context, a *app) error {
			t := time.NewTicker(settleEvery)
			defer t.Stop()
			for {
				if n, err := a.engine.Settle(ctx); err != nil {
					a.log.Warn("corroborate", "err", err)
				} else if n > 0 {
					a.log.Info("corroborate: clustered pending claims", "claims", n)
				}
				select {
				case <-ctx.Done():
					return nil
				case <-t.C:
				}
			}
		},
	})
}
