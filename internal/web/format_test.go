package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/views"
)

func TestFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{fmtNum(0), "0"},
		{fmtNum(999), "999"},
		{fmtNum(23000), "23,000"},
		{fmtNum(1234567), "1,234,567"},
		{fmtNum(-4500), "-4,500"},
		{fmtDate("2023-11-16"), "16 Nov 2023"},
		{fmtDate("bad"), "bad"},
		{fmtPeriod("2023-11-09", "2023-11-16"), "9 Nov 2023 – 16 Nov 2023"},
		{fmtPeriod("2023-11-09", "2023-11-09"), "9 Nov 2023"},
		// 20:00 UTC is 02:30 the next day in Myanmar.
		{fmtTime(time.Date(2023, 11, 15, 20, 0, 0, 0, time.UTC)), "16 Nov 2023 02:30 MMT"},
		{fmtTime(time.Time{}), ""},
		{qualText(domain.QualAtLeast) + "9", "at least 9"},
		{qualText(domain.QualExact) + "9", "9"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"", false}, {"gzip", true}, {"gzip, deflate, br", true}, {"br;q=1.0, gzip;q=0.8", true},
		{"gzip;q=0", false}, {"identity", false}, {"*", true}, {"GZIP", true},
	} {
		r := &http.Request{Header: http.Header{"Accept-Encoding": {tc.header}}}
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("%q: %v, want %v", tc.header, got, tc.want)
		}
	}
}

func TestChooseLang(t *testing.T) {
	for _, tc := range []struct {
		accept, cookie, want string
	}{
		{"", "", langEN}, {"my", "", langMY}, {"my-MM,en;q=0.5", "", langMY}, {"en-GB,my;q=0.2", "", langEN},
		{"fr", "", langEN}, {"my", langEN, langEN}, {"", langMY, langMY}, {"", "xx", langEN}, {"%%%", "", langEN},
	} {
		r := &http.Request{Header: http.Header{"Accept-Language": {tc.accept}}}
		if tc.cookie != "" {
			r.Header.Set("Cookie", "lang="+tc.cookie)
		}
		if got := chooseLang(r); got != tc.want {
			t.Errorf("Accept-Language %q cookie %q: %s, want %s", tc.accept, tc.cookie, got, tc.want)
		}
	}
	if got := tr(langMY, "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key shows %q", got)
	}
	if got := tr(langMY, "ov.latest"); got == messages["ov.latest"][0] {
		t.Errorf("Burmese label fell back to English")
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/events?type=battle": "/events?type=battle", "//evil.example": "/", "https://evil.example/": "/",
		"/\\evil.example": "/", "events": "/", "/review/01ABC": "/review/01ABC",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSafeNext: whatever a sign-in link carries, the redirect stays on
// this site.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/", "//x", "/\\x", "http://x", "/a?b=c", "/%2F%2Fx", "\t//x", "/\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := safeNext(in)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("safeNext(%q) = %q", in, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("safeNext(%q) = %q leaves the site", in, got)
		}
	})
}

func TestCoarsenSensitiveSites(t *testing.T) {
	lat, lon := 23.1, 97.9
	camp := func() domain.Event {
		return domain.Event{ID: "E1", Site: &domain.Site{Name: "Camp 3", Kind: domain.SiteIDP},
			Location: domain.Location{PlaceName: "Camp 3", PCode: "MMR015022701", Adm3: "MMR015022", Lat: &lat, Lon: &lon},
			Claims:   []domain.Claim{{ID: "C1", Location: domain.Location{PCode: "MMR015022701", Adm3: "MMR015022", Lat: &lat, Lon: &lon}}}}
	}
	e := camp()
	if !coarsen(&e, true) || e.Lat != nil || e.PCode != "MMR015022" || e.Claims[0].Lat != nil || e.Claims[0].PCode != "MMR015022" {
		t.Errorf("public view of a camp: %+v", e)
	}
	e = camp()
	if coarsen(&e, false) || e.Lat == nil || e.PCode != "MMR015022701" {
		t.Errorf("signed-in view of a camp was coarsened")
	}
	base := domain.Event{Location: domain.Location{Lat: &lat, Lon: &lon}}
	if coarsen(&base, true) || base.Lat == nil {
		t.Errorf("an event at no site was coarsened")
	}
	s := &Server{places: fakePlaces{"MMR015022": {PCode: "MMR015022", Lat: 23.3, Lon: 97.97, HasPoint: true}}}
	e = camp()
	if la, lo, coarse, ok := s.point(&e, true); !ok || !coarse || la != 23.3 || lo != 97.97 {
		t.Errorf("public point of a camp = %v %v %v %v, want its township's", la, lo, coarse, ok)
	}
	if la, _, coarse, ok := s.point(&e, false); !ok || coarse || la != lat {
		t.Errorf("signed-in point of a camp = %v %v %v", la, coarse, ok)
	}
	none := domain.Event{Location: domain.Location{PCode: "MMR015001"}}
	if _, _, _, ok := s.point(&none, false); ok {
		t.Error("an event with no point and an unknown place got a point")
	}
}

type fakePlaces map[string]domain.Place

func (f fakePlaces) Place(pcode string) (domain.Place, error) {
	if p, ok := f[pcode]; ok {
		return p, nil
	}
	return domain.Place{}, domain.NotFound("place", pcode)
}

func TestTimeline(t *testing.T) {
	events := []domain.Event{
		{Type: domain.Battle, DateStart: "2023-11-01"}, {Type: domain.Battle, DateStart: "2023-11-03"},
		{Type: domain.StrategicDevelopment, DateStart: "2023-11-03"},
	}
	td := timeline(events, langEN)
	if len(td.Days) != 3 || len(td.Series) != 2 {
		t.Fatalf("timeline = %+v", td)
	}
	if got := td.Series[0].Counts; got[0] != 1 || got[1] != 0 || got[2] != 1 || td.Series[0].Type != "battle" {
		t.Errorf("battle counts = %v", got)
	}
	if td.Series[1].Counts[2] != 1 || td.Series[1].Letter != "S" {
		t.Errorf("strategic = %+v", td.Series[1])
	}
	if empty := timeline(nil, langEN); len(empty.Days) != 0 {
		t.Errorf("empty timeline has days")
	}
}

func TestDisplacementChart(t *testing.T) {
	series := []views.DisplacementSeries{
		{PCode: "MMR015022", Name: "Laukkaing", Total: 13000, Points: []views.DisplacementPoint{
			{Date: "2023-10-27", Value: 10000, Cumulative: true}, {Date: "2023-11-15", Value: 3000}}},
		{PCode: "MMR015010", Name: "Namhkan", Total: 2500, Points: []views.DisplacementPoint{{Date: "2023-11-03", Value: 2500}}},
	}
	td := displacementChart(series)
	if len(td.Days) != 3 || len(td.Series) != 2 || td.Series[0].Label != "Laukkaing" {
		t.Fatalf("chart = %+v", td)
	}
	// Laukkaing: the running total holds, the incident adds on its day.
	if got := td.Series[0].Counts; got[0] != 10000 || got[1] != 10000 || got[2] != 13000 {
		t.Errorf("Laukkaing = %v", got)
	}
	if got := td.Series[1].Counts; got[0] != 0 || got[1] != 2500 || got[2] != 2500 {
		t.Errorf("Namhkan = %v", got)
	}
	if empty := displacementChart(nil); len(empty.Series) != 0 {
		t.Error("empty chart has series")
	}
}
