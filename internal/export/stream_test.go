package export_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/export"
)

// pagedStore serves n synthetic events a page at a time, counting pages.
type pagedStore struct {
	n, pages int
}

func (s *pagedStore) ListEvents(_ context.Context, f domain.EventFilter) (domain.Page[domain.Event], error) {
	s.pages++
	start := 0
	if f.Cursor != "" {
		start, _ = strconv.Atoi(f.Cursor)
	}
	var p domain.Page[domain.Event]
	for i := start; i < s.n && i < start+f.Limit; i++ {
		lat, lon := 22.9+float64(i%100)/1000, 97.7
		p.Items = append(p.Items, domain.Event{ID: fmt.Sprintf("E%06d", i), Type: domain.Battle, SubType: domain.ArmedClash,
			Title: "Armed clash", Status: domain.StatusVerified, DateStart: "2023-11-12", DateEnd: "2023-11-12",
			Location: domain.Location{PlaceName: "Lashio", Lat: &lat, Lon: &lon}})
	}
	if start+f.Limit < s.n {
		p.NextCursor = strconv.Itoa(start + f.Limit)
	}
	return p, nil
}

func (s *pagedStore) ClaimsOfEvents(context.Context, []string) ([]domain.Claim, error) {
	return nil, nil
}

// firstWrite records how many pages had been read when the first bytes
// reached the client.
type firstWrite struct {
	store *pagedStore
	at    int
	n     int
}

func (w *firstWrite) Write(p []byte) (int, error) {
	if w.n == 0 {
		w.at = w.store.pages
	}
	w.n += len(p)
	return len(p), nil
}

// TestExportsStream: a large export is read page by page (never all at
// once) and bytes leave before the last page is read.
func TestExportsStream(t *testing.T) {
	for _, format := range []string{"acled", "hxl", "geojson"} {
		st := &pagedStore{n: 5 * domain.MaxPageSize}
		out := &firstWrite{store: st}
		w, _ := export.NewWriter(format, out, nil, export.Audience{Public: true})
		if err := export.Each(context.Background(), st, domain.EventFilter{Limit: 10}, nil, export.Audience{Public: true}, w.Write); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if st.pages != 5 {
			t.Errorf("%s: %d pages read for %d events, want 5 of %d", format, st.pages, st.n, domain.MaxPageSize)
		}
		if out.at == 0 || out.at >= st.pages {
			t.Errorf("%s: first bytes written after page %d of %d: not streamed", format, out.at, st.pages)
		}
	}
}
