package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"sitroom/internal/domain"
)

func init() {
	register(
		suite{"FeedRoundTrip", testFeedRoundTrip},
		suite{"FeedConflictsAndMissing", testFeedConflicts},
		suite{"FeedDueAndClaim", testFeedDue},
		suite{"FeedItemKeys", testFeedItemKeys},
	)
}

func feedStore(t *testing.T, s domain.Store) domain.FeedStore {
	t.Helper()
	fs, ok := s.(domain.FeedStore)
	if !ok {
		t.Fatalf("%T does not implement domain.FeedStore", s)
	}
	return fs
}

func feedFixture(n int) domain.Feed {
	return domain.Feed{ID: "F" + string(rune('0'+n)), URL: "https://news.example.org/feed/" + string(rune('a'+n)) + ".xml",
		Source: "Example News", Interval: 15 * time.Minute, CreatedAt: base, CreatedBy: "admin",
		Health: domain.FeedHealth{NextPoll: base.Add(time.Duration(n) * time.Minute)}}
}

func testFeedRoundTrip(t *testing.T, s domain.Store) {
	ctx := context.Background()
	fs := feedStore(t, s)
	f := feedFixture(1)
	if err := fs.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	got, err := fs.GetFeed(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("feed round trip:\n got %+v\nwant %+v", got, f)
	}
	// A poll's outcome comes back whole.
	att, ok := base.Add(20*time.Minute), base.Add(20*time.Minute+time.Second)
	f.Title, f.ETag, f.LastModified = "Example News – Shan", `"v2"`, "Thu, 16 Nov 2023 09:00:00 GMT"
	f.Health = domain.FeedHealth{LastAttempt: &att, LastSuccess: &ok, LastStatus: 200, Failures: 0,
		NextPoll: base.Add(35 * time.Minute), ItemsSeen: 12, LastNew: 3}
	if err := fs.SaveFeedState(ctx, f); err != nil {
		t.Fatal(err)
	}
	if got, _ = fs.GetFeed(ctx, f.ID); !reflect.DeepEqual(got, f) {
		t.Errorf("after SaveFeedState:\n got %+v\nwant %+v", got, f)
	}
	f.Health.LastError, f.Health.Failures, f.Health.LastStatus = "HTTP 500", 2, 500
	if err := fs.SaveFeedState(ctx, f); err != nil {
		t.Fatal(err)
	}
	list, err := fs.ListFeeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Health.LastError != "HTTP 500" || list[0].Health.Failures != 2 {
		t.Errorf("ListFeeds = %+v", list)
	}
}

func testFeedConflicts(t *testing.T, s domain.Store) {
	ctx := context.Background()
	fs := feedStore(t, s)
	f := feedFixture(1)
	if err := fs.CreateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	dup := feedFixture(2)
	dup.URL = f.URL
	if err := fs.CreateFeed(ctx, dup); !domain.IsCode(err, domain.CodeConflict) {
		t.Errorf("same URL twice: err = %v, want conflict", err)
	}
	if _, err := fs.GetFeed(ctx, "nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("GetFeed(missing) err = %v", err)
	}
	if err := fs.DeleteFeed(ctx, "nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("DeleteFeed(missing) err = %v", err)
	}
	missing := feedFixture(3)
	if err := fs.SaveFeedState(ctx, missing); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("SaveFeedState(missing) err = %v", err)
	}
	if err := fs.DeleteFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.GetFeed(ctx, f.ID); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("deleted feed still there: %v", err)
	}
}

func testFeedDue(t *testing.T, s domain.Store) {
	ctx := context.Background()
	fs := feedStore(t, s)
	for n := 1; n <= 3; n++ { // next polls at base+1m, +2m, +3m
		if err := fs.CreateFeed(ctx, feedFixture(n)); err != nil {
			t.Fatal(err)
		}
	}
	due, err := fs.DueFeeds(ctx, base.Add(2*time.Minute), 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range due {
		ids = append(ids, f.ID)
	}
	if !reflect.DeepEqual(ids, []string{"F1", "F2"}) {
		t.Errorf("due = %v, want [F1 F2] (most overdue first)", ids)
	}
	if due, _ = fs.DueFeeds(ctx, base.Add(time.Hour), 1); len(due) != 1 || due[0].ID != "F1" {
		t.Errorf("limit 1: %+v", due)
	}
	// Two pollers claim the same feed: one wins.
	was, until := due[0].Health.NextPoll, base.Add(time.Hour)
	first, err := fs.ClaimFeed(ctx, "F1", was, until)
	if err != nil || !first {
		t.Fatalf("first claim = %v, %v", first, err)
	}
	second, err := fs.ClaimFeed(ctx, "F1", was, until)
	if err != nil || second {
		t.Errorf("second claim = %v, %v; want false", second, err)
	}
	if got, _ := fs.GetFeed(ctx, "F1"); !got.Health.NextPoll.Equal(until) {
		t.Errorf("next poll after claim = %v, want %v", got.Health.NextPoll, until)
	}
}

func testFeedItemKeys(t *testing.T, s domain.Store) {
	ctx := context.Background()
	fs := feedStore(t, s)
	items := []domain.FeedItem{
		{FeedID: "F1", Keys: []string{"guid:F1:a", "url:https://x.example/a"}, ReportID: "R1"},
		{FeedID: "F1", Keys: []string{"guid:F1:b", "url:https://x.example/b"}, ReportID: "R2"},
	}
	if err := fs.RecordFeedItems(ctx, items, base); err != nil {
		t.Fatal(err)
	}
	// Recording a key again is harmless.
	if err := fs.RecordFeedItems(ctx, items[:1], base.Add(time.Hour)); err != nil {
		t.Fatalf("recording a known key: %v", err)
	}
	seen, err := fs.SeenFeedKeys(ctx, []string{"guid:F1:a", "url:https://x.example/b", "guid:F1:c"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"guid:F1:a": true, "url:https://x.example/b": true}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("seen = %v, want %v", seen, want)
	}
	if seen, err = fs.SeenFeedKeys(ctx, nil); err != nil || len(seen) != 0 {
		t.Errorf("no keys: %v, %v", seen, err)
	}
}
