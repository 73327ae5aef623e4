package domain

import (
	"context"
	"time"
)

// Feed is a news feed (RSS, Atom or JSON Feed) sitroom polls, with its
// schedule, the validators of its last response for conditional requests,
// and its health.
type Feed struct {
	ID string `json:"id"`
	// URL is where the feed is fetched from.
	URL string `json:"url"`
	// Source is the publication reports from the feed are recorded under;
	// empty means the feed's own title.
	Source string `json:"source,omitempty"`
	// Title is the feed's title as last fetched.
	Title string `json:"title,omitempty"`
	// Interval is how often the feed is polled when healthy.
	Interval  time.Duration `json:"-"`
	CreatedAt time.Time     `json:"created_at"`
	CreatedBy string        `json:"created_by,omitempty"`
	// ETag and LastModified are the validators of the last full response,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string     `json:"-"`
	LastModified string     `json:"-"`
	Health       FeedHealth `json:"health"`
}

// FeedHealth is how a feed's polling is going.
type FeedHealth struct {
	LastAttempt *time.Time `json:"last_attempt,omitempty"`
	LastSuccess *time.Time `json:"last_success,omitempty"`
	// LastStatus is the HTTP status of the last attempt (0 when it failed
	// before a response).
	LastStatus int `json:"last_status,omitempty"`
	// LastError describes the last failure; empty after a success.
	LastError string `json:"last_error,omitempty"`
	// Failures counts consecutive failures; the back-off grows with it and
	// a success resets it.
	Failures int       `json:"consecutive_failures"`
	NextPoll time.Time `json:"next_poll"`
	// ItemsSeen counts the distinct items taken from the feed.
	ItemsSeen int64 `json:"items_seen"`
	// LastNew is the number of new items the last successful poll found.
	LastNew int `json:"last_new"`
}

// FeedItem is one item a feed delivered, by the keys it is known under
// (its GUID within the feed, its normalised URL), and the report it became.
type FeedItem struct {
	FeedID   string
	Keys     []string
	ReportID string
}

// FeedStore keeps feeds, their health and the items already taken from
// them. The sqlstore package implements it beside domain.Store.
type FeedStore interface {
	// CreateFeed stores a new feed; a feed with the same URL is a
	// CodeConflict error.
	CreateFeed(ctx context.Context, f Feed) error
	// GetFeed returns a feed or a CodeNotFound error.
	GetFeed(ctx context.Context, id string) (Feed, error)
	// ListFeeds lists every feed, oldest first.
	ListFeeds(ctx context.Context) ([]Feed, error)
	// DeleteFeed removes a feed (the items seen are kept, so that a feed
	// added again does not bring back what was taken); a missing feed is a
	// CodeNotFound error.
	DeleteFeed(ctx context.Context, id string) error
	// DueFeeds lists up to limit feeds whose next poll is at or before now,
	// most overdue first.
	DueFeeds(ctx context.Context, now time.Time, limit int) ([]Feed, error)
	// ClaimFeed moves a due feed's next poll from was to until, so that
	// one poller among several instances takes it; false when another
	// moved it first.
	ClaimFeed(ctx context.Context, id string, was, until time.Time) (bool, error)
	// SaveFeedState records the outcome of a poll: title, validators and
	// health. A missing feed is a CodeNotFound error.
	SaveFeedState(ctx context.Context, f Feed) error
	// SeenFeedKeys returns which of the keys are already known.
	SeenFeedKeys(ctx context.Context, keys []string) (map[string]bool, error)
	// RecordFeedItems marks items as taken; keys already known are left as
	// they are.
	RecordFeedItems(ctx context.Context, items []FeedItem, at time.Time) error
}
