package extract_test

import (
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
)

// TestFigures checks how figures are read: lower bounds with their
// qualifier, numbers in digits, words and Burmese, vague words giving none,
// and running totals marked.
func TestFigures(t *testing.T) {
	type fig struct {
		kind domain.FigureKind
		min  int64
		qual domain.Qualifier
		cum  bool
	}
	cases := []struct {
		text string
		want []fig // figures of the first event, in domain.FigureKinds order
	}{
		{"At least nine civilians were killed by shelling in Lashio.", []fig{{domain.Killed, 9, domain.QualAtLeast, false}}},
		{"More than 60 people were displaced by fighting in Kutkai.", []fig{{domain.Displaced, 60, domain.QualAtLeast, false}}},
		{"Fighting in Kutkai displaced 23,000 people.", []fig{{domain.Displaced, 23000, domain.QualExact, false}}},
		{"Fighting in Kutkai displaced 23k people.", []fig{{domain.Displaced, 23000, domain.QualExact, false}}},
		{"Fighting in Kutkai displaced 23 000 people.", []fig{{domain.Displaced, 23000, domain.QualExact, false}}},
		{"Fighting in Kutkai displaced 23 thousand people.", []fig{{domain.Displaced, 23000, domain.QualExact, false}}},
		{"Fighting in Kutkai displaced about 50,000 people.", []fig{{domain.Displaced, 50000, domain.QualApprox, false}}},
		{"Fighting in Kutkai displaced almost 50,000 people.", []fig{{domain.Displaced, 50000, domain.QualApprox, false}}},
		{"Fighting in Kutkai displaced nearly 50,000 people.", []fig{{domain.Displaced, 50000, domain.QualApprox, false}}},
		{"Fighting in Kutkai displaced some 50,000 people.", []fig{{domain.Displaced, 50000, domain.QualApprox, false}}},
		{"Up to 300 people were displaced by clashes in Kutkai.", []fig{{domain.Displaced, 300, domain.QualUpTo, false}}},
		{"Fighting in Kutkai displaced 1.5 million people.", []fig{{domain.Displaced, 1500000, domain.QualExact, false}}},
		{"Twenty-three villagers were killed in an airstrike on Kutkai.", []fig{{domain.Killed, 23, domain.QualExact, false}}},
		{"An airstrike on Kutkai killed nine and injured one hundred and twenty.", []fig{
			{domain.Killed, 9, domain.QualExact, false}, {domain.Injured, 120, domain.QualExact, false}}},
		{"Dozens of civilians were killed in an airstrike on Kutkai.", nil},
		{"Many people were injured in an airstrike on Kutkai.", nil},
		{"Hundreds of families fled the clashes in Kutkai.", nil},
		{"Thousands were displaced by fighting in Kutkai.", nil},
		{"Three soldiers and two civilians were killed in clashes in Kutkai.", []fig{{domain.Killed, 5, domain.QualExact, false}}},
		{"Since 27 October, 40 civilians have been killed by shelling in Kutkai.", []fig{{domain.Killed, 40, domain.QualExact, true}}},
		{"So far 40 civilians have been killed by shelling in Kutkai.", []fig{{domain.Killed, 40, domain.QualExact, true}}},
		{"In total 40 civilians have been killed by shelling in Kutkai.", []fig{{domain.Killed, 40, domain.QualExact, true}}},
		{"To date 40 civilians have been killed by shelling in Kutkai.", []fig{{domain.Killed, 40, domain.QualExact, true}}},
		{"Police in Muse arrested 12 people.", []fig{{domain.Arrested, 12, domain.QualExact, false}}},
		{"Authorities in Muse handed over 310 scam suspects to China.", []fig{{domain.HandedOver, 310, domain.QualExact, false}}},
		{"A three-year-old child was killed by shelling in Kutkai at 4:00 p.m.", []fig{{domain.Killed, 1, domain.QualExact, false}}},
		{"A shell killed a man and his wife in Kutkai.", []fig{{domain.Killed, 2, domain.QualExact, false}}},
		{"Shelling in Kutkai injured 2 people and destroyed 40 houses.", []fig{{domain.Injured, 2, domain.QualExact, false}}},
		{"ကွတ်ခိုင်မြို့တွင် လေကြောင်းတိုက်ခိုက်မှုကြောင့် အရပ်သား ၉ ဦး သေဆုံးခဲ့သည်။", []fig{{domain.Killed, 9, domain.QualExact, false}}},
		{"ကွတ်ခိုင်မြို့တွင် တိုက်ပွဲကြောင့် လူ ၂၃,၀၀၀ ကျော် ထွက်ပြေးခဲ့သည်။", []fig{{domain.Displaced, 23000, domain.QualAtLeast, false}}},
		{"ကွတ်ခိုင်မြို့တွင် တိုက်ပွဲကြောင့် လူ နှစ်သောင်းသုံးထောင်ခန့် ထွက်ပြေးခဲ့သည်။", []fig{{domain.Displaced, 23000, domain.QualApprox, false}}},
		{"ကွတ်ခိုင်မြို့တွင် လေကြောင်းတိုက်ခိုက်မှုကြောင့် အရပ်သား အနည်းဆုံး ၃ ဦး ဒဏ်ရာရခဲ့သည်။", []fig{{domain.Injured, 3, domain.QualAtLeast, false}}},
		{"ကွတ်ခိုင်မြို့တွင် လေကြောင်းတိုက်ခိုက်မှုကြောင့် အရပ်သား ရာချီ ဒဏ်ရာရခဲ့သည်။", nil},
		{"သီပေါမြို့ကို လက်နက်ကြီးဖြင့် ပစ်ခတ်ရာ ကလေး ၂ ဦးနှင့် အမျိုးသမီး ၁ ဦး သေဆုံးခဲ့သည်။", []fig{{domain.Killed, 3, domain.QualExact, false}}},
	}
	x := extract.New(extracttest.Places())
	for _, tc := range cases {
		evs := x.Events(extract.Document{Text: tc.text, Date: "2023-11-20"})
		if len(evs) == 0 {
			t.Errorf("%q: no event", tc.text)
			continue
		}
		var got []fig
		for _, c := range evs[0].Claims {
			for _, f := range c.Figures {
				got = append(got, fig{f.Kind, f.Min, f.Qualifier, f.Cumulative})
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: figures %+v, want %+v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: figure %d %+v, want %+v", tc.text, i, got[i], tc.want[i])
			}
		}
	}
}

// TestFigureTextKeepsWords checks that a figure records the words it was
// read from, so that soldiers and civilians stay told apart.
func TestFigureTextKeepsWords(t *testing.T) {
	x := extract.New(extracttest.Places())
	evs := x.Events(extract.Document{Text: "Clashes in Kutkai killed 18 junta soldiers.", Date: "2023-11-20"})
	if len(evs) != 1 || len(evs[0].Claims[0].Figures) != 1 {
		t.Fatalf("events %+v", evs)
	}
	if f := evs[0].Claims[0].Figures[0]; f.Text != "killed 18 junta soldiers" && f.Text != "18 junta soldiers" {
		t.Errorf("text %q", f.Text)
	}
}
