// Package inbound is what every messaging channel (Kannel and Twilio SMS,
// Telegram) does with a message once its gateway's format is decoded: rate
// limit the sender, read the compact SMS syntax, carry the message through
// the intake pipeline, seal the contact for replies, and queue the reply —
// all before the gateway is told the message is taken, so that nothing
// acknowledged is lost and a re-delivery creates nothing new.
package inbound

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/domain"
	"sitroom/internal/intake"
	"sitroom/internal/normalise"
	"sitroom/internal/ratelimit"
	"sitroom/internal/sms"
)

// Message is one decoded inbound message.
type Message struct {
	Channel domain.Channel // sms or telegram
	// Gateway names the adapter it came through ("kannel", "twilio",
	// "telegram"); it is the submitting principal.
	Gateway string
	// ClientID is the gateway's own message key, namespaced by gateway
	// ("kannel:<uuid>", "twilio:<MessageSid>", "tg:<chat>:<message>"): a
	// re-delivery carries the same key and is recognised as a duplicate.
	ClientID string
	// Contact is the sender's raw phone number or account: it becomes the
	// pseudonym and is stored only sealed.
	Contact string
	// ReplyTo is where replies go when it differs from Contact (the
	// Telegram chat of a group message); empty means Contact.
	ReplyTo    string
	Text       string
	ReceivedAt time.Time
	// Source names a public outlet (a Telegram channel); empty for a person.
	Source string
	// Meta holds non-identifying channel details: gateway message id,
	// SMSC, coding. Never the contact.
	Meta map[string]string
	// PreviousClientID, for an edited message, is the client id of its
	// first version: the new version links to that report.
	PreviousClientID string
}

// Reply modes: where a reply to a message goes.
const (
	ReplyNone   = ""       // no reply
	ReplyInline = "inline" // returned to the caller (Twilio answers in TwiML)
)

// Outcome is what became of a message.
type Outcome struct {
	ReportID   string
	Status     string // intake.StatusCreated or intake.StatusDuplicate
	Coding     domain.Coding
	ReporterID string
	// Flood is true when the sender was over the rate limit: the message
	// was stored, flagged, without extraction and without a reply.
	Flood bool
	// Reply is the reply text, when there is one.
	Reply string
	// Queued is true when the reply was put in the outbox.
	Queued bool
}

// Flags the channels put on reports.
const (
	FlagFlood         = "flood"          // sender over the rate limit
	FlagCompactSyntax = "compact_syntax" // prefix of the flag of a compact message that did not parse
	FlagEdited        = "edited"         // a new version of an edited message
)

// Service runs inbound messages through the pipeline.
type Service struct {
	// Intake is the pipeline; its Keyer makes pseudonyms.
	Intake *intake.Service
	// Store keeps contacts and the outbox.
	Store domain.ChannelStore
	// Sealer encrypts contacts; nil stores no contact (and sends no reply).
	Sealer *contact.Sealer
	// Limiter limits each sender; nil does not limit.
	Limiter *ratelimit.Limiter
	Clock   domain.Clock
	Log     *slog.Logger
	// Queued, when set, is called after a reply is queued (to wake the
	// outbox worker).
	Queued func()
	// Commands, when set, is offered each message from a person first:
	// a message it handles (a subscription command) is an instruction,
	// not a report, and is answered but not stored as a report.
	Commands Commands
}

// Commands handles the messages that are instructions to sitroom rather
// than reports, such as subscriptions (SUB LASHIO, STOP).
type Commands interface {
	// Command handles a message if it is a command: handled is false for
	// anything else. reporterID is the sender's pseudonym and gateway the
	// outbox gateway replies and later messages go through ("" for a
	// channel that answers inline and has none). It must be idempotent:
	// a gateway may deliver the same message twice.
	Command(ctx context.Context, m Message, reporterID, gateway string) (reply string, handled bool, err error)
}

// StatusCommand is the Outcome status of a message handled as a command.
const StatusCommand = "command"

