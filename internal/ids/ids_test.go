package ids

import (
	"testing"
	"time"

	"sitroom/internal/clock"
)

func TestULIDSortsInCreationOrder(t *testing.T) {
	clk := clock.NewManual(time.Date(2023, 10, 27, 0, 0, 0, 0, time.UTC))
	g := NewULID(clk, nil)
	prev := ""
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		if i%100 == 0 {
			clk.Advance(time.Millisecond)
		}
		id := g.NewID()
		if len(id) != 26 || id <= prev || seen[id] {
			t.Fatalf("id %d = %q after %q", i, id, prev)
		}
		seen[id] = true
		prev = id
	}
	if s := NewSequence("x"); s.NewID() != "x-000001" || s.NewID() != "x-000002" {
		t.Error("sequence")
	}
}
