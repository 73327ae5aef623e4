package gazetteer

import "testing"

func TestForeignAndFarMisspellings(t *testing.T) {
	g := Default().InArea("MMR015")
	cases := []struct {
		text string
		want []string // chosen P-codes, in order
	}{
		{"Talks were held in Kunming under Chinese mediation.", nil},
		{"Police in Dehong prefecture received the suspects at Ruili.", nil},
		{"Trade along the China-Myanmar border stopped.", nil},
		// A misspelling of a northern Shan town is still read.
		{"Heavy fighting in Namhkham on Friday.", []string{"MMR015010701"}},
		// A far place named exactly is read; a near-miss of one is not.
		{"Displaced people also reached Sagaing.", []string{"MMR005001701"}},
	}
	for _, tc := range cases {
		var got []string
		for _, m := range g.Scan(tc.text) {
			if m.Chosen.Place.Level != "country" {
				got = append(got, m.Chosen.Place.PCode)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("Scan(%q) = %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Scan(%q) = %v, want %v", tc.text, got, tc.want)
			}
		}
	}
	if c := g.Resolve("Kunming", Context{}); len(c) != 0 {
		t.Errorf("Resolve(Kunming) = %s", c[0].Place.Name)
	}
}
