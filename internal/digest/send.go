package digest

import (
	"context"
	"fmt"
	"sort"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/export"
)

// Matches reports whether an event is of a topic.
func Matches(e *domain.Event, topic string) bool {
	switch topic {
	case "road":
		return e.Kind == domain.KindAccessRoad
	case "bridge":
		return e.Kind == domain.KindAccessBridge
	case "airport":
		return e.Kind == domain.KindAccessAirport
	case "telecom":
		return e.Kind == domain.KindAccessTelecom
	case "access":
		return e.Kind.IsAccess()
	case "clash":
		return e.Type == domain.Battle
	case "airstrike":
		return e.SubType == domain.AirDroneStrike
	case "shelling":
		return e.SubType == domain.ShellingArtilleryMissileAttack
	case "displaced":
		_, ok := e.Figure(domain.Displaced)
		return ok || e.Kind == domain.KindDisplacement
	case "captured":
		return e.Control != nil
	case "civilians":
		if e.Type == domain.ViolenceAgainstCivilians {
			return true
		}
		for _, a := range e.Actors {
			if a.Role == domain.ActorVictim || a.Inter == domain.InterCivilians {
				return true
			}
		}
	}
	return false
}

// wants reports whether a subscription's alerts cover an event.
func wants(sub *domain.Subscription, e *domain.Event) bool {
	if len(sub.Topics) == 0 {
		return true
	}
	for _, t := range sub.Topics {
		if Matches(e, t) {
			return true
		}
	}
	return false
}

// areasOf lists the areas an event lies in, coarse to fine.
func areasOf(e *domain.Event) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range []string{e.Adm1, e.Adm2, e.Adm3, e.PCode} {
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// AlertID is the outbox id of an event's alert to a subscription: the
// same event alerts a subscription once, whatever restarts in between.
func AlertID(eventID, subscriptionID string) string { return "alert:" + eventID + ":" + subscriptionID }

// DigestID is the outbox id of a day's digest to a subscription.
func DigestID(day domain.Date, subscriptionID string) string {
	return "digest:" + string(day) + ":" + subscriptionID
}

// AlertOnce follows the event change feed from its stored cursor to the
// end, queuing an alert for each subscription that covers a newly
// verified event; it returns how many alerts it queued. The cursor is
// stored after each batch, so a crash repeats at most one batch — whose
// alerts the outbox already holds under the same ids.
func (s *Service) AlertOnce(ctx context.Context) (int, error) {
	cur, err := s.Store.Cursor(ctx, alertsCursor)
	if err != nil {
		return 0, err
	}
	queued := 0
	for {
		events, last, err := s.Store.EventsChangedSince(ctx, cur, changeBatch)
		if err != nil {
			return queued, err
		}
		if len(events) == 0 {
			return queued, nil
		}
		for i := range events {
			n, err := s.alert(ctx, &events[i])
			if err != nil {
				return queued, fmt.Errorf("alert for event %s: %w", events[i].ID, err)
			}
			queued += n
		}
		if err := s.Store.SetCursor(ctx, alertsCursor, last, s.Clock.Now()); err != nil {
			return queued, err
		}
		if queued > 0 {
			s.notify()
		}
		cur = last
	}
}

func (s *Service) alert(ctx context.Context, changed *domain.Event) (int, error) {
	// Only verified events alert: a corroborated or disputed event is
	// not yet news to send to people's phones.
	if changed.Status != domain.StatusVerified || changed.MergedInto != "" {
		return 0, nil
	}
	subs, err := s.Store.SubscriptionsIn(ctx, areasOf(changed))
	if err != nil || len(subs) == 0 {
		return 0, err
	}
	verified, err := export.VerifiedAt(ctx, s.Store, changed)
	if err != nil {
		return 0, err
	}
	now := s.Clock.Now()
	maxAge := s.AlertMaxAge
	if maxAge <= 0 {
		maxAge = DefaultAlertMaxAge
	}
	if now.Sub(verified) > maxAge {
		return 0, nil
	}
	e := export.Redact(*changed, true, s.Places)
	var sources []string
	if claims, err := s.Store.ClaimsOfEvents(ctx, []string{e.ID}); err == nil {
		seen := map[string]bool{}
		for _, c := range claims {
			if n := export.SourceName(c.Source); n != "" && !seen[n] {
				seen[n] = true
				sources = append(sources, n)
			}
		}
		sort.Strings(sources)
	}
	n := 0
	for i := range subs {
		sub := &subs[i]
		// Who subscribed after the verification hears of it in the digest.
		if sub.CreatedAt.After(verified) || !wants(sub, &e) {
			continue
		}
		it := NewItem(&e, sources, s.name, sub.Language)
		header := "sitroom " + word("alert", sub.Language) + " " + s.name(sub.Area, sub.Language) + ":"
		text, _, _ := Fit(header, []Item{it}, sub.Language)
		created, err := s.queue(ctx, sub, AlertID(e.ID, sub.ID), text, now)
		if err != nil {
			return n, err
		}
		if _, err := s.Store.AddDelivery(ctx, domain.Delivery{SubscriptionID: sub.ID, Kind: domain.DeliveryAlert, Key: e.ID,
			MessageID: AlertID(e.ID, sub.ID), At: now}); err != nil {
			return n, err
		}
		if created {
			n++
		}
	}
	return n, nil
}

func (s *Service) queue(ctx context.Context, sub *domain.Subscription, id, text string, now time.Time) (bool, error) {
	return s.Store.Enqueue(ctx, domain.OutboundMessage{ID: id, Gateway: sub.Gateway, ReporterID: sub.ReporterID, Text: text,
		State: domain.OutboxQueued, NextAttemptAt: now, CreatedAt: now})
}

// DigestDay is the day whose digest is due at t: today in Myanmar once
// the digest time has passed, else none ("").
func (s *Service) DigestDay(t time.Time) domain.Date {
	local := t.In(domain.Myanmar)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, domain.Myanmar)
	if local.Sub(midnight) < s.digestAt() {
		return ""
	}
	return domain.DateOf(local)
}

