package gazdata

import (
	"reflect"
	"testing"
)

func TestNameParts(t *testing.T) {
	tests := []struct {
		name    string
		level   uint8
		burmese bool
		want    []string
	}{
		{"Pang Hseng (Kyu Koke) Town", LevelTown, false, []string{"Pang Hseng", "Kyu Koke"}},
		{"Manhlyoe (Manhero) Town", LevelTown, false, []string{"Manhlyoe", "Manhero"}},
		{"Mone Yu (105 Maing)", LevelVillageTract, false, []string{"Mone Yu", "105 Maing"}},
		{"(Kyun Nyo Gyi) Kyun Hteik", LevelVillageTract, false, []string{"Kyun Hteik", "Kyun Nyo Gyi"}},
		{"Mong Maw (Wa SAD)", LevelDistrict, false, []string{"Mong Maw"}},
		{"Wein Kawng (Wein Kao) (Wa SAD)", LevelDistrict, false, []string{"Wein Kawng", "Wein Kao"}},
		{"Shan (North)", LevelState, false, nil},
		{"Kamma (PKU) Town", LevelTown, false, []string{"Kamma"}},
		{"No (1) Ward", LevelWard, false, []string{"No (1)"}},
		{"Mandalay City", LevelTown, false, []string{"Mandalay"}},
		{"ပန်ဆိုင်း (ကြူကုတ်)", LevelTown, true, []string{"ပန်ဆိုင်း", "ကြူကုတ်"}},
		{"မူဆယ်ခရိုင်", LevelDistrict, true, []string{"မူဆယ်"}},
		{"ရှမ်းပြည်နယ် (မြောက်ပိုင်း)", LevelState, true, nil},
		{"မိုင်းမော-ဝအထူးဒေသ (၂)", LevelDistrict, true, []string{"မိုင်းမော"}},
	}
	for _, tt := range tests {
		if got := nameParts(tt.name, tt.level, tt.burmese); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nameParts(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKindConfidence(t *testing.T) {
	if c := KindConfidence("exonym_zh_unverified"); c != UnverifiedConfidence {
		t.Errorf("unverified: %v", c)
	}
	if KindConfidence("official_mimu") != 1 || KindConfidence("news_spelling") <= KindConfidence("news_misspelling") {
		t.Error("official names must rank first, spellings above misspellings")
	}
}
