// Package reprocess re-runs the extract stage over stored free-text
// reports after the extractor changed, without losing reviewers' work: a
// new claim that says what an old one said takes the old one's place in its
// event (pinned if a reviewer had pinned it); events are re-derived from
// their live claims; the rest is clustered afresh.
package reprocess

import (
	"context"
	"fmt"
	"strings"

	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/geocode"
	"sitroom/internal/intake"
)

// Store is what reprocessing needs of the store.
type Store interface {
	domain.Store
	domain.EventStore
	domain.ReprocessStore
}

// Runner re-extracts reports.
type Runner struct {
	Store     Store
	Clock     domain.Clock
	IDs       domain.IDs
	Extractor intake.Extractor
	// Version is the extractor's name and version ("extract/0.3.0"):
	// reports whose claims all carry it are skipped unless forced.
	Version  string
	Geocoder geocode.Geocoder
	Settler  intake.Settler
	// Progress, when set, is told how many reports each batch covered.
	Progress func(n int)
}

// Summary counts what a run did.
type Summary struct {
	Reports      int `json:"reports"`       // free-text reports looked at
	Current      int `json:"current"`       // already coded by this version
	Unchanged    int `json:"unchanged"`     // re-extracted to the same claims
	Reextracted  int `json:"reextracted"`   // given new claims
	ClaimsBefore int `json:"claims_before"` // live claims replaced
	ClaimsAfter  int `json:"claims_after"`  // new claims stored
	Kept         int `json:"kept"`          // new claims that took an old claim's place in its event
	Clustered    int `json:"clustered"`     // new claims clustered afresh
}

// Run re-extracts every free-text report (all of them when force is set,
// else those coded by another extractor version).
func (r *Runner) Run(ctx context.Context, force bool) (Summary, error) {
	var sum Summary
	after := ""
	for {
		reports, err := r.Store.FreeTextReports(ctx, after, 200)
		if err != nil {
			return sum, err
		}
		if len(reports) == 0 {
			break
		}
		for i := range reports {
			if err := r.one(ctx, &reports[i], force, &sum); err != nil {
				return sum, fmt.Errorf("report %s: %w", reports[i].ID, err)
			}
		}
		after = reports[len(reports)-1].ID
		if r.Progress != nil {
			r.Progress(len(reports))
		}
	}
	if r.Settler != nil {
		n, err := r.Settler.Settle(ctx)
		if err != nil {
			return sum, err
		}
		sum.Clustered = n
	}
	return sum, nil
}

func (r *Runner) one(ctx context.Context, rep *domain.Report, force bool, sum *Summary) error {
	sum.Reports++
	old, err := r.Store.ReportClaims(ctx, rep.ID)
	if err != nil {
		return err
	}
	if !force && len(old) > 0 && allVersion(old, r.Version) {
		sum.Current++
		return nil
	}
	fresh := r.Extractor.Extract(intake.Document{Text: rep.Body(), Date: rep.Date, Source: rep.Source, Language: rep.Language})
	source := rep.Source
	if source == "" {
		source = string(rep.Channel)
	}
	now := r.Clock.Now()
	for i := range fresh {
		c := &fresh[i]
		if err := r.Geocoder.Locate(&c.Location, "place"); err != nil {
			c.PCode = ""
		}
		c.ID, c.Source, c.SourceKey, c.CreatedAt = r.IDs.NewID(), source, rep.DedupeKey(), now
	}
	if same(old, fresh) {
		sum.Unchanged++
		return nil
	}
	// A new claim that says what an old one said takes its place, and its
	// pin, in the old claim's event.
	used := map[int]bool{}
	touched := map[string]bool{}
	for i := range fresh {
		for j := range old {
			if used[j] || old[j].EventID == "" || !alike(&fresh[i], &old[j]) {
				continue
			}
			used[j] = true
			fresh[i].EventID, fresh[i].Pinned = old[j].EventID, old[j].Pinned
			sum.Kept++
			break
		}
	}
	var oldIDs []string
	for _, c := range old {
		oldIDs = append(oldIDs, c.ID)
		if c.EventID != "" {
			touched[c.EventID] = true
		}
	}
	if len(oldIDs) > 0 {
		if err := r.Store.SupersedeClaims(ctx, oldIDs, now); err != nil {
			return err
		}
	}
	coding := domain.CodingExtracted
	if len(fresh) == 0 {
		coding = domain.CodingUncoded
	}
	if err := r.Store.AddClaims(ctx, rep.ID, fresh, coding); err != nil {
		return err
	}
	sum.Reextracted++
	sum.ClaimsBefore += len(old)
	sum.ClaimsAfter += len(fresh)
	return r.rederive(ctx, domain.SortedKeys(touched), rep.ID)
}

