package gazetteer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer/gazdata"
	"sitroom/internal/golden"
	"sitroom/internal/zawgyi"
)

// TestReproducible rebuilds the embedded artefact from the committed
// sources into a temporary folder and checks it is byte for byte the one
// embedded: `go generate` is reproducible and nobody forgot to run it.
func TestReproducible(t *testing.T) {
	d, err := gazdata.Build(os.DirFS("data/source"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "gazetteer.bin.gz")
	var buf bytes.Buffer
	if err := gazdata.Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, embedded) {
		t.Fatalf("regenerated gazetteer (%d bytes) differs from the embedded one (%d bytes): run go generate ./internal/gazetteer", len(got), len(embedded))
	}
}

func TestRoundTrip(t *testing.T) {
	d, err := gazdata.Decode(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gazdata.Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embedded) {
		t.Fatal("decode then encode does not give the same bytes")
	}
	if _, err := gazdata.Decode(bytes.NewReader(embedded[:len(embedded)/2])); err == nil {
		t.Fatal("a truncated file decoded without error")
	}
}

func TestLevelCounts(t *testing.T) {
	g := Default()
	want := map[domain.GeoLevel]int{
		domain.LevelCountry: 1, domain.LevelState: 18, domain.LevelDistrict: 84, domain.LevelTownship: 355,
		domain.LevelTown: 536, domain.LevelVillageTract: 14047, domain.LevelWard: 3524,
	}
	for l, n := range want {
		if got := len(g.Features(l)); got != n {
			t.Errorf("%s: %d places, want %d", l, got, n)
		}
	}
	for _, f := range g.Features("") {
		if f.Level != domain.LevelCountry && f.Parent == "" {
			t.Errorf("%s has no parent", f.PCode)
		}
		if f.Level.Rank() >= domain.LevelTownship.Rank() && f.Adm3 == "" {
			t.Errorf("%s (%s) has no township", f.PCode, f.Level)
		}
		if strings.ContainsRune(f.NameMy, '\u200b') {
			t.Errorf("%s: Burmese name keeps a zero-width space", f.PCode)
		}
	}
}

func TestPlace(t *testing.T) {
	g := Default()
	tests := []struct {
		code, want string
		level      domain.GeoLevel
		adm3       string
		point      string
	}{
		{"MMR015022701", "MMR015022701", domain.LevelTown, "MMR015022", "own"},
		{"mmr015022701 ", "MMR015022701", domain.LevelTown, "MMR015022", "own"},
		{"MMR015022", "MMR015022", domain.LevelTownship, "MMR015022", "township_seat_town"},
		{"MMR015D005", "MMR015S002", domain.LevelDistrict, "", "mean_of_township_seats"}, // Kokang SAZ, older code
		{"MMR015D221", "MMR015S002", domain.LevelDistrict, "", "mean_of_township_seats"},
		{"MMR015203", "MMR015022", domain.LevelTownship, "MMR015022", "township_seat_town"},
		{"MMR015", "MMR015", domain.LevelState, "", "mean_of_township_seats"},
		{"MMR", "MMR", domain.LevelCountry, "", "mean_of_township_seats"},
		{"MMR015011020", "MMR015011020", domain.LevelVillageTract, "MMR015011", "township_seat_of_parent"},
		{"MMR015001701501", "MMR015001701501", domain.LevelWard, "MMR015001", "town_of_parent"},
	}
	for _, tt := range tests {
		p, err := g.Place(tt.code)
		if err != nil {
			t.Errorf("Place(%q): %v", tt.code, err)
			continue
		}
		if p.PCode != tt.want || p.Level != tt.level || p.Adm3 != tt.adm3 || !p.HasPoint || p.Lat == 0 {
			t.Errorf("Place(%q) = %+v, want %s %s in %s with a point", tt.code, p, tt.want, tt.level, tt.adm3)
		}
		if got := g.PointKind(tt.code); got != tt.point {
			t.Errorf("PointKind(%q) = %q, want %q", tt.code, got, tt.point)
		}
	}
	for _, code := range []string{"", "MMR999", "MMR015999999", "Lashio"} {
		if _, err := g.Place(code); !domain.IsCode(err, domain.CodeNotFound) {
			t.Errorf("Place(%q) error = %v, want not_found", code, err)
		}
	}
}

