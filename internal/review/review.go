// Package review is what reviewers do to events: set a status, correct a
// field, merge events that are one happening, split an event that is two.
// Every action needs a reason, is checked against the version the reviewer
// saw (a stale write is a conflict, not an overwrite), pins the claims it
// touches so that re-clustering never undoes it, and is audited.
package review

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/geocode"
)

// Store is what review needs of the store.
type Store interface {
	domain.Store
	domain.EventStore
}

// Service carries out reviewers' actions.
type Service struct {
	Store    Store
	Clock    domain.Clock
	IDs      domain.IDs
	Geocoder geocode.Geocoder
}

// Edit is a reviewer's correction of an event; nil or empty fields are
// left as they are.
type Edit struct {
	Status    domain.Status         `json:"status,omitempty"`
	Title     string                `json:"title,omitempty"`
	Type      string                `json:"type,omitempty"`
	SubType   string                `json:"sub_type,omitempty"`
	Kind      *string               `json:"kind,omitempty"`
	PCode     string                `json:"pcode,omitempty"`
	Place     string                `json:"place,omitempty"`
	DateStart string                `json:"date_start,omitempty"`
	DateEnd   string                `json:"date_end,omitempty"`
	Figures   map[string]int64      `json:"figures,omitempty"`
	Control   *domain.ControlChange `json:"control,omitempty"`
	Reason    string                `json:"reason"`
	Version   int64                 `json:"version,omitempty"` // instead of If-Match
}

func needReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return domain.FieldError("reason", "say why: every review action records its reason")
	}
	return nil
}

// load returns an event with its claims, checking the version the reviewer
// saw.
func (s *Service) load(ctx context.Context, id string, version int64) (domain.Event, error) {
	e, err := s.Store.GetEvent(ctx, id)
	if err != nil {
		return e, err
	}
	if e.MergedInto != "" {
		return e, domain.Errorf(domain.CodeConflict, "event %s was merged into %s", id, e.MergedInto)
	}
	if version != 0 && e.Version != version {
		return e, domain.Errorf(domain.CodeConflict, "event %s is at version %d, not %d: someone changed it; reload and try again", id, e.Version, version)
	}
	return e, nil
}

func (s *Service) audit(p domain.Principal, action, id, reason string, detail any) domain.AuditEntry {
	d, _ := json.Marshal(detail)
	return domain.AuditEntry{ID: s.IDs.NewID(), At: s.Clock.Now(), Actor: p.Name, Action: action,
		EntityType: "event", EntityID: id, Reason: reason, Detail: d}
}

// pin assigns every claim to its event, pinned.
func pin(ch *domain.EventChanges, eventID string, claims []domain.Claim) {
	for _, c := range claims {
		ch.Assign = append(ch.Assign, domain.ClaimAssignment{ClaimID: c.ID, EventID: eventID, Pinned: true})
	}
}

// rewrite re-derives an event from claims and queues its update.
func (s *Service) rewrite(ch *domain.EventChanges, e domain.Event, claims []domain.Claim) domain.Event {
	prev := e.Version
	e.Claims = nil
	corroborate.Derive(&e, claims)
	e.Version, e.UpdatedAt = prev+1, s.Clock.Now()
	ch.Update = append(ch.Update, domain.EventUpdate{Event: e, PrevVersion: prev})
	return e
}

