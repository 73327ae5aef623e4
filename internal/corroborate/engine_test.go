package corroborate_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/sqlite"
	"sitroom/internal/sqlstore"
)

func f64(v float64) *float64 { return &v }

// testActors is a small actor dictionary: the alliance stands for its
// members.
func testActors(name string) []string {
	switch name {
	case "Three Brotherhood Alliance":
		return []string{"Three Brotherhood Alliance", "MNDAA", "TNLA", "AA"}
	case "MNDAA", "TNLA", "AA", "Myanmar military", "KIA", "PDF":
		return []string{name}
	}
	return nil
}

// places used by the scenarios: a township, its town, two of its village
// tracts, a neighbouring township and the state.
var (
	laukkaingTsp  = domain.Location{PlaceName: "Laukkaing", PCode: "MMR015017", GeoLevel: domain.LevelTownship, GeoPrecision: 2, Adm1: "MMR015", Adm2: "MMR015S002", Adm3: "MMR015017", Lat: f64(23.69), Lon: f64(98.75)}
	laukkaingTown = domain.Location{PlaceName: "Laukkaing town", PCode: "MMR015017701", GeoLevel: domain.LevelTown, GeoPrecision: 1, Adm1: "MMR015", Adm2: "MMR015S002", Adm3: "MMR015017", Lat: f64(23.69), Lon: f64(98.75)}
	vtA           = domain.Location{PlaceName: "Tract A", PCode: "MMR015017001", GeoLevel: domain.LevelVillageTract, GeoPrecision: 2, Adm1: "MMR015", Adm2: "MMR015S002", Adm3: "MMR015017", Lat: f64(23.69), Lon: f64(98.75)}
	vtB           = domain.Location{PlaceName: "Tract B", PCode: "MMR015017002", GeoLevel: domain.LevelVillageTract, GeoPrecision: 2, Adm1: "MMR015", Adm2: "MMR015S002", Adm3: "MMR015017", Lat: f64(23.69), Lon: f64(98.75)}
	kunlong       = domain.Location{PlaceName: "Kunlong", PCode: "MMR015018", GeoLevel: domain.LevelTownship, GeoPrecision: 2, Adm1: "MMR015", Adm2: "MMR015D002", Adm3: "MMR015018", Lat: f64(23.42), Lon: f64(98.65)}
	northernShan  = domain.Location{PlaceName: "northern Shan", PCode: "MMR015", GeoLevel: domain.LevelState, GeoPrecision: 3, Adm1: "MMR015"}
)

// claim is a scenario claim: report, source, type, place, day, actors,
// killed (-1 for none) and a summary.
type claim struct {
	report, source string
	typ            domain.SubEventType
	loc            domain.Location
	start, end     domain.Date
	actors         []string
	killed         int64
	summary        string
	cumulative     bool
}

type harness struct {
	t      *testing.T
	store  *sqlstore.Store
	engine *corroborate.Engine
	clock  *clock.Manual
	ids    domain.IDs
	n      int
	claims map[string]string // scenario label → claim id
}

func newHarness(t *testing.T, path string) *harness {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "c.db")
	}
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	clk := clock.NewManual(time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC))
	idg := ids.NewULID(clk, nil)
	h := &harness{t: t, store: store, clock: clk, ids: idg, claims: map[string]string{}}
	h.engine = corroborate.NewEngine(store, clk, idg, corroborate.Config{WindowDays: 30, Actors: testActors})
	return h
}

