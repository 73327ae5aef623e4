// Package export writes the picture out in the formats other tools read:
// an ACLED-compatible CSV, an HXL-tagged CSV, GeoJSON and an Atom feed of
// newly verified events. Every writer streams: events arrive page by page
// from the store and each is written as it comes, so an export of a
// million events never sits in memory. Every writer also respects its
// reader: the public gets no reporter identity, no report text, and
// sensitive sites (IDP sites) only at township level (see Redact).
package export

import (
	"context"
	"sort"
	"strings"

	"sitroom/internal/domain"
)

// Store is what an export reads: events page by page, and the claims
// behind them for the names of their sources.
type Store interface {
	ListEvents(ctx context.Context, f domain.EventFilter) (domain.Page[domain.Event], error)
	ClaimsOfEvents(ctx context.Context, eventIDs []string) ([]domain.Claim, error)
}

// Audience is who reads an export.
type Audience struct {
	// Public readers (no role) get redacted events: see Redact.
	Public bool
	// BaseURL is where the node's dashboard is reached
	// ("https://sitroom.example.org"), for links to event pages; empty
	// writes links relative to the site root.
	BaseURL string
}

// EventURL is the dashboard page of an event.
func (a Audience) EventURL(id string) string {
	return strings.TrimRight(a.BaseURL, "/") + "/events/" + id
}

// Item is one event as exported, with the names of its sources.
type Item struct {
	Event domain.Event
	// Sources are the display names of the sources of the event's claims
	// (an outlet, an agency, or the channel an individual used), sorted.
	Sources []string
}

// Each streams the events a filter matches to fn, page by page (at most
// domain.MaxPageSize at a time, with their claims' sources), in the
// store's order (latest period first), redacted for the audience. The
// filter's Limit and Cursor are ignored: Each reads everything.
func Each(ctx context.Context, s Store, f domain.EventFilter, places domain.Gazetteer, aud Audience, fn func(Item) error) error {
	f.Limit, f.Cursor = domain.MaxPageSize, ""
	for {
		page, err := s.ListEvents(ctx, f)
		if err != nil {
			return err
		}
		ids := make([]string, len(page.Items))
		for i, e := range page.Items {
			ids[i] = e.ID
		}
		sources := map[string]map[string]bool{}
		if len(ids) > 0 {
			claims, err := s.ClaimsOfEvents(ctx, ids)
			if err != nil {
				return err
			}
			for _, c := range claims {
				if sources[c.EventID] == nil {
					sources[c.EventID] = map[string]bool{}
				}
				sources[c.EventID][SourceName(c.Source)] = true
			}
		}
		for _, e := range page.Items {
			it := Item{Event: Redact(e, aud.Public, places), Sources: domain.SortedKeys(sources[e.ID])}
			// Sources named only in figures (claims since moved) still count.
			for _, f := range e.Figures {
				for _, fs := range f.Sources {
					if n := SourceName(fs.Source); n != "" && !contains(it.Sources, n) {
						it.Sources = append(it.Sources, n)
					}
				}
			}
			sort.Strings(it.Sources)
			if err := fn(it); err != nil {
				return err
			}
		}
		if page.NextCursor == "" {
			return nil
		}
		f.Cursor = page.NextCursor
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// channelNames are how a source that is only a channel (an individual's
// report) is named in outputs: by the way it came, never by the person.
var channelNames = map[string]string{
	string(domain.ChannelSMS):      "local monitor (SMS)",
	string(domain.ChannelTelegram): "Telegram message",
	string(domain.ChannelWeb):      "web report",
	string(domain.ChannelAPI):      "API report",
	string(domain.ChannelCLI):      "local report",
	string(domain.ChannelImport):   "imported data",
	string(domain.ChannelFeed):     "news feed",
	string(domain.ChannelSync):     "partner node",
}

// SourceName is the display name of a claim's source: the outlet's name,
// or a description of the channel for an individual's report.
func SourceName(s string) string {
	s = strings.TrimSpace(s)
	if n, ok := channelNames[s]; ok {
		return n
	}
	return s
}

// placeName returns the gazetteer's name for a P-code ("" when unknown).
func placeName(places domain.Gazetteer, pcode string) string {
	if places == nil || pcode == "" {
		return ""
	}
	p, err := places.Place(pcode)
	if err != nil {
		return ""
	}
	return p.Name
}

// Point returns an event's point: its own, else the gazetteer's point of
// its place or, failing that, of its township.
func Point(e *domain.Event, places domain.Gazetteer) (lat, lon float64, ok bool) {
	if e.Lat != nil && e.Lon != nil {
		return *e.Lat, *e.Lon, true
	}
	if places == nil {
		return 0, 0, false
	}
	for _, pc := range []string{e.PCode, e.Adm3} {
		if pc == "" {
			continue
		}
		if p, err := places.Place(pc); err == nil && p.HasPoint {
			return p.Lat, p.Lon, true
		}
	}
	return 0, 0, false
}
