// Package digest gets verified news back to people by SMS: they subscribe
// to an area (by SMS — SUB LASHIO, SUB LASHIO ROAD, STOP, or in Burmese —
// or through the API), and get a daily digest of the events newly
// verified there at a set Myanmar time, and an immediate alert when an
// event there is verified (optionally only some kinds: road closures,
// airstrikes…). Messages go through the outbox (retries, delivery
// reports) to the subscriber's sealed contact; each fits one SMS where it
// can and never takes more than three. Alerts follow the store's event
// change feed from a stored cursor, so none is missed across restarts,
// and each event alerts a subscriber once: the outbox message id is
// derived from the event and the subscription.
package digest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"

	"sitroom/internal/contact"
	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/inbound"
	"sitroom/internal/pseudonym"
	"sitroom/internal/sms"
)

// Store is what subscriptions, digests and alerts need of the store.
type Store interface {
	export.Store
	export.AuditReader
	domain.SubscriptionStore
	domain.ChannelStore
	EventsChangedSince(ctx context.Context, seq int64, limit int) ([]domain.Event, int64, error)
	AppendAudit(ctx context.Context, e domain.AuditEntry) error
}

// Defaults for a Service's zero fields.
const (
	DefaultDigestAt    = 7 * time.Hour // 07:00 Myanmar time
	DefaultAlertMaxAge = 48 * time.Hour
	DefaultGateway     = "kannel"
	alertsCursor       = "digest.alerts"
	changeBatch        = 200
)

// Service keeps subscriptions and sends digests and alerts.
type Service struct {
	Store  Store
	Places domain.Gazetteer
	// Resolve finds the place a subscriber names ("LASHIO", "လားရှိုး").
	Resolve func(name string) (domain.Place, bool)
	// Keyer makes the pseudonym of a phone number given to the API, the
	// same one its SMS carry; Sealer seals the number.
	Keyer  *pseudonym.Keyer
	Sealer *contact.Sealer
	Clock  domain.Clock
	IDs    domain.IDs
	Log    *slog.Logger
	// Gateway is the outbox gateway of subscriptions made through the
	// API (default kannel).
	Gateway string
	// DigestAt is the time of day, Myanmar time, digests go out
	// (default 07:00).
	DigestAt time.Duration
	// AlertMaxAge: an event verified longer ago than this alerts no one
	// (a change to an old event is not news).
	AlertMaxAge time.Duration
	// Notify wakes the outbox worker after messages are queued.
	Notify func()

	lastDigest domain.Date // the last day whose digests were all queued
}

var _ inbound.Commands = (*Service)(nil)

func (s *Service) digestAt() time.Duration {
	if s.DigestAt <= 0 {
		return DefaultDigestAt
	}
	return s.DigestAt
}