// Receive takes one message: it is stored (or found stored) when Receive
// returns without error, and only then may the gateway be told so. reply
// names the outbox gateway replies go through ("kannel", "telegram"),
// ReplyInline, or ReplyNone.
func (s *Service) Receive(ctx context.Context, m Message, reply string) (Outcome, error) {
	var out Outcome
	if s.Intake == nil || s.Intake.Keyer == nil {
		return out, domain.Errorf(domain.CodeInternal, "inbound: no pipeline or pseudonym key")
	}
	if strings.TrimSpace(m.Contact) == "" {
		return out, domain.FieldError("from", "the sender is missing")
	}
	if strings.TrimSpace(m.ClientID) == "" {
		return out, domain.FieldError("id", "the gateway message id is missing")
	}
	received := m.ReceivedAt
	if received.IsZero() {
		received = s.Clock.Now()
	}
	out.ReporterID = s.Intake.Keyer.ID(string(m.Channel), m.Contact)
	out.Flood = !s.Limiter.Allow(out.ReporterID)
	if s.Commands != nil && !out.Flood && m.Source == "" {
		gw := reply
		if gw == ReplyInline || gw == ReplyNone {
			gw = "" // no outbox gateway: the handler chooses
		}
		text, handled, err := s.Commands.Command(ctx, m, out.ReporterID, gw)
		if err != nil {
			return out, err
		}
		if handled {
			return s.answerCommand(ctx, m, out, text, reply)
		}
	}

	item := intake.Item{
		Input:   intake.Input{ID: m.ClientID, Text: m.Text, Source: m.Source, Channel: string(m.Channel), Meta: m.Meta},
		Channel: m.Channel, Contact: m.Contact, ReceivedAt: received, KeepInvalid: true,
	}
	var note annotation
	pipeline := s.Intake
	var parseErr *sms.ParseError
	var parsed sms.Parsed
	switch {
	case out.Flood:
		// Stored, so that nothing a person sent is lost, but no work
		// beyond the INSERT: no parsing, no extraction, no reply.
		note.flags = append(note.flags, FlagFlood)
		pipeline = withoutExtractor(pipeline)
	default:
		var err error
		parsed, err = sms.Parse(m.Text, domain.DateOf(received.In(domain.Myanmar)))
		switch {
		case err != nil:
			pe, ok := err.(*sms.ParseError)
			if !ok {
				return out, fmt.Errorf("parse: %w", err)
			}
			parseErr = pe
			note.coding = domain.CodingReview
			note.flags = append(note.flags, FlagCompactSyntax+": "+pe.Error())
			pipeline = withoutExtractor(pipeline)
		case parsed.Structured():
			item.Input.Events = parsed.Events
		}
	}
	if m.PreviousClientID != "" {
		note.flags = append(note.flags, FlagEdited)
		first, err := s.Store.ReportByClientID(ctx, m.Channel, m.PreviousClientID)
		switch {
		case err == nil:
			note.previousID = first.ID
		case !domain.IsCode(err, domain.CodeNotFound):
			return out, fmt.Errorf("find first version: %w", err)
		}
	}
	ctx = withAnnotation(ctx, m.ClientID, note)
	p := domain.Principal{Name: m.Gateway}
	svc := *pipeline
	svc.Store = annotatingStore{svc.Store}
	results, err := svc.Submit(ctx, p, []intake.Item{item})
	if err != nil {
		return out, err
	}
	res := results[0]
	if res.Status == intake.StatusError {
		return out, res.Err
	}
	out.ReportID, out.Status, out.Coding = res.ID, res.Status, res.Coding

	if err := s.sealContact(ctx, m, out.ReporterID); err != nil {
		return out, err
	}
	if out.Flood || reply == ReplyNone {
		return out, nil
	}
	if parseErr != nil {
		out.Reply = parseErr.Reply()
	} else {
		out.Reply = sms.Ack(sms.ShortRef(out.ReportID), parsed.Burmese || normalise.Language(m.Text) == "my")
	}
	if reply == ReplyInline || s.Sealer == nil {
		return out, nil
	}
	now := s.Clock.Now()
	// One reply per report: the id is derived from the report, so a
	// re-delivered message (a duplicate) queues nothing new, and a crash
	// between storing and queueing is mended by the gateway's retry.
	err = s.queueReply(ctx, domain.OutboundMessage{ID: "reply:" + out.ReportID, Gateway: reply,
		ReporterID: out.ReporterID, ReportID: out.ReportID, Text: out.Reply, State: domain.OutboxQueued,
		NextAttemptAt: now, CreatedAt: now})
	out.Queued = err == nil
	return out, err
}

