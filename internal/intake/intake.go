package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/geocode"
	"sitroom/internal/normalise"
	"sitroom/internal/pseudonym"
)

// Item is one report on its way in, as a channel adapter hands it over.
type Item struct {
	Input Input
	// Channel is the channel it came by; Input.Channel, when set, wins (a
	// file of feed items ingested from the CLI keeps "feed").
	Channel domain.Channel
	// Contact is the sender's raw phone number or account; it is turned
	// into a pseudonym here and never stored as given.
	Contact string
	// ReceivedAt overrides the clock (a gateway's own timestamp).
	ReceivedAt time.Time
	// KeepInvalid stores a report whose structured part fails to parse as
	// needs_review instead of refusing it: a person's message is never
	// thrown away.
	KeepInvalid bool
}

// Status of one item after Submit.
const (
	StatusCreated   = "created"
	StatusDuplicate = "duplicate"
	StatusError     = "error"
)

// Result is what became of one item.
type Result struct {
	Index    int           `json:"index"`
	Status   string        `json:"status"`
	ID       string        `json:"id,omitempty"`
	ClientID string        `json:"client_id,omitempty"`
	Coding   domain.Coding `json:"coding,omitempty"`
	Claims   int           `json:"claims"`
	Events   []string      `json:"events,omitempty"`
	Flags    []string      `json:"flags,omitempty"`
	Err      error         `json:"-"`
}

// Document is what the extract stage reads.
type Document struct {
	Text     string
	Date     domain.Date
	Source   string
	Language string
}

// Extractor is the extract stage: free text to claims.
type Extractor interface {
	Extract(doc Document) []domain.Claim
}

// Service runs reports through the pipeline and stores them.
type Service struct {
	Store     domain.Store
	Clock     domain.Clock
	IDs       domain.IDs
	Keyer     *pseudonym.Keyer
	Extractor Extractor // nil: free text stays uncoded
	// Actors looks actor names up in the dictionary; structured claims
	// then carry canonical names and inter codes. Nil keeps names as sent.
	Actors   func(name string) (domain.Actor, bool)
	Geocoder geocode.Geocoder
	// Corroborator clusters stored claims into events; nil leaves them
	// pending. A failure there does not fail intake: the claims are stored
	// and are clustered on the next settle.
	Corroborator Settler
	// Observe, when set, is told the channel and status of every item.
	Observe func(domain.Channel, string)
}

// Settler is the corroborate stage as intake sees it.
type Settler interface {
	Settle(ctx context.Context) (int, error)
}

// maxEventLookups bounds the reports whose event ids Submit reports back;
// bulk loads skip the lookup.
const maxEventLookups = 100

// Submit carries a batch through the pipeline and stores it. Each item gets
// its own result: an invalid item is refused (or, with KeepInvalid, kept for
// review) without failing the others. Items that pass are stored in one
// transaction; if the store fails, Submit returns the error and nothing of
// the batch is stored, so nothing is acknowledged that was not kept.
func (s *Service) Submit(ctx context.Context, p domain.Principal, items []Item) ([]Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	results := make([]Result, len(items))
	subs := make([]domain.Submission, 0, len(items))
	index := make([]int, 0, len(items))
	now := s.Clock.Now()
	for i := range items {
		results[i] = Result{Index: i, ClientID: items[i].Input.ID}
		sub, err := s.prepare(ctx, p, &items[i], now)
		if err != nil {
			results[i].Status, results[i].Err = StatusError, err
			continue
		}
		subs = append(subs, sub)
		index = append(index, i)
	}
	if len(subs) > 0 {
		saved, err := s.Store.SaveReports(ctx, subs)
		if err != nil {
			return nil, fmt.Errorf("store reports: %w", err)
		}
		created := 0
		for j, res := range saved {
			r := &results[index[j]]
			r.ID = res.ReportID
			if res.Duplicate {
				r.Status = StatusDuplicate
				continue
			}
			created++
			r.Status = StatusCreated
			r.Coding = subs[j].Report.Coding
			r.Claims = len(res.ClaimIDs)
			r.Flags = subs[j].Report.Flags
		}
		if s.Corroborator != nil && created > 0 {
			s.settle(ctx, results, created <= maxEventLookups)
		}
	}
	if s.Observe != nil {
		for i, r := range results {
			ch := items[i].Channel
			if c := domain.Channel(strings.ToLower(items[i].Input.Channel)); c.Valid() {
				ch = c
			}
			s.Observe(ch, r.Status)
		}
	}
	return results, nil
}

