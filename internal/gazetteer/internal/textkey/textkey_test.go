package textkey

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Chin-Shwe-Haw", "chin shwe haw"},
		{"  Pang Hseng (Kyu Koke) Town ", "pang hseng kyu koke town"},
		{"Lašijas", "lasijas"},
		{"Ta’ang", "taang"},
		{"Ai' Chun", "ai chun"},
		{"No (1) Ward", "no 1 ward"},
		{"အမှတ် (၁) ရပ်ကွက်", "အမှတ် 1 ရပ်ကွက်"},
		{"\u200bမော်ထိုက်", "မော်ထိုက်"},
		{"MUSE", "muse"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSkeleton checks that the spellings the press uses for one place share
// a skeleton, and that different places do not.
func TestSkeleton(t *testing.T) {
	same := [][]string{
		{"Laukkai", "Laogai"},
		{"Chin Shwe Haw", "Chinshwehaw", "Chin Shwe Ho"},
		{"Namkham", "Namhkam"},
		{"Mantong", "Manton", "Mangton"},
		{"Kyukok", "Kyu Koke", "Kyugok"},
		{"Mongko", "Mong Ko", "Monekoe"},
		{"Hsipaw", "Hsibaw"},
		{"Nam Hpat Kar", "Namhpatkar"},
		{"Tarmoenye", "Tar Moe Nye"},
		{"Kunlong", "Kunglon"},
		{"Myawaddy", "Myawadi"},
		{"Kale", "Kalay"},
	}
	for _, set := range same {
		k := Skeleton(Fold(set[0]))
		for _, s := range set[1:] {
			if got := Skeleton(Fold(s)); got != k {
				t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q: want equal", s, got, set[0], k)
			}
		}
	}
	differ := [][2]string{{"Lashio", "Kutkai"}, {"Muse", "Namtu"}, {"Hopang", "Hsipaw"}}
	for _, p := range differ {
		if Skeleton(Fold(p[0])) == Skeleton(Fold(p[1])) {
			t.Errorf("%q and %q share a skeleton", p[0], p[1])
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"namkan", "namkam", 2, 1},
		{"lasio", "laiso", 2, 1}, // a swap
		{"kutkai", "kutkai", 2, 0},
		{"abc", "", 5, 3},
		{"lashio", "mandalay", 2, 3}, // gives up past max
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
	if d := Deletes("abb"); len(d) != 2 || d[0] != "bb" || d[1] != "ab" {
		t.Errorf("Deletes(abb) = %q", d)
	}
}

func TestScript(t *testing.T) {
	for in, want := range map[string]string{"Lashio": "Latn", "လားရှိုး": "Mymr", "ラショー": "Kana", "老街": "Hani", "Лашо": "other"} {
		if got := Script(in); got != want {
			t.Errorf("Script(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzFoldText(f *testing.F) {
	for _, s := range []string{"Chin-Shwe-Haw", "လားရှိုး\u200bမြို့", "Ta’ang", "\xff\xfe", "É", "a'b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, off := FoldText(s, true)
		if len(out) != len(off) {
			t.Fatalf("%d bytes, %d offsets", len(out), len(off))
		}
		prev := int32(0)
		for i, o := range off {
			if o < prev || int(o) >= len(s) || !utf8.RuneStart(s[o]) {
				t.Fatalf("offset %d of byte %d is bad in %q", o, i, s)
			}
			prev = o
		}
		if plain, _ := FoldText(s, false); string(plain) != string(out) {
			t.Fatal("offsets change the output")
		}
	})
}
