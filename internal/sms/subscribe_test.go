package sms

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseSubscription(t *testing.T) {
	cases := []struct {
		text    string
		ok      bool
		action  SubAction
		place   string
		topics  string
		burmese bool
	}{
		{"SUB LASHIO", true, ActionSubscribe, "LASHIO", "", false},
		{"SUB LASHIO ROAD", true, ActionSubscribe, "LASHIO", "road", false},
		{"SUB  Nam Kham road bridge ", true, ActionSubscribe, "Nam Kham", "road,bridge", false},
		{"SUB KUTKAI ROAD ROADS", true, ActionSubscribe, "KUTKAI", "road", false},
		{"SUB MMR015001", true, ActionSubscribe, "MMR015001", "", false},
		{"SUB", true, ActionSubscribe, "", "", false},
		{"SUB ROAD", true, ActionSubscribe, "", "road", false},
		{"SUBSCRIBE HSENWI AIRSTRIKE DISPLACED", true, ActionSubscribe, "HSENWI", "airstrike,displaced", false},
		{"STOP", true, ActionUnsubscribe, "", "", false},
		{"stop", true, ActionUnsubscribe, "", "", false},
		{"Stop.", true, ActionUnsubscribe, "", "", false},
		{"STOP LASHIO", true, ActionUnsubscribe, "LASHIO", "", false},
		{"STOP LASHIO ROAD", true, ActionUnsubscribe, "LASHIO", "", false},
		{"LIST", true, ActionList, "", "", false},
		{"LIST LASHIO", false, "", "", "", false},
		{"စာရင်းသွင်း လားရှိုး", true, ActionSubscribe, "လားရှိုး", "", true},
		{"စာရင်းသွင်း လားရှိုး လမ်း", true, ActionSubscribe, "လားရှိုး", "road", true},
		{"စာရင်းသွင်း ကွတ်ခိုင် တံတား ဖုန်း", true, ActionSubscribe, "ကွတ်ခိုင်", "bridge,telecom", true},
		{"ရပ်", true, ActionUnsubscribe, "", "", true},
		{"ရပ် လားရှိုး", true, ActionUnsubscribe, "လားရှိုး", "", true},
		{"စာရင်း", true, ActionList, "", "", true},
		// Reports, not commands.
		{"Stop the shelling in Lashio", false, "", "", "", false},
		{"sub lashio", false, "", "", "", false},
		{"CLASH LAUKKAI K3 MNDAA", false, "", "", "", false},
		{"ROAD LASHIO-MUSE CLOSED", false, "", "", "", false},
		{"", false, "", "", "", false},
		{"SUB " + strings.Repeat("X ", MaxSubWords), false, "", "", "", false},
	}
	for _, c := range cases {
		cmd, ok := ParseSubscription(c.text)
		if ok != c.ok {
			t.Errorf("%q: ok = %v, want %v (%+v)", c.text, ok, c.ok, cmd)
			continue
		}
		if !ok {
			continue
		}
		if cmd.Action != c.action || cmd.Place != c.place || strings.Join(cmd.Topics, ",") != c.topics || cmd.Burmese != c.burmese {
			t.Errorf("%q = %+v, want %s %q topics %q burmese %v", c.text, cmd, c.action, c.place, c.topics, c.burmese)
		}
	}
}

func TestSubRepliesFitOneSegment(t *testing.T) {
	for _, burmese := range []bool{false, true} {
		r := SubReplies{Burmese: burmese}
		for _, s := range []string{
			r.Subscribed("Lashio", nil, "07:00"), r.Subscribed("Kokang Self-Administered Zone", []string{"road", "bridge", "telecom"}, "19:30"),
			r.Unsubscribed("", 2), r.Unsubscribed("Lashio", 1), r.Unsubscribed("", 0),
			r.List(nil), r.List([]string{"Lashio", "Kutkai", "Muse", "Namhkan"}),
			r.UnknownPlace(""), r.UnknownPlace(strings.Repeat("ဗ", 40)),
		} {
			if c := Segments(s); c.Segments != 1 {
				t.Errorf("reply %q takes %d segments", s, c.Segments)
			}
			if burmese && Encode(s) != UCS2 {
				t.Errorf("Burmese reply %q is not UCS-2", s)
			}
		}
	}
}

func FuzzParseSubscription(f *testing.F) {
	for _, s := range []string{"SUB LASHIO ROAD", "STOP", "stop", "LIST", "စာရင်းသွင်း လားရှိုး လမ်း", "ရပ်", "SUB", "SUB ROAD ROAD",
		"CLASH LAUKKAI K3", "Stop the shelling", "SUB \xff\xfe", "STOP  ;  LASHIO"} {
		f.Add(s)
	}
	valid := map[string]bool{}
	for _, t := range Topics {
		valid[t] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, ok := ParseSubscription(text)
		if !ok {
			if cmd.Action != "" {
				t.Fatalf("%q: not a command but action %q", text, cmd.Action)
			}
			return
		}
		switch cmd.Action {
		case ActionSubscribe, ActionUnsubscribe, ActionList:
		default:
			t.Fatalf("%q: action %q", text, cmd.Action)
		}
		if len(strings.Fields(text)) > MaxSubWords {
			t.Fatalf("%q: a command of %d words", text, len(strings.Fields(text)))
		}
		seen := map[string]bool{}
		for _, tp := range cmd.Topics {
			if !valid[tp] || seen[tp] {
				t.Fatalf("%q: topic %q unknown or repeated", text, tp)
			}
			seen[tp] = true
		}
		if cmd.Place != strings.TrimSpace(cmd.Place) || strings.Contains(cmd.Place, "  ") {
			t.Fatalf("%q: place %q is not trimmed", text, cmd.Place)
		}
		if cmd.Action == ActionList && (cmd.Place != "" || len(cmd.Topics) > 0) {
			t.Fatalf("%q: LIST with arguments %+v", text, cmd)
		}
		if utf8.ValidString(text) && !utf8.ValidString(cmd.Place) {
			t.Fatalf("%q: place %q is not valid UTF-8", text, cmd.Place)
		}
		if r := (SubReplies{Burmese: cmd.Burmese}).UnknownPlace(cmd.Place); Segments(r).Segments != 1 {
			t.Fatalf("%q: reply %q over one segment", text, r)
		}
	})
}
