package gazdata

import (
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"sitroom/internal/gazetteer/internal/textkey"
)

// Release is the MIMU release the sources come from, with the credit MIMU
// asks for.
const Release = "MIMU Myanmar PCodes Release 9.6 (Feb 2025)"

// Source file names inside the source folder.
const (
	FileStates     = "mimu_states_regions.csv"
	FileDistricts  = "mimu_districts.csv"
	FileTownships  = "mmr_townships_derived.csv"
	FileTowns      = "mimu_pcode9.6_towns.csv"
	FileVTs        = "mimu_pcode9.6_village_tracts.csv"
	FileWards      = "mimu_pcode9.6_wards.csv"
	FileAliases    = "northern_shan_aliases.csv"
	FileGeoNames   = "geonames_cities500_MM.tsv"
	FileSuperseded = "superseded_pcodes.csv"
	FileAreas      = "area_aliases.csv"
	FileStopNames  = "stopnames.txt"
)

// Confidence of a name by its kind: how far a match on it can be trusted.
var kindConfidence = map[string]float32{
	"official_mimu":          1,
	"official_mimu_my":       1,
	"mimu_name_part":         0.98,
	"previous_name_mimu":     0.8,
	"news_spelling":          0.95,
	"common_spelling":        0.95,
	"burmese_name_romanized": 0.95,
	"news_misspelling":       0.85,
	"exonym_ja":              0.9,
	"exonym_zh_pinyin":       0.9,
	"geonames_name":          0.95,
	"geonames_alternatename": 0.85,
	"area_alias":             0.95,
}

// UnverifiedConfidence is the confidence of alias kinds ending in
// "_unverified": kept so that a match can be shown, ranked far below any
// sourced name.
const UnverifiedConfidence = 0.3

// KindConfidence returns the confidence the builder gives a name kind.
func KindConfidence(kind string) float32 {
	if strings.HasSuffix(kind, "_unverified") {
		return UnverifiedConfidence
	}
	if c, ok := kindConfidence[kind]; ok {
		return c
	}
	return 0.8
}

const (
	srcMIMU     = "MIMU PCodes 9.6"
	srcMIMUMy   = "MIMU PCodes 9.6 (ZWSP removed)"
	srcKyaw     = "kyawthura-gg/myanmar-geography-json (MIT)"
	srcAreas    = "sitroom area aliases"
	srcGeoNames = "GeoNames cities500 (CC BY 4.0)"
)

type builder struct {
	d       Dataset
	byCode  map[string]int
	names   []pendingName
	nameSet map[string]bool // place+fold+kind already added
}

type pendingName struct {
	pcode string
	Name
}

// Build reads the source folder and returns the dataset.
func Build(src fs.FS) (*Dataset, error) {
	b := &builder{byCode: map[string]int{}, nameSet: map[string]bool{}}
	b.d.Format = FormatVersion
	b.d.Release = Release
	steps := []func(fs.FS) error{
		b.superseded, b.states, b.districts, b.townships, b.towns,
		b.villageTracts, b.wards, b.country, b.meanPoints,
		b.officialNames, b.aliases, b.areaAliases, b.geoNames, b.stopNames,
	}
	for _, step := range steps {
		if err := step(src); err != nil {
			return nil, err
		}
	}
	return b.finish()
}

func (b *builder) add(p Place) error {
	if _, dup := b.byCode[p.PCode]; dup {
		return fmt.Errorf("duplicate P-code %s", p.PCode)
	}
	p.Name = strings.TrimSpace(p.Name)
	p.NameMy = textkey.Clean(p.NameMy)
	b.byCode[p.PCode] = len(b.d.Places)
	b.d.Places = append(b.d.Places, p)
	return nil
}

func (b *builder) place(code string) *Place {
	if i, ok := b.byCode[code]; ok {
		return &b.d.Places[i]
	}
	return nil
}

// current follows the superseded table.
func (b *builder) current(code string) string {
	for _, s := range b.d.Superseded {
		if s.Old == code {
			return s.New
		}
	}
	return code
}

func readCSV(src fs.FS, name string) ([]map[string]string, error) {
	f, err := src.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var rows []map[string]string
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		m := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		m["\x00raw"] = strings.Join(rec, "\x1f")
		rows = append(rows, m)
	}
	return rows, nil
}

