package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/feed"
)

func init() {
	register(command{
		name:    "feeds",
		summary: "add, list, remove or poll news feeds (RSS, Atom, JSON Feed)",
		usage:   "add URL [--source NAME] [--interval 15m] | list [--json] | remove ID | poll [ID]",
		help: `News feeds are polled while the server runs (see serve's --feeds-* flags),
each on its own interval, with conditional requests and back-off on
failure. Every new item becomes a report on channel "feed", with the feed's
source name (else its title), the item's link and published date.

  add URL     add a feed (polled at once by a running server)
  list        the feeds with their health: last attempt and success, last
              error, consecutive failures, next poll, items seen
  remove ID   remove a feed (items already taken are not taken again)
  poll [ID]   poll one feed, or every feed, now, and print what was new`,
		flags: func(fs *flag.FlagSet) func(context.Context, Stdio, []string) error {
			var sf storeFlags
			sf.register(fs)
			source := fs.String("source", "", "add: the source to record for the feed's reports (default: the feed's title)")
			interval := fs.Duration("interval", 15*time.Minute, "add: how often to poll the feed")
			asJSON := fs.Bool("json", false, "list, poll: write JSON")
			timeout := fs.Duration("timeout", feed.DefaultTimeout, "poll: time limit for one fetch")
			return func(ctx context.Context, io Stdio, args []string) error {
				if len(args) == 0 {
					return errUsage
				}
				verb, rest := args[0], args[1:]
				switch {
				case verb == "add" && len(rest) == 1, verb == "list" && len(rest) == 0,
					verb == "remove" && len(rest) == 1, verb == "poll" && len(rest) <= 1:
				default:
					return errUsage
				}
				a, err := sf.open(ctx, io.Err)
				if err != nil {
					return err
				}
				defer a.Close()
				cli := domain.Principal{Name: "cli", Role: domain.RoleAdmin}
				enc := json.NewEncoder(io.Out)
				enc.SetEscapeHTML(false)
				switch verb {
				case "add":
					f, err := a.addFeed(ctx, cli, rest[0], *source, *interval)
					if err != nil {
						return err
					}
					fmt.Fprintf(io.Err, "feed %s added: %s, every %v\n", f.ID, f.URL, f.Interval)
					fmt.Fprintln(io.Out, f.ID)
				case "remove":
					if err := a.removeFeed(ctx, cli, rest[0]); err != nil {
						return err
					}
					fmt.Fprintf(io.Err, "feed %s removed\n", rest[0])
				case "list":
					feeds, err := a.store.ListFeeds(ctx)
					if err != nil {
						return err
					}
					if *asJSON {
						for _, f := range feeds {
							if err := enc.Encode(viewOf(f)); err != nil {
								return err
							}
						}
						return nil
					}
					tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "ID\tSOURCE\tEVERY\tLAST SUCCESS\tFAILURES\tNEXT POLL\tITEMS\tLAST ERROR\tURL")
					for _, f := range feeds {
						h := f.Health
						fmt.Fprintf(tw, "%s\t%s\t%v\t%s\t%d\t%s\t%d\t%s\t%s\n", f.ID, firstOf(f.Source, f.Title, "-"), f.Interval,
							timeText(h.LastSuccess), h.Failures, h.NextPoll.UTC().Format(time.DateTime), h.ItemsSeen, firstOf(h.LastError, "-"), f.URL)
					}
					return tw.Flush()
				case "poll":
					var feeds []domain.Feed
					if len(rest) == 1 {
						f, err := a.store.GetFeed(ctx, rest[0])
						if err != nil {
							return err
						}
						feeds = []domain.Feed{f}
					} else if feeds, err = a.store.ListFeeds(ctx); err != nil {
						return err
					}
					p := a.poller(feedsConfig{concurrency: 1, timeout: *timeout, maxBytes: feed.DefaultMaxBytes})
					failed := 0
					for _, f := range feeds {
						res, err := p.Poll(ctx, f)
						if err != nil {
							return err
						}
						if *asJSON {
							if err := enc.Encode(res); err != nil {
								return err
							}
						} else {
							printPoll(io, res)
						}
						if res.Err != nil {
							failed++
						}
					}
					if failed > 0 {
						return fmt.Errorf("%d of %d feeds failed", failed, len(feeds))
					}
				}
				return nil
			}
		},
	})
}

func printPoll(io Stdio, res feed.Result) {
	f := res.Feed
	switch res.Status {
	case feed.StatusError:
		fmt.Fprintf(io.Out, "%s %s: failed (%d in a row): %s; next try %s\n", f.ID, f.URL, f.Health.Failures, f.Health.LastError,
			f.Health.NextPoll.UTC().Format(time.DateTime))
	case feed.StatusNotModified:
		fmt.Fprintf(io.Out, "%s %s: not modified\n", f.ID, f.URL)
	default:
		fmt.Fprintf(io.Out, "%s %s: %d new, %d already taken\n", f.ID, f.URL, len(res.New), res.Known)
		for _, n := range res.New {
			fmt.Fprintf(io.Out, "  + %s  %s  %s\n", n.ReportID, n.Title, n.URL)
		}
		for _, r := range res.Rejected {
			fmt.Fprintf(io.Out, "  ! %s\n", r)
		}
	}
}

func timeText(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return t.UTC().Format(time.DateTime)
}

func firstOf(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
