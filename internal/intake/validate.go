package intake

import (
	"fmt"
	"strings"

	"sitroom/internal/domain"
)

// maxFigure bounds any one figure: larger is a typo, not a count.
const maxFigure = 100_000_000

// checkInput validates the report-level fields and returns the report date
// (defaulting to today in Myanmar time) and channel.
func checkInput(in *Input, today domain.Date, defChannel domain.Channel) (domain.Date, domain.Channel, error) {
	if strings.TrimSpace(in.Text) == "" {
		return "", "", domain.FieldError("text", "is empty; a report needs its text, verbatim")
	}
	if len(in.Text) > MaxTextBytes {
		return "", "", &domain.Error{Code: domain.CodeTooLarge, Field: "text", Message: fmt.Sprintf("is %d bytes; the limit is %d", len(in.Text), MaxTextBytes)}
	}
	if len(in.ID) > 200 {
		return "", "", domain.FieldError("id", "is longer than 200 characters")
	}
	if len(in.Source) > 200 {
		return "", "", domain.FieldError("source", "is longer than 200 characters")
	}
	ch := defChannel
	if in.Channel != "" {
		ch = domain.Channel(strings.ToLower(in.Channel))
		if !ch.Valid() {
			return "", "", domain.FieldError("channel", "%q is not a channel (%s)", in.Channel, joinStrings(domain.Channels))
		}
	}
	date := today
	if in.Date != "" {
		d, err := domain.ParseDate(in.Date)
		if err != nil {
			return "", "", domain.FieldError("date", "%v", err)
		}
		if d > today.AddDays(1) {
			return "", "", domain.FieldError("date", "%s is in the future (today is %s in Myanmar)", d, today)
		}
		date = d
	}
	if len(in.Events) > MaxEventsPerItem {
		return "", "", &domain.Error{Code: domain.CodeTooLarge, Field: "events", Message: fmt.Sprintf("has %d events; the limit is %d", len(in.Events), MaxEventsPerItem)}
	}
	return date, ch, nil
}

