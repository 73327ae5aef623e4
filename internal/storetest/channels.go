package storetest

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"sitroom/internal/domain"
)

func init() {
	register(
		suite{"ChannelContacts", testChannelContacts},
		suite{"ChannelOutbox", testChannelOutbox},
		suite{"ChannelOutboxConcurrentLease", testChannelOutboxConcurrentLease},
		suite{"ChannelReportByClientID", testChannelReportByClientID},
	)
}

func channelStore(t *testing.T, s domain.Store) domain.ChannelStore {
	cs, ok := s.(domain.ChannelStore)
	if !ok {
		t.Fatalf("%T does not implement domain.ChannelStore", s)
	}
	return cs
}

func testChannelContacts(t *testing.T, s domain.Store) {
	ctx := context.Background()
	cs := channelStore(t, s)
	if _, err := cs.Contact(ctx, "r_missing"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Fatalf("missing contact: %v, want not_found", err)
	}
	sealed := []byte{1, 0, 0xff, 0x80, 'x'} // bytes, not text: must round-trip exactly
	if err := cs.PutContact(ctx, domain.SealedContact{ReporterID: "r_a", Channel: domain.ChannelSMS, Sealed: sealed, UpdatedAt: base}); err != nil {
		t.Fatal(err)
	}
	newer := []byte{1, 2, 3}
	if err := cs.PutContact(ctx, domain.SealedContact{ReporterID: "r_a", Channel: domain.ChannelSMS, Sealed: newer, UpdatedAt: base.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c, err := cs.Contact(ctx, "r_a")
	if err != nil || !bytes.Equal(c.Sealed, newer) || c.Channel != domain.ChannelSMS || !c.UpdatedAt.Equal(base.Add(time.Hour)) {
		t.Fatalf("Contact = %+v, %v; want the newer sealed value", c, err)
	}
}

func outbound(id string, at time.Time) domain.OutboundMessage {
	return domain.OutboundMessage{ID: id, Gateway: "kannel", ReporterID: "r_a", Text: "sitroom: received, ref ABC. Thank you.",
		State: domain.OutboxQueued, NextAttemptAt: at, CreatedAt: at}
}

func testChannelOutbox(t *testing.T, s domain.Store) {
	ctx := context.Background()
	cs := channelStore(t, s)
	res := save(t, s, fixture(1, nil))
	m := outbound("ack:R0001", base)
	m.ReportID = res[0].ReportID
	if created, err := cs.Enqueue(ctx, m); err != nil || !created {
		t.Fatalf("Enqueue = %v, %v", created, err)
	}
	if created, err := cs.Enqueue(ctx, m); err != nil || created {
		t.Fatalf("second Enqueue of one id = %v, %v; want not created", created, err)
	}
	if _, err := cs.Outbound(ctx, "nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("missing outbound: %v", err)
	}
	// Not due yet.
	if got, err := cs.LeaseDue(ctx, base.Add(-time.Second), time.Minute, 10); err != nil || len(got) != 0 {
		t.Fatalf("LeaseDue before its time = %d, %v", len(got), err)
	}
	got, err := cs.LeaseDue(ctx, base, time.Minute, 10)
	if err != nil || len(got) != 1 || got[0].State != domain.OutboxSending || got[0].Attempts != 1 {
		t.Fatalf("LeaseDue = %+v, %v", got, err)
	}
	// Leased: nobody else gets it until the lease runs out.
	if again, _ := cs.LeaseDue(ctx, base.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
		t.Fatalf("a leased message was leased again")
	}
	// A worker that died: the lease runs out and the message comes back.
	again, err := cs.LeaseDue(ctx, base.Add(2*time.Minute), time.Minute, 10)
	if err != nil || len(again) != 1 || again[0].Attempts != 2 {
		t.Fatalf("expired lease: %+v, %v", again, err)
	}
	next := base.Add(10 * time.Minute)
	if err := cs.MarkRetry(ctx, m.ID, next, "gateway: 503", base.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	o, _ := cs.Outbound(ctx, m.ID)
	if o.State != domain.OutboxQueued || !o.NextAttemptAt.Equal(next) || o.LastError != "gateway: 503" {
		t.Fatalf("after MarkRetry: %+v", o)
	}
	leased, _ := cs.LeaseDue(ctx, next, time.Minute, 10)
	if len(leased) != 1 {
		t.Fatalf("retry not leased at its time")
	}
	// A delivery report racing ahead of MarkSent wins.
	if err := cs.RecordDelivery(ctx, m.ID, domain.OutboxDelivered, "1", next); err != nil {
		t.Fatal(err)
	}
	if err := cs.MarkSent(ctx, m.ID, next); err != nil {
		t.Fatal(err)
	}
	if err := cs.RecordDelivery(ctx, m.ID, domain.OutboxSent, "8", next); err != nil {
		t.Fatal(err)
	}
	o, _ = cs.Outbound(ctx, m.ID)
	if o.State != domain.OutboxDelivered || o.Delivery != "1" {
		t.Fatalf("final state %s (%q), want delivered (1)", o.State, o.Delivery)
	}
	list, err := cs.OutboundFor(ctx, res[0].ReportID)
	if err != nil || len(list) != 1 || list[0].ID != m.ID {
		t.Fatalf("OutboundFor = %+v, %v", list, err)
	}
	// Failure is final too.
	f := outbound("alert:1", base)
	cs.Enqueue(ctx, f)
	if err := cs.MarkFailed(ctx, f.ID, "no contact", base); err != nil {
		t.Fatal(err)
	}
	if l, _ := cs.LeaseDue(ctx, base.Add(time.Hour), time.Minute, 10); len(l) != 0 {
		t.Errorf("a failed message was leased")
	}
	if err := cs.MarkSent(ctx, "missing", base); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("MarkSent of a missing message: %v", err)
	}
}

func testChannelOutboxConcurrentLease(t *testing.T, s domain.Store) {
	ctx := context.Background()
	cs := channelStore(t, s)
	const n = 20
	for i := 0; i < n; i++ {
		if _, err := cs.Enqueue(ctx, outbound("m"+string(rune('a'+i)), base)); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := cs.LeaseDue(ctx, base, time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("%d of %d messages leased", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("%s leased %d times", id, c)
		}
	}
}

func testChannelReportByClientID(t *testing.T, s domain.Store) {
	ctx := context.Background()
	cs := channelStore(t, s)
	save(t, s, fixture(1, func(sub *domain.Submission) {
		sub.Report.Channel, sub.Report.ClientID = domain.ChannelTelegram, "tg:-100:42"
	}))
	r, err := cs.ReportByClientID(ctx, domain.ChannelTelegram, "tg:-100:42")
	if err != nil || r.ID != "R0001" {
		t.Fatalf("ReportByClientID = %s, %v", r.ID, err)
	}
	if _, err := cs.ReportByClientID(ctx, domain.ChannelSMS, "tg:-100:42"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("found across channels: %v", err)
	}
	// A new version links to the first.
	save(t, s, fixture(2, func(sub *domain.Submission) {
		sub.Report.Channel, sub.Report.ClientID, sub.Report.PreviousID = domain.ChannelTelegram, "tg:-100:42:e1", "R0001"
	}))
	v2, err := s.GetReport(ctx, "R0002")
	if err != nil || v2.PreviousID != "R0001" {
		t.Fatalf("version 2: previous %q, %v", v2.PreviousID, err)
	}
}
