package outbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/domain"
	"sitroom/internal/sqlite"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// flaky fails its first n sends with err, then succeeds.
type flaky struct {
	n    int
	err  error
	sent []string
}

func (f *flaky) Send(_ context.Context, to string, m domain.OutboundMessage) error {
	if f.n > 0 {
		f.n--
		return f.err
	}
	f.sent = append(f.sent, to+"|"+m.Text)
	return nil
}

func setup(t *testing.T, s Sender) (*Worker, *clock, domain.ChannelStore) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "o.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sealer, _ := contact.NewSealer(bytes.Repeat([]byte{5}, 32))
	clk := &clock{t: time.Date(2023, 11, 16, 3, 0, 0, 0, time.UTC)}
	sealed, _ := sealer.Seal("r_1", "+959111222")
	if err := st.PutContact(ctx, domain.SealedContact{ReporterID: "r_1", Channel: domain.ChannelSMS, Sealed: sealed, UpdatedAt: clk.t}); err != nil {
		t.Fatal(err)
	}
	w := New(st, sealer, clk, slog.New(slog.NewTextHandler(io.Discard, nil)))
	w.Senders["kannel"] = s
	w.BaseDelay, w.MaxDelay, w.MaxAttempts = 10*time.Second, time.Minute, 5
	return w, clk, st
}

func enqueue(t *testing.T, st domain.ChannelStore, clk *clock, id, reporter string) {
	t.Helper()
	if _, err := st.Enqueue(context.Background(), domain.OutboundMessage{ID: id, Gateway: "kannel", ReporterID: reporter,
		Text: "sitroom: received, ref X. Thank you.", NextAttemptAt: clk.t, CreatedAt: clk.t}); err != nil {
		t.Fatal(err)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second, time.Minute, time.Minute}
	for i, w := range want {
		if got := Backoff(i+1, 10*time.Second, time.Minute); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestRetriesWithBackoffThenSends(t *testing.T) {
	ctx := context.Background()
	f := &flaky{n: 2, err: errors.New("gateway: 503 Service Unavailable")}
	w, clk, st := setup(t, f)
	enqueue(t, st, clk, "m1", "r_1")

	if n, err := w.RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("first run sent %d, %v", n, err)
	}
	m, _ := st.Outbound(ctx, "m1")
	if m.State != domain.OutboxQueued || !m.NextAttemptAt.Equal(clk.t.Add(10*time.Second)) || !strings.Contains(m.LastError, "503") {
		t.Fatalf("after one failure: %+v", m)
	}
	// Not due before its back-off.
	clk.t = clk.t.Add(9 * time.Second)
	if n, _ := w.RunOnce(ctx); n != 0 || f.n != 1 {
		t.Fatalf("sent before the back-off ran out")
	}
	clk.t = clk.t.Add(time.Second)
	w.RunOnce(ctx) // second failure: 20 s
	m, _ = st.Outbound(ctx, "m1")
	if !m.NextAttemptAt.Equal(clk.t.Add(20*time.Second)) || m.Attempts != 2 {
		t.Fatalf("second back-off: %+v", m)
	}
	clk.t = clk.t.Add(20 * time.Second)
	if n, err := w.RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("third run sent %d, %v", n, err)
	}
	m, _ = st.Outbound(ctx, "m1")
	if m.State != domain.OutboxSent || m.Attempts != 3 || m.LastError != "" {
		t.Fatalf("after sending: %+v", m)
	}
	if len(f.sent) != 1 || f.sent[0] != "+959111222|sitroom: received, ref X. Thank you." {
		t.Fatalf("sent %q", f.sent)
	}
}

func TestGivesUp(t *testing.T) {
	ctx := context.Background()
	f := &flaky{n: 100, err: errors.New("connection refused")}
	w, clk, st := setup(t, f)
	enqueue(t, st, clk, "m1", "r_1")
	for i := 0; i < 10; i++ {
		w.RunOnce(ctx)
		clk.t = clk.t.Add(time.Hour)
	}
	m, _ := st.Outbound(ctx, "m1")
	if m.State != domain.OutboxFailed || m.Attempts != 5 {
		t.Fatalf("after retries: %+v, want failed after 5 attempts", m)
	}
}

func TestPermanentAndRedacted(t *testing.T) {
	ctx := context.Background()
	f := &flaky{n: 1, err: Permanent(errors.New("gateway refused message to +959111222"))}
	w, clk, st := setup(t, f)
	enqueue(t, st, clk, "m1", "r_1")
	enqueue(t, st, clk, "m2", "r_nobody")
	w.RunOnce(ctx)
	m1, _ := st.Outbound(ctx, "m1")
	if m1.State != domain.OutboxFailed || m1.Attempts != 1 {
		t.Errorf("permanent failure: %+v", m1)
	}
	if strings.Contains(m1.LastError, "959111222") {
		t.Errorf("the recipient leaked into the stored error: %q", m1.LastError)
	}
	m2, _ := st.Outbound(ctx, "m2")
	if m2.State != domain.OutboxFailed || !strings.Contains(m2.LastError, "no contact") {
		t.Errorf("message without contact: %+v", m2)
	}
}