// claimFromInput checks one structured event and turns it into a claim
// (without ids or geocoding). Field names in errors are "events[i].field".
func claimFromInput(i int, ev *EventInput, reportDate domain.Date) (domain.Claim, error) {
	field := func(name string) string { return fmt.Sprintf("events[%d].%s", i, name) }
	var c domain.Claim
	t, ok := domain.ParseEventType(ev.Type)
	if !ok {
		return c, domain.FieldError(field("type"), "%q is not an event type (%s)", ev.Type, joinStrings(domain.EventTypes))
	}
	c.Type = t
	if ev.Kind != "" {
		c.Kind = domain.Kind(strings.ToLower(ev.Kind))
		if !c.Kind.Valid() {
			return c, domain.FieldError(field("kind"), "%q is not a kind (%s)", ev.Kind, joinStrings(domain.Kinds))
		}
		if t != domain.StrategicDevelopment {
			return c, domain.FieldError(field("kind"), "kinds belong to strategic_development events, not %s", t)
		}
	}
	switch {
	case ev.SubType != "":
		st, ok := domain.ParseSubEventType(ev.SubType)
		if !ok {
			return c, domain.FieldError(field("sub_type"), "%q is not an ACLED sub-event type", ev.SubType)
		}
		if st.Type() != t {
			return c, domain.FieldError(field("sub_type"), "%q belongs to %s, not %s", ev.SubType, st.Type(), t)
		}
		c.SubType = st
	case c.Kind != "":
		c.SubType = c.Kind.SubEvent()
	default:
		c.SubType = domain.DefaultSubEvent(t)
	}

	c.DateStart, c.DateEnd = reportDate, reportDate
	if ev.DateStart != "" {
		d, err := domain.ParseDate(ev.DateStart)
		if err != nil {
			return c, domain.FieldError(field("date_start"), "%v", err)
		}
		c.DateStart, c.DateEnd = d, d
	}
	if ev.DateEnd != "" {
		d, err := domain.ParseDate(ev.DateEnd)
		if err != nil {
			return c, domain.FieldError(field("date_end"), "%v", err)
		}
		c.DateEnd = d
	}
	if c.DateEnd < c.DateStart {
		return c, domain.FieldError(field("date_end"), "%s is before date_start %s", c.DateEnd, c.DateStart)
	}
	switch tp := domain.TimePrecision(ev.TimePrecision); {
	case tp == 0 && c.DateStart == c.DateEnd:
		c.TimePrecision = domain.TimeDay
	case tp == 0 && domain.DaysBetween(c.DateStart, c.DateEnd) <= 7:
		c.TimePrecision = domain.TimeWeek
	case tp == 0:
		c.TimePrecision = domain.TimeMonth
	case tp >= domain.TimeDay && tp <= domain.TimeMonth:
		c.TimePrecision = tp
	default:
		return c, domain.FieldError(field("time_precision"), "must be 1 (day), 2 (week) or 3 (month)")
	}

	c.PlaceName = strings.TrimSpace(ev.Place)
	c.PCode = strings.ToUpper(strings.TrimSpace(ev.PCode))
	if c.PCode == "" && len(ev.PCodes) > 0 {
		c.PCode = strings.ToUpper(strings.TrimSpace(ev.PCodes[0]))
	}
	if (ev.Lat == nil) != (ev.Lon == nil) {
		return c, domain.FieldError(field("lat"), "give both lat and lon, or neither")
	}
	if ev.Lat != nil {
		if *ev.Lat < -90 || *ev.Lat > 90 {
			return c, domain.FieldError(field("lat"), "%v is not a latitude", *ev.Lat)
		}
		if *ev.Lon < -180 || *ev.Lon > 180 {
			return c, domain.FieldError(field("lon"), "%v is not a longitude", *ev.Lon)
		}
		lat, lon := *ev.Lat, *ev.Lon
		c.Lat, c.Lon = &lat, &lon
	}
	if c.PlaceName == "" && c.PCode == "" && c.Lat == nil {
		return c, domain.FieldError(field("place"), "an event needs a place, a pcode or a point")
	}

	for j, a := range ev.Actors {
		name := strings.TrimSpace(a.Name)
		if name == "" {
			return c, domain.FieldError(field(fmt.Sprintf("actors[%d]", j)), "actor name is empty")
		}
		switch a.Role {
		case "", domain.ActorAttacker, domain.ActorTarget, domain.ActorVictim, domain.ActorOther:
		default:
			return c, domain.FieldError(field(fmt.Sprintf("actors[%d].role", j)), "%q is not a role (attacker, target, victim, other)", a.Role)
		}
		c.Actors = append(c.Actors, domain.ClaimActor{Name: name, Role: a.Role})
	}

	figs := []struct {
		kind domain.FigureKind
		v    *int64
		name string
	}{{domain.Killed, ev.KilledMin, "killed_min"}, {domain.Injured, ev.InjuredMin, "injured_min"},
		{domain.Displaced, ev.Displaced, "displaced"}, {domain.Arrested, ev.Arrested, "arrested"}, {domain.HandedOver, ev.HandedOver, "handed_over"}}
	for _, f := range figs {
		if f.v == nil {
			continue
		}
		if *f.v < 0 || *f.v > maxFigure {
			return c, domain.FieldError(field(f.name), "%d is not a plausible count", *f.v)
		}
		c.Figures = append(c.Figures, domain.Figure{Kind: f.kind, Min: *f.v, Qualifier: domain.QualAtLeast, Cumulative: ev.Cumulative})
	}
	for j, f := range ev.Figures {
		if !f.Kind.Valid() {
			return c, domain.FieldError(field(fmt.Sprintf("figures[%d].kind", j)), "%q is not a figure kind", f.Kind)
		}
		if f.Min < 0 || f.Min > maxFigure {
			return c, domain.FieldError(field(fmt.Sprintf("figures[%d].min", j)), "%d is not a plausible count", f.Min)
		}
		if _, dup := c.Figure(f.Kind); dup {
			return c, domain.FieldError(field(fmt.Sprintf("figures[%d].kind", j)), "%s is given twice", f.Kind)
		}
		if f.Qualifier == "" {
			f.Qualifier = domain.QualAtLeast
		}
		c.Figures = append(c.Figures, f)
	}
	if ev.Control != nil && strings.TrimSpace(ev.Control.Actor) == "" {
		return c, domain.FieldError(field("control.actor"), "a control change needs the actor who took the place")
	}
	if ev.Access != nil {
		switch ev.Access.Status {
		case domain.AccessClosed, domain.AccessRestricted, domain.AccessOpen:
		default:
			return c, domain.FieldError(field("access.status"), "%q is not closed, restricted or open", ev.Access.Status)
		}
	}
	c.Cumulative = ev.Cumulative
	for _, f := range c.Figures {
		c.Cumulative = c.Cumulative || f.Cumulative
	}
	if ev.Site != nil {
		if strings.TrimSpace(ev.Site.Name) == "" {
			return c, domain.FieldError(field("site.name"), "a site needs its name")
		}
		if !ev.Site.Kind.Valid() {
			return c, domain.FieldError(field("site.kind"), "%q is not a site kind (%s)", ev.Site.Kind, joinStrings(domain.SiteKinds))
		}
		site := *ev.Site
		site.Name = strings.TrimSpace(site.Name)
		c.Site = &site
	}
	c.Control, c.Access = ev.Control, ev.Access
	c.Summary = strings.TrimSpace(ev.Summary)
	c.Extractor = "structured"
	c.Confidence = 1
	return c, nil
}

func joinStrings[T ~string](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = string(x)
	}
	return strings.Join(parts, ", ")
}
