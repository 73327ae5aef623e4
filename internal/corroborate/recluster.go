package corroborate

import (
	"context"

	"sitroom/internal/domain"
)

// Recluster clusters every claim afresh — after the clustering rules
// changed, say — except where reviewers decided: claims a reviewer placed
// (merged, split, or in an event whose status or fields a reviewer set)
// stay pinned in their events; events with no pinned claim are dissolved
// and their claims clustered again. It returns how many claims it
// clustered.
func (e *Engine) Recluster(ctx context.Context, store domain.Store) (int, error) {
	unlock, ok, err := e.store.LockClustering(ctx)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, domain.Errorf(domain.CodeUnavailable, "another process is clustering this node; try again when it is done")
	}
	err = e.release(ctx, store)
	unlock()
	if err != nil {
		return 0, err
	}
	e.mu.Lock()
	e.reset()
	e.mu.Unlock()
	return e.Settle(ctx)
}

// release sends every unpinned claim back to be clustered.
func (e *Engine) release(ctx context.Context, store domain.Store) error {
	f := domain.EventFilter{Limit: domain.MaxPageSize}
	now := e.clock.Now()
	for {
		page, err := store.ListEvents(ctx, f)
		if err != nil {
			return err
		}
		ids := make([]string, len(page.Items))
		for i, ev := range page.Items {
			ids[i] = ev.ID
		}
		claims, err := e.store.ClaimsOfEvents(ctx, ids)
		if err != nil {
			return err
		}
		byEvent := map[string][]domain.Claim{}
		for _, c := range claims {
			byEvent[c.EventID] = append(byEvent[c.EventID], c)
		}
		var ch domain.EventChanges
		for _, ev := range page.Items {
			var pinned []domain.Claim
			var free []string
			for _, c := range byEvent[ev.ID] {
				if c.Pinned {
					pinned = append(pinned, c)
				} else {
					free = append(free, c.ID)
				}
			}
			if len(free) == 0 {
				continue
			}
			for _, id := range free {
				ch.Assign = append(ch.Assign, domain.ClaimAssignment{ClaimID: id})
			}
			audit := domain.AuditEntry{ID: e.ids.NewID(), At: now, Actor: domain.System.Name, EntityType: "event", EntityID: ev.ID}
			if len(pinned) == 0 && ev.StatusBy == "" {
				ch.Retire = append(ch.Retire, domain.EventRetire{ID: ev.ID, MergedInto: domain.Dissolved, PrevVersion: ev.Version})
				audit.Action, audit.Reason = "event.dissolved", "re-clustering"
			} else {
				prev := ev.Version
				ev.Claims = nil
				Derive(&ev, pinned)
				ev.Version, ev.UpdatedAt = prev+1, now
				ch.Update = append(ch.Update, domain.EventUpdate{Event: ev, PrevVersion: prev})
				audit.Action, audit.Reason = "event.reclustered", "re-clustering: the claims a reviewer placed stay"
			}
			ch.Audit = append(ch.Audit, audit)
		}
		if _, err := e.store.ApplyEventChanges(ctx, ch); err != nil {
			return err
		}
		if page.NextCursor == "" {
			return nil
		}
		f.Cursor = page.NextCursor
	}
}