// add stores claims (one report per distinct report label) and settles.
func (h *harness) add(labels []string, cs ...claim) {
	h.t.Helper()
	byReport := map[string]*domain.Submission{}
	var order []string
	for i, c := range cs {
		sub, ok := byReport[c.report]
		if !ok {
			h.n++
			rid := h.ids.NewID()
			sub = &domain.Submission{Report: domain.Report{ID: rid, Channel: domain.ChannelAPI, Source: c.source,
				ReceivedAt: h.clock.Now(), Date: c.end, Text: fmt.Sprintf("report %s", c.report), ContentHash: rid, Coding: domain.CodingStructured}}
			byReport[c.report] = sub
			order = append(order, c.report)
		}
		cl := domain.Claim{ID: h.ids.NewID(), ReportID: sub.Report.ID, Seq: len(sub.Claims), Type: c.typ.Type(), SubType: c.typ,
			Location: c.loc, DateStart: c.start, DateEnd: c.end, TimePrecision: domain.TimeDay, Summary: c.summary,
			Source: c.source, SourceKey: "source:" + strings.ToLower(c.source), Extractor: "test", CreatedAt: h.clock.Now(), Cumulative: c.cumulative}
		if c.end == "" {
			cl.DateEnd = c.start
		}
		for j, a := range c.actors {
			role := domain.ActorTarget
			if j == 0 {
				role = domain.ActorAttacker
			}
			cl.Actors = append(cl.Actors, domain.ClaimActor{Name: a, Role: role})
		}
		if c.killed >= 0 {
			cl.Figures = []domain.Figure{{Kind: domain.Killed, Min: c.killed, Qualifier: domain.QualAtLeast, Cumulative: c.cumulative}}
		}
		sub.Claims = append(sub.Claims, cl)
		h.claims[labels[i]] = cl.ID
	}
	var subs []domain.Submission
	for _, r := range order {
		subs = append(subs, *byReport[r])
	}
	if _, err := h.store.SaveReports(context.Background(), subs); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.engine.Settle(context.Background()); err != nil {
		h.t.Fatal(err)
	}
}

// eventOf returns the event a labelled claim belongs to.
func (h *harness) eventOf(label string) string {
	h.t.Helper()
	var ev string
	err := h.store.DB().QueryRow(`SELECT COALESCE(event_id, '') FROM claims WHERE id = ?`, h.claims[label]).Scan(&ev)
	if err != nil {
		h.t.Fatal(err)
	}
	if ev == "" {
		h.t.Fatalf("claim %s has no event", label)
	}
	return ev
}

