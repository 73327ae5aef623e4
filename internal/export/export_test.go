package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sitroom/internal/acled"
	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/export/exporttest"
	goldenfile "sitroom/internal/golden"
	"sitroom/internal/hxl"
)

// golden compares got with testdata/name (go test -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

var published = []domain.Status{domain.StatusVerified}

// write runs one format over the fixture for an audience.
func write(t *testing.T, fx *exporttest.Fixture, format string, aud export.Audience, f domain.EventFilter) []byte {
	t.Helper()
	ctx := context.Background()
	var buf bytes.Buffer
	type writer interface {
		Write(export.Item) error
		Close() error
	}
	var w writer
	switch format {
	case "acled":
		w = export.NewACLEDWriter(&buf, fx.Places)
	case "hxl":
		w = export.NewHXLWriter(&buf, fx.Places, aud)
	case "geojson":
		w = export.NewGeoJSONWriter(&buf, fx.Places, aud)
	case "atom":
		vs, err := export.NewlyVerified(ctx, fx.Store, fx.Store, f, fx.Places, aud, 50)
		if err != nil {
			t.Fatal(err)
		}
		if err := export.WriteAtom(&buf, export.AtomFeed{Area: f.PCode, AreaName: "Shan (North)", SelfURL: aud.BaseURL + "/api/v1/events.atom", Now: fx.Clock.Now()}, vs, fx.Places, aud); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	default:
		t.Fatalf("no format %s", format)
	}
	if err := export.Each(ctx, fx.Store, f, fx.Places, aud, w.Write); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var formats = []struct{ name, ext string }{{"acled", "csv"}, {"hxl", "csv"}, {"geojson", "geojson"}, {"atom", "xml"}}

func TestGolden(t *testing.T) {
	fx := exporttest.Load(t)
	for _, f := range formats {
		for _, who := range []string{"public", "reviewer"} {
			t.Run(f.name+"/"+who, func(t *testing.T) {
				aud := export.Audience{Public: who == "public", BaseURL: "https://sitroom.example.org"}
				filter := domain.EventFilter{PCode: "MMR015"}
				if aud.Public {
					filter.Statuses = published
				}
				golden(t, fmt.Sprintf("%s.%s.%s", f.name, who, f.ext), write(t, fx, f.name, aud, filter))
			})
		}
	}
}

// TestRedaction proves for each format that the public sees no report
// text, no reporter pseudonym, no IDP site's name or exact point, and no
// unverified event, while a reviewer's export has the site's point.
func TestRedaction(t *testing.T) {
	fx := exporttest.Load(t)
	pointDigits := strconv.FormatFloat(exporttest.IDPPoint[0], 'f', 4, 64)
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			pub := string(write(t, fx, f.name, export.Audience{Public: true}, domain.EventFilter{Statuses: published}))
			for _, s := range exporttest.Secrets {
				if strings.Contains(pub, s) {
					t.Errorf("public %s carries %q", f.name, s)
				}
			}
			if strings.Contains(pub, pointDigits) {
				t.Errorf("public %s carries the IDP site's latitude %s", f.name, pointDigits)
			}
			if strings.Contains(pub, fx.Events["airstrike"]) || strings.Contains(pub, fx.Events["rejected"]) {
				t.Errorf("public %s lists an unverified event", f.name)
			}
			if !strings.Contains(pub, fx.Events["idp"]) {
				t.Errorf("public %s lacks the IDP event itself (it is coarsened, not hidden)", f.name)
			}
			if !strings.Contains(pub, "Lashio") {
				t.Errorf("public %s does not place the IDP event at its township", f.name)
			}
			full := string(write(t, fx, f.name, export.Audience{}, domain.EventFilter{}))
			if f.name != "atom" && !strings.Contains(full, pointDigits) {
				t.Errorf("reviewer's %s lacks the IDP site's point %s", f.name, pointDigits)
			}
			// Nobody's export carries report texts or pseudonyms.
			for _, s := range exporttest.Secrets[:2] {
				if strings.Contains(full, s) {
					t.Errorf("reviewer's %s carries %q", f.name, s)
				}
			}
		})
	}
}

