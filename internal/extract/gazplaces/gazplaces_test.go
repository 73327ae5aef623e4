package gazplaces_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/gazplaces"
	"sitroom/internal/gazetteer"
)

// TestScan checks the adapter: offsets, the chosen place, qualifiers, and
// names that are not places in this sense dropped by the gazetteer.
func TestScan(t *testing.T) {
	p := gazplaces.New(gazetteer.Default().InArea("MMR015"))
	text := "Clashes on the outskirts of Laukkai and near Kutkai township; shelling in Namhkam town."
	ms := p.Scan(text)
	want := []struct {
		text, pcode, qual string
	}{{"Laukkai", "MMR015022701", "outskirts"}, {"Kutkai", "MMR015011", "near"}, {"Namhkam", "MMR015010701", ""}}
	if len(ms) != len(want) {
		t.Fatalf("mentions %+v", ms)
	}
	for i, w := range want {
		m := ms[i]
		if m.Text != w.text || text[m.Start:m.End] != w.text || m.Place.PCode != w.pcode || m.Qualifier != w.qual || m.Score <= 0 {
			t.Errorf("mention %d: %+v, want %+v", i, m, w)
		}
	}
}

type fixture struct {
	ID   string      `json:"id"`
	Date domain.Date `json:"date"`
	Text string      `json:"text"`
	Want []struct {
		Type  domain.EventType `json:"type"`
		PCode string           `json:"pcode"`
	} `json:"want"`
}

// TestFixturesWithGazetteer runs the extractor's fixtures with the real
// gazetteer instead of the test table: the same events, at the same places.
func TestFixturesWithGazetteer(t *testing.T) {
	x := extract.New(gazplaces.New(gazetteer.Default().InArea("MMR015")))
	for _, file := range []string{"fixtures_en.jsonl", "fixtures_my.jsonl"} {
		f, err := os.Open(filepath.Join("..", "testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		pass, n := 0, 0
		for sc.Scan() {
			var fx fixture
			if err := json.Unmarshal(sc.Bytes(), &fx); err != nil {
				t.Fatal(err)
			}
			n++
			evs := x.Events(extract.Document{Text: fx.Text, Date: fx.Date})
			ok := len(evs) == len(fx.Want)
			for i := 0; ok && i < len(evs); i++ {
				c := extract.Contract(evs[i])
				found := fx.Want[i].PCode == ""
				for _, p := range c.PCodes {
					found = found || p == fx.Want[i].PCode || (len(p) == 12 && p[:9] == fx.Want[i].PCode)
				}
				if c.Type != fx.Want[i].Type || !found {
					ok = false
				}
			}
			if ok {
				pass++
			} else {
				var got []string
				for _, ev := range evs {
					c := extract.Contract(ev)
					got = append(got, string(c.Type)+"@"+c.Place)
				}
				t.Logf("%s: %v, want %+v", fx.ID, got, fx.Want)
			}
		}
		f.Close()
		t.Logf("%s: %d/%d fixtures give their events and places with the gazetteer", file, pass, n)
		if pass*10 < n*9 {
			t.Errorf("%s: only %d/%d", file, pass, n)
		}
	}
}
