package reprocess

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/intake"
	"sitroom/internal/pseudonym"
	"sitroom/internal/review"
	"sitroom/internal/sqlite"
)

// rules is a toy extractor: each line "TYPE PCODE KILLED" of a text is a
// claim; version says which rules made it.
type rules struct{ version string }

func (x rules) Extract(d intake.Document) []domain.Claim {
	var out []domain.Claim
	for _, line := range strings.Split(d.Text, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || !strings.HasPrefix(f[1], "MMR") {
			continue
		}
		st := domain.SubEventType(f[0])
		c := domain.Claim{Type: st.Type(), SubType: st, Location: domain.Location{PlaceName: f[1], PCode: f[1], GeoLevel: domain.LevelTownship, Adm1: f[1][:6], Adm3: f[1]},
			DateStart: d.Date, DateEnd: d.Date, TimePrecision: domain.TimeDay, Extractor: x.version, Summary: line}
		if len(f) > 2 && x.version != "v1" {
			c.Figures = []domain.Figure{{Kind: domain.Killed, Min: int64(len(f[2]))}}
		}
		out = append(out, c)
	}
	return out
}

func TestReprocessKeepsReviewersWork(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "re.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	clk := clock.NewManual(time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC))
	idg := ids.NewULID(clk, nil)
	keyer, _ := pseudonym.New([]byte(strings.Repeat("k", 32)))
	engine := corroborate.NewEngine(store, clk, idg, corroborate.Config{})
	svc := &intake.Service{Store: store, Clock: clk, IDs: idg, Keyer: keyer, Extractor: rules{"v1"}, Corroborator: engine}
	res, err := svc.Submit(ctx, domain.System, []intake.Item{
		{Input: intake.Input{Text: "air_drone_strike MMR015010 xxx\narmed_clash MMR015022", Date: "2023-11-21", Source: "A"}},
		{Input: intake.Input{Text: "armed_clash MMR015011", Date: "2023-11-21", Source: "B"}},
		{Input: intake.Input{Text: "nothing to see", Date: "2023-11-21", Source: "C"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	strikeEvent := res[0].Events[0]
	clashEvent := res[0].Events[1]
	// A reviewer verifies the strike.
	rv := &review.Service{Store: store, Clock: clk, IDs: idg}
	if _, err := rv.Apply(ctx, domain.Principal{Name: "rev", Role: domain.RoleReviewer}, strikeEvent, 1, review.Edit{Status: domain.StatusVerified, Reason: "seen"}); err != nil {
		t.Fatal(err)
	}

	// The extractor changes: now it reads figures, and the clash line of the
	// first report is no longer a claim.
	runner := &Runner{Store: store, Clock: clk, IDs: idg, Version: "v2", Settler: engine,
		Extractor: dropLine{rules{"v2"}, "armed_clash MMR015022"}}
	sum, err := runner.Run(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	// The first report changes; the second re-extracts to the claim it has;
	// the third still says nothing codable.
	if sum.Reports != 3 || sum.Reextracted != 1 || sum.Unchanged != 2 || sum.Kept != 1 || sum.ClaimsBefore != 2 || sum.ClaimsAfter != 1 {
		t.Errorf("summary %+v", sum)
	}
	strike, _ := store.GetEvent(ctx, strikeEvent)
	k, _ := strike.Figure(domain.Killed)
	if strike.Status != domain.StatusVerified || strike.ClaimCount != 1 || k.Min != 3 || !strike.Claims[0].Pinned || strike.Claims[0].Extractor != "v2" {
		t.Errorf("verified strike after re-extraction: %+v", strike)
	}
	clash, _ := store.GetEvent(ctx, clashEvent)
	if clash.MergedInto != domain.Dissolved {
		t.Errorf("event of a withdrawn claim: merged_into %q", clash.MergedInto)
	}
	h, _ := store.History(ctx, "event", strikeEvent)
	if h[len(h)-1].Action != "event.reextracted" {
		t.Errorf("history %+v", h)
	}
	// A second run finds the changed report current and changes nothing.
	again, err := runner.Run(ctx, false)
	if err != nil || again.Current != 1 || again.Reextracted != 0 {
		t.Errorf("second run %+v %v", again, err)
	}
}

type dropLine struct {
	rules
	drop string
}

func (d dropLine) Extract(doc intake.Document) []domain.Claim {
	doc.Text = strings.ReplaceAll(doc.Text, d.drop, "")
	return d.rules.Extract(doc)
}