// Apply makes a reviewer's edit (status and/or field corrections).
func (s *Service) Apply(ctx context.Context, p domain.Principal, id string, version int64, ed Edit) (domain.Event, error) {
	if err := needReason(ed.Reason); err != nil {
		return domain.Event{}, err
	}
	e, err := s.load(ctx, id, version)
	if err != nil {
		return e, err
	}
	before := e
	o := domain.Overrides{}
	if e.Overrides != nil {
		o = *e.Overrides
	}
	if o.Notes == nil {
		o.Notes = map[string]string{}
	}
	changed := []string{}
	note := func(field string) {
		changed = append(changed, field)
		o.Notes[field] = ed.Reason
	}
	if ed.Status != "" {
		if !ed.Status.Valid() {
			return e, domain.FieldError("status", "%q is not a status", ed.Status)
		}
		e.Status, e.StatusBy = ed.Status, p.Name
		changed = append(changed, "status")
	}
	if ed.Title != "" {
		o.Title = ed.Title
		note("title")
	}
	if ed.Type != "" {
		t, ok := domain.ParseEventType(ed.Type)
		if !ok {
			return e, domain.FieldError("type", "%q is not an event type", ed.Type)
		}
		o.Type = t
		if ed.SubType == "" {
			o.SubType = domain.DefaultSubEvent(t)
		}
		note("type")
	}
	if ed.SubType != "" {
		st, ok := domain.ParseSubEventType(ed.SubType)
		typ := o.Type
		if typ == "" {
			typ = e.Type
		}
		if !ok || st.Type() != typ {
			return e, domain.FieldError("sub_type", "%q is not a sub-event type of %s", ed.SubType, typ)
		}
		o.SubType = st
		note("sub_type")
	}
	if ed.Kind != nil {
		k := domain.Kind(*ed.Kind)
		if !k.Valid() {
			return e, domain.FieldError("kind", "%q is not a kind", *ed.Kind)
		}
		o.Kind = &k
		note("kind")
	}
	if ed.PCode != "" || ed.Place != "" {
		loc := domain.Location{PCode: strings.ToUpper(strings.TrimSpace(ed.PCode)), PlaceName: strings.TrimSpace(ed.Place)}
		if err := s.Geocoder.Locate(&loc, "pcode"); err != nil {
			return e, err
		}
		o.Location = &loc
		note("place")
	}
	for field, v := range map[string]string{"date_start": ed.DateStart, "date_end": ed.DateEnd} {
		if v == "" {
			continue
		}
		d, err := domain.ParseDate(v)
		if err != nil {
			return e, domain.FieldError(field, "%v", err)
		}
		if field == "date_start" {
			o.DateStart = d
		} else {
			o.DateEnd = d
		}
		note(field)
	}
	start, end := e.DateStart, e.DateEnd
	if o.DateStart != "" {
		start = o.DateStart
	}
	if o.DateEnd != "" {
		end = o.DateEnd
	}
	if end < start {
		return e, domain.FieldError("date_end", "%s is before date_start %s", end, start)
	}
	for k, v := range ed.Figures {
		kind := domain.FigureKind(k)
		if !kind.Valid() {
			return e, domain.FieldError("figures."+k, "not a figure kind")
		}
		if v < 0 {
			return e, domain.FieldError("figures."+k, "%d is not a count", v)
		}
		if o.Figures == nil {
			o.Figures = map[domain.FigureKind]int64{}
		}
		o.Figures[kind] = v
		note("figures." + k)
	}
	if ed.Control != nil {
		if strings.TrimSpace(ed.Control.Actor) == "" {
			return e, domain.FieldError("control.actor", "name who holds the place")
		}
		o.Control = ed.Control
		note("control")
	}
	if len(changed) == 0 {
		return e, domain.Errorf(domain.CodeInvalid, "nothing to change: give a status or a field")
	}
	e.Overrides = &o
	if o.IsZero() {
		e.Overrides = nil
	}
	var ch domain.EventChanges
	pin(&ch, e.ID, e.Claims)
	claims := e.Claims
	after := s.rewrite(&ch, e, claims)
	ch.Audit = append(ch.Audit, s.audit(p, "event.review", e.ID, ed.Reason, map[string]any{
		"changed": changed, "before": summary(before), "after": summary(after)}))
	if _, err := s.Store.ApplyEventChanges(ctx, ch); err != nil {
		return e, err
	}
	return s.Store.GetEvent(ctx, id)
}

// summary is what the audit keeps of an event's state.
func summary(e domain.Event) map[string]any {
	figs := map[string]int64{}
	for _, f := range e.Figures {
		figs[string(f.Kind)] = f.Min
	}
	return map[string]any{"status": e.Status, "type": e.Type, "sub_type": e.SubType, "kind": e.Kind, "title": e.Title,
		"pcode": e.PCode, "date_start": e.DateStart, "date_end": e.DateEnd, "figures": figs, "claims": e.ClaimCount}
}

