package httpapi

import (
	"net/url"
	"reflect"
	"testing"

	"sitroom/internal/domain"
)

func TestParseEventFilter(t *testing.T) {
	f, err := ParseEventFilter(url.Values{
		"since": {"2023-10-27"}, "until": {"2023-12-31"}, "bbox": {"96.5,22,99.5,24.5"},
		"type": {"battle,Explosions/Remote violence"}, "sub_type": {"air_drone_strike"}, "kind": {"access_road"},
		"status": {"new", "verified"}, "actor": {"MNDAA,TNLA"}, "pcode": {"mmr015"}, "q": {" Laukkaing "}, "limit": {"9999"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := domain.EventFilter{Since: "2023-10-27", Until: "2023-12-31", BBox: &domain.BBox{MinLon: 96.5, MinLat: 22, MaxLon: 99.5, MaxLat: 24.5},
		Types: []domain.EventType{domain.Battle, domain.ExplosionRemoteViolence}, SubTypes: []domain.SubEventType{domain.AirDroneStrike},
		Kinds: []domain.Kind{domain.KindAccessRoad}, Statuses: []domain.Status{domain.StatusNew, domain.StatusVerified},
		Actors: []string{"MNDAA", "TNLA"}, PCode: "MMR015", Query: "Laukkaing", Limit: domain.MaxPageSize}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("filter\n got %+v\nwant %+v", f, want)
	}
	for q, field := range map[string]string{"since=2023-13-01": "since", "until=x": "until", "since=2023-11-02&until=2023-11-01": "until",
		"bbox=1,2,3": "bbox", "bbox=10,10,0,0": "bbox", "type=war": "type", "sub_type=x": "sub_type", "kind=x": "kind",
		"status=x": "status", "limit=-1": "limit", "limit=ten": "limit"} {
		v, _ := url.ParseQuery(q)
		if _, err := ParseEventFilter(v); domain.ErrorField(err) != field {
			t.Errorf("%s: err %v, want field %s", q, err, field)
		}
	}
}

func FuzzParseEventFilter(f *testing.F) {
	f.Add("since=2023-10-27&bbox=1,2,3,4&type=battle")
	f.Add("limit=0&kind=&status=new,,verified")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := ParseEventFilter(q)
		if err != nil {
			if domain.ErrorCode(err) != domain.CodeInvalid || domain.ErrorField(err) == "" {
				t.Fatalf("error without code or field: %v", err)
			}
			return
		}
		if flt.Limit < 1 || flt.Limit > domain.MaxPageSize {
			t.Fatalf("limit %d escaped the bounds", flt.Limit)
		}
	})
}