// prepare checks one item and runs the stages before storage.
func (s *Service) prepare(ctx context.Context, p domain.Principal, it *Item, now time.Time) (domain.Submission, error) {
	in := &it.Input
	received := now
	if !it.ReceivedAt.IsZero() {
		received = it.ReceivedAt.UTC()
	}
	today := domain.DateOf(received.In(domain.Myanmar))
	defCh := it.Channel
	if defCh == "" {
		defCh = domain.ChannelAPI
	}
	date, ch, err := checkInput(in, today, defCh)
	if err != nil {
		return domain.Submission{}, err
	}
	n := normalise.Text(in.Text)
	r := domain.Report{
		ID: s.IDs.NewID(), ClientID: strings.TrimSpace(in.ID), Channel: ch,
		Source: strings.TrimSpace(in.Source), SourceURL: strings.TrimSpace(in.SourceURL),
		ReceivedAt: received, Date: date, Language: in.Language, Text: in.Text,
		Encoding: n.Encoding, ZawgyiProb: n.ZawgyiProb, Meta: in.Meta,
	}
	if n.Text != in.Text {
		r.NormalText = n.Text
	}
	if r.Language == "" {
		r.Language = n.Language
	}
	if n.Encoding == domain.EncodingUncertain {
		r.Flags = append(r.Flags, "zawgyi_uncertain")
	}
	sum := sha256.Sum256([]byte(n.Text))
	r.ContentHash = hex.EncodeToString(sum[:])
	switch {
	case it.Contact != "" && s.Keyer != nil:
		r.ReporterID = s.Keyer.ID(string(ch), it.Contact)
	case p.TokenID != "" && s.Keyer != nil:
		// A report sent with a token belongs to that token's holder.
		r.ReporterID = s.Keyer.ID("token", p.TokenID)
	}

	var claims []domain.Claim
	if len(in.Events) > 0 {
		payload, err := json.Marshal(struct {
			Events []EventInput `json:"events"`
		}{in.Events})
		if err != nil {
			return domain.Submission{}, fmt.Errorf("encode payload: %w", err)
		}
		r.Payload = payload
		claims, err = s.structuredClaims(in.Events, date)
		if err != nil {
			if !it.KeepInvalid {
				return domain.Submission{}, err
			}
			r.Coding = domain.CodingReview
			r.Flags = append(r.Flags, "invalid: "+err.Error())
			claims = nil
		} else {
			r.Coding = domain.CodingStructured
		}
	} else if s.Extractor != nil {
		var failed bool
		claims, failed = s.extract(Document{Text: n.Text, Date: date, Source: r.Source, Language: r.Language})
		if failed {
			// A bug in the extractor must not cost a person's message: keep
			// it, uncoded, for a reviewer.
			r.Flags = append(r.Flags, "extractor_failed")
		}
		for i := range claims {
			if err := s.Geocoder.Locate(&claims[i].Location, "place"); err != nil {
				// An extractor's P-code the gazetteer does not know is a
				// bug there; keep the claim at the name it read.
				claims[i].PCode = ""
			}
		}
		r.Coding = domain.CodingExtracted
	}
	if r.Coding == "" || (r.Coding == domain.CodingExtracted && len(claims) == 0) {
		r.Coding = domain.CodingUncoded
	}
	if (n.Encoding == domain.EncodingUncertain || hasFlag(r.Flags, "extractor_failed")) && r.Coding != domain.CodingStructured {
		r.Coding = domain.CodingReview
	}
	source := r.Source
	if source == "" {
		source = string(ch)
	}
	for i := range claims {
		c := &claims[i]
		c.ID, c.ReportID, c.Seq, c.Source, c.SourceKey, c.CreatedAt = s.IDs.NewID(), r.ID, i, source, r.DedupeKey(), now
	}
	actor := p.Name
	if actor == "" {
		actor = string(ch)
	}
	return domain.Submission{Report: r, Claims: claims, SubmittedBy: actor}, nil
}

func hasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}

// extract runs the extractor, turning a panic into a failure so that the
// report is still stored.
func (s *Service) extract(d Document) (claims []domain.Claim, failed bool) {
	defer func() {
		if v := recover(); v != nil {
			slog.Error("extractor panicked; report kept uncoded", "panic", v)
			claims, failed = nil, true
		}
	}()
	return s.Extractor.Extract(d), false
}

// settle runs the corroborate stage over the claims just stored and, when
// asked, reports the events each report's claims joined.
func (s *Service) settle(ctx context.Context, results []Result, lookup bool) {
	if _, err := s.Corroborator.Settle(ctx); err != nil {
		slog.Warn("corroborate: claims stay pending", "err", err)
		return
	}
	if !lookup {
		return
	}
	for i := range results {
		r := &results[i]
		if r.Status != StatusCreated || r.Claims == 0 {
			continue
		}
		claims, err := s.Store.ReportClaims(ctx, r.ID)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, c := range claims {
			if c.EventID != "" && !seen[c.EventID] {
				seen[c.EventID] = true
				r.Events = append(r.Events, c.EventID)
			}
		}
	}
}

// canonicalActors names a claim's actors as the dictionary does ("Kokang
// army" → MNDAA) and gives them their ACLED inter codes; names it does not
// know stay as sent.
func (s *Service) canonicalActors(c *domain.Claim) {
	if s.Actors == nil {
		return
	}
	for i := range c.Actors {
		if a, ok := s.Actors(c.Actors[i].Name); ok {
			c.Actors[i].Name, c.Actors[i].Inter = a.Name, a.Inter
		}
	}
	if c.Control != nil {
		ctl := *c.Control
		for _, p := range []*string{&ctl.Actor, &ctl.From} {
			if a, ok := s.Actors(*p); ok && *p != "" {
				*p = a.Name
			}
		}
		c.Control = &ctl
	}
}

func (s *Service) structuredClaims(evs []EventInput, date domain.Date) ([]domain.Claim, error) {
	claims := make([]domain.Claim, 0, len(evs))
	var near []string
	for i := range evs {
		c, err := claimFromInput(i, &evs[i], date)
		if err != nil {
			return nil, err
		}
		s.canonicalActors(&c)
		if c.PCode != "" {
			near = append(near, c.PCode)
		}
		claims = append(claims, c)
	}
	// Places named in the same report help tell apart places that share a
	// name, so names are placed after the codes.
	for i := range claims {
		if err := s.Geocoder.Locate(&claims[i].Location, fmt.Sprintf("events[%d].pcode", i), near...); err != nil {
			return nil, err
		}
	}
	return claims, nil
}
