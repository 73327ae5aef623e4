package sqlstore

import (
	"testing"

	"sitroom/internal/domain"
)

func TestCursorRoundTrip(t *testing.T) {
	c := cursor{Key: "2023-11-12", ID: "01HF"}
	got, err := decodeCursor(encodeCursor(c))
	if err != nil || got != c {
		t.Fatalf("round trip = %+v, %v", got, err)
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(cursor{Key: "2023-11-12", ID: "x"}))
	f.Add("!!")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor(s)
		if err != nil {
			if domain.ErrorField(err) != "cursor" {
				t.Fatalf("error not about the cursor: %v", err)
			}
			return
		}
		if c.ID == "" {
			t.Fatal("accepted a cursor without an id")
		}
	})
}

func TestRebind(t *testing.T) {
	d := Dialect{Numbered: true}
	if got := d.rebind("a = ? AND b IN (?, ?)"); got != "a = $1 AND b IN ($2, $3)" {
		t.Errorf("rebind = %q", got)
	}
	if got := (&Dialect{}).rebind("a = ?"); got != "a = ?" {
		t.Errorf("sqlite rebind = %q", got)
	}
}
