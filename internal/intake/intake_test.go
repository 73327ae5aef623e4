package intake

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/clock"
	"sitroom/internal/corroborate"
	"sitroom/internal/domain"
	"sitroom/internal/ids"
	"sitroom/internal/pseudonym"
	"sitroom/internal/sqlite"
	"sitroom/internal/zawgyi"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name, body string
		lenient    bool
		n          int
		batch      bool
		code       domain.Code
		field      string
	}{
		{"object", `{"text":"a"}`, false, 1, false, "", ""},
		{"array", `[{"text":"a"},{"text":"b"}]`, false, 2, true, "", ""},
		{"wrapped", `{"reports":[{"text":"a"}]}`, false, 1, true, "", ""},
		{"actor as string or object", `{"text":"a","events":[{"type":"battle","actors":["AA",{"name":"TNLA","role":"attacker"}]}]}`, false, 1, false, "", ""},
		{"unknown field strict", `{"text":"a","gold":1}`, false, 0, false, domain.CodeMalformed, "gold"},
		{"unknown field lenient", `{"text":"a","gold":1}`, true, 1, false, "", ""},
		{"unknown actor field", `{"text":"a","events":[{"type":"battle","actors":[{"name":"AA","rank":1}]}]}`, false, 0, false, domain.CodeMalformed, "rank"},
		{"trailing data", `{"text":"a"} {"text":"b"}`, false, 0, false, domain.CodeMalformed, ""},
		{"scalar", `"hello"`, false, 0, false, domain.CodeMalformed, ""},
		{"empty", `   `, false, 0, false, domain.CodeMalformed, ""},
		{"bad utf8", "{\"text\":\"\xc3\x28\"}", false, 0, false, domain.CodeMalformed, ""},
		{"type error names field", `{"text":"a","events":[{"type":"battle","killed_min":"nine"}]}`, false, 0, false, domain.CodeMalformed, "events.killed_min"},
		{"truncated", `{"text":"a"`, false, 0, false, domain.CodeMalformed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			items, batch, err := Decode([]byte(tc.body), DecodeOptions{Lenient: tc.lenient})
			if tc.code != "" {
				if domain.ErrorCode(err) != tc.code || domain.ErrorField(err) != tc.field {
					t.Fatalf("err = %v (code %s field %q), want %s %q", err, domain.ErrorCode(err), domain.ErrorField(err), tc.code, tc.field)
				}
				return
			}
			if err != nil || len(items) != tc.n || batch != tc.batch {
				t.Fatalf("got %d items batch=%v err=%v", len(items), batch, err)
			}
		})
	}
}

func TestSplitText(t *testing.T) {
	got := SplitText("first line\nstill first\r\n\r\n\n  \nsecond\n\n")
	want := []string{"first line\nstill first", "second"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("SplitText = %q, want %q", got, want)
	}
	if len(SplitText(" \n\n ")) != 0 {
		t.Error("blank input gave reports")
	}
}

func i64(v int64) *int64 { return &v }

