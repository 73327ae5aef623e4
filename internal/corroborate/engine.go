package corroborate

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"

	"sitroom/internal/domain"
)

// Config tunes the engine.
type Config struct {
	// WindowDays is how far back from the latest claim date events stay in
	// memory; older events are fetched from the store when a late claim
	// needs them. Memory is bounded by this window, not by history.
	WindowDays int
	// BatchSize is how many pending claims are clustered per transaction.
	BatchSize int
	// Threshold is the score a claim needs to join an event.
	Threshold float64
	// Actors maps an actor name to the canonical names it stands for (a
	// coalition to itself and its members); nil compares names as written.
	Actors func(name string) []string
	Log    *slog.Logger
	// Progress, when set, is told how many claims each batch clustered.
	Progress func(n int)
}

// Stats counts the engine's work.
type Stats struct {
	Claims     int // claims clustered
	Created    int // events created
	Joined     int // claims that joined an existing event
	Loaded     int // events fetched from the store (late claims, restarts)
	Active     int // events in memory now
	PeakActive int // most events in memory at once
	Conflicts  int // batches retried after a concurrent change
	Evicted    int
}

// Engine clusters claims into events incrementally: each pending claim
// joins the best-scoring live event in its area and time window or starts
// a new one. Claims are taken in the order they were stored, so the same
// claims give the same events. One engine per node clusters at a time
// (the store's clustering lock); reviewers' changes reach it through the
// store's change sequence.
type Engine struct {
	store domain.EventStore
	clock domain.Clock
	ids   domain.IDs
	cfg   Config

	mu       sync.Mutex
	clusters map[string]*cluster
	index    map[string]map[int][]*cluster // bucket → day → events covering the day
	covered  map[string]int                // bucket → first day from which memory holds every live event
	// inDistrict maps a district bucket to the buckets of the places in it
	// that hold events, so that a district-wide claim finds them.
	inDistrict map[string]map[string]bool
	seq        int64
	started    bool
	watermark  int
	stats      Stats
}

// cluster is an event in memory with the signatures of its claims.
type cluster struct {
	ev      domain.Event
	claims  []*sig
	reports map[string]bool
	stored  bool
	bucket  string
	from    int // indexed days
	to      int
}

// maxIndexDays caps how many days one event is indexed under; longer
// periods are indexed at their ends and found by the scan of the window.
const maxIndexDays = 31

// NewEngine returns an engine over a store.
func NewEngine(store domain.EventStore, clock domain.Clock, ids domain.IDs, cfg Config) *Engine {
	if cfg.WindowDays <= 0 {
		cfg.WindowDays = 60
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 5000
	}
	if cfg.Threshold <= 0 {
		cfg.Threshold = Threshold
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	e := &Engine{store: store, clock: clock, ids: ids, cfg: cfg}
	e.reset()
	return e
}

func (e *Engine) reset() {
	e.clusters = map[string]*cluster{}
	e.index = map[string]map[int][]*cluster{}
	e.covered = map[string]int{}
	e.inDistrict = map[string]map[string]bool{}
	e.started = false
}

// SetProgress sets the function told how many claims each batch clustered.
func (e *Engine) SetProgress(f func(int)) {
	e.mu.Lock()
	e.cfg.Progress = f
	e.mu.Unlock()
}

// Stats returns the engine's counters.
func (e *Engine) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.stats
	s.Active = len(e.clusters)
	return s
}

// Settle clusters every pending claim. It returns how many it clustered;
// 0 with no error when another process holds the clustering lock (that
// process will cluster them).
func (e *Engine) Settle(ctx context.Context) (int, error) {
	unlock, ok, err := e.store.LockClustering(ctx)
	if err != nil || !ok {
		return 0, err
	}
	defer unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	total := 0
	retried := false
	after := "" // claims before it are assigned: no need to look again
	for {
		if err := e.refresh(ctx); err != nil {
			return total, err
		}
		claims, err := e.store.PendingClaims(ctx, after, e.cfg.BatchSize)
		if err != nil {
			return total, err
		}
		if len(claims) == 0 {
			break
		}
		if err := e.processBatch(ctx, claims); err != nil {
			// The cache may hold half a batch: forget it and start again
			// from the store, once.
			e.reset()
			if domain.IsCode(err, domain.CodeConflict) && !retried {
				retried = true
				e.stats.Conflicts++
				continue
			}
			return total, err
		}
		retried = false
		after = claims[len(claims)-1].ID
		total += len(claims)
		e.evict()
		if e.cfg.Progress != nil {
			e.cfg.Progress(len(claims))
		}
	}
	return total, nil
}

