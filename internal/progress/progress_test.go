package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestQuietWhenPiped(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, "reports")
	m.Add(10)
	n, _ := m.Done()
	if n != 10 || b.Len() != 0 {
		t.Errorf("piped meter wrote %q, counted %d", b.String(), n)
	}
}

func TestLiveLine(t *testing.T) {
	var b bytes.Buffer
	now := time.Unix(100, 0)
	m := &Meter{w: &b, what: "reports", start: now, live: true, now: func() time.Time { return now }}
	now = now.Add(2 * time.Second)
	m.Add(500)
	n, rate := m.Done()
	if n != 500 || rate != 250 || !strings.Contains(b.String(), "500 reports  250/s") || !strings.HasSuffix(b.String(), "\n") {
		t.Errorf("meter wrote %q, rate %v", b.String(), rate)
	}
}
