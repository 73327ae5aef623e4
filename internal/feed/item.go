package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
)

// Origin is what an item needs to know about the feed it came from.
type Origin struct {
	FeedID string
	// Source is the publication to record: the feed's configured source,
	// else its title.
	Source string
	// Base resolves relative item links: the feed's site link, else the
	// feed's own URL.
	Base *url.URL
}

// Entry is one feed item made ready for intake: the report to submit and
// the keys the item is known under (its GUID within the feed and its
// normalised URL), which de-duplicate it across polls.
type Entry struct {
	Input intake.Input
	Keys  []string
}

// maxClientID matches intake's limit on a client id.
const maxClientID = 200

// ItemEntry turns a parsed feed item into a report: text is the title and
// the plain text of its content (or description), date the published
// (else updated) day in Myanmar time — never after the fetch, else the
// fetch day — client id the GUID, else the normalised link.
func ItemEntry(o Origin, it *gofeed.Item, fetched time.Time) (Entry, error) {
	var e Entry
	if it == nil {
		return e, domain.Errorf(domain.CodeMalformed, "empty feed item")
	}
	title := PlainText(it.Title)
	body := PlainText(it.Content)
	if desc := PlainText(it.Description); len(desc) > len(body) {
		body = desc
	}
	text := title
	if body != "" && body != title {
		if text != "" {
			text += "\n\n"
		}
		text += body
	}
	if strings.TrimSpace(text) == "" {
		return e, domain.Errorf(domain.CodeInvalid, "feed item %q has neither a title nor any text", firstNonEmpty(it.GUID, it.Link))
	}
	text = truncateUTF8(text, intake.MaxTextBytes)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}

	in := intake.Input{Text: text, Source: truncateUTF8(o.Source, 200), Channel: string(domain.ChannelFeed),
		Meta: map[string]string{"feed_id": o.FeedID}}
	guid := strings.TrimSpace(it.GUID)
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	var norm string
	if link != "" {
		if n, err := NormalizeURL(link, o.Base); err == nil {
			norm = n
			in.SourceURL = n
			if u, err := url.Parse(link); err == nil && u.IsAbs() {
				in.SourceURL = link // as published, when it stands on its own
			}
		}
	}
	if guid != "" {
		in.Meta["guid"] = truncateUTF8(guid, 1000)
		e.Keys = append(e.Keys, "guid:"+o.FeedID+":"+hashIfLong(guid, 400))
	}
	if norm != "" {
		e.Keys = append(e.Keys, "url:"+hashIfLong(norm, 1000))
	}
	switch {
	case guid != "":
		in.ID = hashIfLong(guid, maxClientID)
	case norm != "":
		in.ID = hashIfLong(norm, maxClientID)
	default:
		sum := sha256.Sum256([]byte(text))
		in.ID = "sha256:" + hex.EncodeToString(sum[:])
		e.Keys = append(e.Keys, "text:"+o.FeedID+":"+in.ID)
	}

	today := domain.DateOf(fetched.In(domain.Myanmar))
	in.Date, in.Meta["date_from"] = string(today), "fetched"
	for _, c := range []struct {
		t    *time.Time
		from string
	}{{it.PublishedParsed, "published"}, {it.UpdatedParsed, "updated"}} {
		if c.t == nil || c.t.IsZero() {
			continue
		}
		d := domain.DateOf(c.t.In(domain.Myanmar))
		if d > today || d < domain.MinDate {
			break // a future or absurd date: the fetch day is the better guess
		}
		in.Date, in.Meta["date_from"] = string(d), c.from
		break
	}
	e.Input = in
	return e, nil
}

// hashIfLong keeps s when it fits in max bytes, else replaces it with its
// SHA-256, which is as unique and always fits.
func hashIfLong(s string, max int) string {
	if len(s) <= max {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