func TestRedactCoarsensSensitiveSites(t *testing.T) {
	fx := exporttest.Load(t)
	e, err := fx.Store.GetEvent(context.Background(), fx.Events["idp"])
	if err != nil {
		t.Fatal(err)
	}
	pub := export.Redact(e, true, fx.Places)
	township, _ := fx.Places.Place("MMR015001")
	if pub.PCode != "MMR015001" || pub.PlaceName != township.Name+" township" || pub.GeoPrecision != 2 || pub.Site.Name != "" ||
		pub.Lat != nil || pub.Lon != nil || len(pub.Claims) != 0 || strings.Contains(pub.Title, "Mansi") {
		t.Errorf("public IDP event = %+v, title %q; want Lashio township's P-code and name, no point of its own, no site name, no claims",
			pub.Location, pub.Title)
	}
	// Outputs that need a point take the township's.
	if lat, lon, ok := export.Point(&pub, fx.Places); !ok || lat != township.Lat || lon != township.Lon {
		t.Errorf("public IDP event's point %v,%v (%v), want the township's %v,%v", lat, lon, ok, township.Lat, township.Lon)
	}
	if *e.Lat != exporttest.IDPPoint[0] || e.Site.Name == "" {
		t.Errorf("Redact changed the event passed in: %+v", e.Location)
	}
	if full := export.Redact(e, false, fx.Places); full.PCode != e.PCode || *full.Lat != *e.Lat {
		t.Errorf("Redact for a role changed the place: %+v", full.Location)
	}
	battle, _ := fx.Store.GetEvent(context.Background(), fx.Events["battle"])
	if pb := export.Redact(battle, true, fx.Places); pb.PCode != battle.PCode || *pb.Lat != *battle.Lat {
		t.Errorf("a battle was coarsened: %+v", pb.Location)
	}
}

func TestACLEDColumnsAndFatalities(t *testing.T) {
	fx := exporttest.Load(t)
	out := write(t, fx, "acled", export.Audience{}, domain.EventFilter{})
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
	if got := strings.Join(rows[0], " "); got != want || len(rows[0]) != 31 {
		t.Fatalf("header = %s\nwant %s", got, want)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) != 31 {
			t.Fatalf("row has %d cells", len(r))
		}
		byID[r[0]] = r
	}
	battle := byID[fx.Events["battle"]]
	checks := map[string]string{"fatalities": "9", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "MNDAA",
		"inter1": "2", "actor2": "Myanmar military", "inter2": "1", "interaction": "12", "admin1": "Shan (North)",
		"admin3": "Laukkaing", "geo_precision": "1", "time_precision": "1", "iso": "104", "country": "Myanmar",
		"source": "Shan Herald; UN OCHA"}
	for c, v := range checks {
		if battle[col[c]] != v {
			t.Errorf("battle %s = %q, want %q", c, battle[col[c]], v)
		}
	}
	// Conservative: the lowest figure the sources support, each listed.
	if n := battle[col["notes"]]; !strings.Contains(n, "killed: at least 9") || !strings.Contains(n, "UN OCHA 2023-11-12: at least 9") || !strings.Contains(n, "Shan Herald 2023-11-12: 12") {
		t.Errorf("notes = %q", n)
	}
	strike := byID[fx.Events["airstrike"]]
	if strike[col["civilian_targeting"]] != "Civilian targeting" || strike[col["interaction"]] != "17" {
		t.Errorf("airstrike civilian_targeting %q interaction %q", strike[col["civilian_targeting"]], strike[col["interaction"]])
	}
	if road := byID[fx.Events["road"]]; road[col["fatalities"]] != "0" || road[col["admin3"]] != "Kutkai" || road[col["geo_precision"]] != "2" {
		t.Errorf("road row: fatalities %q admin3 %q geo_precision %q", road[col["fatalities"]], road[col["admin3"]], road[col["geo_precision"]])
	}
	// acled.Record's own table names the columns written.
	if strings.Join(acled.ColumnNames(), " ") != want {
		t.Errorf("acled.Columns changed order")
	}
}

