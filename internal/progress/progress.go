// Package progress shows the progress of long work (imports, reprocessing,
// benchmarks) on a terminal: a count and a rate, redrawn in place a few
// times a second. When the output is not a terminal it stays quiet.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Meter counts work done and, on a terminal, shows it.
type Meter struct {
	mu    sync.Mutex
	w     io.Writer
	what  string
	n     int64
	start time.Time
	last  time.Time
	live  bool
	now   func() time.Time
}

// IsTerminal reports whether w is a character device (a terminal).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// New returns a meter for "what" (e.g. "reports") writing to w; it draws
// only when w is a terminal.
func New(w io.Writer, what string) *Meter {
	now := time.Now()
	return &Meter{w: w, what: what, start: now, live: IsTerminal(w), now: time.Now}
}

// Add records n more items done.
func (m *Meter) Add(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.n += int64(n)
	if !m.live {
		return
	}
	if t := m.now(); t.Sub(m.last) >= 200*time.Millisecond {
		m.last = t
		fmt.Fprintf(m.w, "\r  %d %s  %.0f/s   ", m.n, m.what, m.rate(t))
	}
}

func (m *Meter) rate(t time.Time) float64 {
	el := t.Sub(m.start).Seconds()
	if el <= 0 {
		return 0
	}
	return float64(m.n) / el
}

// Done ends the line on a terminal and returns the count and the rate.
func (m *Meter) Done() (int64, float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.rate(m.now())
	if m.live {
		fmt.Fprintf(m.w, "\r  %d %s  %.0f/s   \n", m.n, m.what, r)
	}
	return m.n, r
}