func TestHierarchy(t *testing.T) {
	g := Default()
	kids, err := g.Children("MMR015022")
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) < 3 || kids[0].PCode != "MMR015022701" && kids[0].PCode != "MMR015022702" {
		t.Errorf("Children(Laukkaing) starts %+v, want its towns first", kids[:min(3, len(kids))])
	}
	var levels []domain.GeoLevel
	for _, k := range kids {
		levels = append(levels, k.Level)
	}
	if levels[len(levels)-1] != domain.LevelVillageTract {
		t.Errorf("Children(Laukkaing) levels %v: want village tracts after towns", levels)
	}
	ps, err := g.Parents("MMR015009704501")
	if err != nil {
		t.Fatal(err)
	}
	var chain []string
	for _, p := range ps {
		chain = append(chain, p.PCode)
	}
	if got, want := strings.Join(chain, ">"), "MMR015009704>MMR015009>MMR015D002>MMR015>MMR"; got != want {
		t.Errorf("Parents(ward) = %s, want %s", got, want)
	}
	states, _ := g.Children("MMR")
	if len(states) != 18 {
		t.Errorf("country has %d children, want 18", len(states))
	}
	if _, err := g.Children("nope"); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("Children(nope) = %v", err)
	}
}

func TestAliases(t *testing.T) {
	g := Default()
	as, err := g.Aliases("MMR015022702")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Alias{}
	for _, a := range as {
		byName[a.Name] = a
	}
	if a := byName["Chin Shwe Haw"]; a.Kind != "news_spelling" || a.Ref == "" || a.Confidence < 0.9 {
		t.Errorf("Chin Shwe Haw alias = %+v", a)
	}
	if a := byName["清水河"]; a.Kind != "exonym_zh_unverified" || a.Confidence > 0.5 || a.Script != "Hani" {
		t.Errorf("unverified exonym = %+v, want a low confidence", a)
	}
	if a := byName["ချင်းရွှေဟော်"]; a.Script != "Mymr" {
		t.Errorf("Burmese name = %+v", a)
	}
	// names with alternates in parentheses give each name
	as, _ = g.Aliases("MMR015009704")
	names := map[string]bool{}
	for _, a := range as {
		names[a.Name] = true
	}
	for _, n := range []string{"Pang Hseng", "Kyu Koke", "ပန်ဆိုင်း", "ကြူကုတ်", "Kyukok", "Pansai"} {
		if !names[n] {
			t.Errorf("Pang Hseng (Kyu Koke) Town lacks the name %q", n)
		}
	}
}

// TestResolveZawgyi checks the Zawgyi reading of a short Burmese phrase is
// tried: the detector cannot judge a bare place name.
func TestResolveZawgyi(t *testing.T) {
	g := Default()
	for _, uni := range []string{"လားရှိုးမြို့နယ်", "ကွတ်ခိုင်", "မူဆယ်"} {
		want := g.Resolve(uni, Context{DefaultArea: "MMR015"})
		zg := zawgyi.ToZawgyi(uni)
		if zg == uni {
			t.Fatalf("%q has no Zawgyi form to test", uni)
		}
		got := g.Resolve(zg, Context{DefaultArea: "MMR015"})
		if len(want) == 0 || len(got) == 0 || got[0].Place.PCode != want[0].Place.PCode {
			t.Errorf("Resolve(Zawgyi %q) = %v, want %s", uni, got, want[0].Place.PCode)
		}
	}
}

func TestUnverifiedRanksLow(t *testing.T) {
	g := Default()
	c := g.Resolve("Laojie", Context{DefaultArea: "MMR015"})
	if len(c) == 0 || c[0].Place.PCode != "MMR015022701" || c[0].Score > 0.5 || c[0].AliasKind != "exonym_zh_pinyin_unverified" {
		t.Fatalf("Resolve(Laojie) = %+v, want Laukkaing Town with a low score", c)
	}
}