func TestClaimFromInput(t *testing.T) {
	cases := []struct {
		name  string
		in    EventInput
		field string
		check func(t *testing.T, c domain.Claim)
	}{
		{"defaults from the report date", EventInput{Type: "battle", Place: "Lashio"}, "", func(t *testing.T, c domain.Claim) {
			if c.DateStart != "2023-11-16" || c.DateEnd != "2023-11-16" || c.TimePrecision != domain.TimeDay || c.SubType != domain.ArmedClash {
				t.Errorf("claim = %+v", c)
			}
		}},
		{"codebook names accepted", EventInput{Type: "Explosions/Remote violence", SubType: "Air/drone strike", Place: "Namhkam"}, "", func(t *testing.T, c domain.Claim) {
			if c.Type != domain.ExplosionRemoteViolence || c.SubType != domain.AirDroneStrike {
				t.Errorf("type %s/%s", c.Type, c.SubType)
			}
		}},
		{"kind sets sub-type", EventInput{Type: "strategic_development", Kind: "scam_compound_raid", Place: "Laukkaing"}, "", func(t *testing.T, c domain.Claim) {
			if c.SubType != domain.Arrests {
				t.Errorf("sub-type %s", c.SubType)
			}
		}},
		{"a week is week precision", EventInput{Type: "battle", Place: "x", DateStart: "2023-11-09", DateEnd: "2023-11-16"}, "", func(t *testing.T, c domain.Claim) {
			if c.TimePrecision != domain.TimeWeek {
				t.Errorf("precision %d", c.TimePrecision)
			}
		}},
		{"a month is month precision", EventInput{Type: "battle", Place: "x", DateStart: "2023-10-27", DateEnd: "2023-11-30"}, "", func(t *testing.T, c domain.Claim) {
			if c.TimePrecision != domain.TimeMonth {
				t.Errorf("precision %d", c.TimePrecision)
			}
		}},
		{"figures are lower bounds", EventInput{Type: "battle", Place: "x", KilledMin: i64(9), Displaced: i64(23000), Cumulative: true}, "", func(t *testing.T, c domain.Claim) {
			k, _ := c.Figure(domain.Killed)
			d, _ := c.Figure(domain.Displaced)
			if k.Min != 9 || d.Min != 23000 || !d.Cumulative || k.Qualifier != domain.QualAtLeast {
				t.Errorf("figures %+v", c.Figures)
			}
		}},
		{"kind on a battle", EventInput{Type: "battle", Kind: "displacement", Place: "x"}, "events[0].kind", nil},
		{"unknown kind", EventInput{Type: "strategic_development", Kind: "flood", Place: "x"}, "events[0].kind", nil},
		{"no place", EventInput{Type: "battle"}, "events[0].place", nil},
		{"lat without lon", EventInput{Type: "battle", Lat: new(float64)}, "events[0].lat", nil},
		{"bad role", EventInput{Type: "battle", Place: "x", Actors: []ActorInput{{Name: "AA", Role: "hero"}}}, "events[0].actors[0].role", nil},
		{"empty actor", EventInput{Type: "battle", Place: "x", Actors: []ActorInput{{Name: " "}}}, "events[0].actors[0]", nil},
		{"huge figure", EventInput{Type: "battle", Place: "x", Displaced: i64(1e12)}, "events[0].displaced", nil},
		{"figure twice", EventInput{Type: "battle", Place: "x", KilledMin: i64(1), Figures: []domain.Figure{{Kind: domain.Killed, Min: 2}}}, "events[0].figures[0].kind", nil},
		{"control without actor", EventInput{Type: "battle", Place: "x", Control: &domain.ControlChange{}}, "events[0].control.actor", nil},
		{"bad access status", EventInput{Type: "strategic_development", Kind: "access_road", Place: "x", Access: &domain.Access{Status: "jammed"}}, "events[0].access.status", nil},
		{"bad precision", EventInput{Type: "battle", Place: "x", TimePrecision: 7}, "events[0].time_precision", nil},
		{"a site", EventInput{Type: "strategic_development", Kind: "displacement", Place: "Namhkan", Site: &domain.Site{Name: " Mansi camp ", Kind: domain.SiteIDP}}, "", func(t *testing.T, c domain.Claim) {
			if c.Site == nil || c.Site.Name != "Mansi camp" || c.Site.Kind != domain.SiteIDP {
				t.Errorf("site %+v", c.Site)
			}
		}},
		{"a site without a name", EventInput{Type: "battle", Place: "x", Site: &domain.Site{Kind: domain.SiteMilitaryBase}}, "events[0].site.name", nil},
		{"an unknown site kind", EventInput{Type: "battle", Place: "x", Site: &domain.Site{Name: "x", Kind: "castle"}}, "events[0].site.kind", nil},
		{"bad date", EventInput{Type: "battle", Place: "x", DateStart: "16/11/2023"}, "events[0].date_start", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := claimFromInput(0, &tc.in, "2023-11-16")
			if tc.field != "" {
				if !domain.IsCode(err, domain.CodeInvalid) || domain.ErrorField(err) != tc.field {
					t.Fatalf("err = %v (field %q), want invalid %q", err, domain.ErrorField(err), tc.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}

// fakePlaces knows two P-codes.
type fakePlaces struct{}

func (fakePlaces) Place(pcode string) (domain.Place, error) {
	switch pcode {
	case "MMR015":
		return domain.Place{PCode: "MMR015", Level: domain.LevelState, Name: "Shan (North)", Lat: 22.9, Lon: 97.8, HasPoint: true}, nil
	case "MMR015001":
		return domain.Place{PCode: "MMR015001", Level: domain.LevelTownship, Name: "Lashio", Adm1: "MMR015", Adm2: "MMR015D001", Lat: 22.93, Lon: 97.75, HasPoint: true}, nil
	}
	return domain.Place{}, domain.NotFound("place", pcode)
}

type staticExtractor struct{ claims []domain.Claim }

func (x staticExtractor) Extract(doc Document) []domain.Claim {
	out := append([]domain.Claim(nil), x.claims...)
	for i := range out {
		out[i].Summary = doc.Text[:5]
	}
	return out
}

func newService(t *testing.T) (*Service, domain.Store) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	keyer, _ := pseudonym.New([]byte(strings.Repeat("k", 32)))
	clk := clock.NewManual(time.Date(2023, 11, 16, 3, 0, 0, 0, time.UTC))
	idg := ids.NewSequence("id")
	svc := &Service{Store: store, Clock: clk, IDs: idg, Keyer: keyer,
		Corroborator: corroborate.NewEngine(store, clk, idg, corroborate.Config{})}
	svc.Geocoder.Gazetteer = fakePlaces{}
	return svc, store
}

func TestSubmitPipeline(t *testing.T) {
	ctx := context.Background()
	svc, store := newService(t)
	var seen []string
	svc.Observe = func(ch domain.Channel, status string) { seen = append(seen, string(ch)+":"+status) }
	svc.Extractor = staticExtractor{claims: []domain.Claim{{Type: domain.ExplosionRemoteViolence, SubType: domain.AirDroneStrike,
		Location: domain.Location{PlaceName: "Lashio", PCode: "MMR015001"}, DateStart: "2023-11-15", DateEnd: "2023-11-15", Extractor: "test/1"}}}
	items := []Item{
		{Input: Input{ID: "s1", Text: "Structured", Source: "OCHA", Events: []EventInput{{Type: "battle", PCode: "MMR015001", KilledMin: i64(3)}}}, Channel: domain.ChannelAPI},
		{Input: Input{Text: "Free text about Lashio"}, Channel: domain.ChannelSMS, Contact: "+95 9 111 222 333"},
		{Input: Input{Text: "Broken", Events: []EventInput{{Type: "nonsense"}}}, Channel: domain.ChannelSMS, Contact: "+959111222333", KeepInvalid: true},
		{Input: Input{Text: "Broken", Events: []EventInput{{Type: "nonsense"}}}, Channel: domain.ChannelAPI},
	}
	res, err := svc.Submit(ctx, domain.Principal{Name: "tester", TokenID: "T1", Role: domain.RoleReporter}, items)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != StatusCreated || res[0].Coding != domain.CodingStructured || res[0].Claims != 1 {
		t.Errorf("structured: %+v", res[0])
	}
	if res[1].Status != StatusCreated || res[1].Coding != domain.CodingExtracted || res[1].Claims != 1 {
		t.Errorf("free text: %+v", res[1])
	}
	if res[2].Status != StatusCreated || res[2].Coding != domain.CodingReview || res[2].Claims != 0 {
		t.Errorf("kept invalid: %+v", res[2])
	}
	if res[3].Status != StatusError || !domain.IsCode(res[3].Err, domain.CodeInvalid) {
		t.Errorf("refused invalid: %+v", res[3])
	}
	if strings.Join(seen, ",") != "api:created,sms:created,sms:created,api:error" {
		t.Errorf("observed %v", seen)
	}

	r0, _ := store.GetReport(ctx, res[0].ID)
	r1, _ := store.GetReport(ctx, res[1].ID)
	r2, _ := store.GetReport(ctx, res[2].ID)
	if r0.ReporterID == "" || r0.ReporterID == r1.ReporterID {
		t.Errorf("token reporter pseudonym %q vs sms %q", r0.ReporterID, r1.ReporterID)
	}
	if r1.ReporterID != r2.ReporterID || strings.Contains(r1.ReporterID, "111") {
		t.Errorf("one phone, two spellings: %q vs %q", r1.ReporterID, r2.ReporterID)
	}
	if r1.Date != "2023-11-16" || r1.Channel != domain.ChannelSMS {
		t.Errorf("defaults: %+v", r1)
	}
	if len(r2.Flags) != 1 || !strings.HasPrefix(r2.Flags[0], "invalid: events[0].type") {
		t.Errorf("kept report flags %v", r2.Flags)
	}
	var payload struct{ Events []EventInput }
	if err := json.Unmarshal(r0.Payload, &payload); err != nil || len(payload.Events) != 1 {
		t.Errorf("payload %s: %v", r0.Payload, err)
	}
	ev, err := store.GetEvent(ctx, res[0].Events[0])
	if err != nil {
		t.Fatal(err)
	}
	if ev.Adm1 != "MMR015" || ev.Adm3 != "MMR015001" || ev.GeoPrecision != 2 || ev.Lat == nil || ev.Title != "Armed clash — Lashio" {
		t.Errorf("geocoded event %+v", ev)
	}
	if ev.Claims[0].Source != "OCHA" {
		t.Errorf("claim source %q", ev.Claims[0].Source)
	}
	hist, err := store.History(ctx, "event", ev.ID)
	if err != nil || len(hist) != 1 || hist[0].Actor != "system" || hist[0].Action != "event.create" || !strings.Contains(hist[0].Reason, ev.Claims[0].ID) {
		t.Errorf("history %+v %v", hist, err)
	}
	ev1, _ := store.GetEvent(ctx, res[1].Events[0])
	if ev1.Claims[0].Summary != "Free " || ev1.Claims[0].Source != "sms" || ev1.PCode != "MMR015001" {
		t.Errorf("extracted event %+v", ev1)
	}
}

type failingStore struct{ domain.Store }

func (failingStore) SaveReports(context.Context, []domain.Submission) ([]domain.SaveResult, error) {
	return nil, errors.New("disk full")
}

func TestSubmitStoreFailureAcknowledgesNothing(t *testing.T) {
	svc, store := newService(t)
	svc.Store = failingStore{store}
	res, err := svc.Submit(context.Background(), domain.System, []Item{{Input: Input{Text: "x"}}})
	if err == nil || res != nil {
		t.Fatalf("Submit on a failing store = %+v, %v; want an error and no results", res, err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, `[{"text":"a","events":[{"type":"battle","actors":["x",{"name":"y"}]}]}]`,
		`{"reports":[]}`, `{"text":"\u1000"}`, "{\"text\":\"\xff\"}", `[`, `{"events":[{"killed_min":1e99}]}`} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, body []byte, lenient bool) {
		items, _, err := Decode(body, DecodeOptions{Lenient: lenient})
		if err != nil {
			if c := domain.ErrorCode(err); c != domain.CodeMalformed {
				t.Fatalf("decode error with code %s: %v", c, err)
			}
			return
		}
		for i := range items {
			// Validation must never panic on anything that decodes.
			checkInput(&items[i], "2023-11-16", domain.ChannelAPI)
			for j := range items[i].Events {
				claimFromInput(j, &items[i].Events[j], "2023-11-16")
			}
		}
	})
}

func FuzzSplitText(f *testing.F) {
	f.Add("a\n\nb")
	f.Add("\r\n\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, block := range SplitText(s) {
			if strings.TrimSpace(block) == "" || strings.Contains(block, "\n\n") {
				t.Fatalf("bad block %q", block)
			}
		}
	})
}

func TestSubmitConvertsZawgyiKeepingTheOriginal(t *testing.T) {
	ctx := context.Background()
	svc, store := newService(t)
	unicode := "လားရှိုးမြို့နယ်တွင် တိုက်ပွဲဖြစ်ပွားပြီး ဒေသခံများ ထွက်ပြေးနေကြသည်။ လမ်းများ ပိတ်ထားသည်။"
	zg := zawgyi.ToZawgyi(unicode)
	if zg == unicode {
		t.Fatal("fixture did not change under U2Z")
	}
	res, err := svc.Submit(ctx, domain.System, []Item{{Input: Input{Text: zg, Source: "Telegram"}}})
	if err != nil || res[0].Status != StatusCreated {
		t.Fatalf("%+v %v", res, err)
	}
	r, _ := store.GetReport(ctx, res[0].ID)
	if r.Text != zg || r.NormalText != unicode || r.Encoding != domain.EncodingZawgyi || r.ZawgyiProb <= 0.95 || r.Language != "my" {
		t.Errorf("report: text kept %v, normal %q, encoding %s, p %.3f, lang %q", r.Text == zg, r.NormalText, r.Encoding, r.ZawgyiProb, r.Language)
	}
	// The same message sent again in Unicode is the same report.
	res, _ = svc.Submit(ctx, domain.System, []Item{{Input: Input{Text: unicode, Source: "Telegram"}}})
	if res[0].Status != StatusDuplicate {
		t.Errorf("Unicode re-send of a Zawgyi report: %s", res[0].Status)
	}
}

type panickyExtractor struct{}

func (panickyExtractor) Extract(Document) []domain.Claim { panic("bug") }

func TestExtractorPanicKeepsTheReport(t *testing.T) {
	svc, store := newService(t)
	svc.Extractor = panickyExtractor{}
	res, err := svc.Submit(context.Background(), domain.System, []Item{{Input: Input{Text: "a message that trips a bug"}}})
	if err != nil || res[0].Status != StatusCreated || res[0].Coding != domain.CodingReview {
		t.Fatalf("%+v %v", res, err)
	}
	r, _ := store.GetReport(context.Background(), res[0].ID)
	if !hasFlag(r.Flags, "extractor_failed") || r.Text != "a message that trips a bug" {
		t.Errorf("kept report %+v", r)
	}
}
