// Package acled reads ACLED exports: CSV files with the codebook's column
// names, in any order and case, with optional columns missing. Each row
// becomes a report whose text is ACLED's notes, whose source is ACLED's
// source, and whose single structured event carries the row's type,
// sub-type, actors with roles, place, point and fatalities; the report's
// client id is ACLED's event id, so re-importing an export creates
// nothing new and every claim keeps the id it came from.
package acled

import (
	"fmt"
	"strconv"
	"strings"

	"sitroom/internal/domain"
)

// Column is one column of an ACLED export, as the codebook names it.
type Column struct {
	// Name is the codebook's column name.
	Name string
	// HXL is the hashtag the column carries in HXL-tagged ACLED data, so
	// that an HXL export can reuse this table.
	HXL string
	// Required columns must be in the header; the others may be missing.
	Required bool
	// Doc says what sitroom does with the column.
	Doc string
}

// Columns are ACLED's 31 columns in the codebook's order: the header of an
// ACLED-compatible export.
var Columns = []Column{
	{"event_id_cnty", "#event+code", true, "the report's client id and the claim's source id (meta acled_event_id)"},
	{"event_date", "#date+occurred", true, "the event's day, and the report's date"},
	{"year", "#date+year", false, "checked against event_date"},
	{"time_precision", "#date+precision", false, "1 day, 2 week, 3 month"},
	{"disorder_type", "#event+type+disorder", false, "kept in meta"},
	{"event_type", "#event+type", true, "the claim's event type"},
	{"sub_event_type", "#event+type+sub", false, "the claim's sub-event type (default for the type when missing)"},
	{"actor1", "#group+name+first", false, "first actor: attacker in battles and violence, else other"},
	{"assoc_actor_1", "#group+name+first+assoc", false, "associated actors of actor1, ';'-separated, same role"},
	{"inter1", "#group+type+first", false, "actor1's inter code, kept in meta"},
	{"actor2", "#group+name+second", false, "second actor: target, or victim when civilians"},
	{"assoc_actor_2", "#group+name+second+assoc", false, "associated actors of actor2, same role"},
	{"inter2", "#group+type+second", false, "actor2's inter code (7 makes actor2 a victim), kept in meta"},
	{"interaction", "#group+interaction", false, "kept in meta"},
	{"civilian_targeting", "#event+civilians", false, "kept in meta"},
	{"iso", "#country+code+num", false, "kept in meta"},
	{"region", "#region+name", false, "kept in meta"},
	{"country", "#country+name", false, "kept in meta"},
	{"admin1", "#adm1+name", false, "state/region name; for the P-code look-up, kept in meta"},
	{"admin2", "#adm2+name", false, "district name; for the P-code look-up, kept in meta"},
	{"admin3", "#adm3+name", false, "township name; for the P-code look-up, kept in meta"},
	{"location", "#loc+name", false, "the claim's place name"},
	{"latitude", "#geo+lat", false, "the claim's point"},
	{"longitude", "#geo+lon", false, "the claim's point"},
	{"geo_precision", "#geo+precision", false, "kept in meta"},
	{"source", "#meta+source", false, "the report's source"},
	{"source_scale", "#meta+source+scale", false, "kept in meta"},
	{"notes", "#description", false, "the report's text"},
	{"fatalities", "#affected+killed", false, "killed, as a lower bound"},
	{"tags", "#meta+tags", false, "kept in meta"},
	{"timestamp", "#date+updated", false, "ACLED's upload time (Unix seconds), kept in meta"},
}

// ColumnNames returns the 31 column names in the codebook's order.
func ColumnNames() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = c.Name
	}
	return out
}

// columnAliases maps spellings seen in older exports and hand-edited
// sheets to the codebook's names.
var columnAliases = map[string]string{
	"assoc_actor1": "assoc_actor_1", "assoc_actor2": "assoc_actor_2",
	"lat": "latitude", "lon": "longitude", "long": "longitude", "lng": "longitude",
	"event_id": "event_id_cnty", "eventid": "event_id_cnty",
	"date": "event_date", "sub_event": "sub_event_type", "subevent_type": "sub_event_type",
}

// CanonicalColumn returns the codebook name of a header cell ("Event
// Date" → event_date), and whether it is one of the 31.
func CanonicalColumn(h string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(h))
	k = strings.Join(strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '-' || r == '.' }), "_")
	if a, ok := columnAliases[k]; ok {
		k = a
	}
	for _, c := range Columns {
		if c.Name == k {
			return k, true
		}
	}
	return k, false
}

// Roles gives the parts ACLED's two actors play: in battles, explosions,
// violence against civilians and riots actor1 acts on actor2 (a victim
// when its inter code is 7, civilians); in protests and strategic
// developments neither is an attacker.
func Roles(t domain.EventType, inter2 domain.Inter) (first, second domain.ActorRole) {
	switch t {
	case domain.Battle, domain.ExplosionRemoteViolence, domain.Riot:
		first, second = domain.ActorAttacker, domain.ActorTarget
	case domain.ViolenceAgainstCivilians:
		first, second = domain.ActorAttacker, domain.ActorVictim
	default:
		first, second = domain.ActorOther, domain.ActorOther
	}
	if inter2 == domain.InterCivilians && second != domain.ActorOther {
		second = domain.ActorVictim
	}
	return first, second
}

// MetaKey is the report meta key a column's raw value is kept under.
func MetaKey(column string) string {
	if column == "event_id_cnty" {
		return "acled_event_id"
	}
	return "acled_" + column
}

// required lists the columns a file must have.
func required() []string {
	var out []string
	for _, c := range Columns {
		if c.Required {
			out = append(out, c.Name)
		}
	}
	return out
}

// interNames are the inter codes' names in newer exports, which write
// "Rebel group" where older ones wrote 2.
var interNames = map[string]domain.Inter{
	"state forces": domain.InterState, "rebel group": domain.InterRebel, "political militia": domain.InterPolitical,
	"identity militia": domain.InterIdentity, "rioters": domain.InterRioters, "protesters": domain.InterProtesters,
	"civilians": domain.InterCivilians, "external/other forces": domain.InterExternal, "external/other force": domain.InterExternal,
}

// ParseInter reads an inter code: a number 0-8 or its name.
func ParseInter(s string) (domain.Inter, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return domain.InterUnknown, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 8 {
			return 0, fmt.Errorf("%q is not an ACLED inter code (0-8)", s)
		}
		return domain.Inter(n), nil
	}
	if in, ok := interNames[strings.ToLower(s)]; ok {
		return in, nil
	}
	return 0, fmt.Errorf("%q is not an ACLED inter code (0-8 or a name such as \"Rebel group\")", s)
}
