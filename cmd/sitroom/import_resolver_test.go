package main

import (
	"testing"

	"sitroom/internal/gazetteer"
	"sitroom/internal/spreadsheet"
)

// TestGazetteerResolver places ACLED-style admin and location names with
// the embedded gazetteer.
func TestGazetteerResolver(t *testing.T) {
	r := gazetteerResolver{gazetteer.Default().InArea("MMR015")}
	for _, tc := range []struct {
		place spreadsheet.Place
		want  string // a P-code prefix: the township, or a place inside it
	}{
		{spreadsheet.Place{Location: "Hseni", Admin3: "Hseni", Admin2: "Lashio", Admin1: "Shan-North"}, "MMR015002"},
		{spreadsheet.Place{Location: "Chinshwehaw", Admin3: "Laukkaing", Admin2: "Kokang", Admin1: "Shan-North"}, "MMR015022"},
		{spreadsheet.Place{Location: "Namhkan", Admin3: "Namhkan", Admin2: "Muse", Admin1: "Shan-North"}, "MMR015010"},
		{spreadsheet.Place{Location: "A farm track nobody mapped", Admin3: "Lashio", Admin1: "Shan-North"}, "MMR015001"},
	} {
		got, ok := r.ResolvePlace(tc.place)
		if !ok || len(got) < len(tc.want) || got[:len(tc.want)] != tc.want {
			t.Errorf("ResolvePlace(%+v) = %q, %v; want %s…", tc.place, got, ok, tc.want)
		}
	}
	if got, ok := r.ResolvePlace(spreadsheet.Place{Location: "Zzyzx Qwerty"}); ok {
		t.Errorf("an unknown place resolved to %s", got)
	}
}