func (b *builder) superseded(src fs.FS) error {
	rows, err := readCSV(src, FileSuperseded)
	if err != nil {
		return err
	}
	for _, r := range rows {
		b.d.Superseded = append(b.d.Superseded, Superseded{Old: r["old_pcode"], New: r["new_pcode"], Reason: r["reason"]})
	}
	return nil
}

func (b *builder) states(src fs.FS) error {
	rows, err := readCSV(src, FileStates)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := b.add(Place{PCode: r["sr_pcode"], Level: LevelState, Name: r["sr_name_en"], NameMy: r["sr_name_my"],
			Parent: "MMR", Adm1: r["sr_pcode"]}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) districts(src fs.FS) error {
	rows, err := readCSV(src, FileDistricts)
	if err != nil {
		return err
	}
	for _, r := range rows {
		p := Place{PCode: r["district_pcode"], Level: LevelDistrict, Name: r["district_name_en"], NameMy: r["district_name_my"],
			Parent: r["sr_pcode"], Adm1: r["sr_pcode"], Adm2: r["district_pcode"]}
		if cur := b.current(p.PCode); cur != p.PCode {
			p.Inactive = true
			p.Note = "grouping used only by the village-tract table; current code " + cur
		}
		if err := b.add(p); err != nil {
			return err
		}
	}
	return nil
}

func parseCoord(lat, lon string) (float64, float64, bool) {
	y, err1 := strconv.ParseFloat(lat, 64)
	x, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || (x == 0 && y == 0) {
		return 0, 0, false
	}
	return y, x, true
}

func (b *builder) townships(src fs.FS) error {
	rows, err := readCSV(src, FileTownships)
	if err != nil {
		return err
	}
	for _, r := range rows {
		p := Place{PCode: r["tsp_pcode"], Level: LevelTownship, Name: r["township_name_en"], NameMy: r["seat_town_name_my"],
			Parent: r["district_pcode"], Adm1: r["sr_pcode"], Adm2: r["district_pcode"], Adm3: r["tsp_pcode"]}
		if lat, lon, ok := parseCoord(r["seat_lat"], r["seat_lon"]); ok {
			p.Lat, p.Lon, p.Point = lat, lon, PointSeat
		}
		if b.place(p.Parent) == nil {
			return fmt.Errorf("township %s: unknown district %s", p.PCode, p.Parent)
		}
		if err := b.add(p); err != nil {
			return err
		}
	}
	return nil
}

func status(r map[string]string, col string) (inactive bool, note string) {
	inactive = strings.EqualFold(r[col], "Inactive")
	var parts []string
	if r["Change_Type"] != "" {
		parts = append(parts, r["Change_Type"])
	}
	if r["Remark"] != "" {
		parts = append(parts, r["Remark"])
	}
	return inactive, strings.Join(parts, ": ")
}

func (b *builder) towns(src fs.FS) error {
	rows, err := readCSV(src, FileTowns)
	if err != nil {
		return err
	}
	for _, r := range rows {
		tsp := b.current(r["Tsp_Pcode"])
		t := b.place(tsp)
		if t == nil {
			return fmt.Errorf("town %s: unknown township %s", r["Town_Pcode"], tsp)
		}
		p := Place{PCode: r["Town_Pcode"], Level: LevelTown, Name: r["Town_Name_Eng"], NameMy: r["Town_Name_MMR"],
			Parent: tsp, Adm1: t.Adm1, Adm2: t.Adm2, Adm3: tsp}
		p.Inactive, p.Note = status(r, "MIMU_Town_Mapping_Status")
		if lat, lon, ok := parseCoord(r["Latitude"], r["Longitude"]); ok {
			p.Lat, p.Lon, p.Point = lat, lon, PointOwn
		} else if t.Point != PointNone {
			p.Lat, p.Lon, p.Point = t.Lat, t.Lon, PointTownshipSeat
		}
		if err := b.add(p); err != nil {
			return err
		}
	}
	// A township whose seat town has no point takes the mean of its towns.
	for i := range b.d.Places {
		t := &b.d.Places[i]
		if t.Level == LevelTownship && t.Point == PointNone {
			var n int
			var lat, lon float64
			for _, c := range b.d.Places {
				if c.Level == LevelTown && c.Parent == t.PCode && c.Point == PointOwn {
					lat, lon, n = lat+c.Lat, lon+c.Lon, n+1
				}
			}
			if n > 0 {
				t.Lat, t.Lon, t.Point = round6(lat/float64(n)), round6(lon/float64(n)), PointMean
			}
		}
	}
	return nil
}

var vtCode = regexp.MustCompile(`^MMR\d{9}$`)

func (b *builder) villageTracts(src fs.FS) error {
	rows, err := readCSV(src, FileVTs)
	if err != nil {
		return err
	}
	repaired := 0
	for _, r := range rows {
		code, name, nameMy := r["VT_Pcode"], r["Village_Tract_Name_Eng"], r["Village_Tract_Name_MMR"]
		if !vtCode.MatchString(code) {
			// A few upstream rows are shifted by one column: name, a slug,
			// then the code and the Burmese name.
			raw := strings.Split(r["\x00raw"], "\x1f")
			if len(raw) > 9 && vtCode.MatchString(raw[8]) {
				code, name, nameMy = raw[8], raw[6], raw[9]
				repaired++
			} else {
				return fmt.Errorf("village tract row without a P-code: %q", r["\x00raw"])
			}
		}
		tsp := b.current(r["Tsp_Pcode"])
		t := b.place(tsp)
		if t == nil {
			return fmt.Errorf("village tract %s: unknown township %s", code, tsp)
		}
		p := Place{PCode: code, Level: LevelVillageTract, Name: name, NameMy: nameMy,
			Parent: tsp, Adm1: t.Adm1, Adm2: t.Adm2, Adm3: tsp, Lat: t.Lat, Lon: t.Lon}
		if t.Point != PointNone {
			p.Point = PointTownshipSeat
		}
		p.Inactive, p.Note = status(r, "MIMU_VillageTract_Mapping_Status")
		if tsp != r["Tsp_Pcode"] {
			p.Note = strings.TrimPrefix(p.Note+"; listed under "+r["Tsp_Pcode"]+" "+r["Township_Name_Eng"], "; ")
		}
		if err := b.add(p); err != nil {
			return err
		}
		if prev := r["Previous_Village_Tract_Name_Eng"]; prev != "" && prev != name {
			b.addName(code, prev, "previous_name_mimu", srcMIMU, "")
		}
	}
	if repaired > 0 {
		b.d.Notes = append(b.d.Notes, fmt.Sprintf("%s: %d rows shifted by one column were read from their shifted positions", FileVTs, repaired))
	}
	return nil
}

func (b *builder) wards(src fs.FS) error {
	rows, err := readCSV(src, FileWards)
	if err != nil {
		return err
	}
	for _, r := range rows {
		town := b.place(r["Town_Pcode"])
		if town == nil {
			return fmt.Errorf("ward %s: unknown town %s", r["Ward_Pcode"], r["Town_Pcode"])
		}
		p := Place{PCode: r["Ward_Pcode"], Level: LevelWard, Name: r["Ward_Name_Eng"], NameMy: r["Ward_Name_MMR"],
			Parent: town.PCode, Adm1: town.Adm1, Adm2: town.Adm2, Adm3: town.Adm3, Lat: town.Lat, Lon: town.Lon}
		if town.Point != PointNone {
			p.Point = PointTown
		}
		p.Inactive, p.Note = status(r, "MIMU_War_Mapping_Status")
		if err := b.add(p); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) country(fs.FS) error {
	return b.add(Place{PCode: "MMR", Level: LevelCountry, Name: "Myanmar", NameMy: "မြန်မာ"})
}

func round6(f float64) float64 { return math.Round(f*1e6) / 1e6 }

// meanPoints gives districts, states and the country the mean of the seat
// points of the active townships inside them.
func (b *builder) meanPoints(fs.FS) error {
	type acc struct {
		lat, lon float64
		n        int
	}
	sums := map[string]*acc{}
	for _, p := range b.d.Places {
		if p.Level != LevelTownship || p.Inactive || p.Point == PointNone {
			continue
		}
		for _, code := range []string{p.Adm2, p.Adm1, "MMR"} {
			a := sums[code]
			if a == nil {
				a = &acc{}
				sums[code] = a
			}
			a.lat, a.lon, a.n = a.lat+p.Lat, a.lon+p.Lon, a.n+1
		}
	}
	for i := range b.d.Places {
		p := &b.d.Places[i]
		if p.Level > LevelDistrict {
			continue
		}
		a := sums[p.PCode]
		if a == nil {
			a = sums[b.current(p.PCode)]
		}
		if a != nil {
			p.Lat, p.Lon, p.Point = round6(a.lat/float64(a.n)), round6(a.lon/float64(a.n)), PointMean
		}
	}
	return nil
}

func (b *builder) addName(pcode, text, kind, source, ref string) {
	text = textkey.Clean(text)
	if text == "" {
		return
	}
	fold := textkey.Fold(text)
	if fold == "" {
		return
	}
	// A name already known for the place is kept once, except the rows of
	// the alias list, which each carry their own source.
	key := pcode + "\x00" + fold
	if ref != "" || kind != "official_mimu" && kind != "mimu_name_part" && kind != "official_mimu_my" {
		key += "\x00" + kind + "\x00" + source + "\x00" + ref
	}
	if b.nameSet[key] || b.nameSet[pcode+"\x00"+fold] && (kind == "mimu_name_part" || kind == "official_mimu_my") {
		return
	}
	b.nameSet[key] = true
	b.names = append(b.names, pendingName{pcode: pcode, Name: Name{Text: text, Kind: kind, Script: textkey.Script(text),
		Source: source, Ref: ref, Confidence: KindConfidence(kind), Fold: fold, Skel: textkey.Skeleton(fold)}})
}

var parenRE = regexp.MustCompile(`\s*\(([^()]*)\)\s*`)

// qualifierParen reports whether a parenthesised part qualifies the name
// (a direction, a zone, an abbreviation) rather than giving another name.
// dropBase is true when the base alone names something else (Yangon (North)
// is not Yangon).
func qualifierParen(p string) (qualifier, dropBase bool) {
	f := textkey.Fold(p)
	switch f {
	case "north", "south", "east", "west", "middle", "upper", "lower", "central",
		"northern", "southern", "eastern", "western":
		return true, true
	case "မြောက်ပိုင်း", "တောင်ပိုင်း", "အရှေ့ပိုင်း", "အနောက်ပိုင်း", "အလယ်ပိုင်း":
		return true, true
	}
	if strings.Contains(f, "sad") || strings.Contains(f, "saz") || strings.Contains(f, "sub township") ||
		strings.Contains(f, "special region") || strings.Contains(p, "အထူးဒေသ") {
		return true, false
	}
	if len(p) <= 4 && strings.ToUpper(p) == p && textkey.IsASCII(p) && !isDigits(p) {
		return true, false // an abbreviation such as (PKU)
	}
	return false, false
}

func isDigits(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= '၀' && r <= '၉') {
			return false
		}
	}
	return s != ""
}

