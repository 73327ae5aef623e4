package domain

import (
	"context"
	"time"
)

// Subscription is a person's request for news of an area by SMS: a daily
// digest and immediate alerts of newly verified events there. It names
// the person by pseudonym; the phone number is the sealed contact of that
// pseudonym (see SealedContact) and never appears here.
type Subscription struct {
	ID         string  `json:"id"`
	ReporterID string  `json:"-"` // pseudonym of the subscriber's contact
	Channel    Channel `json:"channel"`
	// Gateway is the outbox gateway digests and alerts go through
	// ("kannel", "telegram").
	Gateway string `json:"gateway"`
	// Area is a P-code (state/region, district or township) and
	// AreaName its name.
	Area     string `json:"area"`
	AreaName string `json:"area_name,omitempty"`
	// Topics limit alerts to some kinds of event ("road", "airstrike"…);
	// none means every verified event. Digests cover everything.
	Topics []string `json:"topics,omitempty"`
	// Language of the messages: "en" or "my".
	Language string `json:"language"`
	// ContactHint shows enough of the contact to recognise it
	// ("+95 ••• ••• 123"), never all of it.
	ContactHint string    `json:"contact_hint,omitempty"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Delivery records that a digest or an alert was queued for a subscriber.
type Delivery struct {
	SubscriptionID string    `json:"subscription_id"`
	Kind           string    `json:"kind"` // "alert" or "digest"
	Key            string    `json:"key"`  // the event id of an alert, the day of a digest
	MessageID      string    `json:"message_id"`
	At             time.Time `json:"at"`
}

// Delivery kinds.
const (
	DeliveryAlert  = "alert"
	DeliveryDigest = "digest"
)

// SubscriptionStore keeps subscriptions, what was sent to them, and the
// positions of the workers that follow the event change feed. The
// sqlstore package implements it for both backends.
type SubscriptionStore interface {
	// PutSubscription stores a subscription, or updates the one the same
	// subscriber has for the same area (its id and creation stay); created
	// says which. The stored subscription is returned.
	PutSubscription(ctx context.Context, s Subscription) (Subscription, bool, error)
	// Subscription returns one subscription, or a CodeNotFound error.
	Subscription(ctx context.Context, id string) (Subscription, error)
	// ListSubscriptions lists subscriptions in id order after afterID.
	ListSubscriptions(ctx context.Context, afterID string, limit int) ([]Subscription, error)
	// SubscriptionsOf lists one subscriber's subscriptions.
	SubscriptionsOf(ctx context.Context, reporterID string) ([]Subscription, error)
	// SubscriptionsIn lists the subscriptions to any of the given areas.
	SubscriptionsIn(ctx context.Context, areas []string) ([]Subscription, error)
	// DeleteSubscription removes one subscription (CodeNotFound if none).
	DeleteSubscription(ctx context.Context, id string) error
	// DeleteSubscriptionsOf removes a subscriber's subscriptions: to one
	// area, or all when area is empty; it returns how many.
	DeleteSubscriptionsOf(ctx context.Context, reporterID, area string) (int, error)

	// AddDelivery records a delivery once: false when the same
	// subscription, kind and key were already recorded.
	AddDelivery(ctx context.Context, d Delivery) (bool, error)
	// SubscriptionDeliveries lists a subscription's deliveries, newest first.
	SubscriptionDeliveries(ctx context.Context, subscriptionID string, limit int) ([]Delivery, error)

	// Cursor returns a named follower's position (0 when it has none).
	Cursor(ctx context.Context, name string) (int64, error)
	// SetCursor stores a named follower's position.
	SetCursor(ctx context.Context, name string, value int64, at time.Time) error
}