func TestInactiveRanksLower(t *testing.T) {
	g := Default()
	if g.Active("MMR013045701") {
		t.Fatal("Seikkan town should be inactive")
	}
	for _, f := range g.Features(domain.LevelTown) {
		if f.PCode == "MMR013045701" && (f.Active || f.Note == "") {
			t.Errorf("inactive town feature = %+v", f)
		}
	}
	c := g.Resolve("Seikkan", Context{})
	if len(c) == 0 || c[0].Active {
		return // an active place of that name wins, as it should
	}
	for _, x := range c[1:] {
		if x.Active && x.Score > c[0].Score {
			t.Errorf("inactive %s ranked above active %s", c[0].Place.PCode, x.Place.PCode)
		}
	}
}

func TestReverse(t *testing.T) {
	g := Default()
	n, err := g.Reverse(22.96, 97.75)
	if err != nil {
		t.Fatal(err)
	}
	if n.Town.PCode != "MMR015001701" || n.Township.PCode != "MMR015001" || n.State.PCode != "MMR015" || n.DistanceKM > 2 {
		t.Errorf("Reverse(near Lashio) = %+v", n)
	}
	want := HaversineKM(22.96, 97.75, 22.95277, 97.74747)
	if d := n.DistanceKM - want; d > 0.001 || d < -0.001 {
		t.Errorf("distance %.3f, want %.3f", n.DistanceKM, want)
	}
	if _, err := g.Reverse(48.85, 2.35); !domain.IsCode(err, domain.CodeNotFound) {
		t.Errorf("Reverse(Paris) error = %v, want not_found", err)
	}
	if _, err := g.Reverse(95, 97); !domain.IsCode(err, domain.CodeInvalid) {
		t.Errorf("Reverse(lat 95) error = %v, want invalid", err)
	}
}

func TestHaversine(t *testing.T) {
	// one degree of latitude is about 111.2 km
	if d := HaversineKM(22, 97, 23, 97); d < 111 || d > 111.4 {
		t.Errorf("1° latitude = %.2f km", d)
	}
	if d := HaversineKM(22, 97, 22, 97); d != 0 {
		t.Errorf("same point = %v", d)
	}
}

func TestSearch(t *testing.T) {
	g := Default()
	tests := []struct {
		q     string
		first string
		has   string
	}{
		{"laukk", "MMR015022", "MMR015022701"},        // township before town (higher level), both present
		{"Laukkaing", "MMR015022", "MMR015022701"},    // exact
		{"chin shwe", "MMR015022702", "MMR015022702"}, // alias prefix
		{"လားရှိုး", "MMR015D001", "MMR015001701"},    // Burmese prefix
		{"MMR015D005", "MMR015S002", "MMR015S002"},    // a P-code
		{"northern sh", "MMR015", "MMR015"},
	}
	for _, tt := range tests {
		ps := g.Search(tt.q, 10)
		if len(ps) == 0 || ps[0].PCode != tt.first {
			t.Errorf("Search(%q) first = %v, want %s", tt.q, codes(ps), tt.first)
			continue
		}
		found := false
		for _, p := range ps {
			found = found || p.PCode == tt.has
		}
		if !found {
			t.Errorf("Search(%q) = %v, lacks %s", tt.q, codes(ps), tt.has)
		}
	}
	if ps := g.Search("m", 5); len(ps) != 5 {
		t.Errorf("Search(m, 5) gave %d", len(ps))
	}
	if ps := g.Search("  ", 5); ps != nil {
		t.Errorf("Search(blank) = %v", ps)
	}
}

func codes(ps []domain.Place) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.PCode)
	}
	return out
}

// resolveCase is one line of the Resolve golden file.
type resolveCase struct {
	Text      string    `json:"text"`
	Context   Context   `json:"context"`
	PCode     string    `json:"pcode"`
	Level     string    `json:"level"`
	Precision int       `json:"precision"`
	Score     float64   `json:"score"`
	Matched   string    `json:"matched"`
	AliasKind string    `json:"alias_kind"`
	Qualifier Qualifier `json:"qualifier"`
	Parents   []string  `json:"parents"`
	Others    []string  `json:"others,omitempty"`
}