func TestEmptyExportsHaveHeaders(t *testing.T) {
	fx := exporttest.Load(t)
	none := domain.EventFilter{PCode: "MMR001"} // Kachin: nothing there
	for _, f := range formats {
		out := write(t, fx, f.name, export.Audience{Public: true}, none)
		switch f.name {
		case "acled":
			if strings.TrimSpace(string(out)) != strings.Join(acled.ColumnNames(), ",") {
				t.Errorf("empty ACLED = %q", out)
			}
		case "hxl":
			if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) != 2 {
				t.Errorf("empty HXL has %d lines", len(lines))
			}
		case "geojson":
			var fc struct{ Features []any }
			if err := json.Unmarshal(out, &fc); err != nil || fc.Features == nil || len(fc.Features) != 0 {
				t.Errorf("empty GeoJSON = %s (%v)", out, err)
			}
		case "atom":
			var feed struct {
				Updated string   `xml:"updated"`
				Entries []string `xml:"entry"`
			}
			if err := xml.Unmarshal(out, &feed); err != nil || len(feed.Entries) != 0 || feed.Updated == "" {
				t.Errorf("empty Atom = %s (%v)", out, err)
			}
		}
	}
}

func TestHXLTagsReadBack(t *testing.T) {
	fx := exporttest.Load(t)
	out := write(t, fx, "hxl", export.Audience{}, domain.EventFilter{})
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	fields := map[hxl.Field]string{}
	for i, cell := range rows[1] {
		tag, ok := hxl.ParseTag(cell)
		if !ok {
			t.Fatalf("column %d tag %q is not HXL", i, cell)
		}
		if r, ok := hxl.Match(tag); ok {
			if prev, dup := fields[r.Field]; dup && r.Field != hxl.FieldActor {
				t.Errorf("tags %s and %s both read as %s", prev, cell, r.Field)
			}
			fields[r.Field] = cell
		}
	}
	for _, f := range []hxl.Field{hxl.FieldDate, hxl.FieldEventType, hxl.FieldAdm1Code, hxl.FieldAdm3Code, hxl.FieldKilled, hxl.FieldDisplaced, hxl.FieldSource, hxl.FieldLat, hxl.FieldLon} {
		if fields[f] == "" {
			t.Errorf("no column the importer reads as %s", f)
		}
	}
	for _, want := range []string{"#date+occurred", "#event+type", "#adm1+code", "#affected+killed", "#affected+displaced", "#meta+source"} {
		if !strings.Contains(strings.Join(rows[1], ","), want) {
			t.Errorf("no %s column", want)
		}
	}
	// Each figure with its lower bound and sources.
	col := map[string]int{}
	for i, c := range rows[1] {
		col[c] = i
	}
	for _, r := range rows[2:] {
		if r[0] == fx.Events["battle"] {
			if r[col["#affected+killed"]] != "9" || r[col["#meta+sources+killed"]] != "UN OCHA 2023-11-12: at least 9; Shan Herald 2023-11-12: 12" {
				t.Errorf("battle killed %q sources %q", r[col["#affected+killed"]], r[col["#meta+sources+killed"]])
			}
		}
	}
}

