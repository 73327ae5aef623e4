package hxl

import "strings"

// Field is the part of a report a column fills.
type Field string

// The fields HXL columns map to.
const (
	FieldID            Field = "id"
	FieldText          Field = "text"
	FieldSource        Field = "source"
	FieldSourceURL     Field = "source_url"
	FieldReportDate    Field = "report_date"
	FieldEventType     Field = "type"
	FieldSubType       Field = "sub_type"
	FieldKind          Field = "kind"
	FieldDate          Field = "date"
	FieldDateStart     Field = "date_start"
	FieldDateEnd       Field = "date_end"
	FieldTimePrecision Field = "time_precision"
	FieldLocName       Field = "place"
	FieldAdm3Name      Field = "adm3_name"
	FieldAdm2Name      Field = "adm2_name"
	FieldAdm1Name      Field = "adm1_name"
	FieldLocCode       Field = "pcode"
	FieldAdm3Code      Field = "adm3_pcode"
	FieldAdm2Code      Field = "adm2_pcode"
	FieldAdm1Code      Field = "adm1_pcode"
	FieldLat           Field = "lat"
	FieldLon           Field = "lon"
	FieldKilled        Field = "killed"
	FieldInjured       Field = "injured"
	FieldDisplaced     Field = "displaced"
	FieldArrested      Field = "arrested"
	FieldActor         Field = "actor"
)

// Rule maps the columns carrying a hashtag to a field.
type Rule struct {
	// Tag is the hashtag with the attributes a column must have; a
	// column may have more ("#affected+killed+f" is still killed).
	Tag string
	// Field is what the column fills.
	Field Field
	// Exact rules match only a column with no attributes at all.
	Exact bool
	// Unless lists attributes that make a column something else
	// ("#event+type+disorder" is not the event type).
	Unless []string
}

// Rules are sitroom's HXL mappings. A column takes the matching rule with
// the most attributes; the first rule of each field is its canonical tag,
// which an HXL export writes.
var Rules = []Rule{
	{Tag: "#meta+id", Field: FieldID},
	{Tag: "#event+code", Field: FieldID},
	{Tag: "#event+id", Field: FieldID},
	{Tag: "#description", Field: FieldText},
	{Tag: "#meta+notes", Field: FieldText},
	{Tag: "#meta+source", Field: FieldSource, Unless: []string{"scale", "url"}},
	{Tag: "#org+name", Field: FieldSource},
	{Tag: "#org", Field: FieldSource, Exact: true},
	{Tag: "#meta+url", Field: FieldSourceURL},
	{Tag: "#meta+source+url", Field: FieldSourceURL},
	{Tag: "#date+reported", Field: FieldReportDate},
	{Tag: "#event+type", Field: FieldEventType, Unless: []string{"disorder", "sub", "code", "id"}},
	{Tag: "#event+subtype", Field: FieldSubType},
	{Tag: "#event+type+sub", Field: FieldSubType},
	{Tag: "#event+kind", Field: FieldKind},
	{Tag: "#date+occurred", Field: FieldDate},
	{Tag: "#date", Field: FieldDate, Exact: true},
	{Tag: "#date+start", Field: FieldDateStart},
	{Tag: "#date+end", Field: FieldDateEnd},
	{Tag: "#date+precision", Field: FieldTimePrecision},
	{Tag: "#loc+name", Field: FieldLocName},
	{Tag: "#loc", Field: FieldLocName, Exact: true},
	{Tag: "#adm3+name", Field: FieldAdm3Name},
	{Tag: "#adm2+name", Field: FieldAdm2Name},
	{Tag: "#adm1+name", Field: FieldAdm1Name},
	{Tag: "#loc+code", Field: FieldLocCode},
	{Tag: "#adm3+code", Field: FieldAdm3Code},
	{Tag: "#adm2+code", Field: FieldAdm2Code},
	{Tag: "#adm1+code", Field: FieldAdm1Code},
	{Tag: "#geo+lat", Field: FieldLat},
	{Tag: "#geo+lon", Field: FieldLon},
	{Tag: "#affected+killed", Field: FieldKilled},
	{Tag: "#affected+injured", Field: FieldInjured},
	{Tag: "#affected+displaced", Field: FieldDisplaced},
	{Tag: "#affected+idps", Field: FieldDisplaced},
	{Tag: "#affected+arrested", Field: FieldArrested},
	{Tag: "#actor+name", Field: FieldActor},
	{Tag: "#actor", Field: FieldActor, Unless: []string{"type", "code"}},
	{Tag: "#group+name", Field: FieldActor},
}

type compiled struct {
	rule   Rule
	tag    Tag
	unless []string
}

var rules = func() []compiled {
	out := make([]compiled, len(Rules))
	for i, r := range Rules {
		t, ok := ParseTag(r.Tag)
		if !ok {
			panic("hxl: bad rule tag " + r.Tag)
		}
		out[i] = compiled{rule: r, tag: t, unless: r.Unless}
	}
	return out
}()

// Match returns the rule for a column's tag: the matching rule with the
// most attributes (the first of equals).
func Match(t Tag) (Rule, bool) {
	best := -1
	for i, c := range rules {
		if c.tag.Name != t.Name || (c.rule.Exact && len(t.Attrs) > 0) {
			continue
		}
		ok := true
		for _, a := range c.tag.Attrs {
			ok = ok && t.Has(a)
		}
		for _, a := range c.unless {
			ok = ok && !t.Has(a)
		}
		if ok && (best < 0 || len(c.tag.Attrs) > len(rules[best].tag.Attrs)) {
			best = i
		}
	}
	if best < 0 {
		return Rule{}, false
	}
	return rules[best].rule, true
}

// TagFor returns the canonical hashtag of a field, for an export.
func TagFor(f Field) string {
	for _, r := range Rules {
		if r.Field == f {
			return r.Tag
		}
	}
	return ""
}

// roleAttrs give an actor column's part in the event.
var roleAttrs = []struct {
	attrs []string
	role  string
}{
	{[]string{"victim", "civilians"}, "victim"},
	{[]string{"attacker", "first", "actor1", "initiator", "perpetrator"}, "attacker"},
	{[]string{"target", "second", "actor2"}, "target"},
	{[]string{"other"}, "other"},
}

// ActorRole returns the role an actor column's attributes give, "" when
// they give none.
func ActorRole(t Tag) string {
	for _, ra := range roleAttrs {
		for _, a := range ra.attrs {
			if t.Has(a) {
				return ra.role
			}
		}
	}
	return ""
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
