package domain

import (
	"context"
	"time"
)

// SealedContact is a reporter's contact (phone number, chat id) as stored:
// encrypted, keyed by the reporter's pseudonym, kept only so that replies
// can be sent. It never appears in reports, logs or API output.
type SealedContact struct {
	ReporterID string
	Channel    Channel
	Sealed     []byte // see package contact
	UpdatedAt  time.Time
}

// OutboxState is where an outbound message stands.
type OutboxState string

// Outbound message states. Queued → sending → sent → delivered, with
// failed at any step once retries are spent or the network says so.
const (
	OutboxQueued    OutboxState = "queued"    // waiting for its next attempt
	OutboxSending   OutboxState = "sending"   // leased by a worker
	OutboxSent      OutboxState = "sent"      // the gateway accepted it
	OutboxDelivered OutboxState = "delivered" // the handset has it (delivery report)
	OutboxFailed    OutboxState = "failed"    // given up, or the network refused it
)

// OutboundMessage is a message sitroom sends to a person: a reply, an
// acknowledgement, an alert. It names the recipient by pseudonym; the
// contact is looked up (and decrypted) only when it is sent.
type OutboundMessage struct {
	ID         string      `json:"id"`
	Gateway    string      `json:"gateway"` // "kannel", "telegram"
	ReporterID string      `json:"reporter_id"`
	ReportID   string      `json:"report_id,omitempty"` // the report it answers
	Text       string      `json:"text"`
	State      OutboxState `json:"state"`
	Attempts   int         `json:"attempts"`
	// NextAttemptAt is when a queued message is next tried, or when the
	// lease of a sending one runs out.
	NextAttemptAt time.Time `json:"next_attempt_at"`
	LastError     string    `json:"last_error,omitempty"`
	// Delivery is the gateway's last delivery report, as it gave it.
	Delivery  string    `json:"delivery,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ChannelStore is the storage the messaging channels need beyond Store:
// sealed contacts, the outbox, and finding a report by a channel's own
// message key. The sqlstore package implements it for both backends.
type ChannelStore interface {
	// PutContact stores a reporter's sealed contact, replacing any older one.
	PutContact(ctx context.Context, c SealedContact) error
	// Contact returns a reporter's sealed contact, or a CodeNotFound error.
	Contact(ctx context.Context, reporterID string) (SealedContact, error)

	// Enqueue adds a message to the outbox. It is idempotent by id: a
	// message whose id is already queued is not added again, and created
	// is false.
	Enqueue(ctx context.Context, m OutboundMessage) (created bool, err error)
	// Outbound returns one outbox message, or a CodeNotFound error.
	Outbound(ctx context.Context, id string) (OutboundMessage, error)
	// OutboundFor lists the outbox messages answering a report, oldest first.
	OutboundFor(ctx context.Context, reportID string) ([]OutboundMessage, error)
	// LeaseDue hands out up to limit messages due at now: queued ones whose
	// time has come and sending ones whose lease ran out (a worker that
	// died). Each is moved to sending, its attempts counted, and leased
	// until now+lease; two workers never lease the same message at once.
	LeaseDue(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboundMessage, error)
	// MarkSent records that the gateway accepted a leased message.
	MarkSent(ctx context.Context, id string, at time.Time) error
	// MarkRetry puts a leased message back in the queue until next.
	MarkRetry(ctx context.Context, id string, next time.Time, reason string, at time.Time) error
	// MarkFailed gives up on a message.
	MarkFailed(ctx context.Context, id, reason string, at time.Time) error
	// RecordDelivery applies a gateway's delivery report. Delivered and
	// failed are final: a late "accepted by the SMSC" report never moves a
	// message back.
	RecordDelivery(ctx context.Context, id string, state OutboxState, detail string, at time.Time) error

	// ReportByClientID finds the report a channel stored under its own
	// message key (a Telegram chat and message id), or a CodeNotFound error.
	ReportByClientID(ctx context.Context, ch Channel, clientID string) (Report, error)
}
