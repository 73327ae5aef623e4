package feed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/domain"
	"sitroom/internal/feed"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/sqlite"
	"sitroom/internal/sqlstore"
)

// rig is a poller over a real SQLite store and intake pipeline, with a
// manual clock and no jitter.
type rig struct {
	store  *sqlstore.Store
	clock  *clock.Manual
	poller *feed.Poller
	ids    domain.IDs
}

func newRig(t *testing.T) *rig {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "feeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clk := clock.NewManual(fetchedAt)
	idg := ids.NewSequence("X")
	svc := &intake.Service{Store: store, Clock: clk, IDs: idg}
	p := &feed.Poller{Store: store, Intake: svc, Clock: clk, Fetcher: &feed.Fetcher{Timeout: 5 * time.Second},
		Jitter: func(time.Duration) time.Duration { return 0 }, MaxBackoff: 2 * time.Hour}
	return &rig{store: store, clock: clk, poller: p, ids: idg}
}

func (r *rig) addFeed(t *testing.T, u, source string) domain.Feed {
	t.Helper()
	f, err := feed.NewFeed(u, source, 15*time.Minute, r.ids.NewID(), "tester", r.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.store.CreateFeed(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return f
}

func (r *rig) poll(t *testing.T, id string) feed.Result {
	t.Helper()
	f, err := r.store.GetFeed(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.poller.Poll(context.Background(), f)
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	return res
}

func (r *rig) reportCount(t *testing.T) int {
	t.Helper()
	page, err := r.store.ListReports(context.Background(), domain.ReportFilter{Limit: domain.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPollETag: the first poll takes every item; the second sends the
// ETag back, gets a 304 and does nothing.
func TestPollETag(t *testing.T) {
	body := fixture(t, "rss2.xml")
	var requests, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Header.Get("If-None-Match") == `"rss-v1"` {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"rss-v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	}))
	defer srv.Close()
	r := newRig(t)
	f := r.addFeed(t, srv.URL+"/rss", "")

	res := r.poll(t, f.ID)
	if res.Status != feed.StatusOK || len(res.New) != 4 || res.Err != nil {
		t.Fatalf("first poll: status %s, %d new, err %v", res.Status, len(res.New), res.Err)
	}
	rep, err := r.store.GetReport(context.Background(), res.New[0].ReportID)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Channel != domain.ChannelFeed || rep.Source != "Shan Border Monitor" || rep.ClientID != res.New[0].ClientID ||
		rep.Meta["feed_id"] != f.ID || rep.SourceURL == "" {
		t.Errorf("stored report: %+v", rep)
	}
	if res.Feed.Title != "Shan Border Monitor" || res.Feed.Health.ItemsSeen != 4 || res.Feed.Health.LastNew != 4 {
		t.Errorf("health after first poll: %+v (title %q)", res.Feed.Health, res.Feed.Title)
	}
	if got := res.Feed.Health.NextPoll; !got.Equal(fetchedAt.Add(15 * time.Minute)) {
		t.Errorf("next poll = %v, want interval later", got)
	}
	r.clock.Advance(15 * time.Minute)
	res = r.poll(t, f.ID)
	if res.Status != feed.StatusNotModified || len(res.New) != 0 {
		t.Fatalf("second poll: %s, %d new", res.Status, len(res.New))
	}
	if conditional.Load() != 1 || requests.Load() != 2 {
		t.Errorf("requests %d, conditional %d", requests.Load(), conditional.Load())
	}
	if n := r.reportCount(t); n != 4 {
		t.Errorf("%d reports stored, want 4", n)
	}
}

// TestPollLastModified: If-Modified-Since carries the Last-Modified back.
func TestPollLastModified(t *testing.T) {
	body := fixture(t, "atom.xml")
	const lm = "Sun, 12 Nov 2023 08:00:00 GMT"
	var sawIMS atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ims := r.Header.Get("If-Modified-Since"); ims != "" {
			sawIMS.Store(ims)
			if ims == lm {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Last-Modified", lm)
		w.Write(body)
	}))
	defer srv.Close()
	r := newRig(t)
	f := r.addFeed(t, srv.URL+"/atom", "Lashio Weekly")
	if res := r.poll(t, f.ID); len(res.New) != 2 {
		t.Fatalf("first poll: %d new (%v)", len(res.New), res.Err)
	}
	res := r.poll(t, f.ID)
	if res.Status != feed.StatusNotModified {
		t.Errorf("second poll status %s", res.Status)
	}
	if v, _ := sawIMS.Load().(string); v != lm {
		t.Errorf("If-Modified-Since = %q, want %q", v, lm)
	}
	if res.Feed.Health.LastSuccess == nil || res.Feed.Health.Failures != 0 {
		t.Errorf("a 304 is a success: %+v", res.Feed.Health)
	}
}

// TestPollDeduplicates: the same article re-published with a new GUID
// (and tracking parameters on its link), or the same GUID twice, creates
// nothing new.
func TestPollDeduplicates(t *testing.T) {
	item := func(guid, link, title string) string {
		return fmt.Sprintf(`<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>Sun, 19 Nov 2023 04:00:00 GMT</pubDate></item>`, title, link, guid)
	}
	var mu sync.Mutex
	items := item("g-1", "https://paper.example/a/1", "Checkpoint closed at Mongko") +
		item("g-2", "https://paper.example/a/2", "Clinic short of medicine in Kunlong")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Paper</title><link>https://paper.example/</link>%s</channel></rss>`, items)
	}))
	defer srv.Close()
	r := newRig(t)
	f := r.addFeed(t, srv.URL, "")
	if res := r.poll(t, f.ID); len(res.New) != 2 {
		t.Fatalf("first poll: %d new", len(res.New))
	}
	mu.Lock()
	items = item("g-1-republished", "HTTPS://PAPER.example/a/1?utm_source=twitter#top", "Checkpoint closed at Mongko (updated)") +
		item("g-2", "https://paper.example/a/2-renamed", "Clinic short of medicine in Kunlong") +
		item("g-3", "https://paper.example/a/3", "Bus service resumes to Lashio") +
		item("g-3", "https://paper.example/a/3", "Bus service resumes to Lashio")
	mu.Unlock()
	res := r.poll(t, f.ID)
	if len(res.New) != 1 || res.New[0].ClientID != "g-3" {
		t.Fatalf("second poll new = %+v, want only g-3", res.New)
	}
	if res.Known != 3 {
		t.Errorf("known = %d, want 3 (same URL, same GUID, repeated GUID)", res.Known)
	}
	if n := r.reportCount(t); n != 3 {
		t.Errorf("%d reports, want 3", n)
	}
	if res.Feed.Health.ItemsSeen != 3 {
		t.Errorf("items seen = %d, want 3", res.Feed.Health.ItemsSeen)
	}
}

// TestPollBackoff: failures back off exponentially up to the cap; a
// success resets the count and the schedule.
func TestPollBackoff(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	body := fixture(t, "feed.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "upstream broke", http.StatusInternalServerError)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	r := newRig(t)
	f := r.addFeed(t, srv.URL+"/feed.json", "")
	// Interval 15m, cap 2h: 30m, 1h, 2h, 2h.
	for i, want := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour, 2 * time.Hour} {
		res := r.poll(t, f.ID)
		h := res.Feed.Health
		if res.Status != feed.StatusError || h.Failures != i+1 || h.LastStatus != 500 {
			t.Fatalf("failure %d: status %s, health %+v", i+1, res.Status, h)
		}
		if !strings.Contains(h.LastError, "500") {
			t.Errorf("last error = %q", h.LastError)
		}
		if got := h.NextPoll.Sub(r.clock.Now()); got != want {
			t.Errorf("failure %d: next poll in %v, want %v", i+1, got, want)
		}
		r.clock.Advance(want)
	}
	failing.Store(false)
	res := r.poll(t, f.ID)
	h := res.Feed.Health
	if res.Status != feed.StatusOK || h.Failures != 0 || h.LastError != "" || len(res.New) != 2 {
		t.Fatalf("recovery: status %s, %d new, health %+v", res.Status, len(res.New), h)
	}
	if got := h.NextPoll.Sub(r.clock.Now()); got != 15*time.Minute {
		t.Errorf("after success next poll in %v, want the interval", got)
	}
}

func TestBackoff(t *testing.T) {
	for _, tc := range []struct {
		interval time.Duration
		failures int
		max      time.Duration
		want     time.Duration
	}{
		{15 * time.Minute, 0, 6 * time.Hour, 15 * time.Minute},
		{15 * time.Minute, 1, 6 * time.Hour, 30 * time.Minute},
		{15 * time.Minute, 5, 6 * time.Hour, 6 * time.Hour},
		{15 * time.Minute, 1000, 6 * time.Hour, 6 * time.Hour},
		{12 * time.Hour, 3, 6 * time.Hour, 12 * time.Hour}, // never shorter than the interval
	} {
		if got := feed.Backoff(tc.interval, tc.failures, tc.max); got != tc.want {
			t.Errorf("Backoff(%v, %d, %v) = %v, want %v", tc.interval, tc.failures, tc.max, got, tc.want)
		}
	}
}

// TestPollFailuresAreHealthErrors: a slow server, an oversized body and a
// body that is not a feed each become a health error, never a crash.
func TestPollFailuresAreHealthErrors(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release)
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss version="2.0"><channel><title>Big</title>`))
		w.Write([]byte(strings.Repeat("<item><title>x</title></item>", 2000)))
		w.Write([]byte(`</channel></rss>`))
	}))
	defer big.Close()
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(fixture(t, "broken.xml"))
	}))
	defer garbage.Close()

	r := newRig(t)
	r.poller.Fetcher = &feed.Fetcher{Timeout: 200 * time.Millisecond, MaxBytes: 16 << 10}
	for _, tc := range []struct {
		name, url, want string
	}{
		{"slow", slow.URL, "no answer within"},
		{"too large", big.URL, "larger than"},
		{"garbage", garbage.URL, "not a feed"},
		{"refused", "http://127.0.0.1:1/feed", "fetch"},
	} {
		f := r.addFeed(t, tc.url, "")
		res := r.poll(t, f.ID)
		h := res.Feed.Health
		if res.Status != feed.StatusError || h.Failures != 1 || !strings.Contains(h.LastError, tc.want) {
			t.Errorf("%s: status %s, health %+v; want an error with %q", tc.name, res.Status, h, tc.want)
		}
		stored, _ := r.store.GetFeed(context.Background(), f.ID)
		if stored.Health.LastError != h.LastError || stored.Health.LastAttempt == nil {
			t.Errorf("%s: health not stored: %+v", tc.name, stored.Health)
		}
	}
	if n := r.reportCount(t); n != 0 {
		t.Errorf("%d reports from failing feeds", n)
	}
}

// TestPollDue polls every due feed once, with bounded concurrency, and
// leaves feeds that are not due alone.
func TestPollDue(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Feed %s</title><item><title>Item of %s</title><guid>%s</guid></item></channel></rss>`,
			r.URL.Path, r.URL.Path, r.URL.Path)
	}))
	defer srv.Close()
	r := newRig(t)
	r.poller.Concurrency = 2
	for i := 0; i < 6; i++ {
		r.addFeed(t, fmt.Sprintf("%s/f%d", srv.URL, i), "")
	}
	later := r.addFeed(t, srv.URL+"/later", "")
	f, _ := r.store.GetFeed(context.Background(), later.ID)
	f.Health.NextPoll = fetchedAt.Add(time.Hour)
	if err := r.store.SaveFeedState(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	results, err := r.poller.PollDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 6 {
		t.Fatalf("%d feeds polled, want 6", len(results))
	}
	for _, res := range results {
		if res.Status != feed.StatusOK || len(res.New) != 1 {
			t.Errorf("feed %s: %s, %d new, %v", res.Feed.URL, res.Status, len(res.New), res.Err)
		}
	}
	if p := peak.Load(); p > 2 {
		t.Errorf("%d fetches at once, want at most 2", p)
	}
	// Nothing is due again until the interval has passed.
	if results, _ = r.poller.PollDue(context.Background()); len(results) != 0 {
		t.Errorf("%d feeds polled again at once", len(results))
	}
}

func TestNewFeedChecks(t *testing.T) {
	for _, tc := range []struct {
		url      string
		interval time.Duration
		field    string
	}{
		{"ftp://x.example/feed", 15 * time.Minute, "url"},
		{"not a url", 15 * time.Minute, "url"},
		{"https://x.example/feed", 10 * time.Second, "interval"},
		{"https://x.example/feed", 30 * 24 * time.Hour, "interval"},
	} {
		_, err := feed.NewFeed(tc.url, "", tc.interval, "F", "t", fetchedAt)
		if domain.ErrorField(err) != tc.field {
			t.Errorf("NewFeed(%q, %v) err = %v, want field %s", tc.url, tc.interval, err, tc.field)
		}
	}
	f, err := feed.NewFeed("HTTPS://X.example/feed?utm_source=a", "Src", time.Hour, "F", "t", fetchedAt)
	if err != nil || f.URL != "https://x.example/feed" || !f.Health.NextPoll.Equal(fetchedAt) {
		t.Errorf("NewFeed = %+v, %v", f, err)
	}
}
