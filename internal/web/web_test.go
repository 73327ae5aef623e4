package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sitroom/internal/auth"
	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/pseudonym"
	"sitroom/internal/review"
	"sitroom/internal/sqlite"
	"sitroom/internal/sqlstore"
)

// node is a dashboard over a real SQLite store with a few events: one
// verified (published), one new, and a verified displacement.
type node struct {
	t      *testing.T
	store  *sqlstore.Store
	srv    *httptest.Server
	clock  *clock.Manual
	tokens map[domain.Role]string
	ev     map[string]string // name → event id
	web    *Server
}

func newNode(t *testing.T, cfg Config) *node {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clk := clock.NewManual(time.Date(2024, 2, 1, 3, 0, 0, 0, time.UTC))
	idg := ids.NewULID(clk, nil)
	keyer, err := pseudonym.New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	in := &intake.Service{Store: store, Clock: clk, IDs: idg, Keyer: keyer}
	in.Corroborator = corroborate.NewEngine(store, clk, idg, corroborate.Config{Log: log})
	api := httpapi.New(store, in, clk, log, httpapi.Config{})
	api.Review = &review.Service{Store: store, Clock: clk, IDs: idg, Geocoder: in.Geocoder}
	w, err := New(Deps{Store: store, API: api, Intake: in, Review: api.Review, Clock: clk, Log: log, Key: []byte("node secret for tests")}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	w.Mount(api)
	n := &node{t: t, store: store, clock: clk, tokens: map[domain.Role]string{}, ev: map[string]string{}, web: w}
	n.srv = httptest.NewServer(api)
	t.Cleanup(n.srv.Close)
	for _, role := range domain.Roles {
		secret, _, err := auth.Issuer{Store: store, Clock: clk, IDs: idg}.Issue(ctx, "test "+string(role), role, 0)
		if err != nil {
			t.Fatal(err)
		}
		n.tokens[role] = secret
	}
	lat, lon := 23.69, 98.75
	items := []intake.Item{
		{Channel: domain.ChannelAPI, Contact: "+95 9 000 0001", Input: intake.Input{ID: "a", Date: "2024-01-05", Source: "Desk A",
			Text: "Clash at the bridge, four killed", Events: []intake.EventInput{{Type: "battle", SubType: "armed_clash", Place: "Bridge town",
				PCode: "MMR015017", Lat: &lat, Lon: &lon, DateStart: "2024-01-05", KilledMin: ptr(int64(4))}}}},
		{Channel: domain.ChannelAPI, Contact: "+95 9 000 0002", Input: intake.Input{ID: "b", Date: "2024-01-06", Source: "Desk B",
			Text: "Unconfirmed shelling of the market", Events: []intake.EventInput{{Type: "explosion_remote_violence", SubType: "shelling_artillery_missile_attack",
				Place: "Market ward", PCode: "MMR015001", DateStart: "2024-01-06", InjuredMin: ptr(int64(2))}}}},
		{Channel: domain.ChannelAPI, Contact: "+95 9 000 0003", Input: intake.Input{ID: "c", Date: "2024-01-07", Source: "Desk C",
			Text: "Families arrived at the camp", Events: []intake.EventInput{{Type: "strategic_development", Kind: "displacement",
				Place: "Camp 3", PCode: "MMR015022", Lat: &lat, Lon: &lon, DateStart: "2024-01-07", Displaced: ptr(int64(300))}}}},
	}
	res, err := in.Submit(ctx, domain.System, items)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"verified", "new", "camp"} {
		if res[i].Status != intake.StatusCreated || len(res[i].Events) != 1 {
			t.Fatalf("seed %s: %+v", name, res[i])
		}
		n.ev[name] = res[i].Events[0]
	}
	for _, name := range []string{"verified", "camp"} {
		if _, err := api.Review.Apply(ctx, domain.Principal{Name: "seed", Role: domain.RoleReviewer}, n.ev[name], 0,
			review.Edit{Status: domain.StatusVerified, Reason: "seed"}); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

func ptr[T any](v T) *T { return &v }

// client is a browser without JavaScript: it keeps cookies and does not
// follow redirects, so tests see each answer.
type client struct {
	n   *node
	hc  *http.Client
	hdr http.Header
}

func (n *node) client() *client {
	jar := newJar()
	return &client{n: n, hdr: http.Header{}, hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *client) do(method, path string, form url.Values, hdr http.Header) (*http.Response, string) {
	c.n.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.n.srv.URL+path, body)
	if err != nil {
		c.n.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range c.hdr {
		req.Header[k] = v
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.n.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) { return c.do("GET", path, nil, nil) }

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in page")
	}
	return m[1]
}

// login signs in through the form, as a browser without scripts would.
func (c *client) login(role domain.Role) {
	t := c.n.t
	t.Helper()
	_, page := c.get("/login")
	resp, body := c.do("POST", "/login", url.Values{"csrf": {csrfOf(t, page)}, "token": {c.n.tokens[role]}, "next": {"/events"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events" {
		t.Fatalf("login as %s: %d %s", role, resp.StatusCode, body)
	}
}

// csrf reads the token from a page the client may see.
func (c *client) csrf(path string) string {
	_, page := c.get(path)
	return csrfOf(c.n.t, page)
}
