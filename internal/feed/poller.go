package feed

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"sync"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
)

// Submitter takes reports into the pipeline; *intake.Service is one.
type Submitter interface {
	Submit(ctx context.Context, p domain.Principal, items []intake.Item) ([]intake.Result, error)
}

// Poll outcomes.
const (
	StatusOK          = "ok"
	StatusNotModified = "not_modified"
	StatusError       = "error"
)

// Defaults of a Poller.
const (
	DefaultConcurrency = 4
	DefaultMaxBackoff  = 6 * time.Hour
	DefaultLease       = 10 * time.Minute
	MinInterval        = time.Minute
)

// Poller polls feeds and submits their new items.
type Poller struct {
	Store   domain.FeedStore
	Intake  Submitter
	Clock   domain.Clock
	Fetcher *Fetcher
	// Concurrency bounds the feeds fetched at once.
	Concurrency int
	// Jitter spreads polls so that feeds added together do not stay in
	// step; it returns an extra delay for an interval. Nil: up to a tenth
	// of the interval, at random.
	Jitter func(interval time.Duration) time.Duration
	// MaxBackoff caps the delay after repeated failures.
	MaxBackoff time.Duration
	// Lease is how long a claimed poll holds a feed before another
	// instance may take it (a poller that dies mid-poll).
	Lease time.Duration
	Log   *slog.Logger
}

// NewItem is an item a poll turned into a new report.
type NewItem struct {
	ReportID string `json:"report_id"`
	ClientID string `json:"client_id"`
	Title    string `json:"title"`
	URL      string `json:"url,omitempty"`
}

// Result is the outcome of polling one feed.
type Result struct {
	Feed   domain.Feed `json:"feed"` // its state after the poll
	Status string      `json:"status"`
	New    []NewItem   `json:"new,omitempty"`
	// Known counts items already taken (by GUID or URL) or already stored.
	Known int `json:"known"`
	// Rejected lists items the pipeline refused, with why.
	Rejected []string `json:"rejected,omitempty"`
	Err      error    `json:"-"`
}

// Backoff is the delay before the next poll after failures consecutive
// failures: the interval doubled per failure, capped at max (and never
// shorter than the interval).
func Backoff(interval time.Duration, failures int, max time.Duration) time.Duration {
	d := interval
	for i := 0; i < failures && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	if d < interval {
		d = interval
	}
	return d
}

func (p *Poller) jitter(interval time.Duration) time.Duration {
	if p.Jitter != nil {
		return p.Jitter(interval)
	}
	if n := int64(interval / 10); n > 0 {
		return time.Duration(rand.Int64N(n))
	}
	return 0
}

func (p *Poller) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Poll fetches one feed now and submits its new items, then records the
// outcome in the feed's health and schedules the next poll. Failures of
// the feed itself are in Result.Err and the health record; the returned
// error is for failures to record them.
func (p *Poller) Poll(ctx context.Context, f domain.Feed) (res Result, err error) {
	now := p.Clock.Now()
	defer func() {
		if v := recover(); v != nil {
			res.Status, res.Err = StatusError, domain.Errorf(domain.CodeInternal, "poll failed: %v", v)
			p.fail(&f, now, 0, res.Err, 0)
			res.Feed = f
			err = p.Store.SaveFeedState(ctx, f)
		}
	}()
	res = p.poll(ctx, &f, now)
	res.Feed = f
	if err := p.Store.SaveFeedState(ctx, f); err != nil {
		return res, fmt.Errorf("feed %s: %w", f.ID, err)
	}
	return res, nil
}

func (p *Poller) poll(ctx context.Context, f *domain.Feed, now time.Time) Result {
	f.Health.LastAttempt = &now
	fetcher := p.Fetcher
	if fetcher == nil {
		fetcher = &Fetcher{}
	}
	resp, err := fetcher.Fetch(ctx, *f, now)
	if err != nil {
		p.fail(f, now, resp.Status, err, resp.RetryAfter)
		return Result{Status: StatusError, Err: err}
	}
	f.ETag, f.LastModified = resp.ETag, resp.LastModified
	if resp.NotModified {
		p.succeed(f, now, resp.Status, 0)
		return Result{Status: StatusNotModified}
	}
	if t := oneLine(PlainText(resp.Feed.Title), 200); t != "" {
		f.Title = t
	}
	res, err := p.take(ctx, f, resp, now)
	if err != nil {
		p.fail(f, now, resp.Status, err, 0)
		return Result{Status: StatusError, Err: err}
	}
	p.succeed(f, now, resp.Status, len(res.New))
	return res
}

func (p *Poller) succeed(f *domain.Feed, now time.Time, status, created int) {
	h := &f.Health
	h.LastSuccess, h.LastStatus, h.LastError, h.Failures, h.LastNew = &now, status, "", 0, created
	h.NextPoll = now.Add(f.Interval + p.jitter(f.Interval))
}

func (p *Poller) fail(f *domain.Feed, now time.Time, status int, err error, retry time.Duration) {
	h := &f.Health
	h.LastStatus, h.LastError = status, describe(err)
	h.Failures++
	max := p.MaxBackoff
	if max <= 0 {
		max = DefaultMaxBackoff
	}
	d := Backoff(f.Interval, h.Failures, max)
	if retry > d {
		d = min(retry, max)
	}
	h.NextPoll = now.Add(d + p.jitter(f.Interval))
}