// nameParts splits a MIMU name into the names it holds: "Pang Hseng (Kyu
// Koke) Town" holds "Pang Hseng" and "Kyu Koke"; "Mong Maw (Wa SAD)" holds
// "Mong Maw". Level words at the end go ("Town", "Ward", "ခရိုင်"…).
func nameParts(name string, level uint8, burmese bool) []string {
	name = strings.TrimSpace(name)
	if burmese {
		name = strings.TrimSpace(strings.SplitN(name, "-ဝအထူးဒေသ", 2)[0])
	}
	base := name
	var alts []string
	keepBase := true
	for _, m := range parenRE.FindAllStringSubmatch(name, -1) {
		inner := strings.TrimSpace(m[1])
		if isDigits(inner) {
			continue // "No (1) Ward": the number is part of the name
		}
		base = strings.Replace(base, m[0], " ", 1)
		if q, drop := qualifierParen(inner); q {
			if drop {
				keepBase = false
			}
			continue
		}
		alts = append(alts, inner)
	}
	var out []string
	for _, s := range append([]string{base}, alts...) {
		if s == base && !keepBase {
			continue
		}
		s = strings.Join(strings.Fields(s), " ")
		s = stripLevelWord(s, level, burmese)
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

var (
	enSuffixes = map[uint8][]string{
		LevelTown:         {" Town", " City"},
		LevelWard:         {" Ward"},
		LevelDistrict:     {" District", " Self-Administered Zone"},
		LevelVillageTract: {" Village Tract"},
	}
	mySuffixes = []string{"ကိုယ်ပိုင်အုပ်ချုပ်ခွင့်ရဒေသ", "တိုင်းဒေသကြီး", "ကျေးရွာအုပ်စု", "ပြည်နယ်", "မြို့နယ်", "ခရိုင်", "ရပ်ကွက်", "မြို့"}
)

func stripLevelWord(s string, level uint8, burmese bool) string {
	if burmese {
		for _, suf := range mySuffixes {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				return strings.TrimSpace(strings.TrimSuffix(s, suf))
			}
		}
		return s
	}
	for _, suf := range enSuffixes[level] {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return strings.TrimSpace(strings.TrimSuffix(s, suf))
		}
	}
	if strings.HasSuffix(s, "Town") && len(s) > 4 && level == LevelTown {
		return strings.TrimSpace(strings.TrimSuffix(s, "Town")) // "Poke Ba Thi RiTown"
	}
	return s
}