func TestResolveGolden(t *testing.T) {
	g := Default()
	area := Context{DefaultArea: "MMR015"}
	inputs := []struct {
		text string
		ctx  Context
	}{
		{"Laukkai", area}, {"near Chin Shwe Haw", area}, {"Namhkam township", area}, {"Theinni", area},
		{"Mangton", area}, {"Kyukok (Pansai)", area}, {"Mong Ko", area}, {"outskirts of Lashio", area},
		{"Kutkai township, northern Shan", area}, {"Nam Hpat Kar village", area}, {"Kokang region", area},
		{"Wa region", area}, {"Shan State", area}, {"Shan State", Context{DefaultArea: "MMR014"}},
		{"Mong Li village", Context{DefaultArea: "MMR015", Near: []string{"MMR015009701"}}},
		{"Mong Li village", Context{DefaultArea: "MMR015", Near: []string{"MMR015002"}}},
		{"Man Kan village", Context{DefaultArea: "MMR015", States: []string{"Shan (North)"}, Near: []string{"MMR015016"}}},
		{"လားရှိုးမြို့နယ်", area}, {"ကွတ်ခိုင်မြို့အနီး", area}, {"Namhkham", area},
		{"5 km east of Hsipaw town", area}, {"MMR015D005", area}, {"Mandalay", area}, {"xyzzy", area}, {"", area},
	}
	var got []resolveCase
	for _, in := range inputs {
		rc := resolveCase{Text: in.text, Context: in.ctx}
		cands := g.Resolve(in.text, in.ctx)
		if len(cands) > 0 {
			c := cands[0]
			rc.PCode, rc.Level, rc.Precision, rc.Score = c.Place.PCode, string(c.Place.Level), c.Precision, c.Score
			rc.Matched, rc.AliasKind, rc.Qualifier = c.Matched, c.AliasKind, c.Qualifier
			for _, p := range c.Parents {
				rc.Parents = append(rc.Parents, p.PCode)
			}
			for _, o := range cands[1:min(4, len(cands))] {
				rc.Others = append(rc.Others, o.Place.PCode)
			}
		}
		got = append(got, rc)
	}
	goldenJSON(t, "testdata/resolve.golden.json", got)
}

func TestScanGolden(t *testing.T) {
	g := Default()
	for _, name := range []string{"news_en", "news_my", "false_positives"} {
		raw, err := os.ReadFile("testdata/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		type row struct {
			Start, End int
			Text       string
			PCode      string
			Level      string
			Precision  int
			Qualifier  Qualifier
		}
		var rows []row
		for _, m := range g.InArea("MMR015").Scan(text) {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("%s: offsets %d-%d give %q, mention says %q", name, m.Start, m.End, text[m.Start:m.End], m.Text)
			}
			rows = append(rows, row{m.Start, m.End, m.Text, m.Chosen.Place.PCode, string(m.Chosen.Place.Level), m.Chosen.Precision, m.Qualifier})
		}
		if name == "false_positives" && len(rows) > 0 {
			t.Errorf("false positives: %+v", rows)
		}
		goldenJSON(t, "testdata/scan_"+name+".golden.json", rows)
	}
}

func goldenJSON(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, path, append(got, '\n'))
}

