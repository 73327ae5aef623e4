// Package extract codes free text (English and Burmese) into structured
// claims: ACLED event types and sub-types with the humanitarian kinds,
// actors with their roles, places through the gazetteer, dates and periods
// resolved against the report's date, and figures as lower bounds under
// ACLED's conservative rules.
//
// It works with keyword tables over a token stream (no regular expressions
// per sentence), so that one core codes thousands of reports a second. The
// rules are described in docs/EXTRACTION.md.
package extract

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"sitroom/internal/domain"
	"sitroom/internal/normalise"
)

// Version is the version of the extraction rules; it is bumped whenever a
// rule or a table changes, and every claim records it.
const Version = "0.3.0"

// Name is what claims record as their extractor: "extract/<version>".
const Name = "extract/" + Version

// Document is one text to code.
type Document struct {
	Text string
	// Date is the day the text was written or published; relative dates
	// ("on Friday", "the past week") resolve against it. Empty means today
	// by the extractor's clock.
	Date     domain.Date
	Source   string // publication or organisation, copied to the claims
	Language string // "en", "my" or empty (both are read either way)
}

// Event is what one report says about one happening. Most events are one
// claim; a statement that a town's road, telephone lines and airport are
// closed is one event of three claims (one per kind), so that each kind of
// access constraint can be followed on its own.
type Event struct {
	Claims []domain.Claim
	// PCodes lists every P-code the place resolved to: one, or the covering
	// unit and its members for a statement about several townships.
	PCodes []string
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithClock sets the clock that stamps claims and stands in for a missing
// report date.
func WithClock(c domain.Clock) Option { return func(x *Extractor) { x.clock = c } }

// WithNormaliser replaces the normalisation every text goes through first
// (by default internal/normalise: NFC, Zawgyi converted to Unicode). A
// caller whose texts are normalised already can pass the identity.
func WithNormaliser(f func(string) string) Option { return func(x *Extractor) { x.norm = f } }

func normaliseText(s string) string { return normalise.Text(s).Text }

// Extractor codes texts into claims. It is safe for concurrent use.
type Extractor struct {
	places Places
	clock  domain.Clock
	norm   func(string) string
	pool   sync.Pool
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

var (
	lexOnce sync.Once
	lex     *lexicon
)

func tables() *lexicon {
	lexOnce.Do(func() {
		l := newLexicon()
		englishTables(l)
		burmeseTables(l)
		actorTables(l)
		l.sortEntries()
		lex = l
	})
	return lex
}

// New returns an Extractor that finds places with places (nil: no places).
func New(places Places, opts ...Option) *Extractor {
	if places == nil {
		places = noPlaces{}
	}
	x := &Extractor{places: places, clock: systemClock{}, norm: normaliseText}
	for _, o := range opts {
		o(x)
	}
	x.pool.New = func() any { return &doc{} }
	tables()
	return x
}

// Extract returns the claims that doc states, in order, with Seq set. ID,
// ReportID and EventID are left for the intake stage.
func (x *Extractor) Extract(d Document) []domain.Claim {
	var out []domain.Claim
	for _, ev := range x.Events(d) {
		out = append(out, ev.Claims...)
	}
	return out
}

// Events returns the happenings doc states, each with its claims.
func (x *Extractor) Events(d Document) []Event {
	now := x.clock.Now()
	ref := d.Date.Time()
	if d.Date == "" || ref.IsZero() {
		ref = domain.DateOf(now.In(domain.Myanmar)).Time()
	}
	text := d.Text
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if x.norm != nil {
		text = x.norm(text)
	}
	an := x.pool.Get().(*doc)
	defer x.pool.Put(an)
	an.reset(text, ref)
	an.places = x.places.Scan(an.text)
	an.analyse()
	return an.events(d, now)
}

// summary trims a sentence to a short summary.
func summary(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= 240 {
		return s
	}
	cut := 240
	for cut > 0 && !isBoundary(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isBoundary(c byte) bool { return c == ' ' }