// Merge moves the claims of other events into the target: they were one
// happening.
func (s *Service) Merge(ctx context.Context, p domain.Principal, targetID string, version int64, others []string, reason string) (domain.Event, error) {
	if err := needReason(reason); err != nil {
		return domain.Event{}, err
	}
	if len(others) == 0 {
		return domain.Event{}, domain.FieldError("events", "name the events to merge into this one")
	}
	target, err := s.load(ctx, targetID, version)
	if err != nil {
		return target, err
	}
	var ch domain.EventChanges
	claims := append([]domain.Claim(nil), target.Claims...)
	seen := map[string]bool{targetID: true}
	for _, id := range others {
		if seen[id] {
			return target, domain.FieldError("events", "event %s is named twice or is the target", id)
		}
		seen[id] = true
		o, err := s.load(ctx, id, 0)
		if err != nil {
			if domain.IsCode(err, domain.CodeNotFound) {
				return target, domain.FieldError("events", "event %s does not exist", id)
			}
			return target, err
		}
		claims = append(claims, o.Claims...)
		ch.Retire = append(ch.Retire, domain.EventRetire{ID: id, MergedInto: targetID, PrevVersion: o.Version})
		ch.Audit = append(ch.Audit, s.audit(p, "event.merged_into", id, reason, map[string]any{"into": targetID}))
	}
	pin(&ch, targetID, claims)
	after := s.rewrite(&ch, target, claims)
	ch.Audit = append(ch.Audit, s.audit(p, "event.merge", targetID, reason, map[string]any{"merged": others, "before": summary(target), "after": summary(after)}))
	if _, err := s.Store.ApplyEventChanges(ctx, ch); err != nil {
		return target, err
	}
	return s.Store.GetEvent(ctx, targetID)
}

// Split moves some claims of an event into a new event: they were another
// happening.
func (s *Service) Split(ctx context.Context, p domain.Principal, id string, version int64, claimIDs []string, reason string) (domain.Event, domain.Event, error) {
	if err := needReason(reason); err != nil {
		return domain.Event{}, domain.Event{}, err
	}
	e, err := s.load(ctx, id, version)
	if err != nil {
		return e, domain.Event{}, err
	}
	want := map[string]bool{}
	for _, c := range claimIDs {
		want[c] = true
	}
	var keep, move []domain.Claim
	for _, c := range e.Claims {
		if want[c.ID] {
			move = append(move, c)
			delete(want, c.ID)
		} else {
			keep = append(keep, c)
		}
	}
	if len(want) > 0 {
		missing := domain.SortedKeys(want)
		return e, domain.Event{}, domain.FieldError("claims", "claims %s are not in event %s", strings.Join(missing, ", "), id)
	}
	if len(move) == 0 || len(keep) == 0 {
		return e, domain.Event{}, domain.FieldError("claims", "name some but not all of the event's claims")
	}
	var ch domain.EventChanges
	now := s.Clock.Now()
	n := corroborate.NewEvent(s.IDs.NewID(), now, move)
	ch.Create = append(ch.Create, n)
	pin(&ch, n.ID, move)
	pin(&ch, id, keep)
	after := s.rewrite(&ch, e, keep)
	moved := make([]string, len(move))
	for i, c := range move {
		moved[i] = c.ID
	}
	sort.Strings(moved)
	ch.Audit = append(ch.Audit,
		s.audit(p, "event.split", id, reason, map[string]any{"new_event": n.ID, "claims": moved, "before": summary(e), "after": summary(after)}),
		s.audit(p, "event.create", n.ID, reason, map[string]any{"split_from": id, "claims": moved}))
	if _, err := s.Store.ApplyEventChanges(ctx, ch); err != nil {
		return e, n, err
	}
	orig, err := s.Store.GetEvent(ctx, id)
	if err != nil {
		return orig, n, err
	}
	created, err := s.Store.GetEvent(ctx, n.ID)
	return orig, created, err
}

// ParseIfMatch reads an If-Match header ("3" or W/"3") into a version.
func ParseIfMatch(h string) (int64, error) {
	h = strings.TrimPrefix(strings.TrimSpace(h), "W/")
	var v int64
	if _, err := fmt.Sscanf(strings.Trim(h, `"`), "%d", &v); err != nil || v < 1 {
		return 0, domain.FieldError("If-Match", "want the ETag of the event as you last read it, e.g. \"3\"")
	}
	return v, nil
}