// DigestTime is the digest's time of day as "07:00".
func (s *Service) DigestTime() string {
	d := s.digestAt()
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

func (s *Service) notify() {
	if s.Notify != nil {
		s.Notify()
	}
}

// name is a P-code's name in a language.
func (s *Service) name(pcode, lang string) string {
	if s.Places == nil || pcode == "" {
		return ""
	}
	p, err := s.Places.Place(pcode)
	if err != nil {
		return ""
	}
	if lang == "my" && p.NameMy != "" {
		return p.NameMy
	}
	return p.Name
}

// Area returns the area a place stands for in a subscription: states,
// districts and townships as they are, anything finer as its township.
func Area(p domain.Place) (string, bool) {
	switch p.Level {
	case domain.LevelState, domain.LevelDistrict, domain.LevelTownship:
		return p.PCode, true
	case domain.LevelTown, domain.LevelVillageTract, domain.LevelWard, domain.LevelPoint:
		if p.Adm3 != "" {
			return p.Adm3, true
		}
	}
	return "", false
}

// area resolves what a subscriber wrote (a name or a P-code).
func (s *Service) area(written string) (domain.Place, bool) {
	written = strings.TrimSpace(written)
	if written == "" {
		return domain.Place{}, false
	}
	var p domain.Place
	ok := false
	if s.Places != nil && domain.LevelOfPCode(strings.ToUpper(written)) != "" {
		var err error
		p, err = s.Places.Place(strings.ToUpper(written))
		ok = err == nil
	}
	if !ok && s.Resolve != nil {
		p, ok = s.Resolve(written)
	}
	if !ok {
		return p, false
	}
	code, ok := Area(p)
	if !ok {
		return p, false
	}
	if code != p.PCode && s.Places != nil {
		var err error
		if p, err = s.Places.Place(code); err != nil {
			return p, false
		}
	}
	return p, true
}

// Hint masks a contact, keeping its last three characters: enough to
// recognise one's own number, never enough to dial it.
func Hint(c string) string {
	c = pseudonym.NormaliseContact(c)
	r := []rune(c)
	if len(r) <= 3 {
		return strings.Repeat("•", len(r))
	}
	prefix := ""
	if r[0] == '+' {
		prefix = "+"
	}
	return prefix + "•••" + string(r[len(r)-3:])
}

// Command handles SMS subscription commands (inbound.Commands).
func (s *Service) Command(ctx context.Context, m inbound.Message, reporterID, gateway string) (string, bool, error) {
	cmd, ok := sms.ParseSubscription(m.Text)
	if !ok {
		return "", false, nil
	}
	lang := "en"
	if cmd.Burmese {
		lang = "my"
	}
	replies := sms.SubReplies{Burmese: cmd.Burmese}
	switch cmd.Action {
	case sms.ActionList:
		subs, err := s.Store.SubscriptionsOf(ctx, reporterID)
		if err != nil {
			return "", true, err
		}
		var names []string
		for _, sub := range subs {
			names = append(names, s.name(sub.Area, lang))
		}
		return replies.List(names), true, nil
	case sms.ActionUnsubscribe:
		area := ""
		if cmd.Place != "" {
			p, ok := s.area(cmd.Place)
			if !ok {
				return replies.UnknownPlace(cmd.Place), true, nil
			}
			area = p.PCode
		}
		n, err := s.Store.DeleteSubscriptionsOf(ctx, reporterID, area)
		if err != nil {
			return "", true, err
		}
		s.log().Info("subscriptions stopped by SMS", "reporter", reporterID, "area", area, "removed", n)
		return replies.Unsubscribed(s.name(area, lang), n), true, nil
	}
	p, ok := s.area(cmd.Place)
	if !ok {
		return replies.UnknownPlace(cmd.Place), true, nil
	}
	if gateway == "" { // a channel that answers inline (Twilio): later messages go by SMS
		gateway = s.Gateway
		if gateway == "" {
			gateway = DefaultGateway
		}
	}
	now := s.Clock.Now()
	sub, created, err := s.Store.PutSubscription(ctx, domain.Subscription{ID: s.IDs.NewID(), ReporterID: reporterID, Channel: m.Channel,
		Gateway: gateway, Area: p.PCode, AreaName: p.Name, Topics: cmd.Topics, Language: lang, ContactHint: Hint(m.Contact),
		CreatedBy: m.Gateway, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return "", true, err
	}
	s.log().Info("subscription by SMS", "subscription", sub.ID, "area", sub.Area, "created", created)
	return replies.Subscribed(s.name(p.PCode, lang), cmd.Topics, s.DigestTime()), true, nil
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// Request is a subscription made through the API.
type Request struct {
	// Phone is the subscriber's number (E.164, "+959…"); it is stored
	// sealed and never shown back.
	Phone string `json:"phone"`
	// Area is a P-code or a place name.
	Area     string   `json:"area"`
	Topics   []string `json:"topics,omitempty"`
	Language string   `json:"language,omitempty"` // en (default) or my
	Gateway  string   `json:"gateway,omitempty"`  // default the service's
}

// ValidPhone reports whether a number looks dialable: an optional "+",
// then 6 to 15 digits (spaces, dashes and dots allowed between).
func ValidPhone(p string) bool {
	n := pseudonym.NormaliseContact(p)
	digits := strings.TrimPrefix(n, "+")
	if len(digits) < 6 || len(digits) > 15 {
		return false
	}
	for _, r := range digits {
		if !unicode.IsDigit(r) || r > '9' {
			return false
		}
	}
	return true
}

// Subscribe stores a subscription made through the API by a principal.
func (s *Service) Subscribe(ctx context.Context, by domain.Principal, req Request) (domain.Subscription, bool, error) {
	var sub domain.Subscription
	if !ValidPhone(req.Phone) {
		return sub, false, domain.FieldError("phone", "give a phone number of 6 to 15 digits, e.g. +959420000000")
	}
	p, ok := s.area(req.Area)
	if !ok {
		return sub, false, domain.FieldError("area", "%q is not a known state/region, district, township or town", req.Area)
	}
	valid := map[string]bool{}
	for _, t := range sms.Topics {
		valid[t] = true
	}
	var topics []string
	seen := map[string]bool{}
	for _, t := range req.Topics {
		t = strings.ToLower(strings.TrimSpace(t))
		if !valid[t] {
			return sub, false, domain.FieldError("topics", "%q is not a topic (%s)", t, strings.Join(sms.Topics, ", "))
		}
		if !seen[t] {
			seen[t] = true
			topics = append(topics, t)
		}
	}
	lang := req.Language
	switch lang {
	case "":
		lang = "en"
	case "en", "my":
	default:
		return sub, false, domain.FieldError("language", "%q: give en or my", lang)
	}
	gw := req.Gateway
	if gw == "" {
		gw = s.Gateway
	}
	if gw == "" {
		gw = DefaultGateway
	}
	if s.Keyer == nil || s.Sealer == nil {
		return sub, false, domain.Errorf(domain.CodeUnavailable, "subscriptions need the node key")
	}
	channel := domain.ChannelSMS
	if gw == "telegram" {
		channel = domain.ChannelTelegram
	}
	reporter := s.Keyer.ID(string(channel), req.Phone)
	sealed, err := s.Sealer.Seal(reporter, pseudonym.NormaliseContact(req.Phone))
	if err != nil {
		return sub, false, err
	}
	now := s.Clock.Now()
	if err := s.Store.PutContact(ctx, domain.SealedContact{ReporterID: reporter, Channel: channel, Sealed: sealed, UpdatedAt: now}); err != nil {
		return sub, false, err
	}
	sub, created, err := s.Store.PutSubscription(ctx, domain.Subscription{ID: s.IDs.NewID(), ReporterID: reporter, Channel: channel,
		Gateway: gw, Area: p.PCode, AreaName: p.Name, Topics: topics, Language: lang, ContactHint: Hint(req.Phone),
		CreatedBy: by.Name, CreatedAt: now, UpdatedAt: now})
	if err != nil {
		return sub, false, err
	}
	if err := s.Store.AppendAudit(ctx, domain.AuditEntry{ID: s.IDs.NewID(), At: now, Actor: by.Name, Action: "subscription.put",
		EntityType: "subscription", EntityID: sub.ID}); err != nil {
		return sub, created, err
	}
	return sub, created, nil
}

// Unsubscribe removes a subscription through the API.
func (s *Service) Unsubscribe(ctx context.Context, by domain.Principal, id string) error {
	if err := s.Store.DeleteSubscription(ctx, id); err != nil {
		return err
	}
	return s.Store.AppendAudit(ctx, domain.AuditEntry{ID: s.IDs.NewID(), At: s.Clock.Now(), Actor: by.Name, Action: "subscription.delete",
		EntityType: "subscription", EntityID: id})
}
