package digest

import (
	"fmt"
	"sort"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/sitrep"
	"sitroom/internal/sms"
)

// MaxSegments is the most SMS a digest or an alert may take.
const MaxSegments = 3

// Item is one event in a message, long and short.
type Item struct {
	EventID string
	Score   int64
	Full    string // with figures and sources
	Short   string // what, where, the main figure
}

// Names gives a P-code's name in a language ("en" or "my").
type Names func(pcode, lang string) string

// gsmSafe replaces the punctuation that would push an English message out
// of the GSM 03.38 alphabet (and so from 160 to 70 characters a segment)
// with its GSM equivalent.
var gsmSafe = strings.NewReplacer("–", "-", "—", "-", "‘", "'", "’", "'", "“", `"`, "”", `"`, "…", "...", "≥", ">=", "·", "-", "\u00a0", " ")

var burmeseDigits = strings.NewReplacer("0", "၀", "1", "၁", "2", "၂", "3", "၃", "4", "၄", "5", "၅", "6", "၆", "7", "၇", "8", "၈", "9", "၉")

func num(n int64, lang string) string {
	s := fmt.Sprint(n)
	if lang == "my" {
		return burmeseDigits.Replace(s)
	}
	return s
}

// words of the messages.
var vocab = map[string][2]string{ // en, my
	"clash":        {"Clash", "တိုက်ပွဲ"},
	"captured":     {"Captured", "သိမ်းပိုက်"},
	"airstrike":    {"Airstrike", "လေကြောင်းတိုက်ခိုက်"},
	"shelling":     {"Shelling", "အမြောက်"},
	"explosion":    {"Explosion", "ပေါက်ကွဲ"},
	"civilians":    {"Attack on civilians", "အရပ်သား တိုက်ခိုက်ခံရ"},
	"protest":      {"Protest", "ဆန္ဒပြ"},
	"riot":         {"Riot", "အဓိကရုဏ်း"},
	"displaced":    {"Displaced", "စစ်ရှောင်"},
	"repatriation": {"Repatriation", "ပြန်လည်ပို့ဆောင်"},
	"development":  {"Development", "အခြေအနေ"},
	"road":         {"Road", "လမ်း"},
	"bridge":       {"Bridge", "တံတား"},
	"airport":      {"Airport", "လေဆိပ်"},
	"telecom":      {"Phone/internet", "ဖုန်း/အင်တာနက်"},
	"closed":       {"closed", "ပိတ်"},
	"restricted":   {"restricted", "ကန့်သတ်"},
	"open":         {"open", "ဖွင့်"},
	"killed":       {"killed", "သေ"},
	"injured":      {"injured", "ဒဏ်ရာ"},
	"people":       {"people", "ဦး"},
	"alert":        {"ALERT", "သတိပေးချက်"},
	"more":         {"more", "ထပ်"},
	"by":           {"by", "မှ"},
}

func word(k, lang string) string {
	if lang == "my" {
		return vocab[k][1]
	}
	return vocab[k][0]
}

// what names an event's kind in a few words.
func what(e *domain.Event, lang string) string {
	switch {
	case e.Kind.IsAccess():
		k := map[domain.Kind]string{domain.KindAccessRoad: "road", domain.KindAccessBridge: "bridge",
			domain.KindAccessAirport: "airport", domain.KindAccessTelecom: "telecom"}[e.Kind]
		st := domain.AccessClosed
		if e.Access != nil && e.Access.Status != "" {
			st = e.Access.Status
		}
		return word(k, lang) + " " + word(st, lang)
	case e.Kind == domain.KindDisplacement:
		return word("displaced", lang)
	case e.Kind == domain.KindRepatriation:
		return word("repatriation", lang)
	case e.Control != nil:
		return word("captured", lang)
	case e.SubType == domain.AirDroneStrike:
		return word("airstrike", lang)
	case e.SubType == domain.ShellingArtilleryMissileAttack:
		return word("shelling", lang)
	}
	switch e.Type {
	case domain.Battle:
		return word("clash", lang)
	case domain.ExplosionRemoteViolence:
		return word("explosion", lang)
	case domain.ViolenceAgainstCivilians:
		return word("civilians", lang)
	case domain.Protest:
		return word("protest", lang)
	case domain.Riot:
		return word("riot", lang)
	}
	return word("development", lang)
}

