// Package outbox sends the messages sitroom queues for people — replies,
// acknowledgements, alerts — through their gateways, with retries and
// exponential back-off. Messages wait in the store (domain.ChannelStore),
// so a restart loses none; a worker leases a batch, opens each recipient's
// sealed contact only for the moment of sending, and records the outcome.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/domain"
)

// Sender sends one message through a gateway. Its errors must not contain
// the recipient or the gateway's credentials (they are stored and logged).
type Sender interface {
	Send(ctx context.Context, to string, m domain.OutboundMessage) error
}

// PermanentError marks a send failure that retrying cannot mend (the
// gateway refused the message itself).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent wraps an error as a PermanentError.
func Permanent(err error) error { return &PermanentError{Err: err} }

// Do sends a gateway request with hc (a client with a 30-second timeout
// when nil). A transport error loses its URL, which may carry the
// gateway's credentials (Kannel's password, a bot token), and is prefixed
// with name.
func Do(hc *http.Client, req *http.Request, name string) (*http.Response, error) {
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return resp, nil
}

// Defaults for a Worker's zero fields.
const (
	DefaultPoll        = 2 * time.Second
	DefaultLease       = time.Minute
	DefaultMaxAttempts = 8
	DefaultBaseDelay   = 5 * time.Second
	DefaultMaxDelay    = 30 * time.Minute
	DefaultBatch       = 20
)

// Worker sends due messages.
type Worker struct {
	Store   domain.ChannelStore
	Sealer  *contact.Sealer
	Senders map[string]Sender // by gateway name
	Clock   domain.Clock
	Log     *slog.Logger

	Poll        time.Duration // how often to look for due messages
	Lease       time.Duration // how long a message is held while sending
	MaxAttempts int           // attempts before giving up
	BaseDelay   time.Duration // back-off after the first failure
	MaxDelay    time.Duration // back-off ceiling
	Batch       int

	wake chan struct{}
}

// New returns a worker with default timings.
func New(store domain.ChannelStore, sealer *contact.Sealer, clock domain.Clock, log *slog.Logger) *Worker {
	return &Worker{Store: store, Sealer: sealer, Senders: map[string]Sender{}, Clock: clock, Log: log,
		wake: make(chan struct{}, 1)}
}

// Notify wakes the worker to look for due messages now.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Backoff is the wait after the n-th failed attempt: BaseDelay doubled for
// each attempt after the first, capped at MaxDelay.
func Backoff(n int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Run sends due messages until ctx is done.
func (w *Worker) Run(ctx context.Context) error {
	if w.wake == nil {
		w.wake = make(chan struct{}, 1)
	}
	t := time.NewTicker(or(w.Poll, DefaultPoll))
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.Log.Error("outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-w.wake:
		}
	}
}

// RunOnce leases the due messages and tries each once; it returns how
// many were sent.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	sent := 0
	for {
		due, err := w.Store.LeaseDue(ctx, w.Clock.Now(), or(w.Lease, DefaultLease), or(w.Batch, DefaultBatch))
		if err != nil {
			return sent, err
		}
		if len(due) == 0 {
			return sent, nil
		}
		for _, m := range due {
			ok, err := w.send(ctx, m)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
}

// send tries one leased message and records the outcome.
func (w *Worker) send(ctx context.Context, m domain.OutboundMessage) (bool, error) {
	now := w.Clock.Now()
	sender, ok := w.Senders[m.Gateway]
	if !ok {
		return false, w.Store.MarkFailed(ctx, m.ID, fmt.Sprintf("no gateway %q is configured", m.Gateway), now)
	}
	if w.Sealer == nil {
		return false, w.Store.MarkFailed(ctx, m.ID, "no contact key", now)
	}
	sc, err := w.Store.Contact(ctx, m.ReporterID)
	if err != nil {
		if domain.IsCode(err, domain.CodeNotFound) {
			return false, w.Store.MarkFailed(ctx, m.ID, "no contact for the reporter", now)
		}
		return false, err
	}
	to, err := w.Sealer.Open(m.ReporterID, sc.Sealed)
	if err != nil {
		return false, w.Store.MarkFailed(ctx, m.ID, "the sealed contact does not open (another node key?)", now)
	}
	err = sender.Send(ctx, to, m)
	now = w.Clock.Now()
	if err == nil {
		return true, w.Store.MarkSent(ctx, m.ID, now)
	}
	reason := redact(err.Error(), to)
	var perm *PermanentError
	if errors.As(err, &perm) || m.Attempts >= or(w.MaxAttempts, DefaultMaxAttempts) {
		w.Log.Warn("outbox: giving up", "id", m.ID, "gateway", m.Gateway, "attempts", m.Attempts, "err", reason)
		return false, w.Store.MarkFailed(ctx, m.ID, reason, now)
	}
	next := now.Add(Backoff(m.Attempts, or(w.BaseDelay, DefaultBaseDelay), or(w.MaxDelay, DefaultMaxDelay)))
	w.Log.Info("outbox: will retry", "id", m.ID, "gateway", m.Gateway, "attempt", m.Attempts, "next", next, "err", reason)
	return false, w.Store.MarkRetry(ctx, m.ID, next, reason, now)
}

// redact removes the recipient from an error text, in case a sender let
// it through: the reason is stored and logged.
func redact(s, to string) string {
	if strings.TrimSpace(to) == "" {
		return s
	}
	s = strings.ReplaceAll(s, to, "<recipient>")
	if t := strings.TrimPrefix(to, "+"); t != to && t != "" {
		s = strings.ReplaceAll(s, t, "<recipient>")
	}
	return s
}
