package feed_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sitroom/internal/domain"
	"sitroom/internal/feed"
	"sitroom/internal/golden"
	"sitroom/internal/intake"
)

// fetchedAt is when the fixtures are "fetched": 20 November 2023, morning
// in Myanmar.
var fetchedAt = time.Date(2023, 11, 20, 2, 0, 0, 0, time.UTC)

func TestNormalizeURL(t *testing.T) {
	base, _ := url.Parse("https://news.example.org/section/")
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "HTTPS://News.Example.ORG/a/b?utm_source=rss&utm_medium=feed", want: "https://news.example.org/a/b"},
		{in: "https://news.example.org/a/b#comments", want: "https://news.example.org/a/b"},
		{in: "https://news.example.org:443/a", want: "https://news.example.org/a"},
		{in: "http://news.example.org:80/a", want: "http://news.example.org/a"},
		{in: "http://news.example.org:8080/a", want: "http://news.example.org:8080/a"},
		{in: "https://news.example.org", want: "https://news.example.org/"},
		{in: "https://news.example.org/a?id=7&fbclid=x&b=2&a=1", want: "https://news.example.org/a?a=1&b=2&id=7"},
		{in: "https://news.example.org/A/Case", want: "https://news.example.org/A/Case"}, // paths are case-sensitive
		{in: "https://user:pw@news.example.org/a", want: "https://news.example.org/a"},
		{in: "story.html?UTM_Campaign=x", want: "https://news.example.org/section/story.html"},
		{in: "/top", want: "https://news.example.org/top"},
		{in: "https://news.example.org./a", want: "https://news.example.org/a"},
		{in: "https://[2001:DB8::1]:443/a", want: "https://[2001:db8::1]/a"},
		{in: "mailto:editor@example.org", bad: true},
		{in: "ftp://example.org/file", bad: true},
		{in: "", bad: true},
		{in: "https://", bad: true},
	}
	for _, tc := range tests {
		got, err := feed.NormalizeURL(tc.in, base)
		if tc.bad {
			if err == nil {
				t.Errorf("NormalizeURL(%q) = %q, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"  spaced \n\t out  ", "spaced out"},
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"line<br>break<br/>again", "line\nbreak\nagain"},
		{"<ul><li>a</li><li>b</li></ul>after", "a\nb\n\nafter"},
		{"Tom &amp; Jerry &lt;3 &#8212; &quot;q&quot; &nbsp;x", `Tom & Jerry <3 — "q" x`},
		{"<script>alert(1)</script>kept<style>p{}</style>", "kept"},
		{"<b>bold</b> and <i>it</i>alic", "bold and italic"},
		{`<img src="a.png" alt="a burnt house"> caption`, "a burnt house caption"},
		{"a < b and c > d", "a < b and c > d"},
		{"<p>unclosed <b>tags", "unclosed tags"},
		{"<iframe>inside</iframe>outside", "outside"},
		{"", ""},
		{"<p></p><div>  </div>", ""},
	}
	for _, tc := range tests {
		if got := feed.PlainText(tc.in); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// entriesOf parses a fixture and turns its items into entries, as a poll
// of a feed with id "F1" would.
func entriesOf(t testing.TB, body []byte, source string) ([]feed.Entry, []string) {
	parsed, err := feed.Parse(body)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	o := feed.Origin{FeedID: "F1", Source: source}
	if o.Source == "" {
		o.Source = parsed.Title
	}
	o.Base, _ = url.Parse(parsed.Link)
	var out []feed.Entry
	var errs []string
	for _, it := range parsed.Items {
		e, err := feed.ItemEntry(o, it, fetchedAt)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		out = append(out, e)
	}
	return out, errs
}

// TestItemEntriesGolden turns each fixture's items into reports and
// compares them with the golden files (go test -update rewrites them).
func TestItemEntriesGolden(t *testing.T) {
	for _, name := range []string{"rss2.xml", "atom.xml", "feed.json", "html_heavy.xml"} {
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			source := ""
			if name == "atom.xml" {
				source = "Lashio Weekly (configured)"
			}
			entries, errs := entriesOf(t, body, source)
			if len(errs) > 0 {
				t.Fatalf("items refused: %v", errs)
			}
			got, _ := json.MarshalIndent(entries, "", "  ")
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(name, filepath.Ext(name))+".golden.json"), got)
		})
	}
}