// refresh brings memory up to date with changes others made (reviewers,
// other instances).
func (e *Engine) refresh(ctx context.Context) error {
	if !e.started {
		seq, err := e.store.ChangeSeq(ctx)
		if err != nil {
			return err
		}
		e.seq, e.started = seq, true
		return nil
	}
	for {
		evs, last, err := e.store.EventsChangedSince(ctx, e.seq, 1000)
		if err != nil {
			return err
		}
		var reload []string
		for i := range evs {
			ev := &evs[i]
			cl := e.clusters[ev.ID]
			switch {
			case cl != nil && cl.ev.Version == ev.Version:
				// Our own write.
			case cl != nil:
				e.drop(cl)
				if ev.MergedInto == "" {
					reload = append(reload, ev.ID)
				}
			case ev.MergedInto == "":
				b := eventBucket(ev)
				if from, ok := e.covered[b]; ok && dayNumber(ev.DateEnd) >= from {
					reload = append(reload, ev.ID)
				}
			}
		}
		if len(reload) > 0 {
			full, err := e.store.EventsByID(ctx, reload)
			if err != nil {
				return err
			}
			if err := e.load(ctx, full); err != nil {
				return err
			}
		}
		e.seq = last
		if len(evs) < 1000 {
			return nil
		}
	}
}

// districtBucket is the bucket of the district an event lies in.
func districtBucket(cl *cluster) string {
	if cl.ev.Adm2 == "" {
		for _, s := range cl.claims {
			if s.district != "" {
				return s.district
			}
		}
		return ""
	}
	c := domain.Claim{Type: cl.ev.Type, SubType: cl.ev.SubType, Kind: cl.ev.Kind}
	return family(&c) + "|" + cl.ev.Adm2
}

// eventBucket is the bucket an event is indexed under.
func eventBucket(ev *domain.Event) string {
	c := domain.Claim{Type: ev.Type, SubType: ev.SubType, Kind: ev.Kind}
	return family(&c) + "|" + areaKey(&ev.Location)
}

