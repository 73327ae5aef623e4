package export

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// Atom 1.0 (RFC 4287): a feed of newly verified events, newest
// verification first. An entry's published time is when a reviewer
// verified the event (from the audit trail), its updated time the event's
// last change; its id is a tag URI that does not depend on the host name
// the node is reached by, so a reader never sees an entry twice.

// AuditReader reads an event's audit trail, for verification times.
type AuditReader interface {
	History(ctx context.Context, entityType, id string) ([]domain.AuditEntry, error)
}

// VerifiedAt returns when an event was last made verified: the latest
// review in its audit trail that moved it to verified from another
// status, else its last change.
func VerifiedAt(ctx context.Context, a AuditReader, e *domain.Event) (time.Time, error) {
	if a != nil {
		hist, err := a.History(ctx, "event", e.ID)
		if err != nil {
			return time.Time{}, err
		}
		for i := len(hist) - 1; i >= 0; i-- {
			var d struct {
				Before struct{ Status domain.Status } `json:"before"`
				After  struct{ Status domain.Status } `json:"after"`
			}
			if json.Unmarshal(hist[i].Detail, &d) == nil && d.After.Status == domain.StatusVerified && d.Before.Status != domain.StatusVerified {
				return hist[i].At, nil
			}
		}
	}
	return e.UpdatedAt, nil
}

// AtomEntryID is an event's entry id: a tag URI (RFC 4151).
func AtomEntryID(eventID string) string { return "tag:sitroom,2023:event/" + eventID }

// Verified is an event with the time it was verified.
type Verified struct {
	Item
	VerifiedAt time.Time
}

// NewlyVerified returns the limit most recently verified events the
// filter matches (its statuses are replaced by verified), newest first.
// The events are read page by page and held only as candidates: the
// audit trail is read newest change first and no further than the
// verification times can still reach the list.
func NewlyVerified(ctx context.Context, s Store, a AuditReader, f domain.EventFilter, places domain.Gazetteer, aud Audience, limit int) ([]Verified, error) {
	if limit <= 0 {
		limit = domain.DefaultPageSize
	}
	f.Statuses = []domain.Status{domain.StatusVerified}
	var cands []Item
	err := Each(ctx, s, f, places, aud, func(it Item) error {
		cands = append(cands, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A verification is never later than the event's last change, so
	// once the list is full no event changed before its oldest entry's
	// verification can enter it.
	sort.SliceStable(cands, func(i, j int) bool {
		if !cands[i].Event.UpdatedAt.Equal(cands[j].Event.UpdatedAt) {
			return cands[i].Event.UpdatedAt.After(cands[j].Event.UpdatedAt)
		}
		return cands[i].Event.ID > cands[j].Event.ID
	})
	var out []Verified
	newer := func(x, y Verified) bool {
		if !x.VerifiedAt.Equal(y.VerifiedAt) {
			return x.VerifiedAt.After(y.VerifiedAt)
		}
		return x.Event.ID > y.Event.ID
	}
	for _, it := range cands {
		if len(out) == limit && it.Event.UpdatedAt.Before(out[limit-1].VerifiedAt) {
			break
		}
		at, err := VerifiedAt(ctx, a, &it.Event)
		if err != nil {
			return nil, err
		}
		v := Verified{Item: it, VerifiedAt: at}
		i := sort.Search(len(out), func(i int) bool { return newer(v, out[i]) })
		if i >= limit {
			continue
		}
		out = append(out, Verified{})
		copy(out[i+1:], out[i:])
		out[i] = v
		if len(out) > limit {
			out = out[:limit]
		}
	}
	return out, nil
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Point      string         `xml:"georss:point,omitempty"`
}

type atomFeed struct {
	XMLName   xml.Name    `xml:"feed"`
	NS        string      `xml:"xmlns,attr"`
	GeoRSS    string      `xml:"xmlns:georss,attr"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Subtitle  atomText    `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Links     []atomLink  `xml:"link"`
	Entries   []atomEntry `xml:"entry"`
}

// AtomFeed describes the feed around the entries.
type AtomFeed struct {
	// Area is the P-code the feed covers ("" for every area) and AreaName
	// its name.
	Area, AreaName string
	// SelfURL is the feed's own URL (as requested).
	SelfURL string
	// Now is the feed's updated time when it has no entries.
	Now time.Time
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// WriteAtom writes the feed.
func WriteAtom(w io.Writer, feed AtomFeed, entries []Verified, places domain.Gazetteer, aud Audience) error {
	area := feed.Area
	if area == "" {
		area = "MMR"
	}
	name := feed.AreaName
	if name == "" {
		name = area
	}
	base := strings.TrimRight(aud.BaseURL, "/")
	f := atomFeed{NS: "http://www.w3.org/2005/Atom", GeoRSS: "http://www.georss.org/georss",
		ID:        "tag:sitroom,2023:feed/verified/" + area,
		Title:     atomText{Type: "text", Body: "sitroom: newly verified events — " + name},
		Subtitle:  atomText{Type: "text", Body: "Events a reviewer verified, newest first. Figures are lower bounds with their sources."},
		Author:    atomPerson{Name: "sitroom"},
		Generator: "sitroom",
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: feed.SelfURL},
			{Rel: "alternate", Type: "text/html", Href: base + "/events?status=verified" + areaQuery(feed.Area)}},
	}
	updated := feed.Now
	for i, v := range entries {
		e := v.Event
		up := e.UpdatedAt
		if up.Before(v.VerifiedAt) {
			up = v.VerifiedAt
		}
		if i == 0 || up.After(updated) {
			updated = up
		}
		en := atomEntry{ID: AtomEntryID(e.ID),
			Title:     atomText{Type: "text", Body: fmt.Sprintf("%s: %s", e.DateStart, e.Title)},
			Updated:   atomTime(up),
			Published: atomTime(v.VerifiedAt),
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: aud.EventURL(e.ID)},
				{Rel: "related", Type: "application/json", Href: base + "/api/v1/events/" + e.ID}},
			Categories: []atomCategory{{Term: string(e.Type), Label: e.Type.Name()}},
			Summary:    atomText{Type: "text", Body: Notes(v.Item) + " Verified " + atomTime(v.VerifiedAt) + "."},
		}
		if e.Kind != "" {
			en.Categories = append(en.Categories, atomCategory{Term: string(e.Kind)})
		}
		if lat, lon, ok := Point(&e, places); ok {
			en.Point = fmt.Sprintf("%.5f %.5f", lat, lon)
		}
		f.Entries = append(f.Entries, en)
	}
	f.Updated = atomTime(updated)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func areaQuery(area string) string {
	if area == "" {
		return ""
	}
	return "&pcode=" + area
}