func (b *builder) officialNames(fs.FS) error {
	for _, p := range b.d.Places {
		b.addName(p.PCode, p.Name, "official_mimu", srcMIMU, "")
		for _, part := range nameParts(p.Name, p.Level, false) {
			b.addName(p.PCode, part, "mimu_name_part", srcMIMU, "")
		}
		if p.NameMy != "" {
			src := srcMIMUMy
			if p.Level == LevelState || p.Level == LevelDistrict {
				src = srcKyaw
			}
			b.addName(p.PCode, p.NameMy, "official_mimu_my", src, "")
			for _, part := range nameParts(p.NameMy, p.Level, true) {
				b.addName(p.PCode, part, "mimu_name_part", src, "")
			}
		}
	}
	return nil
}

func (b *builder) aliases(src fs.FS) error {
	rows, err := readCSV(src, FileAliases)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if b.place(r["pcode"]) == nil {
			return fmt.Errorf("%s: unknown P-code %s", FileAliases, r["pcode"])
		}
		b.addName(r["pcode"], r["alias"], r["kind"], r["source"], r["ref"])
		// The press uses one spelling for a township and its seat town:
		// a spelling listed for one is given to the other too.
		if twin := b.seatTwin(r["pcode"]); twin != "" {
			b.addName(twin, r["alias"], r["kind"], r["source"]+" (listed for "+r["pcode"]+")", r["ref"])
		}
	}
	return nil
}

