package extract

import (
	"fmt"
	"strings"
	"time"
)

// Dump describes the working state of one text: tokens, phrases, places
// and candidate events. Tests print it when a fixture fails.
func Dump(text string, places Places, ref time.Time) string {
	var b strings.Builder
	d := &doc{}
	d.reset(text, ref)
	if places != nil {
		d.places = places.Scan(d.text)
	}
	d.analyse()
	for _, tk := range d.toks {
		fmt.Fprintf(&b, "[%s]", tk.low)
	}
	b.WriteByte('\n')
	for _, m := range d.ms {
		fmt.Fprintf(&b, "%q trig%d fig%s act%d acc%s st%s g%d\n", d.span(m.from, m.to), m.e.trig, m.e.fig, m.e.actor, m.e.acc, m.e.status, m.e.guard)
	}
	for _, p := range d.prefs {
		fmt.Fprintf(&b, "place %q %d-%d masked=%v demoted=%v origin=%v list=%d\n", p.m.Text, p.from, p.to, p.masked, p.demoted, p.origin, p.list)
	}
	for _, c := range d.cands {
		fmt.Fprintf(&b, "%+v\n", *c)
	}
	return b.String()
}
