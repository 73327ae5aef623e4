package storetest

import (
	"context"
	"testing"
	"time"

	"sitroom/internal/domain"
)

func init() {
	register(
		suite{"Subscriptions", testSubscriptions},
		suite{"SubscriptionDeliveries", testSubscriptionDeliveries},
		suite{"OutputCursors", testOutputCursors},
	)
}

func subscriptionStore(t *testing.T, s domain.Store) domain.SubscriptionStore {
	ss, ok := s.(domain.SubscriptionStore)
	if !ok {
		t.Fatalf("%T does not implement domain.SubscriptionStore", s)
	}
	return ss
}

func testSubscriptions(t *testing.T, s domain.Store) {
	ctx := context.Background()
	ss := subscriptionStore(t, s)
	if _, err := ss.Subscription(ctx, "S-missing"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Fatalf("missing subscription: %v, want not_found", err)
	}
	sub := domain.Subscription{ID: "S1", ReporterID: "r_a", Channel: domain.ChannelSMS, Gateway: "kannel", Area: "MMR015001",
		AreaName: "Lashio", Topics: []string{"road", "bridge"}, Language: "my", ContactHint: "+95 ••• 123", CreatedBy: "sms", CreatedAt: base, UpdatedAt: base}
	got, created, err := ss.PutSubscription(ctx, sub)
	if err != nil || !created || got.ID != "S1" || len(got.Topics) != 2 || got.Language != "my" || !got.CreatedAt.Equal(base) {
		t.Fatalf("put = %+v, %v, %v", got, created, err)
	}
	// The same subscriber and area again: an update, same id and creation.
	again := sub
	again.ID, again.Topics, again.Language, again.CreatedAt, again.UpdatedAt = "S2", nil, "en", base.Add(time.Hour), base.Add(time.Hour)
	got, created, err = ss.PutSubscription(ctx, again)
	if err != nil || created || got.ID != "S1" || len(got.Topics) != 0 || got.Language != "en" || !got.CreatedAt.Equal(base) || !got.UpdatedAt.Equal(base.Add(time.Hour)) {
		t.Fatalf("re-put = %+v, %v, %v; want S1 updated", got, created, err)
	}
	for i, area := range []string{"MMR015022", "MMR015"} {
		o := sub
		o.ID, o.Area = []string{"S3", "S4"}[i], area
		if _, _, err := ss.PutSubscription(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	other := sub
	other.ID, other.ReporterID = "S5", "r_b"
	if _, _, err := ss.PutSubscription(ctx, other); err != nil {
		t.Fatal(err)
	}
	ids := func(subs []domain.Subscription) []string {
		var out []string
		for _, x := range subs {
			out = append(out, x.ID)
		}
		return out
	}
	in, err := ss.SubscriptionsIn(ctx, []string{"MMR015001", "MMR015"})
	if err != nil || !equalStrings(ids(in), []string{"S1", "S4", "S5"}) {
		t.Errorf("SubscriptionsIn = %v, %v", ids(in), err)
	}
	if none, err := ss.SubscriptionsIn(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("SubscriptionsIn(nil) = %v, %v", none, err)
	}
	of, err := ss.SubscriptionsOf(ctx, "r_a")
	if err != nil || len(of) != 3 {
		t.Errorf("SubscriptionsOf r_a = %v, %v", ids(of), err)
	}
	page, err := ss.ListSubscriptions(ctx, "", 2)
	if err != nil || !equalStrings(ids(page), []string{"S1", "S3"}) {
		t.Errorf("first page = %v, %v", ids(page), err)
	}
	page, err = ss.ListSubscriptions(ctx, "S3", 2)
	if err != nil || !equalStrings(ids(page), []string{"S4", "S5"}) {
		t.Errorf("second page = %v, %v", ids(page), err)
	}
	if n, err := ss.DeleteSubscriptionsOf(ctx, "r_a", "MMR015022"); err != nil || n != 1 {
		t.Errorf("stop one area = %d, %v", n, err)
	}
	if n, err := ss.DeleteSubscriptionsOf(ctx, "r_a", ""); err != nil || n != 2 {
		t.Errorf("stop all = %d, %v", n, err)
	}
	if err := ss.DeleteSubscription(ctx, "S5"); err != nil {
		t.Fatal(err)
	}
	if err := ss.DeleteSubscription(ctx, "S5"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("delete twice: %v, want not_found", err)
	}
	if left, _ := ss.ListSubscriptions(ctx, "", 10); len(left) != 0 {
		t.Errorf("left after deletes: %v", ids(left))
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func testSubscriptionDeliveries(t *testing.T, s domain.Store) {
	ctx := context.Background()
	ss := subscriptionStore(t, s)
	d := domain.Delivery{SubscriptionID: "S1", Kind: domain.DeliveryAlert, Key: "E1", MessageID: "alert:E1:S1", At: base}
	if ok, err := ss.AddDelivery(ctx, d); err != nil || !ok {
		t.Fatalf("first delivery = %v, %v", ok, err)
	}
	if ok, err := ss.AddDelivery(ctx, d); err != nil || ok {
		t.Errorf("same delivery again = %v, %v; want false", ok, err)
	}
	dg := domain.Delivery{SubscriptionID: "S1", Kind: domain.DeliveryDigest, Key: "2023-11-16", MessageID: "digest:2023-11-16:S1", At: base.Add(time.Hour)}
	if ok, err := ss.AddDelivery(ctx, dg); err != nil || !ok {
		t.Fatalf("digest delivery = %v, %v", ok, err)
	}
	got, err := ss.SubscriptionDeliveries(ctx, "S1", 10)
	if err != nil || len(got) != 2 || got[0].Kind != domain.DeliveryDigest || got[1].Key != "E1" || !got[1].At.Equal(base) {
		t.Errorf("deliveries = %+v, %v", got, err)
	}
}

func testOutputCursors(t *testing.T, s domain.Store) {
	ctx := context.Background()
	ss := subscriptionStore(t, s)
	if v, err := ss.Cursor(ctx, "alerts"); err != nil || v != 0 {
		t.Fatalf("new cursor = %d, %v", v, err)
	}
	for _, v := range []int64{7, 42} {
		if err := ss.SetCursor(ctx, "alerts", v, base); err != nil {
			t.Fatal(err)
		}
	}
	if v, err := ss.Cursor(ctx, "alerts"); err != nil || v != 42 {
		t.Errorf("cursor = %d, %v, want 42", v, err)
	}
	if v, _ := ss.Cursor(ctx, "other"); v != 0 {
		t.Errorf("another name's cursor = %d", v)
	}
}