// queueReply puts a reply in the outbox and wakes the sender when it is
// new (a re-delivered message finds its reply already there).
func (s *Service) queueReply(ctx context.Context, msg domain.OutboundMessage) error {
	created, err := s.Store.Enqueue(ctx, msg)
	if err != nil {
		return fmt.Errorf("queue reply: %w", err)
	}
	if created && s.Queued != nil {
		s.Queued()
	}
	return nil
}

// sealContact stores the sender's contact, encrypted, for replies: the
// reply-to address when the channel gives one, else the sender.
func (s *Service) sealContact(ctx context.Context, m Message, reporterID string) error {
	if s.Sealer == nil {
		return nil
	}
	to := m.ReplyTo
	if to == "" {
		to = m.Contact
	}
	sealed, err := s.Sealer.Seal(reporterID, to)
	if err != nil {
		return err
	}
	return s.Store.PutContact(ctx, domain.SealedContact{ReporterID: reporterID, Channel: m.Channel, Sealed: sealed, UpdatedAt: s.Clock.Now()})
}

// answerCommand seals the sender's contact (digests and alerts go to it)
// and queues the command's reply, once per gateway message.
func (s *Service) answerCommand(ctx context.Context, m Message, out Outcome, text, reply string) (Outcome, error) {
	out.Status, out.Reply = StatusCommand, text
	if err := s.sealContact(ctx, m, out.ReporterID); err != nil {
		return out, err
	}
	if reply == ReplyNone || reply == ReplyInline || s.Sealer == nil || text == "" {
		return out, nil
	}
	now := s.Clock.Now()
	// The id is derived from the gateway's message key: a re-delivered
	// command queues no second reply.
	err := s.queueReply(ctx, domain.OutboundMessage{ID: "reply:cmd:" + s.Opaque("command", m.ClientID), Gateway: reply,
		ReporterID: out.ReporterID, Text: text, State: domain.OutboxQueued, NextAttemptAt: now, CreatedAt: now})
	out.Queued = err == nil
	return out, err
}

// Opaque returns a keyed digest of an identifying value (a Telegram chat
// id) for use in keys that are shown, such as client ids: stable on this
// node, meaningless without its key, and never the value itself.
func (s *Service) Opaque(purpose, value string) string {
	return strings.TrimPrefix(s.Intake.Keyer.ID("opaque:"+purpose, value), "r_")
}

func withoutExtractor(s *intake.Service) *intake.Service {
	c := *s
	c.Extractor = nil
	return &c
}

// annotation is what a channel knows about a report that intake's Input
// cannot carry: a link to the first version, flags, a coding override.
type annotation struct {
	previousID string
	flags      []string
	coding     domain.Coding
}

type annotationKey struct{}

func withAnnotation(ctx context.Context, clientID string, a annotation) context.Context {
	m, _ := ctx.Value(annotationKey{}).(map[string]annotation)
	n := make(map[string]annotation, len(m)+1)
	for k, v := range m {
		n[k] = v
	}
	n[clientID] = a
	return context.WithValue(ctx, annotationKey{}, n)
}

// annotatingStore applies the annotations in the context to the reports
// it saves, inside the same transaction as the report itself.
type annotatingStore struct{ domain.Store }

func (a annotatingStore) SaveReports(ctx context.Context, subs []domain.Submission) ([]domain.SaveResult, error) {
	notes, _ := ctx.Value(annotationKey{}).(map[string]annotation)
	for i := range subs {
		r := &subs[i].Report
		n, ok := notes[r.ClientID]
		if !ok {
			continue
		}
		if n.previousID != "" {
			r.PreviousID = n.previousID
		}
		r.Flags = append(r.Flags, n.flags...)
		if n.coding != "" {
			r.Coding = n.coding
		}
	}
	return a.Store.SaveReports(ctx, subs)
}
