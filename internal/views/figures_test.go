package views

import (
	"fmt"
	"testing"

	"sitroom/internal/domain"
)

// ev builds an event: id, place (state, district, township codes; "" for
// coarser), period, killed and displaced (-1 for none), cumulative.
func ev(id, adm1, adm2, adm3 string, start, end domain.Date, killed, displaced int64, cumulative bool) domain.Event {
	e := domain.Event{ID: id, Status: domain.StatusCorroborated, DateStart: start, DateEnd: end, Cumulative: cumulative,
		Location: domain.Location{Adm1: adm1, Adm2: adm2, Adm3: adm3}}
	switch {
	case adm3 != "":
		e.PCode = adm3
	case adm2 != "":
		e.PCode = adm2
	default:
		e.PCode = adm1
	}
	if killed >= 0 {
		e.Figures = append(e.Figures, domain.EventFigure{Kind: domain.Killed, Min: killed})
	}
	if displaced >= 0 {
		e.Figures = append(e.Figures, domain.EventFigure{Kind: domain.Displaced, Min: displaced})
	}
	return e
}

const (
	shan      = "MMR015"
	kokang    = "MMR015S002"
	lashioD   = "MMR015D001"
	laukkaing = "MMR015017"
	kunlong   = "MMR015018"
	lashio    = "MMR015001"
)

// The worked examples of docs/METHOD.md.
func TestTotalsWorkedExamples(t *testing.T) {
	oct27, nov30 := domain.Date("2023-10-27"), domain.Date("2023-11-30")
	all := Window{oct27, nov30}
	incidents := []domain.Event{
		ev("i1", shan, kokang, laukkaing, "2023-11-01", "2023-11-01", 9, -1, false),
		ev("i2", shan, kokang, laukkaing, "2023-11-10", "2023-11-10", 4, -1, false),
		ev("i3", shan, kokang, laukkaing, "2023-11-20", "2023-11-20", 2, -1, false),
	}
	cases := []struct {
		name   string
		events []domain.Event
		area   string
		level  domain.GeoLevel
		w      Window
		want   int64
		used   string
	}{
		{"1. incidents add up", incidents, laukkaing, domain.LevelTownship, all, 15, "[i1 i2 i3]"},
		{"2. a running total stands for the incidents it holds", append([]domain.Event{
			ev("c1", shan, kokang, laukkaing, oct27, "2023-11-16", 40, -1, true)}, incidents...),
			laukkaing, domain.LevelTownship, all, 42, "[c1 i3]"},
		{"3. incidents above a smaller running total win", append([]domain.Event{
			ev("c1", shan, kokang, laukkaing, oct27, "2023-11-16", 10, -1, true)}, incidents...),
			laukkaing, domain.LevelTownship, all, 15, "[i1 i2 i3]"},
		{"4. a running total that starts before the window is not used", append([]domain.Event{
			ev("c1", shan, kokang, laukkaing, oct27, "2023-11-16", 40, -1, true)}, incidents...),
			laukkaing, domain.LevelTownship, Window{"2023-11-05", nov30}, 6, "[i2 i3]"},
		{"5. the later of two running totals", append([]domain.Event{
			ev("c1", shan, kokang, laukkaing, oct27, "2023-11-05", 20, -1, true),
			ev("c2", shan, kokang, laukkaing, oct27, "2023-11-16", 40, -1, true)}, incidents...),
			laukkaing, domain.LevelTownship, all, 42, "[c2 i3]"},
		{"6. areas nest: townships add up to the state", append([]domain.Event{
			ev("k1", shan, lashioD, kunlong, "2023-11-12", "2023-11-12", 5, -1, false),
			ev("c1", shan, kokang, laukkaing, oct27, "2023-11-16", 40, -1, true)}, incidents...),
			shan, domain.LevelState, all, 47, "[c1 i3 k1]"},
		{"7. a state running total holds its townships", append([]domain.Event{
			ev("s1", shan, "", "", oct27, "2023-11-16", 100, -1, true),
			ev("k1", shan, lashioD, kunlong, "2023-11-12", "2023-11-12", 5, -1, false),
			ev("k2", shan, lashioD, kunlong, "2023-11-25", "2023-11-25", 1, -1, false)}, incidents...),
			shan, domain.LevelState, all, 103, "[i3 k2 s1]"},
		{"8. rejected events do not count", []domain.Event{
			func() domain.Event {
				e := ev("r", shan, kokang, laukkaing, "2023-11-02", "2023-11-02", 50, -1, false)
				e.Status = domain.StatusRejected
				return e
			}(),
			incidents[0]}, laukkaing, domain.LevelTownship, all, 9, "[i1]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewTotals(domain.Killed, tc.events).Total(tc.area, tc.level, tc.w)
			if c.Value != tc.want || fmt.Sprint(c.Events) != tc.used {
				t.Errorf("total %d from %v, want %d from %s", c.Value, c.Events, tc.want, tc.used)
			}
		})
	}
}

func TestFiguresByTownshipAndDay(t *testing.T) {
	events := []domain.Event{
		ev("s1", shan, "", "", "2023-10-27", "2023-11-09", -1, 50000, true),
		ev("d1", shan, kokang, laukkaing, "2023-11-05", "2023-11-05", -1, 6000, false),
		ev("d2", shan, lashioD, kunlong, "2023-11-01", "2023-11-01", 2, 2000, false),
		ev("d3", shan, lashioD, lashio, "2023-11-12", "2023-11-12", 1, 1000, false),
	}
	names := func(p string) string { return map[string]string{shan: "Shan (North)", laukkaing: "Laukkaing"}[p] }
	v := Figures(events, shan, domain.LevelState, Window{"2023-10-27", "2023-11-30"}, "township", names)
	if v.Total.Displaced.Value != 51000 || v.Total.Killed.Value != 3 || v.Name != "Shan (North)" {
		t.Errorf("total %+v", v.Total)
	}
	got := map[string]int64{}
	for _, r := range v.Rows {
		got[r.Key] = r.Displaced.Value
	}
	want := map[string]int64{laukkaing: 6000, kunlong: 2000, lashio: 1000, shan + ":unspecified": 42000}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if len(v.Cumulative) != 1 || v.Cumulative[0].Value != 50000 {
		t.Errorf("cumulative %+v", v.Cumulative)
	}
	d := Figures(events, shan, domain.LevelState, Window{"2023-10-27", "2023-11-30"}, "day", nil)
	if len(d.Rows) != 3 || d.Rows[0].Key != "2023-11-01" || d.Rows[0].Displaced.Value != 2000 {
		t.Errorf("by day %+v", d.Rows)
	}
}
