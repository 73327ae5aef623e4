package inbound

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/contact"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/pseudonym"
	"sitroom/internal/ratelimit"
	"sitroom/internal/sqlite"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func newService(t *testing.T, rate float64, burst int) (*Service, domain.Store, domain.ChannelStore) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "in.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	key := bytes.Repeat([]byte{9}, 32)
	keyer, _ := pseudonym.New(key)
	sealer, _ := contact.NewSealer(key)
	clk := &clock{t: time.Date(2023, 11, 16, 3, 0, 0, 0, time.UTC)}
	in := &intake.Service{Store: st, Clock: clk, IDs: ids.NewULID(clk, nil), Keyer: keyer}
	queued := 0
	s := &Service{Intake: in, Store: st, Sealer: sealer, Clock: clk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Limiter: ratelimit.New(clk, rate, burst, 100), Queued: func() { queued++ }}
	return s, st, st
}

func smsMsg(id, text string) Message {
	return Message{Channel: domain.ChannelSMS, Gateway: "kannel", ClientID: "kannel:" + id, Contact: "+959420011111", Text: text}
}

func TestReceive(t *testing.T) {
	ctx := context.Background()
	s, st, cs := newService(t, 0, 1)

	out, err := s.Receive(ctx, smsMsg("1", "CLASH LAUKKAI K3"), "kannel")
	if err != nil || out.Status != intake.StatusCreated || out.Coding != domain.CodingStructured || !out.Queued ||
		!strings.Contains(out.Reply, out.ReportID[len(out.ReportID)-8:]) {
		t.Fatalf("structured: %+v, %v", out, err)
	}
	again, err := s.Receive(ctx, smsMsg("1", "CLASH LAUKKAI K3"), "kannel")
	if err != nil || again.Status != intake.StatusDuplicate || again.ReportID != out.ReportID {
		t.Fatalf("re-delivery: %+v, %v", again, err)
	}
	if list, _ := cs.OutboundFor(ctx, out.ReportID); len(list) != 1 {
		t.Errorf("%d replies queued for one report", len(list))
	}

	bad, err := s.Receive(ctx, smsMsg("2", "CLASH LAUKKAI K3X"), "kannel")
	if err != nil || bad.Coding != domain.CodingReview || bad.Reply != "Not understood: 'K3X'. Send e.g. CLASH LASHIO K2" {
		t.Fatalf("parse error: %+v, %v", bad, err)
	}
	r, _ := st.GetReport(ctx, bad.ReportID)
	if r.Coding != domain.CodingReview || len(r.Flags) != 1 || !strings.HasPrefix(r.Flags[0], FlagCompactSyntax) || r.ClaimCount != 0 {
		t.Errorf("kept for review: %+v", r)
	}
	if strings.Contains(r.ClientID+r.ReporterID+strings.Join(r.Flags, ""), "959420011111") {
		t.Errorf("the number leaked into the report")
	}

	// An edit links to the first version.
	first, _ := s.Receive(ctx, Message{Channel: domain.ChannelTelegram, Gateway: "telegram", ClientID: "tg:a:1", Contact: "user:7", Text: "fighting near Kutkai"}, ReplyNone)
	edit, err := s.Receive(ctx, Message{Channel: domain.ChannelTelegram, Gateway: "telegram", ClientID: "tg:a:1:e5", Contact: "user:7",
		Text: "fighting near Kutkai, two killed", PreviousClientID: "tg:a:1"}, ReplyNone)
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := st.GetReport(ctx, edit.ReportID)
	if v2.PreviousID != first.ReportID || v2.Flags[0] != FlagEdited || edit.Reply != "" || edit.Queued {
		t.Errorf("edit: %+v / %+v", v2, edit)
	}

	if _, err := s.Receive(ctx, Message{Channel: domain.ChannelSMS, Gateway: "kannel", ClientID: "kannel:3", Text: "x"}, "kannel"); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("no sender: %v", err)
	}
	if o := s.Opaque("telegram-chat", "5123456701"); strings.Contains(o, "5123456701") || o != s.Opaque("telegram-chat", "5123456701") || o == s.Opaque("x", "5123456701") {
		t.Errorf("Opaque = %q", o)
	}
}

func TestFloodIsKeptWithoutWork(t *testing.T) {
	ctx := context.Background()
	s, st, _ := newService(t, 1, 1)
	if out, _ := s.Receive(ctx, smsMsg("1", "CLASH LAUKKAI K3"), "kannel"); out.Flood || !out.Queued {
		t.Fatalf("first message limited: %+v", out)
	}
	out, err := s.Receive(ctx, smsMsg("2", "CLASH LAUKKAI K4"), "kannel")
	if err != nil || !out.Flood || out.Queued || out.Reply != "" {
		t.Fatalf("second message in the same instant: %+v, %v", out, err)
	}
	r, err := st.GetReport(ctx, out.ReportID)
	if err != nil || r.ClaimCount != 0 || len(r.Flags) != 1 || r.Flags[0] != FlagFlood || r.Text != "CLASH LAUKKAI K4" {
		t.Errorf("flood report: %+v, %v", r, err)
	}
}