// partition returns the groups of labels sharing an event, sorted.
func (h *harness) partition() string {
	groups := map[string][]string{}
	for label := range h.claims {
		ev := h.eventOf(label)
		groups[ev] = append(groups[ev], label)
	}
	var out []string
	for _, g := range groups {
		sort.Strings(g)
		out = append(out, strings.Join(g, "+"))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func day(d string) domain.Date { return domain.Date("2023-11-" + d) }

func TestClusteringScenarios(t *testing.T) {
	mil := "Myanmar military"
	cases := []struct {
		name   string
		labels []string
		claims []claim
		want   string
	}{
		{"one incident from three outlets is one event",
			[]string{"ocha", "media", "sms"},
			[]claim{
				{"r1", "UN OCHA", domain.ShellingArtilleryMissileAttack, laukkaingTown, day("12"), "", []string{mil}, 9, "Artillery shells hit Laukkaing town, killing at least nine civilians", false},
				{"r2", "Local media", domain.ShellingArtilleryMissileAttack, laukkaingTsp, day("12"), "", []string{mil}, 12, "Twelve killed as shells land in Laukkaing", false},
				{"r3", "Field monitor", domain.ShellingArtilleryMissileAttack, laukkaingTown, day("13"), "", nil, -1, "shelling in laukkaing yesterday many dead", false},
			}, "media+ocha+sms"},
		{"an air strike and a clash in one town on one day stay apart",
			[]string{"strike", "clash"},
			[]claim{
				{"r1", "Local media", domain.AirDroneStrike, laukkaingTown, day("12"), "", []string{mil}, 3, "Jets bombed the market", false},
				{"r2", "Local media B", domain.ArmedClash, laukkaingTown, day("12"), "", []string{"MNDAA", mil}, -1, "Ground fighting near the town", false},
			}, "clash strike"},
		{"strikes on two village tracts of one township stay apart",
			[]string{"a", "b"},
			[]claim{
				{"r1", "Local media", domain.AirDroneStrike, vtA, day("20"), "", []string{mil}, 2, "Air strike on Tract A", false},
				{"r2", "Other media", domain.AirDroneStrike, vtB, day("20"), "", []string{mil}, 2, "Air strike on Tract B", false},
			}, "a b"},
		{"the same place days apart stays apart",
			[]string{"d20", "d23"},
			[]claim{
				{"r1", "Local media", domain.AirDroneStrike, laukkaingTown, day("20"), "", []string{mil}, 1, "Air strike", false},
				{"r2", "Other media", domain.AirDroneStrike, laukkaingTown, day("23"), "", []string{mil}, 1, "Air strike", false},
			}, "d20 d23"},
		{"neighbouring townships stay apart",
			[]string{"lk", "kl"},
			[]claim{
				{"r1", "Local media", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{"MNDAA", mil}, -1, "Clashes", false},
				{"r2", "Other media", domain.ArmedClash, kunlong, day("12"), "", []string{"MNDAA", mil}, -1, "Clashes", false},
			}, "kl lk"},
		{"claims of one report are different happenings",
			[]string{"x", "y"},
			[]claim{
				{"r1", "Local media", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{"MNDAA", mil}, -1, "Clashes in the north", false},
				{"r1", "Local media", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{"MNDAA", mil}, -1, "Clashes in the south", false},
			}, "x y"},
		{"a running total stays apart from the incidents it holds",
			[]string{"total", "incident"},
			[]claim{
				{"r1", "UN OCHA", domain.ArmedClash, northernShan, "2023-10-27", day("16"), []string{"Three Brotherhood Alliance", mil}, 40, "Since 27 October at least 40 killed", true},
				{"r2", "Local media", domain.ArmedClash, northernShan, day("12"), "", []string{"Three Brotherhood Alliance", mil}, 5, "Fighting", false},
			}, "incident total"},
		{"rival attackers are two happenings",
			[]string{"tnla", "army"},
			[]claim{
				{"r1", "Local media", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{"TNLA", mil}, -1, "TNLA attacked", false},
				{"r2", "Other media", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{mil, "TNLA"}, -1, "The army attacked", false},
			}, "army tnla"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, "")
			h.add(tc.labels, tc.claims...)
			if got := h.partition(); got != tc.want {
				t.Errorf("events %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFiguresAndStatus(t *testing.T) {
	h := newHarness(t, "")
	mil := "Myanmar military"
	h.add([]string{"a", "b"},
		claim{"r1", "UN OCHA", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{"MNDAA", mil}, 300, "Fighting in Laukkaing", false},
		claim{"r2", "Local media", domain.ArmedClash, laukkaingTsp, day("12"), "", []string{"MNDAA", mil}, 500, "Fighting in Laukkaing", false},
	)
	ev, err := h.store.GetEvent(context.Background(), h.eventOf("a"))
	if err != nil {
		t.Fatal(err)
	}
	k, _ := ev.Figure(domain.Killed)
	if k.Min != 300 || !k.Disputed || ev.Status != domain.StatusDisputed || len(ev.Disputes) != 1 || ev.SourceCount != 2 {
		t.Errorf("event %+v figure %+v", ev, k)
	}
}

// TestDeterministic: the same claims in the same order give the same
// events on two nodes.
func TestDeterministic(t *testing.T) {
	run := func() string {
		h := newHarness(t, "")
		mil := "Myanmar military"
		var labels []string
		var cs []claim
		for i := 0; i < 40; i++ {
			loc := []domain.Location{laukkaingTsp, laukkaingTown, kunlong}[i%3]
			typ := []domain.SubEventType{domain.ArmedClash, domain.AirDroneStrike}[i%2]
			labels = append(labels, fmt.Sprintf("c%02d", i))
			cs = append(cs, claim{fmt.Sprintf("r%d", i), fmt.Sprintf("source %d", i%4), typ, loc,
				day(fmt.Sprintf("%02d", 10+i%5)), "", []string{"MNDAA", mil}, int64(i % 7), "text", false})
		}
		h.add(labels, cs...)
		return h.partition()
	}
	if a, b := run(), run(); a != b {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
}

// TestRestartAndLateClaims: a new engine (a restart) finds events in the
// store, including ones older than its window.
func TestRestartAndLateClaims(t *testing.T) {
	path := filepath.Join(t.TempDir(), "restart.db")
	mil := "Myanmar military"
	h := newHarness(t, path)
	h.add([]string{"old", "new"},
		claim{"r1", "UN OCHA", domain.AirDroneStrike, laukkaingTown, "2023-10-01", "", []string{mil}, 4, "Air strike", false},
		claim{"r2", "UN OCHA", domain.AirDroneStrike, laukkaingTown, "2023-12-20", "", []string{mil}, 1, "Air strike", false},
	)
	h2 := newHarness(t, path)
	h2.claims = h.claims
	h2.n = h.n
	h2.add([]string{"late"}, claim{"r3", "Local media", domain.AirDroneStrike, laukkaingTsp, "2023-10-01", "", []string{mil}, 4, "Air strike on the town", false})
	if h2.eventOf("late") != h2.eventOf("old") {
		t.Errorf("late claim did not join its event after a restart: %s", h2.partition())
	}
	if s := h2.engine.Stats(); s.Loaded == 0 {
		t.Errorf("engine loaded nothing from the store: %+v", s)
	}
}

// TestFollowsReviewerChanges: an event changed outside the engine (a
// reviewer's merge) is reloaded, not overwritten.
func TestFollowsReviewerChanges(t *testing.T) {
	h := newHarness(t, "")
	mil := "Myanmar military"
	h.add([]string{"a"}, claim{"r1", "UN OCHA", domain.AirDroneStrike, laukkaingTown, day("12"), "", []string{mil}, 4, "Air strike", false})
	ctx := context.Background()
	id := h.eventOf("a")
	ev, _ := h.store.GetEvent(ctx, id)
	ev.Claims = nil
	ev.StatusBy, ev.Status = "reviewer", domain.StatusVerified
	ev.Version++
	if _, err := h.store.ApplyEventChanges(ctx, domain.EventChanges{Update: []domain.EventUpdate{{Event: ev, PrevVersion: ev.Version - 1}}}); err != nil {
		t.Fatal(err)
	}
	h.add([]string{"b"}, claim{"r2", "Local media", domain.AirDroneStrike, laukkaingTown, day("12"), "", []string{mil}, 4, "Air strike", false})
	if h.eventOf("b") != id {
		t.Fatalf("second claim went elsewhere: %s", h.partition())
	}
	got, _ := h.store.GetEvent(ctx, id)
	if got.Status != domain.StatusVerified || got.StatusBy != "reviewer" || got.ClaimCount != 2 || got.Version != ev.Version+1 {
		t.Errorf("reviewer's status lost or version wrong: %+v", got)
	}
}

// TestReclusterKeepsReviewersWork: re-clustering gives unreviewed claims
// the same events again and leaves a reviewer's merge alone.
func TestReclusterKeepsReviewersWork(t *testing.T) {
	h := newHarness(t, "")
	mil := "Myanmar military"
	h.add([]string{"a1", "a2", "b", "c"},
		claim{"r1", "UN OCHA", domain.AirDroneStrike, laukkaingTown, day("12"), "", []string{mil}, 4, "Air strike", false},
		claim{"r2", "Local media", domain.AirDroneStrike, laukkaingTown, day("12"), "", []string{mil}, 4, "Air strike on the town", false},
		claim{"r3", "Local media", domain.ArmedClash, kunlong, day("12"), "", []string{"MNDAA", mil}, -1, "Clash", false},
		claim{"r4", "Local media", domain.AirDroneStrike, kunlong, day("12"), "", []string{mil}, 1, "Strike", false},
	)
	before := h.partition()
	ctx := context.Background()
	// A reviewer decides the Kunlong clash and strike were one happening.
	b, c := h.eventOf("b"), h.eventOf("c")
	eb, _ := h.store.GetEvent(ctx, b)
	ec, _ := h.store.GetEvent(ctx, c)
	claims := append(eb.Claims, ec.Claims...)
	var ch domain.EventChanges
	for _, cl := range claims {
		ch.Assign = append(ch.Assign, domain.ClaimAssignment{ClaimID: cl.ID, EventID: b, Pinned: true})
	}
	eb.Claims = nil
	corroborate.Derive(&eb, claims)
	eb.Version++
	ch.Update = []domain.EventUpdate{{Event: eb, PrevVersion: eb.Version - 1}}
	ch.Retire = []domain.EventRetire{{ID: c, MergedInto: b, PrevVersion: ec.Version}}
	if _, err := h.store.ApplyEventChanges(ctx, ch); err != nil {
		t.Fatal(err)
	}
	merged := h.partition()
	n, err := h.engine.Recluster(ctx, h.store)
	if err != nil || n != 2 {
		t.Fatalf("Recluster = %d, %v; want the 2 unpinned claims", n, err)
	}
	if got := h.partition(); got != merged {
		t.Errorf("after re-clustering %q, want %q (before the merge: %q)", got, merged, before)
	}
	if h.eventOf("b") != b || h.eventOf("c") != b {
		t.Errorf("the reviewer's merge was undone")
	}
}
