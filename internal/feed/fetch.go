// Package feed polls news feeds (RSS, Atom, JSON Feed) and hands their new
// items to the intake pipeline as reports: on a schedule per feed with
// jitter, with conditional requests, exponential back-off on failure, a
// health record per feed, and de-duplication by GUID and by normalised URL.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"sitroom/internal/domain"
)

// Defaults for a Fetcher's limits.
const (
	DefaultMaxBytes = 5 << 20
	DefaultTimeout  = 30 * time.Second
)

// Fetcher makes one conditional GET of a feed and parses the answer.
type Fetcher struct {
	// Client makes the requests; nil means a plain http.Client. Tests and
	// proxies inject their own.
	Client *http.Client
	// MaxBytes bounds a response body; a larger feed is an error.
	MaxBytes int64
	// Timeout bounds one fetch, from request to parsed feed.
	Timeout   time.Duration
	UserAgent string
}

// Response is the outcome of a fetch that got an answer.
type Response struct {
	Status int
	// NotModified is true for a 304: the validators matched, nothing to do.
	NotModified bool
	// ETag and LastModified are the new validators (empty when the server
	// sent none).
	ETag, LastModified string
	Feed               *gofeed.Feed
	// RetryAfter is the server's Retry-After on a 429 or 503, if any.
	RetryAfter time.Duration
}

// Fetch requests a feed, sending its validators, and parses the body. An
// HTTP error status, a body over the limit, a timeout and a body that is
// not a feed are all errors; the Response still carries the status.
func (f *Fetcher) Fetch(ctx context.Context, feed domain.Feed, now time.Time) (Response, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed.URL, nil)
	if err != nil {
		return Response{}, domain.Errorf(domain.CodeInvalid, "feed URL: %v", err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = "sitroom-feeds/1"
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")
	if feed.ETag != "" {
		req.Header.Set("If-None-Match", feed.ETag)
	}
	if feed.LastModified != "" {
		req.Header.Set("If-Modified-Since", feed.LastModified)
	}
	client := f.Client
	if client == nil {
		client = &http.Client{}
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return Response{}, domain.Errorf(domain.CodeUnavailable, "no answer within %v", timeout)
		}
		return Response{}, domain.Errorf(domain.CodeUnavailable, "fetch: %w", err)
	}
	defer resp.Body.Close()
	out := Response{Status: resp.StatusCode, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		// A 304 may omit the validators; keep the ones that matched.
		if out.ETag == "" {
			out.ETag = feed.ETag
		}
		if out.LastModified == "" {
			out.LastModified = feed.LastModified
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		out.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), now)
		return out, domain.Errorf(domain.CodeUnavailable, "HTTP %s", resp.Status)
	}
	max := f.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			return out, domain.Errorf(domain.CodeUnavailable, "body not read within %v", timeout)
		}
		return out, domain.Errorf(domain.CodeUnavailable, "read body: %w", err)
	}
	if int64(len(body)) > max {
		return out, domain.Errorf(domain.CodeTooLarge, "feed is larger than %d bytes", max)
	}
	parsed, err := Parse(body)
	if err != nil {
		return out, err
	}
	out.Feed = parsed
	return out, nil
}

// Parse reads an RSS, Atom or JSON feed. Whatever the bytes, it returns a
// feed or a CodeMalformed error; it never panics.
func Parse(body []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if v := recover(); v != nil {
			feed, err = nil, domain.Errorf(domain.CodeMalformed, "not a feed (parser failed: %v)", v)
		}
	}()
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, domain.Errorf(domain.CodeMalformed, "not a feed: the body is empty")
	}
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		msg := err.Error()
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			msg = "not RSS, Atom or JSON Feed"
		}
		return nil, domain.Errorf(domain.CodeMalformed, "not a feed: %s", oneLine(msg, 200))
	}
	// Any JSON object parses as a JSON Feed; one without the version
	// marker is some other document (an API error, a config file).
	if feed.FeedType == "json" && !strings.Contains(feed.FeedVersion, "jsonfeed.org") {
		return nil, domain.Errorf(domain.CodeMalformed, "not a feed: JSON without a jsonfeed.org version")
	}
	return feed, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// oneLine shortens a message to one line of at most n bytes, for health.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = truncateUTF8(s, n) + "…"
	}
	return s
}

// describe renders an error for a feed's health record.
func describe(err error) string {
	// domain.Errorf keeps the cause's text in Message already; Error()
	// would repeat it.
	var e *domain.Error
	if errors.As(err, &e) && e.Message != "" {
		return oneLine(e.Message, 300)
	}
	return oneLine(fmt.Sprint(err), 300)
}