// where names an event's place: in English as the sources named it, in
// Burmese by the gazetteer's Burmese name of the place or its area.
func where(e *domain.Event, names Names, lang string) string {
	if lang != "my" && e.PlaceName != "" {
		return e.PlaceName
	}
	if names != nil {
		for _, pc := range []string{e.PCode, e.Adm3, e.Adm2, e.Adm1} {
			if pc == "" {
				continue
			}
			if n := names(pc, lang); n != "" {
				return n
			}
		}
	}
	return e.PlaceName
}

func figures(e *domain.Event, lang string, short bool) string {
	var parts []string
	for _, k := range []domain.FigureKind{domain.Killed, domain.Injured, domain.Displaced, domain.HandedOver} {
		f, ok := e.Figure(k)
		if !ok || (short && len(parts) > 0) {
			continue
		}
		n := num(f.Min, lang) + "+"
		switch k {
		case domain.Killed, domain.Injured:
			if lang == "my" {
				parts = append(parts, word(string(k), lang)+" "+n)
			} else {
				parts = append(parts, n+" "+word(string(k), lang))
			}
		default:
			parts = append(parts, n+" "+word("people", lang))
		}
	}
	return strings.Join(parts, ", ")
}

// NewItem describes an event for a message. sources are its source names.
func NewItem(e *domain.Event, sources []string, names Names, lang string) Item {
	w := what(e, lang) + " " + where(e, names, lang)
	if e.Kind.IsAccess() && e.Access != nil && e.Access.Route != "" {
		w = what(e, lang) + " " + e.Access.Route
	}
	if e.Control != nil {
		w += " (" + e.Control.Actor + ")"
	}
	full, short := w, w
	if f := figures(e, lang, false); f != "" {
		full += ": " + f
	}
	if f := figures(e, lang, true); f != "" {
		short += ": " + f
	}
	day := e.DateStart
	if e.Cumulative {
		day = e.DateEnd
	}
	if len(day) == len("2006-01-02") {
		d := day.Time().Format("2 Jan")
		if lang == "my" {
			d = burmeseDigits.Replace(day.Time().Format("2.1"))
		}
		full += ", " + d
	}
	if len(sources) > 0 {
		full += " (" + strings.Join(sources, ", ") + ")"
	}
	it := Item{EventID: e.ID, Score: sitrep.Significance(e), Full: full, Short: short}
	if lang != "my" {
		it.Full, it.Short = gsmSafe.Replace(it.Full), gsmSafe.Replace(it.Short)
	}
	return it
}

// Rank orders items most significant first (ties: by event id).
func Rank(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Score != items[j].Score {
			return items[i].Score > items[j].Score
		}
		return items[i].EventID < items[j].EventID
	})
}

// Fit writes a message of a header and ranked items, as short as it
// needs to be: in one SMS if the items fit, in full or shortened; else
// shortened in up to MaxSegments; else without the lowest-ranked items
// ("+2 more"), and at worst cut at MaxSegments. It returns the text, how
// many items it kept and its segment count (sms.Segments, exact).
func Fit(header string, items []Item, lang string) (string, int, sms.Count) {
	sep := "; "
	if lang == "my" {
		sep = "၊ "
	}
	build := func(n int, short bool) string {
		parts := make([]string, 0, n)
		for _, it := range items[:n] {
			if short {
				parts = append(parts, it.Short)
			} else {
				parts = append(parts, it.Full)
			}
		}
		s := header + " " + strings.Join(parts, sep)
		if n < len(items) {
			s += sep + "+" + num(int64(len(items)-n), lang) + " " + word("more", lang)
		}
		return s
	}
	done := func(s string, n int) (string, int, sms.Count) { return s, n, sms.Segments(s) }
	n := len(items)
	if s := build(n, false); sms.Segments(s).Segments <= 1 {
		return done(s, n)
	}
	if s := build(n, true); sms.Segments(s).Segments <= 1 {
		return done(s, n)
	}
	if s := build(n, false); sms.Segments(s).Segments <= MaxSegments {
		return done(s, n)
	}
	for k := n; k >= 1; k-- {
		if s := build(k, true); sms.Segments(s).Segments <= MaxSegments {
			return done(s, k)
		}
	}
	return done(sms.Truncate(build(1, true), MaxSegments), 1)
}