// TestItemRules checks the rules the goldens rest on, one by one.
func TestItemRules(t *testing.T) {
	body, _ := os.ReadFile("testdata/rss2.xml")
	entries, _ := entriesOf(t, body, "")
	byID := map[string]feed.Entry{}
	for _, e := range entries {
		byID[e.Input.ID] = e
	}
	first := byID["sbm-2023-1101"]
	if first.Input.Source != "Shan Border Monitor" {
		t.Errorf("source = %q, want the feed title when none is configured", first.Input.Source)
	}
	if first.Input.Date != "2023-11-02" {
		// 20:15 UTC on 1 November is 02:45 on 2 November in Myanmar.
		t.Errorf("date = %q, want 2023-11-02 (Myanmar time)", first.Input.Date)
	}
	if !strings.Contains(first.Input.Text, "closed to traffic for a second day & that shops") {
		t.Errorf("entity not decoded: %q", first.Input.Text)
	}
	wantKeys := []string{"guid:F1:sbm-2023-1101", "url:https://monitor.example.org/2023/11/hsenwi-road"}
	if strings.Join(first.Keys, " ") != strings.Join(wantKeys, " ") {
		t.Errorf("keys = %v, want %v", first.Keys, wantKeys)
	}
	relative := byID["sbm-2023-1102"]
	if relative.Input.SourceURL != "https://monitor.example.org/2023/11/monastery-shelter" {
		t.Errorf("relative link resolved to %q", relative.Input.SourceURL)
	}
	noGUID := byID["https://monitor.example.org/2023/11/kutkai-telecom"]
	if noGUID.Input.Text == "" {
		t.Errorf("an item without a GUID takes its normalised URL as client id; ids: %v", keysOf(byID))
	}
	future := byID["sbm-typo"]
	if future.Input.Date != "2023-11-20" || future.Input.Meta["date_from"] != "fetched" {
		t.Errorf("a future date became %q (%s), want the fetch day", future.Input.Date, future.Input.Meta["date_from"])
	}
}

func keysOf(m map[string]feed.Entry) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestHTMLHeavyItem(t *testing.T) {
	body, _ := os.ReadFile("testdata/html_heavy.xml")
	entries, _ := entriesOf(t, body, "")
	if len(entries) != 1 {
		t.Fatalf("%d entries", len(entries))
	}
	text := entries[0].Input.Text
	for _, bad := range []string{"<", "trackReader", "color: red", "Enable JavaScript", "fallback", "&amp;", "&nbsp;"} {
		if strings.Contains(strings.ReplaceAll(text, "<unconfirmed>", ""), bad) {
			t.Errorf("text keeps %q:\n%s", bad, text)
		}
	}
	for _, good := range []string{"Shelling hits Namhsan outskirts", "What residents saw", "Schools closed\nThe market shut early",
		"she said — families walked to the next village…", "A damaged roof", "3 injured & 1 missing; <unconfirmed>."} {
		if !strings.Contains(text, good) {
			t.Errorf("text lacks %q:\n%s", good, text)
		}
	}
	if entries[0].Input.Source != "Hills & Valleys Press" {
		t.Errorf("source = %q", entries[0].Input.Source)
	}
}

func TestBrokenFeeds(t *testing.T) {
	broken, _ := os.ReadFile("testdata/broken.xml")
	for name, body := range map[string][]byte{
		"truncated XML": broken,
		"HTML page":     []byte("<!doctype html><html><body><h1>Not found</h1></body></html>"),
		"empty":         nil,
		"binary":        {0x00, 0xff, 0xfe, 0x01, 0x02},
		"JSON not feed": []byte(`{"hello": "world"}`),
	} {
		if _, err := feed.Parse(body); !domain.IsCode(err, domain.CodeMalformed) {
			t.Errorf("%s: err = %v, want malformed", name, err)
		}
	}
}

// FuzzItemEntry feeds arbitrary bytes through the feed parser and every
// item through ItemEntry: nothing panics, and every entry is a report
// intake would take.
func FuzzItemEntry(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "feed.json", "html_heavy.xml", "broken.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss><channel><item><title>&lt;p&gt;x</title><pubDate>Sat, 01 Jan 0001 00:00:00 GMT</pubDate></item></channel></rss>`))
	today := domain.DateOf(fetchedAt.In(domain.Myanmar))
	f.Fuzz(func(t *testing.T, body []byte) {
		parsed, err := feed.Parse(body)
		if err != nil {
			if !domain.IsCode(err, domain.CodeMalformed) {
				t.Fatalf("error without the malformed code: %v", err)
			}
			return
		}
		for _, it := range parsed.Items {
			e, err := feed.ItemEntry(feed.Origin{FeedID: "F", Source: "S"}, it, fetchedAt)
			if err != nil {
				continue
			}
			in := e.Input
			switch {
			case strings.TrimSpace(in.Text) == "":
				t.Fatalf("empty text from %+v", it)
			case len(in.Text) > intake.MaxTextBytes || !utf8.ValidString(in.Text):
				t.Fatalf("text not fit for intake (%d bytes)", len(in.Text))
			case in.ID == "" || len(in.ID) > 200:
				t.Fatalf("client id %q", in.ID)
			case domain.Date(in.Date) > today || domain.Date(in.Date) < domain.MinDate:
				t.Fatalf("date %q outside [%s, %s]", in.Date, domain.MinDate, today)
			case len(e.Keys) == 0:
				t.Fatalf("no keys")
			}
		}
	})
}

// FuzzPlainText checks that any input becomes valid, trimmed text with no
// markup left from well-formed tags.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "a &amp; b", "<script>x</script>y", "<<>>", "&#xZZ;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := feed.PlainText(s)
		if got != strings.TrimSpace(got) {
			t.Fatalf("untrimmed result %q", got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from valid input")
		}
	})
}