// window is the period a day's digest covers: the 24 hours up to that
// day's digest time.
func (s *Service) window(day domain.Date) (from, to time.Time) {
	t := day.Time()
	to = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, domain.Myanmar).Add(s.digestAt())
	return to.Add(-24 * time.Hour), to
}

// DigestOnce queues the digest of the day due at now to every
// subscription that has not had it, each with the events of its area
// verified in the 24 hours up to the digest time, most significant first.
// A subscription with nothing new gets no message. It returns how many
// digests it queued; running it again the same day queues none.
func (s *Service) DigestOnce(ctx context.Context) (int, error) {
	now := s.Clock.Now()
	day := s.DigestDay(now)
	if day == "" || day == s.lastDigest {
		return 0, nil
	}
	from, to := s.window(day)
	news := map[string][]newsItem{} // area → verified in the window
	queued := 0
	after := ""
	for {
		subs, err := s.Store.ListSubscriptions(ctx, after, domain.MaxPageSize)
		if err != nil {
			return queued, err
		}
		if len(subs) == 0 {
			break
		}
		for i := range subs {
			sub := &subs[i]
			after = sub.ID
			items, ok := news[sub.Area]
			if !ok {
				if items, err = s.newlyVerified(ctx, sub.Area, from, to); err != nil {
					return queued, err
				}
				news[sub.Area] = items
			}
			if len(items) == 0 {
				continue
			}
			var its []Item
			for _, n := range items {
				its = append(its, NewItem(&n.event, n.sources, s.name, sub.Language))
			}
			Rank(its)
			header := "sitroom " + s.name(sub.Area, sub.Language) + " " + dayLabel(day, sub.Language) + ":"
			text, _, _ := Fit(header, its, sub.Language)
			created, err := s.queue(ctx, sub, DigestID(day, sub.ID), text, now)
			if err != nil {
				return queued, err
			}
			if _, err := s.Store.AddDelivery(ctx, domain.Delivery{SubscriptionID: sub.ID, Kind: domain.DeliveryDigest, Key: string(day),
				MessageID: DigestID(day, sub.ID), At: now}); err != nil {
				return queued, err
			}
			if created {
				queued++
			}
		}
	}
	// The day's pass is complete: no more until tomorrow (after a restart
	// it runs once more, and the outbox ids keep it from sending twice).
	s.lastDigest = day
	if queued > 0 {
		s.notify()
	}
	return queued, nil
}

func dayLabel(d domain.Date, lang string) string {
	if lang == "my" {
		return burmeseDigits.Replace(d.Time().Format("2.1"))
	}
	return d.Time().Format("2 Jan")
}

type newsItem struct {
	event   domain.Event
	sources []string
}

// newlyVerified lists the events of an area verified in [from, to),
// redacted for the public.
func (s *Service) newlyVerified(ctx context.Context, area string, from, to time.Time) ([]newsItem, error) {
	vs, err := export.NewlyVerified(ctx, s.Store, s.Store, domain.EventFilter{PCode: area}, s.Places, export.Audience{Public: true}, domain.MaxPageSize)
	if err != nil {
		return nil, err
	}
	var out []newsItem
	for _, v := range vs {
		if !v.VerifiedAt.Before(from) && v.VerifiedAt.Before(to) {
			out = append(out, newsItem{event: v.Event, sources: v.Sources})
		}
	}
	return out, nil
}

// Run sends alerts as events are verified (polling the change feed every
// poll) and the daily digest once its time has come, until ctx is done.
// Errors are logged and retried at the next tick.
func (s *Service) Run(ctx context.Context, poll time.Duration, alerts, digests bool) error {
	if poll <= 0 {
		poll = 10 * time.Second
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		if alerts {
			if n, err := s.AlertOnce(ctx); err != nil && ctx.Err() == nil {
				s.log().Error("alerts", "err", err)
			} else if n > 0 {
				s.log().Info("alerts queued", "count", n)
			}
		}
		if digests {
			if n, err := s.DigestOnce(ctx); err != nil && ctx.Err() == nil {
				s.log().Error("digests", "err", err)
			} else if n > 0 {
				s.log().Info("digests queued", "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