// seatTwin returns the seat town of a township, or the township of a seat
// town, when both carry the same name.
func (b *builder) seatTwin(code string) string {
	p := b.place(code)
	if p == nil {
		return ""
	}
	var twin *Place
	switch {
	case p.Level == LevelTownship:
		twin = b.place(code + "701")
	case p.Level == LevelTown && strings.HasSuffix(code, "701"):
		twin = b.place(p.Parent)
	}
	if twin == nil {
		return ""
	}
	a, c := nameParts(p.Name, p.Level, false), nameParts(twin.Name, twin.Level, false)
	if len(a) == 0 || len(c) == 0 || textkey.Fold(a[0]) != textkey.Fold(c[0]) {
		return ""
	}
	return twin.PCode
}

func (b *builder) areaAliases(src fs.FS) error {
	rows, err := readCSV(src, FileAreas)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if b.place(r["pcode"]) == nil {
			return fmt.Errorf("%s: unknown P-code %s", FileAreas, r["pcode"])
		}
		b.addName(r["pcode"], r["alias"], "area_alias", srcAreas, "")
	}
	return nil
}

// geoNames attaches each GeoNames place to the MIMU town (or township) it
// names, adding its names and, where MIMU has no point, its point.
func (b *builder) geoNames(src fs.FS) error {
	f, err := src.Open(FileGeoNames)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", FileGeoNames, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	// Names of towns and larger units, to refuse an alternate name that
	// belongs to another place (GeoNames lists Pyinmana under Nay Pyi Taw).
	official := map[string][]string{}
	for _, n := range b.names {
		if p := b.place(n.pcode); p != nil && p.Level <= LevelTown && (n.Kind == "official_mimu" || n.Kind == "mimu_name_part") {
			official[n.Fold] = append(official[n.Fold], n.pcode)
		}
	}
	altCount := map[string]int{} // number of GeoNames places that list a name
	for _, rec := range recs[1:] {
		seen := map[string]bool{}
		for _, a := range strings.Split(get(rec, "alternatenames"), ",") {
			if fa := textkey.Fold(a); !seen[fa] {
				seen[fa] = true
				altCount[fa]++
			}
		}
	}
	matched, skipped := 0, 0
	for _, rec := range recs[1:] {
		id, name, ascii := get(rec, "geonameid"), get(rec, "name"), get(rec, "asciiname")
		target := b.matchGeoName([]string{name, ascii}, get(rec, "admin3_code"), get(rec, "admin2_code"))
		if target == nil {
			skipped++
			continue
		}
		matched++
		ref := "https://www.geonames.org/" + id
		src := srcGeoNames + " geonameid " + id
		b.addName(target.PCode, name, "geonames_name", src, ref)
		b.addName(target.PCode, ascii, "geonames_name", src, ref)
		for _, a := range strings.Split(get(rec, "alternatenames"), ",") {
			a = strings.TrimSpace(a)
			fa := textkey.Fold(a)
			if fa == "" || altCount[fa] > 1 || (len(a) <= 4 && strings.ToUpper(a) == a && textkey.IsASCII(a)) {
				continue // shared by two places, or an airport code
			}
			if owners, ok := official[fa]; ok && !contains(owners, target.PCode) {
				continue
			}
			b.addName(target.PCode, a, "geonames_alternatename", src, ref)
		}
		if target.Point == PointTownshipSeat {
			if lat, lon, ok := parseCoord(get(rec, "latitude"), get(rec, "longitude")); ok {
				target.Lat, target.Lon, target.Point = lat, lon, PointGeoNames
			}
		}
	}
	b.d.Notes = append(b.d.Notes, fmt.Sprintf("%s: %d places matched to MIMU towns or townships, %d without a MIMU match skipped", FileGeoNames, matched, skipped))
	return nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func (b *builder) matchGeoName(names []string, adm3, adm2 string) *Place {
	folds, skels := map[string]bool{}, map[string]bool{}
	for _, n := range names {
		f := textkey.Fold(strings.TrimSuffix(n, " Township"))
		folds[f] = true
		folds[textkey.Joined(f)] = true
		skels[textkey.Skeleton(f)] = true
	}
	match := func(p *Place) bool {
		for _, part := range append(nameParts(p.Name, p.Level, false), p.Name) {
			f := textkey.Fold(part)
			if folds[f] || folds[textkey.Joined(f)] {
				return true
			}
		}
		return false
	}
	// In its own township a GeoNames place may be spelt differently
	// (Myawadi / Myawaddy): the same skeleton is enough there.
	soundsLike := func(p *Place) bool {
		for _, part := range nameParts(p.Name, p.Level, false) {
			if skels[textkey.Skeleton(textkey.Fold(part))] {
				return true
			}
		}
		return false
	}
	var inTsp, inDist, anywhere []*Place
	for i := range b.d.Places {
		p := &b.d.Places[i]
		if p.Level != LevelTown || p.Inactive || !(match(p) || adm3 != "" && p.Adm3 == adm3 && soundsLike(p)) {
			continue
		}
		switch {
		case adm3 != "" && p.Adm3 == adm3:
			inTsp = append(inTsp, p)
		case adm2 != "" && p.Adm2 == adm2:
			inDist = append(inDist, p)
		default:
			anywhere = append(anywhere, p)
		}
	}
	for _, set := range [][]*Place{inTsp, inDist, anywhere} {
		if len(set) == 1 {
			return set[0]
		}
	}
	if t := b.place(adm3); t != nil && match(t) {
		return t
	}
	return nil
}

func (b *builder) stopNames(src fs.FS) error {
	raw, err := fs.ReadFile(src, FileStopNames)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			b.d.StopNames = append(b.d.StopNames, textkey.Fold(line))
		}
	}
	sort.Strings(b.d.StopNames)
	return nil
}

func (b *builder) finish() (*Dataset, error) {
	for _, s := range b.d.Superseded {
		if b.place(s.New) == nil {
			return nil, fmt.Errorf("superseded %s → %s: unknown target", s.Old, s.New)
		}
	}
	sort.SliceStable(b.d.Places, func(i, j int) bool { return b.d.Places[i].PCode < b.d.Places[j].PCode })
	idx := make(map[string]int32, len(b.d.Places))
	for i, p := range b.d.Places {
		idx[p.PCode] = int32(i)
	}
	for i := range b.names {
		b.names[i].Place = idx[b.names[i].pcode]
	}
	sort.SliceStable(b.names, func(i, j int) bool { return b.names[i].Place < b.names[j].Place })
	b.d.Names = make([]Name, len(b.names))
	for i, n := range b.names {
		b.d.Names[i] = n.Name
	}
	return &b.d, nil
}
