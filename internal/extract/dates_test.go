package extract

import (
	"testing"
	"time"

	"sitroom/internal/domain"
)

// TestDates checks date expressions against a report date (Thursday 16
// November 2023): weekdays, relative days and weeks, spans, months, "since",
// Burmese dates; and that no date lands after the report date.
func TestDates(t *testing.T) {
	ref := time.Date(2023, 11, 16, 0, 0, 0, 0, time.UTC) // a Thursday
	cases := []struct {
		text       string
		start, end domain.Date
		prec       domain.TimePrecision
		since      bool
	}{
		{"on Friday", "2023-11-10", "2023-11-10", domain.TimeDay, false},
		{"early Thursday morning", "2023-11-16", "2023-11-16", domain.TimeDay, false},
		{"last Thursday", "2023-11-09", "2023-11-09", domain.TimeDay, false},
		{"last week", "2023-11-09", "2023-11-16", domain.TimeWeek, false},
		{"in the past week", "2023-11-09", "2023-11-16", domain.TimeWeek, false},
		{"over the past four days", "2023-11-12", "2023-11-16", domain.TimeWeek, false},
		{"over the past two months", "2023-09-17", "2023-11-16", domain.TimeMonth, false},
		{"since 27 October", "2023-10-27", "2023-11-16", domain.TimeMonth, true},
		{"since Friday", "2023-11-10", "2023-11-16", domain.TimeWeek, true},
		{"on the night of 26 October", "2023-10-26", "2023-10-26", domain.TimeDay, false},
		{"on 12 November", "2023-11-12", "2023-11-12", domain.TimeDay, false},
		{"on November 12, 2023", "2023-11-12", "2023-11-12", domain.TimeDay, false},
		{"on the 3rd of November", "2023-11-03", "2023-11-03", domain.TimeDay, false},
		{"from 12-15 November", "2023-11-12", "2023-11-15", domain.TimeWeek, false},
		{"from November 26 to 28", "2022-11-26", "2022-11-28", domain.TimeWeek, false},
		{"between 30 October and 2 November", "2023-10-30", "2023-11-02", domain.TimeWeek, false},
		{"in November", "2023-11-01", "2023-11-16", domain.TimeMonth, false},
		{"in late October", "2023-10-21", "2023-10-31", domain.TimeMonth, false},
		{"last month", "2023-10-01", "2023-10-31", domain.TimeMonth, false},
		{"yesterday", "2023-11-15", "2023-11-15", domain.TimeDay, false},
		{"the day before yesterday", "2023-11-14", "2023-11-14", domain.TimeDay, false},
		{"today", "2023-11-16", "2023-11-16", domain.TimeDay, false},
		{"this morning", "2023-11-16", "2023-11-16", domain.TimeDay, false},
		{"last night", "2023-11-15", "2023-11-15", domain.TimeDay, false},
		{"over the weekend", "2023-11-11", "2023-11-12", domain.TimeWeek, false},
		{"on 2023-11-02", "2023-11-02", "2023-11-02", domain.TimeDay, false},
		{"on 02/11/2023", "2023-11-02", "2023-11-02", domain.TimeDay, false},
		{"on 25 December", "2022-12-25", "2022-12-25", domain.TimeDay, false}, // never after the report
		{"နိုဝင်ဘာလ ၁၂ ရက်နေ့က", "2023-11-12", "2023-11-12", domain.TimeDay, false},
		{"အောက်တိုဘာလ ၂၇ ရက်နေ့ကတည်းက", "2023-10-27", "2023-11-16", domain.TimeMonth, true},
		{"နိုဝင်ဘာ ၁၀ ရက်မှ ၁၃ ရက်အထိ", "2023-11-10", "2023-11-13", domain.TimeWeek, false},
		{"မနေ့က", "2023-11-15", "2023-11-15", domain.TimeDay, false},
		{"ယနေ့", "2023-11-16", "2023-11-16", domain.TimeDay, false},
		{"သောကြာနေ့က", "2023-11-10", "2023-11-10", domain.TimeDay, false},
		{"ပြီးခဲ့သည့်အပတ်", "2023-11-09", "2023-11-16", domain.TimeWeek, false},
	}
	for _, tc := range cases {
		text, low := prepare(tc.text)
		toks := tokenize(text, low, nil)
		ps := findDates(text, toks, 0, len(toks), ref, nil)
		var got *period
		for i := range ps {
			if !ps[i].until {
				got = &ps[i]
				break
			}
		}
		if got == nil {
			t.Errorf("%q: no date", tc.text)
			continue
		}
		if got.start != tc.start || got.end != tc.end || got.prec != tc.prec || got.since != tc.since {
			t.Errorf("%q: %s..%s prec %d since %v, want %s..%s prec %d since %v", tc.text,
				got.start, got.end, got.prec, got.since, tc.start, tc.end, tc.prec, tc.since)
		}
		if got.end > day(ref) || got.start > day(ref) {
			t.Errorf("%q: %s..%s after the report date", tc.text, got.start, got.end)
		}
	}
}

// TestDatesIgnored checks words that are not dates, or dates that do not
// date an event ("until 3 November", "May" the verb).
func TestDatesIgnored(t *testing.T) {
	ref := time.Date(2023, 11, 16, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"the airport will remain closed until 3 November", "the army may attack",
		"operation 1027", "a march through town", "since the coup in February 2021", "at 4:00 p.m."} {
		text, low := prepare(s)
		toks := tokenize(text, low, nil)
		for _, p := range findDates(text, toks, 0, len(toks), ref, nil) {
			if !p.until {
				t.Errorf("%q: read a date %s..%s", s, p.start, p.end)
			}
		}
	}
}

// TestRelativeDays checks days counted from the date told before ("the
// following day", "two days later").
func TestRelativeDays(t *testing.T) {
	cases := []struct {
		text string
		want domain.Date
	}{
		{"Clashes broke out in Kutkai on 20 November. The following day, junta jets bombed Kutkai town.", "2023-11-21"},
		{"Clashes broke out in Kutkai on 20 November. Two days later, junta jets bombed Kutkai town.", "2023-11-22"},
		{"Clashes broke out in Kutkai on 20 November. The previous day, junta jets bombed Kutkai town.", "2023-11-19"},
	}
	for _, tc := range cases {
		d := &doc{}
		d.reset(tc.text, time.Date(2023, 11, 25, 0, 0, 0, 0, time.UTC))
		d.analyse()
		var got domain.Date
		for _, c := range d.cands {
			if !c.dead && c.typ == domain.ExplosionRemoteViolence {
				got = c.per.start
			}
		}
		if got != tc.want {
			t.Errorf("%q: %s, want %s", tc.text, got, tc.want)
		}
	}
}