// load puts stored events and their claims into memory.
func (e *Engine) load(ctx context.Context, evs []domain.Event) error {
	var ids []string
	for i := range evs {
		if _, ok := e.clusters[evs[i].ID]; !ok && evs[i].MergedInto == "" {
			ids = append(ids, evs[i].ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	claims, err := e.store.ClaimsOfEvents(ctx, ids)
	if err != nil {
		return err
	}
	byEvent := map[string][]*sig{}
	for i := range claims {
		c := &claims[i]
		byEvent[c.EventID] = append(byEvent[c.EventID], e.signature(c))
	}
	for i := range evs {
		ev := evs[i]
		if _, ok := e.clusters[ev.ID]; ok || ev.MergedInto != "" {
			continue
		}
		cl := &cluster{ev: ev, stored: true, reports: map[string]bool{}, bucket: eventBucket(&ev)}
		for _, s := range byEvent[ev.ID] {
			cl.claims = append(cl.claims, s)
			cl.reports[s.claim.ReportID] = true
		}
		e.clusters[ev.ID] = cl
		e.indexCluster(cl)
		e.stats.Loaded++
	}
	e.notePeak()
	return nil
}

func (e *Engine) notePeak() {
	if n := len(e.clusters); n > e.stats.PeakActive {
		e.stats.PeakActive = n
	}
}

// ensureCovered makes sure memory holds every live event of the claim's
// buckets that could match it, fetching older ones from the store.
func (e *Engine) ensureCovered(ctx context.Context, s *sig) error {
	c := s.claim
	switch {
	case c.Adm3 != "":
		if err := e.cover(ctx, s, s.bucket, domain.CandidateQuery{Area: c.Adm3}); err != nil {
			return err
		}
		if s.district != "" {
			return e.cover(ctx, s, s.district, domain.CandidateQuery{Area: c.Adm2, Exact: true})
		}
		return nil
	case c.PCode != "" && s.bucket == s.district:
		// A district-wide claim: every event in the district may match.
		return e.cover(ctx, s, s.bucket, domain.CandidateQuery{Area: c.PCode})
	case c.PCode != "":
		return e.cover(ctx, s, s.bucket, domain.CandidateQuery{Area: c.PCode, Exact: true})
	default:
		return e.cover(ctx, s, s.bucket, domain.CandidateQuery{PlaceName: strings.TrimSpace(c.PlaceName)})
	}
}

// cover loads the events a query finds for a bucket, once per window.
func (e *Engine) cover(ctx context.Context, s *sig, bucket string, q domain.CandidateQuery) error {
	from := s.start - 2
	if have, ok := e.covered[bucket]; ok && have <= from {
		return nil
	}
	c := s.claim
	q.Types, q.Since, q.Until = []domain.EventType{c.Type}, dateOfDay(from), domain.MaxDate
	if c.Type == domain.Protest || c.Type == domain.Riot {
		q.Types = []domain.EventType{domain.Protest, domain.Riot}
	}
	evs, err := e.store.CandidateEvents(ctx, q)
	if err != nil {
		return err
	}
	var mine []domain.Event
	for i := range evs {
		if b := eventBucket(&evs[i]); b == bucket || (bucket == s.district && strings.HasPrefix(b, s.family+"|")) {
			mine = append(mine, evs[i])
		}
	}
	if err := e.load(ctx, mine); err != nil {
		return err
	}
	e.covered[bucket] = from
	return nil
}

func dateOfDay(d int) domain.Date {
	return domain.Date("1970-01-01").AddDays(d)
}

func (e *Engine) indexCluster(cl *cluster) {
	from, to := 1<<30, -1<<30
	if cl.ev.DateStart != "" {
		from, to = dayNumber(cl.ev.DateStart), dayNumber(cl.ev.DateEnd)
	}
	for _, s := range cl.claims {
		from, to = min(from, s.start), max(to, s.end)
	}
	e.unindex(cl)
	cl.from, cl.to = from, to
	if d := districtBucket(cl); d != "" && d != cl.bucket {
		if e.inDistrict[d] == nil {
			e.inDistrict[d] = map[string]bool{}
		}
		e.inDistrict[d][cl.bucket] = true
	}
	days := e.index[cl.bucket]
	if days == nil {
		days = map[int][]*cluster{}
		e.index[cl.bucket] = days
	}
	add := func(d int) { days[d] = append(days[d], cl) }
	if to-from <= maxIndexDays {
		for d := from; d <= to; d++ {
			add(d)
		}
	} else {
		add(from)
		add(to)
	}
}

func (e *Engine) unindex(cl *cluster) {
	days := e.index[cl.bucket]
	if days == nil || cl.to < cl.from {
		return
	}
	remove := func(d int) {
		list := days[d]
		for i, x := range list {
			if x == cl {
				days[d] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		if len(days[d]) == 0 {
			delete(days, d)
		}
	}
	if cl.to-cl.from <= maxIndexDays {
		for d := cl.from; d <= cl.to; d++ {
			remove(d)
		}
	} else {
		remove(cl.from)
		remove(cl.to)
	}
	cl.from, cl.to = 1, 0
}

func (e *Engine) drop(cl *cluster) {
	e.unindex(cl)
	delete(e.clusters, cl.ev.ID)
}

// buckets are the buckets a claim is compared within: its own, and across
// its district (district-wide events for a claim inside it; the places
// inside for a district-wide claim).
func (e *Engine) buckets(s *sig) []string {
	out := []string{s.bucket}
	if s.district != "" && s.district != s.bucket {
		out = append(out, s.district)
	}
	if s.district == s.bucket {
		out = append(out, domain.SortedKeys(e.inDistrict[s.bucket])...)
	}
	return out
}

// candidates returns the events of a claim's buckets whose days come within
// two days of its period, in id order.
func (e *Engine) candidates(s *sig) []*cluster {
	seen := map[*cluster]bool{}
	var out []*cluster
	for _, b := range e.buckets(s) {
		out = e.bucketCandidates(s, e.index[b], seen, out)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ev.ID < out[j].ev.ID })
	return out
}

func (e *Engine) bucketCandidates(s *sig, days map[int][]*cluster, seen map[*cluster]bool, out []*cluster) []*cluster {
	if len(days) == 0 {
		return out
	}
	collect := func(list []*cluster) {
		for _, cl := range list {
			if !seen[cl] {
				seen[cl] = true
				out = append(out, cl)
			}
		}
	}
	if s.end-s.start <= maxIndexDays {
		for d := s.start - 2; d <= s.end+2; d++ {
			collect(days[d])
		}
	}
	// Long periods, indexed only at their ends, can span the claim.
	for d, list := range days {
		if d < s.start-2 || d > s.end+2 || s.end-s.start > maxIndexDays {
			for _, cl := range list {
				if cl.to-cl.from > maxIndexDays && cl.from <= s.end+2 && cl.to >= s.start-2 {
					collect([]*cluster{cl})
				} else if s.end-s.start > maxIndexDays && cl.from <= s.end+2 && cl.to >= s.start-2 {
					collect([]*cluster{cl})
				}
			}
		}
	}
	return out
}

// best finds the event a claim joins, or nil.
func (e *Engine) best(s *sig) (*cluster, float64) {
	var best *cluster
	bestScore := 0.0
	for _, cl := range e.candidates(s) {
		if cl.reports[s.claim.ReportID] {
			continue
		}
		top := 0.0
		for _, k := range cl.claims {
			if sc := score(s, k); sc > top {
				top = sc
			}
		}
		if top >= e.cfg.Threshold && top > bestScore {
			best, bestScore = cl, top
		}
	}
	return best, bestScore
}

func (e *Engine) processBatch(ctx context.Context, claims []domain.Claim) error {
	now := e.clock.Now()
	var ch domain.EventChanges
	touched := map[*cluster][]string{}
	var order []*cluster
	for i := range claims {
		s := e.signature(&claims[i])
		if err := e.ensureCovered(ctx, s); err != nil {
			return err
		}
		cl, sc := e.best(s)
		if cl == nil {
			cl = &cluster{ev: domain.Event{ID: e.ids.NewID(), Status: domain.StatusNew, CreatedAt: now},
				reports: map[string]bool{}, bucket: s.bucket, from: 1}
			e.clusters[cl.ev.ID] = cl
			e.stats.Created++
		} else {
			e.stats.Joined++
		}
		if _, seen := touched[cl]; !seen {
			order = append(order, cl)
		}
		note := s.claim.ID
		if sc > 0 {
			note = fmt.Sprintf("%s (score %.2f)", s.claim.ID, sc)
		}
		touched[cl] = append(touched[cl], note)
		cl.claims = append(cl.claims, s)
		cl.reports[s.claim.ReportID] = true
		e.indexCluster(cl)
		ch.Assign = append(ch.Assign, domain.ClaimAssignment{ClaimID: s.claim.ID, EventID: cl.ev.ID})
		if s.end > e.watermark {
			e.watermark = s.end
		}
		e.stats.Claims++
	}
	e.notePeak()
	sort.Slice(order, func(i, j int) bool { return order[i].ev.ID < order[j].ev.ID })
	for _, cl := range order {
		claims := make([]domain.Claim, len(cl.claims))
		for i, s := range cl.claims {
			claims[i] = *s.claim
			claims[i].EventID = cl.ev.ID
		}
		prev := cl.ev.Version
		prevActors := actorNames(cl.ev.Actors)
		Derive(&cl.ev, claims)
		cl.ev.UpdatedAt = now
		cl.ev.Version = prev + 1
		e.indexCluster(cl)
		audit := domain.AuditEntry{ID: e.ids.NewID(), At: now, Actor: domain.System.Name, EntityType: "event", EntityID: cl.ev.ID}
		if !cl.stored {
			ch.Create = append(ch.Create, cl.ev)
			audit.Action, audit.Reason = "event.create", "from claims "+strings.Join(touched[cl], ", ")
		} else {
			ch.Update = append(ch.Update, domain.EventUpdate{Event: cl.ev, PrevVersion: prev, SameActors: prevActors == actorNames(cl.ev.Actors)})
			audit.Action, audit.Reason = "event.claims_joined", "claims "+strings.Join(touched[cl], ", ")
		}
		ch.Audit = append(ch.Audit, audit)
	}
	seq, err := e.store.ApplyEventChanges(ctx, ch)
	if err != nil {
		return err
	}
	if seq == e.seq+1 {
		// Nobody else wrote since we last looked: our own change need not
		// be read back.
		e.seq = seq
	}
	for _, cl := range order {
		cl.stored = true
	}
	return nil
}

// actorNames is a key of an event's actor names.
func actorNames(as []domain.EventActor) string {
	var b strings.Builder
	for _, a := range as {
		b.WriteString(a.Name)
		b.WriteByte(0)
	}
	return b.String()
}

// evict forgets events that ended before the window; a late claim fetches
// them again.
func (e *Engine) evict() {
	cutoff := e.watermark - e.cfg.WindowDays
	for id, cl := range e.clusters {
		if cl.to < cutoff && cl.stored {
			e.unindex(cl)
			delete(e.clusters, id)
			e.stats.Evicted++
		}
	}
	for b, from := range e.covered {
		if from < cutoff {
			e.covered[b] = cutoff
		}
	}
}
