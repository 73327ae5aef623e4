package geocode

import (
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/gazetteer"
)

func f(v float64) *float64 { return &v }

func TestLocate(t *testing.T) {
	g := Geocoder{Gazetteer: gazetteer.Default().InArea("MMR015")}
	cases := []struct {
		name      string
		loc       domain.Location
		pcode     string
		adm3      string
		level     domain.GeoLevel
		precision int
		field     string
	}{
		{"township by code", domain.Location{PCode: "MMR015001"}, "MMR015001", "MMR015001", domain.LevelTownship, 2, ""},
		{"superseded code", domain.Location{PCode: "MMR015D005"}, "MMR015S002", "", domain.LevelDistrict, 2, ""},
		{"unknown code", domain.Location{PCode: "MMR999999"}, "", "", "", 0, "events[0].pcode"},
		{"a press spelling", domain.Location{PlaceName: "Laukkai"}, "", "MMR015022", "", 0, ""},
		{"a town by name", domain.Location{PlaceName: "Chin Shwe Haw"}, "", "MMR015022", domain.LevelTown, 1, ""},
		{"northern Shan", domain.Location{PlaceName: "northern Shan State"}, "MMR015", "", domain.LevelState, 3, ""},
		{"a point", domain.Location{Lat: f(22.95), Lon: f(97.75)}, "MMR015001", "MMR015001", domain.LevelPoint, 1, ""},
		{"nonsense keeps its name", domain.Location{PlaceName: "Xyzzy Qqq"}, "", "", "", 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			loc := tc.loc
			err := g.Locate(&loc, "events[0].pcode")
			if tc.field != "" {
				if domain.ErrorField(err) != tc.field {
					t.Fatalf("err %v, want field %s", err, tc.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (tc.pcode != "" && loc.PCode != tc.pcode) || loc.Adm3 != tc.adm3 || (tc.level != "" && loc.GeoLevel != tc.level) ||
				(tc.precision != 0 && loc.GeoPrecision != tc.precision) {
				t.Errorf("located %+v", loc)
			}
			if tc.loc.PlaceName != "" && loc.PlaceName != tc.loc.PlaceName {
				t.Errorf("stated name replaced by %q", loc.PlaceName)
			}
		})
	}
}