// rederive recomputes events whose claims changed; an event left with no
// claims is dissolved unless a reviewer acted on it, in which case it stays
// for them to look at again.
func (r *Runner) rederive(ctx context.Context, ids []string, reportID string) error {
	if len(ids) == 0 {
		return nil
	}
	events, err := r.Store.EventsByID(ctx, ids)
	if err != nil {
		return err
	}
	claims, err := r.Store.ClaimsOfEvents(ctx, ids)
	if err != nil {
		return err
	}
	byEvent := map[string][]domain.Claim{}
	for _, c := range claims {
		byEvent[c.EventID] = append(byEvent[c.EventID], c)
	}
	now := r.Clock.Now()
	var ch domain.EventChanges
	for _, e := range events {
		if e.MergedInto != "" {
			continue
		}
		live := byEvent[e.ID]
		audit := domain.AuditEntry{ID: r.IDs.NewID(), At: now, Actor: domain.System.Name, EntityType: "event", EntityID: e.ID,
			Action: "event.reextracted", Reason: "report " + reportID + " re-extracted by " + r.Version}
		switch {
		case len(live) == 0 && e.StatusBy == "":
			ch.Retire = append(ch.Retire, domain.EventRetire{ID: e.ID, MergedInto: domain.Dissolved, PrevVersion: e.Version})
			audit.Action = "event.dissolved"
		case len(live) == 0:
			e.Disputes = append(e.Disputes, "claims: re-extraction withdrew every claim; review again")
			e.Version, e.UpdatedAt = e.Version+1, now
			ch.Update = append(ch.Update, domain.EventUpdate{Event: e, PrevVersion: e.Version - 1})
		default:
			prev := e.Version
			corroborate.Derive(&e, live)
			e.Version, e.UpdatedAt = prev+1, now
			ch.Update = append(ch.Update, domain.EventUpdate{Event: e, PrevVersion: prev})
		}
		ch.Audit = append(ch.Audit, audit)
	}
	_, err = r.Store.ApplyEventChanges(ctx, ch)
	return err
}

func allVersion(cs []domain.Claim, v string) bool {
	for _, c := range cs {
		if c.Extractor != v {
			return false
		}
	}
	return true
}

// alike reports whether two claims state the same thing: kind of event,
// place and period.
func alike(a, b *domain.Claim) bool {
	if a.Type != b.Type || a.Kind != b.Kind || a.Cumulative != b.Cumulative {
		return false
	}
	if a.PCode != "" || b.PCode != "" {
		if a.PCode != b.PCode && (a.Adm3 == "" || a.Adm3 != b.Adm3) {
			return false
		}
	} else if !strings.EqualFold(a.PlaceName, b.PlaceName) {
		return false
	}
	return a.DateStart <= b.DateEnd && b.DateStart <= a.DateEnd
}

// same reports whether re-extraction gave the claims the report already
// has (by what they say, not by version).
func same(old, fresh []domain.Claim) bool {
	if len(old) != len(fresh) {
		return false
	}
	for i := range old {
		a, b := &old[i], &fresh[i]
		if a.Type != b.Type || a.SubType != b.SubType || a.Kind != b.Kind || a.PCode != b.PCode || a.PlaceName != b.PlaceName ||
			a.DateStart != b.DateStart || a.DateEnd != b.DateEnd || a.Cumulative != b.Cumulative || len(a.Figures) != len(b.Figures) {
			return false
		}
		for k := range a.Figures {
			if a.Figures[k].Kind != b.Figures[k].Kind || a.Figures[k].Min != b.Figures[k].Min {
				return false
			}
		}
	}
	return true
}
