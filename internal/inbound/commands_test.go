package inbound

import (
	"context"
	"strings"
	"testing"

	"sitroom/internal/domain"
)

// subs is a Commands that takes "SUB …" messages and counts them.
type subs struct{ calls []string }

func (c *subs) Command(_ context.Context, m Message, reporterID, gateway string) (string, bool, error) {
	if !strings.HasPrefix(m.Text, "SUB ") {
		return "", false, nil
	}
	c.calls = append(c.calls, reporterID+"|"+gateway)
	return "subscribed to " + strings.TrimPrefix(m.Text, "SUB "), true, nil
}

// TestCommandsAreNotReports: a command is answered (once, even when the
// gateway delivers it twice) and its sender's contact sealed for later
// messages, but no report is stored; other messages are reports as ever.
func TestCommandsAreNotReports(t *testing.T) {
	ctx := context.Background()
	s, st, cs := newService(t, 0, 1)
	c := &subs{}
	s.Commands = c
	for range 2 {
		out, err := s.Receive(ctx, smsMsg("9", "SUB LASHIO"), "kannel")
		if err != nil || out.Status != StatusCommand || out.ReportID != "" || out.Reply != "subscribed to LASHIO" || !out.Queued {
			t.Fatalf("command: %+v, %v", out, err)
		}
	}
	if len(c.calls) != 2 || !strings.HasSuffix(c.calls[0], "|kannel") || !strings.HasPrefix(c.calls[0], "r_") {
		t.Errorf("Command calls %v", c.calls)
	}
	if page, _ := st.ListReports(ctx, domain.ReportFilter{}); len(page.Items) != 0 {
		t.Errorf("a command was stored as %d reports", len(page.Items))
	}
	reporter := s.Intake.Keyer.ID("sms", "+959420011111")
	if sc, err := cs.Contact(ctx, reporter); err != nil || len(sc.Sealed) == 0 {
		t.Errorf("contact not sealed: %v", err)
	}
	due, _ := cs.LeaseDue(ctx, s.Clock.Now(), 60e9, 10)
	if len(due) != 1 || due[0].Text != "subscribed to LASHIO" || due[0].ReporterID != reporter || strings.Contains(due[0].ID, "959420011111") {
		t.Errorf("queued replies %+v", due)
	}
	if out, err := s.Receive(ctx, smsMsg("10", "CLASH LAUKKAI K3"), "kannel"); err != nil || out.Status != "created" {
		t.Errorf("a report after a command: %+v, %v", out, err)
	}
}