func checkMentions(t *testing.T, text string, ms []Mention) {
	// rune boundaries as decoding finds them (an invalid byte is a rune)
	boundary := map[int]bool{len(text): true}
	for i := 0; i < len(text); {
		boundary[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("mention %q at %d-%d out of bounds (len %d)", m.Text, m.Start, m.End, len(text))
		}
		if !boundary[m.Start] || !boundary[m.End] {
			t.Fatalf("mention %q at %d-%d not on rune boundaries", m.Text, m.Start, m.End)
		}
		if m.Text != text[m.Start:m.End] || len(m.Candidates) == 0 || m.Chosen.Place.PCode == "" {
			t.Fatalf("mention %+v inconsistent", m)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"Fighting near Laukkai town", "လားရှိုးမြို့နယ်တွင်", "Man village\u200b", "in Muse-Namhkan",
		"a\x80b Lashio", "MUSE", "Chin  Shwe   Haw", "Ta’ang region", "ကွတ်ခိုင်မြို့အနီး Kutkai"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, text string) {
		checkMentions(t, text, g.InArea("MMR015").Scan(text))
	})
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"Laukkai", "near Chin Shwe Haw", "Nam Hpat Kar village", "MMR015D005", "မူဆယ်ခရိုင်", "", "  ,,", "\xff"} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, text string) {
		for _, c := range g.Resolve(text, Context{DefaultArea: "MMR015", Near: []string{"MMR015009"}}) {
			if c.Score < 0 || c.Score > 1 || c.Place.PCode == "" || c.Precision < 1 || c.Precision > 3 {
				t.Fatalf("Resolve(%q) gave %+v", text, c)
			}
		}
	})
}

func BenchmarkScanEnglish(b *testing.B) {
	raw, err := os.ReadFile("testdata/news_en.txt")
	if err != nil {
		b.Fatal(err)
	}
	g := Default()
	g.Scan("warm up Lashio") // build the automaton outside the timing
	text := string(raw)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.InArea("MMR015").Scan(text)
	}
}

func BenchmarkScanBurmese(b *testing.B) {
	raw, err := os.ReadFile("testdata/news_my.txt")
	if err != nil {
		b.Fatal(err)
	}
	g := Default()
	g.Scan("လားရှိုး")
	text := string(raw)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.InArea("MMR015").Scan(text)
	}
}

func BenchmarkResolve(b *testing.B) {
	g := Default()
	phrases := []string{"Laukkai", "near Chin Shwe Haw", "Namhkam township", "Nam Hpat Kar village", "Namhkham", "လားရှိုးမြို့နယ်"}
	g.Resolve("Lashio", Context{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Resolve(phrases[i%len(phrases)], Context{DefaultArea: "MMR015"})
	}
}

func BenchmarkSearch(b *testing.B) {
	g := Default()
	qs := []string{"la", "laukk", "mong", "chin shwe", "လား", "n"}
	g.Search("x", 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Search(qs[i%len(qs)], 10)
	}
}

func BenchmarkReverse(b *testing.B) {
	g := Default()
	for i := 0; i < b.N; i++ {
		_, _ = g.Reverse(23.5, 98.0)
	}
}

// BenchmarkLoad measures start-up: decoding the embedded data.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAndIndex measures start-up up to the first Resolve: decoding
// plus the name index.
func BenchmarkLoadAndIndex(b *testing.B) {
	for i := 0; i < b.N; i++ {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil {
			b.Fatal(err)
		}
		g.names()
	}
}

// BenchmarkScannerBuild measures the one-off cost of the Aho-Corasick
// automaton, paid by the first Scan.
func BenchmarkScannerBuild(b *testing.B) {
	for i := 0; i < b.N; i++ {
		g, err := Load(bytes.NewReader(embedded))
		if err != nil {
			b.Fatal(err)
		}
		g.scanner()
	}
}

func TestInArea(t *testing.T) {
	g := Default()
	south := g.InArea("mmr014")
	if south.Area() != "MMR014" || g.Area() != "" {
		t.Fatalf("areas %q %q", south.Area(), g.Area())
	}
	ms := south.Scan("Fighting spread across Shan State.")
	if len(ms) != 1 || ms[0].Chosen.Place.PCode != "MMR014" {
		t.Errorf("Scan in MMR014 = %+v", ms)
	}
	ms = g.InArea("MMR015").Scan("Fighting spread across Shan State.")
	if len(ms) != 1 || ms[0].Chosen.Place.PCode != "MMR015" {
		t.Errorf("Scan in MMR015 = %+v", ms)
	}
	// the context's area wins over the view's
	if c := south.Resolve("Shan State", Context{DefaultArea: "MMR016"}); len(c) == 0 || c[0].Place.PCode != "MMR016" {
		t.Errorf("Resolve with area MMR016 = %+v", c)
	}
}