// take submits the items of a fetched feed that are not yet known.
func (p *Poller) take(ctx context.Context, f *domain.Feed, resp Response, now time.Time) (Result, error) {
	var res Result
	o := Origin{FeedID: f.ID, Source: f.Source}
	if o.Source == "" {
		o.Source = f.Title
	}
	if base, err := url.Parse(resp.Feed.Link); err == nil && base.IsAbs() {
		o.Base = base
	} else if base, err := url.Parse(f.URL); err == nil {
		o.Base = base
	}
	var entries []Entry
	var titles []string
	var all []string
	for _, it := range resp.Feed.Items {
		e, err := ItemEntry(o, it, now)
		if err != nil {
			res.Rejected = append(res.Rejected, describe(err))
			continue
		}
		entries = append(entries, e)
		titles = append(titles, oneLine(PlainText(it.Title), 200))
		all = append(all, e.Keys...)
	}
	seen, err := p.Store.SeenFeedKeys(ctx, all)
	if err != nil {
		return res, err
	}
	var items []intake.Item
	var fresh []int
	for i, e := range entries {
		known := false
		for _, k := range e.Keys {
			known = known || seen[k]
		}
		for _, k := range e.Keys {
			seen[k] = true // a second item with the same GUID or URL in this fetch
		}
		if known {
			res.Known++
			continue
		}
		items = append(items, intake.Item{Input: e.Input, Channel: domain.ChannelFeed, ReceivedAt: now})
		fresh = append(fresh, i)
	}
	principal := domain.Principal{Name: "feed:" + f.ID}
	var taken []domain.FeedItem
	for start := 0; start < len(items); start += intake.MaxBatch {
		end := min(start+intake.MaxBatch, len(items))
		results, err := p.Intake.Submit(ctx, principal, items[start:end])
		if err != nil {
			return res, err
		}
		for j, r := range results {
			i := fresh[start+j]
			switch r.Status {
			case intake.StatusCreated:
				res.New = append(res.New, NewItem{ReportID: r.ID, ClientID: entries[i].Input.ID, Title: titles[i], URL: entries[i].Input.SourceURL})
			case intake.StatusDuplicate:
				res.Known++
			default:
				res.Rejected = append(res.Rejected, describe(r.Err))
				continue
			}
			taken = append(taken, domain.FeedItem{FeedID: f.ID, Keys: entries[i].Keys, ReportID: r.ID})
		}
	}
	if err := p.Store.RecordFeedItems(ctx, taken, now); err != nil {
		return res, err
	}
	f.Health.ItemsSeen += int64(len(taken))
	res.Status = StatusOK
	if len(res.Rejected) > 0 {
		p.log().Warn("feed items refused", "feed", f.ID, "count", len(res.Rejected), "first", res.Rejected[0])
	}
	return res, nil
}

// PollDue polls every feed whose time has come, at most Concurrency at
// once. Each feed is claimed first, so that several instances sharing a
// database do not poll the same feed twice.
func (p *Poller) PollDue(ctx context.Context) ([]Result, error) {
	now := p.Clock.Now()
	due, err := p.Store.DueFeeds(ctx, now, domain.MaxPageSize)
	if err != nil {
		return nil, err
	}
	lease := p.Lease
	if lease <= 0 {
		lease = DefaultLease
	}
	conc := p.Concurrency
	if conc <= 0 {
		conc = DefaultConcurrency
	}
	var (
		mu       sync.Mutex
		results  []Result
		firstErr error
		wg       sync.WaitGroup
		sem      = make(chan struct{}, conc)
	)
	for _, f := range due {
		ok, err := p.Store.ClaimFeed(ctx, f.ID, f.Health.NextPoll, now.Add(lease))
		if err != nil {
			firstErr = err
			break
		}
		if !ok {
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return results, ctx.Err()
		}
		wg.Add(1)
		go func(f domain.Feed) {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := p.Poll(ctx, f)
			mu.Lock()
			defer mu.Unlock()
			results = append(results, r)
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}(f)
	}
	wg.Wait()
	return results, firstErr
}

// Run polls due feeds every tick until ctx is done. Failures are logged
// and recorded per feed; they never stop the loop.
func (p *Poller) Run(ctx context.Context, tick time.Duration) error {
	if tick <= 0 {
		tick = 30 * time.Second
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		results, err := p.PollDue(ctx)
		if err != nil && ctx.Err() == nil {
			p.log().Error("feed poll", "err", err)
		}
		for _, r := range results {
			if r.Err != nil {
				p.log().Warn("feed failed", "feed", r.Feed.ID, "url", r.Feed.URL, "failures", r.Feed.Health.Failures, "err", r.Err)
			} else if len(r.New) > 0 {
				p.log().Info("feed polled", "feed", r.Feed.ID, "new", len(r.New))
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// MaxInterval bounds a feed's polling interval.
const MaxInterval = 7 * 24 * time.Hour

// NewFeed checks a feed to add — an http(s) URL, an interval between
// MinInterval and MaxInterval — and returns it due for a first poll now.
func NewFeed(rawURL, source string, interval time.Duration, id, by string, now time.Time) (domain.Feed, error) {
	u, err := NormalizeURL(rawURL, nil)
	if err != nil {
		return domain.Feed{}, err
	}
	if interval < MinInterval || interval > MaxInterval {
		return domain.Feed{}, domain.FieldError("interval", "%v is outside %v to %v", interval, MinInterval, MaxInterval)
	}
	if len(source) > 200 {
		return domain.Feed{}, domain.FieldError("source", "is longer than 200 characters")
	}
	return domain.Feed{ID: id, URL: u, Source: source, Interval: interval, CreatedAt: now, CreatedBy: by,
		Health: domain.FeedHealth{NextPoll: now}}, nil
}
