package extract

import (
	"testing"

	"sitroom/internal/domain"
)

func TestFindSite(t *testing.T) {
	cases := []struct {
		sent, name string
		kind       domain.SiteKind
	}{
		{"The MNDAA seized the Kyin San Kyawt border gate on Sunday.", "Kyin San Kyawt border gate", domain.SiteBorderGate},
		{"TNLA forces took the Sakhanthit camp outside the town.", "Sakhanthit camp", domain.SiteMilitaryBase},
		{"Fighters blew up the Hsenwi bridge with explosives.", "Hsenwi bridge", domain.SiteBridge},
		{"No flights have left Lashio airport since Friday.", "Lashio airport", domain.SiteAirport},
		{"Some 3,000 displaced people are sheltering at the Mansi camp.", "Mansi camp", domain.SiteIDP},
		{"Police raided the Yatai compound, a hub of online scams.", "Yatai compound", domain.SiteScamCompound},
		{"LIB 129 base fell after two days.", "LIB 129 base", domain.SiteMilitaryBase},
		{"The junta base in the town was shelled.", "", ""},
		{"Clashes continued near the gate of the market.", "", ""},
		{"A compound of houses burned.", "", ""},
		{"Fighting broke out in Laukkaing.", "", ""},
		{"Lashio 28/10: airport shut since yesterday.", "", ""},
		{"On 1/1 Ei Naing bridge was blown up.", "Ei Naing bridge", domain.SiteBridge},
		{"Infantry Battalion 127 headquarters surrendered.", "Infantry Battalion 127 headquarters", domain.SiteMilitaryBase},
	}
	for _, tc := range cases {
		s := findSite(tc.sent)
		switch {
		case tc.name == "" && s != nil:
			t.Errorf("%q: site %+v, want none", tc.sent, s)
		case tc.name != "" && (s == nil || s.Name != tc.name || s.Kind != tc.kind):
			t.Errorf("%q: site %+v, want %s (%s)", tc.sent, s, tc.name, tc.kind)
		}
	}
}