// TestGeoJSONStructure checks RFC 7946's structure: a FeatureCollection of
// Features with string ids, Point geometries of two finite numbers in
// range (longitude first) with at most five decimals, or null.
func TestGeoJSONStructure(t *testing.T) {
	fx := exporttest.Load(t)
	out := write(t, fx, "geojson", export.Audience{Public: true}, domain.EventFilter{Statuses: published})
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string          `json:"type"`
			ID       json.RawMessage `json:"id"`
			Geometry *struct {
				Type        string            `json:"type"`
				Coordinates []json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 7 {
		t.Fatalf("type %q with %d features, want a FeatureCollection of the 7 verified events", fc.Type, len(fc.Features))
	}
	for _, f := range fc.Features {
		if f.Type != "Feature" || f.ID[0] != '"' || f.Properties == nil {
			t.Errorf("feature %s: type %q properties %v", f.ID, f.Type, f.Properties != nil)
		}
		if f.Geometry == nil {
			continue
		}
		if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 {
			t.Fatalf("feature %s geometry %+v", f.ID, f.Geometry)
		}
		lon, err1 := strconv.ParseFloat(string(f.Geometry.Coordinates[0]), 64)
		lat, err2 := strconv.ParseFloat(string(f.Geometry.Coordinates[1]), 64)
		if err1 != nil || err2 != nil || lon < 92 || lon > 102 || lat < 9 || lat > 29 {
			t.Errorf("feature %s at %s,%s: not [lon, lat] in Myanmar", f.ID, f.Geometry.Coordinates[0], f.Geometry.Coordinates[1])
		}
		for _, c := range f.Geometry.Coordinates {
			if i := strings.IndexByte(string(c), '.'); i >= 0 && len(c)-i-1 > 5 {
				t.Errorf("feature %s coordinate %s has more than five decimals", f.ID, c)
			}
		}
	}
}

// TestAtomFeed checks the Atom 1.0 elements readers need: feed and entry
// ids, titles and updated times, a self link, alternate links to the
// event pages, newest verification first, only verified events.
func TestAtomFeed(t *testing.T) {
	fx := exporttest.Load(t)
	out := write(t, fx, "atom", export.Audience{Public: true, BaseURL: "https://n.example"}, domain.EventFilter{PCode: "MMR015"})
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	var feed struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  string `xml:"author>name"`
		Links   []link `xml:"link"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Updated   string `xml:"updated"`
			Published string `xml:"published"`
			Links     []link `xml:"link"`
			Summary   string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" || feed.ID == "" || feed.Title == "" || feed.Author == "" {
		t.Fatalf("feed head: %+v", feed.XMLName)
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
		t.Errorf("feed updated %q: %v", feed.Updated, err)
	}
	if len(feed.Links) == 0 || feed.Links[0].Rel != "self" {
		t.Errorf("no self link: %+v", feed.Links)
	}
	if len(feed.Entries) != 7 {
		t.Fatalf("%d entries, want the 7 verified events", len(feed.Entries))
	}
	seen := map[string]bool{}
	prev := ""
	for _, e := range feed.Entries {
		if seen[e.ID] || !strings.HasPrefix(e.ID, "tag:sitroom,2023:event/") || e.Title == "" {
			t.Errorf("entry id %q title %q", e.ID, e.Title)
		}
		seen[e.ID] = true
		pub, err1 := time.Parse(time.RFC3339, e.Published)
		up, err2 := time.Parse(time.RFC3339, e.Updated)
		if err1 != nil || err2 != nil || up.Before(pub) {
			t.Errorf("entry %s published %q updated %q", e.ID, e.Published, e.Updated)
		}
		if prev != "" && e.Published > prev {
			t.Errorf("entries not newest first: %s after %s", e.Published, prev)
		}
		prev = e.Published
		id := strings.TrimPrefix(e.ID, "tag:sitroom,2023:event/")
		if e.Links[0].Rel != "alternate" || e.Links[0].Href != "https://n.example/events/"+id {
			t.Errorf("entry %s link %+v", e.ID, e.Links)
		}
		if !strings.Contains(e.Summary, "Verified "+e.Published) {
			t.Errorf("summary lacks the verification time: %q", e.Summary)
		}
	}
	// The repatriation was verified last (70 minutes after the start).
	if want := exporttest.Start.Add(70 * time.Minute).Format(time.RFC3339); feed.Entries[0].Published != want {
		t.Errorf("newest entry published %s, want %s", feed.Entries[0].Published, want)
	}
	// A limit keeps the newest.
	vs, err := export.NewlyVerified(context.Background(), fx.Store, fx.Store, domain.EventFilter{}, fx.Places, export.Audience{}, 2)
	if err != nil || len(vs) != 2 || vs[0].Event.ID != fx.Events["repatriation"] || vs[1].Event.ID != fx.Events["total"] {
		t.Errorf("NewlyVerified limit 2 = %d events (%v)", len(vs), err)
	}
}
