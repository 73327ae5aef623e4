package extract

import (
	"time"

	"sitroom/internal/domain"
)

// period is a date or a span of dates stated in the text, resolved against
// the report's date.
type period struct {
	start, end domain.Date
	prec       domain.TimePrecision
	since      bool // "since 27 October": a running period up to the report date
	until      bool // "until 3 November": the end of a state, not an event date
	from, to   int  // token span
}

var monthWords = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

var weekdayWords = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thurs": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// Burmese spellings of the Gregorian months and of the weekdays; split
// into syllables at start-up so that they match the token stream.
var myMonthNames = []struct {
	name string
	m    time.Month
}{
	{"ဇန်နဝါရီ", 1}, {"ဖေဖော်ဝါရီ", 2}, {"မတ်", 3}, {"ဧပြီ", 4}, {"မေ", 5}, {"ဇွန်", 6}, {"ဇူလိုင်", 7},
	{"ဩဂုတ်", 8}, {"သြဂုတ်", 8}, {"စက်တင်ဘာ", 9}, {"အောက်တိုဘာ", 10}, {"နိုဝင်ဘာ", 11}, {"ဒီဇင်ဘာ", 12},
}

var myWeekdayNames = []struct {
	name string
	d    time.Weekday
}{
	{"တနင်္ဂနွေ", time.Sunday}, {"တနင်္လာ", time.Monday}, {"အင်္ဂါ", time.Tuesday}, {"ဗုဒ္ဓဟူး", time.Wednesday},
	{"ကြာသပတေး", time.Thursday}, {"သောကြာ", time.Friday}, {"စနေ", time.Saturday},
}

// sylPhrase is a Burmese name as syllables.
type sylPhrase struct {
	syl []string
	n   int // month or weekday number
}

var myMonths, myWeekdays []sylPhrase

func init() {
	for _, m := range myMonthNames {
		myMonths = append(myMonths, sylPhrase{phraseTokens(m.name), int(m.m)})
	}
	for _, d := range myWeekdayNames {
		myWeekdays = append(myWeekdays, sylPhrase{phraseTokens(d.name), int(d.d)})
	}
}

// matchSyl reports whether the syllables of p start at toks[i].
func matchSyl(toks []token, i, to int, p []string) bool {
	if i+len(p) > to {
		return false
	}
	for k, s := range p {
		if toks[i+k].low != s {
			return false
		}
	}
	return true
}

func day(t time.Time) domain.Date { return domain.DateOf(t) }

// mkDate builds a date, or false when the day does not exist.
func mkDate(y int, m time.Month, d int) (time.Time, bool) {
	if d < 1 || d > 31 || m < 1 || m > 12 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// inferYear places a day and month without a year on or before the report
// date: a report does not tell of days to come.
func inferYear(ref time.Time, m time.Month, d int) (time.Time, bool) {
	t, ok := mkDate(ref.Year(), m, d)
	if !ok {
		// 29 February of another year
		t, ok = mkDate(ref.Year()-1, m, d)
		return t, ok
	}
	if t.After(ref) {
		return mkDate(ref.Year()-1, m, d)
	}
	return t, true
}

func monthSpan(ref time.Time, m time.Month, year int) (time.Time, time.Time) {
	if year == 0 {
		year = ref.Year()
		if m > ref.Month() {
			year--
		}
	}
	s := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	e := s.AddDate(0, 1, -1)
	if e.After(ref) && !s.After(ref) {
		e = ref
	}
	return s, e
}

func precOf(s, e time.Time) domain.TimePrecision {
	switch d := int(e.Sub(s).Hours() / 24); {
	case d <= 0:
		return domain.TimeDay
	case d <= 7:
		return domain.TimeWeek
	default:
		return domain.TimeMonth
	}
}

func mkPeriod(s, e time.Time, from, to int) period {
	if e.Before(s) {
		s, e = e, s
	}
	return period{start: day(s), end: day(e), prec: precOf(s, e), from: from, to: to}
}

// lastWeekday is the most recent day d on or before ref (strictly before
// when strict).
func lastWeekday(ref time.Time, d time.Weekday, strict bool) time.Time {
	back := (int(ref.Weekday()) - int(d) + 7) % 7
	if back == 0 && strict {
		back = 7
	}
	return ref.AddDate(0, 0, -back)
}

func dayNumber(t token) (int, bool) {
	if t.kind != tNum || t.digits < 1 || t.digits > 2 || t.val < 1 || t.val > 31 {
		return 0, false
	}
	return int(t.val), true
}

func yearNumber(t token) (int, bool) {
	if t.kind != tNum || t.digits != 4 || t.val < 1990 || t.val > 2100 {
		return 0, false
	}
	return int(t.val), true
}

// monthAt reads a month name at i, returning it and the index after it.
func monthAt(text string, toks []token, i, to int) (time.Month, int, bool) {
	t := toks[i]
	if t.kind == tMy {
		for _, p := range myMonths {
			if !matchSyl(toks, i, to, p.syl) {
				continue
			}
			j := i + len(p.syl)
			if j < to && toks[j].low == "လ" {
				j++
			} else if len(p.syl) == 1 && (j >= to || toks[j].kind != tNum) {
				return 0, i, false // "မေ", "မတ်", "ဇွန်" are months only before "လ" or a day
			}
			return time.Month(p.n), j, true
		}
		return 0, i, false
	}
	m, ok := monthWords[t.low]
	if !ok {
		return 0, i, false
	}
	j := i + 1
	// "may" and "march" are months only when capitalised; an abbreviation
	// may end with a full stop
	if (t.low == "may" || t.low == "march" || t.low == "mar") && !t.cap {
		return 0, i, false
	}
	if len(t.low) <= 4 && j < to && toks[j].low == "." && toks[j].glued {
		j++
	}
	return m, j, true
}

// findDates reads the date expressions of toks[from:to] against the report
// date ref.
func findDates(text string, toks []token, from, to int, ref time.Time, out []period) []period {
	start := len(out)
	for i := from; i < to; {
		p, next, ok := dateAt(text, toks, i, from, to, ref)
		if !ok {
			i++
			continue
		}
		out = append(out, p)
		i = next
	}
	// "since" and "until" govern the date that follows them
	for k := start; k < len(out); k++ {
		p := &out[k]
		for j := p.from - 1; j >= from && j >= p.from-14; j-- {
			w := toks[j].low
			if w == "since" || w == "ကတည်းက" {
				p.since = true
				break
			}
			if w == "until" || w == "till" {
				p.until = true
				break
			}
			if toks[j].kind == tPunct && w != "," && w != "-" {
				break
			}
		}
		// Burmese: "…ရက်နေ့ကတည်းက" (since) and "…အထိ" (until) follow the date
		if p.to < to && toks[p.to].kind == tMy {
			switch toks[p.to].low {
			case "က":
				if p.to+2 < to && toks[p.to+1].low == "တည်း" && toks[p.to+2].low == "က" {
					p.since = true
				}
			case "ကတည်းက":
				p.since = true
			}
		}
		// "since the coup in February 2021": background, not a period of
		// the events told
		if p.since && ref.Sub(p.start.Time()).Hours() > 24*180 {
			p.since = false
			p.until = true
		}
		if p.since {
			r := day(ref)
			if p.start <= r {
				p.end = r
				p.prec = precOf(p.start.Time(), ref)
			}
		}
	}
	return out
}

// dateAt reads one date expression starting at token i.
func dateAt(text string, toks []token, i, from, to int, ref time.Time) (period, int, bool) {
	t := toks[i]
	switch t.kind {
	case tNum:
		return numericDate(text, toks, i, to, ref)
	case tMy:
		return burmeseDate(text, toks, i, to, ref)
	case tWord:
	default:
		return period{}, i, false
	}
	w := t.low
	// month first: "November 12", "November 26 to 28", "November 2023", "in November"
	if m, j, ok := monthAt(text, toks, i, to); ok {
		if j < to {
			if d, ok := dayNumber(toks[j]); ok && !(j+1 < to && toks[j+1].low == ":") {
				k := j + 1
				if k < to && toks[k].kind == tWord && toks[k].glued && ordinal(toks[k].low) {
					k++
				}
				var year int
				year, k = yearAfter(toks, k, to)
				s, ok := resolveDay(ref, year, m, d)
				if !ok {
					return period{}, i, false
				}
				e := s
				// "November 26 to 28", "November 26-28"
				if k+1 < to && (toks[k].low == "to" || toks[k].low == "and" || toks[k].low == "-") {
					if d2, ok := dayNumber(toks[k+1]); ok && d2 > d {
						if e2, ok := mkDate(s.Year(), m, d2); ok {
							e, k = e2, k+2
						}
					}
				} else if k < to && toks[k].hy {
					if d2, ok := dayNumber(toks[k]); ok && d2 > d {
						if e2, ok := mkDate(s.Year(), m, d2); ok {
							e, k = e2, k+1
						}
					}
				}
				return mkPeriod(s, e, i, k), k, true
			}
			if y, ok := yearNumber(toks[j]); ok {
				s, e := monthSpan(ref, m, y)
				return mkPeriod(s, e, i, j+1), j + 1, true
			}
		}
		// a month alone: "in November", "early November"
		s, e := monthSpan(ref, m, 0)
		if i > from {
			switch toks[i-1].low {
			case "early", "beginning":
				e = s.AddDate(0, 0, 9)
			case "mid":
				s, e = s.AddDate(0, 0, 10), s.AddDate(0, 0, 19)
			case "late", "end":
				s = s.AddDate(0, 0, 20)
			}
			if e.After(ref) {
				e = ref
			}
		}
		p := mkPeriod(s, e, i, j)
		p.prec = domain.TimeMonth
		return p, j, true
	}
	if d, ok := weekdayWords[w]; ok {
		if len(w) <= 4 && !t.cap {
			return period{}, i, false
		}
		// "Tuesday, December 19": the date that follows says it better
		k := i + 1
		if k < to && toks[k].low == "," {
			k++
		}
		if k < to {
			if _, _, ok := monthAt(text, toks, k, to); ok {
				return period{}, i, false
			}
			if _, ok := dayNumber(toks[k]); ok && k+1 < to {
				if _, _, ok := monthAt(text, toks, k+1, to); ok {
					return period{}, i, false
				}
			}
		}
		strict := i > from && (toks[i-1].low == "last" || toks[i-1].low == "past" || toks[i-1].low == "previous")
		s := lastWeekday(ref, d, strict)
		return mkPeriod(s, s, i, i+1), i + 1, true
	}
	switch w {
	case "yesterday":
		s := ref.AddDate(0, 0, -1)
		if i >= 3 && toks[i-1].low == "before" && toks[i-2].low == "day" {
			s = ref.AddDate(0, 0, -2)
		}
		return mkPeriod(s, s, i, i+1), i + 1, true
	case "today", "tonight":
		return mkPeriod(ref, ref, i, i+1), i + 1, true
	case "this":
		if i+1 < to {
			switch toks[i+1].low {
			case "morning", "afternoon", "evening":
				return mkPeriod(ref, ref, i, i+2), i + 2, true
			case "week":
				return mkPeriod(ref.AddDate(0, 0, -int(ref.Weekday())), ref, i, i+2), i + 2, true
			case "month":
				s := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
				p := mkPeriod(s, ref, i, i+2)
				p.prec = domain.TimeMonth
				return p, i + 2, true
			case "weekend":
				return weekend(ref, i, i+2), i + 2, true
			}
		}
	case "last", "past", "previous", "recent":
		if i+1 < to {
			switch toks[i+1].low {
			case "night":
				if w == "last" {
					s := ref.AddDate(0, 0, -1)
					return mkPeriod(s, s, i, i+2), i + 2, true
				}
			case "week":
				return mkPeriod(ref.AddDate(0, 0, -7), ref, i, i+2), i + 2, true
			case "weekend":
				return weekend(ref, i, i+2), i + 2, true
			case "month":
				if w == "last" || w == "previous" {
					first := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
					s := first.AddDate(0, -1, 0)
					p := mkPeriod(s, first.AddDate(0, 0, -1), i, i+2)
					p.prec = domain.TimeMonth
					return p, i + 2, true
				}
				p := mkPeriod(ref.AddDate(0, -1, 0), ref, i, i+2)
				p.prec = domain.TimeMonth
				return p, i + 2, true
			case "days":
				return mkPeriod(ref.AddDate(0, 0, -7), ref, i, i+2), i + 2, true
			}
			// "the past four days", "the last two weeks", "past 24 hours"
			if n, ok := readNumber(toks, i+1, to); ok && n.to < to && n.val > 0 && n.val < 400 {
				days := 0
				switch toks[n.to].low {
				case "day", "days":
					days = int(n.val)
				case "week", "weeks":
					days = int(n.val) * 7
				case "month", "months":
					days = int(n.val * 30)
				case "hours", "hour":
					days = int(n.val+23) / 24
				}
				if days > 0 {
					return mkPeriod(ref.AddDate(0, 0, -days), ref, i, n.to+1), n.to + 1, true
				}
			}
		}
	case "weekend":
		if i > from && (toks[i-1].low == "the" || toks[i-1].low == "weekend") {
			return weekend(ref, i, i+1), i + 1, true
		}
	}
	return period{}, i, false
}

// weekend is the last Saturday and Sunday on or before ref.
func weekend(ref time.Time, from, to int) period {
	sun := lastWeekday(ref, time.Sunday, false)
	if ref.Weekday() == time.Saturday {
		return mkPeriod(ref, ref, from, to)
	}
	return mkPeriod(sun.AddDate(0, 0, -1), sun, from, to)
}

func ordinal(s string) bool { return s == "st" || s == "nd" || s == "rd" || s == "th" }

func resolveDay(ref time.Time, year int, m time.Month, d int) (time.Time, bool) {
	if year != 0 {
		return mkDate(year, m, d)
	}
	return inferYear(ref, m, d)
}

// numericDate reads dates that start with a number: "12 November",
// "12-15 December", "26 November to 2 December", "12th of November",
// "2023-11-21", "21/11/2023".
func numericDate(text string, toks []token, i, to int, ref time.Time) (period, int, bool) {
	t := toks[i]
	// ISO 8601
	if y, ok := yearNumber(t); ok && i+2 < to && toks[i+1].hy && toks[i+2].hy {
		if s, ok := mkDate(y, time.Month(int(toks[i+1].val)), int(toks[i+2].val)); ok {
			return mkPeriod(s, s, i, i+3), i + 3, true
		}
	}
	d, ok := dayNumber(t)
	if !ok {
		return period{}, i, false
	}
	// day/month/year as SMS write it
	if i+2 < to && toks[i+1].low == "/" && toks[i+1].glued && toks[i+2].glued {
		if mo, ok := dayNumber(toks[i+2]); ok && mo <= 12 {
			k := i + 3
			year := 0
			if k+1 < to && toks[k].low == "/" && toks[k+1].glued && toks[k+1].kind == tNum {
				year = int(toks[k+1].val)
				if year < 100 {
					year += 2000
				}
				k += 2
			}
			if s, ok := resolveDay(ref, year, time.Month(mo), d); ok {
				return mkPeriod(s, s, i, k), k, true
			}
		}
		return period{}, i, false
	}
	j := i + 1
	if j < to && toks[j].kind == tWord && toks[j].glued && ordinal(toks[j].low) {
		j++
	}
	// "12-15 December", "12 to 15 December", "26 November to 2 December"
	d2 := 0
	if j < to && toks[j].hy {
		if x, ok := dayNumber(toks[j]); ok && x > d {
			d2, j = x, j+1
		}
	} else if j+1 < to && (toks[j].low == "to" || toks[j].low == "and" || toks[j].low == "-") {
		if x, ok := dayNumber(toks[j+1]); ok && x > d {
			if _, _, ok := monthAt(text, toks, j+2, to); j+2 < to && ok {
				d2, j = x, j+2
			}
		}
	}
	if j < to && toks[j].low == "of" {
		j++
	}
	if j >= to {
		return period{}, i, false
	}
	m, k, ok := monthAt(text, toks, j, to)
	if !ok {
		return period{}, i, false
	}
	year, k := yearAfter(toks, k, to)
	s, ok := resolveDay(ref, year, m, d)
	if !ok {
		return period{}, i, false
	}
	e := s
	if d2 > 0 {
		if x, ok := mkDate(s.Year(), m, d2); ok {
			e = x
		}
	} else if k+1 < to && (toks[k].low == "to" || toks[k].low == "-" || toks[k].low == "and" || toks[k].low == "until") {
		// "26 November to 2 December"
		if d3, ok := dayNumber(toks[k+1]); ok && k+2 < to {
			if m2, k2, ok := monthAt(text, toks, k+2, to); ok {
				if x, ok := resolveDay(ref, 0, m2, d3); ok && !x.Before(s) {
					e, k = x, k2
				}
			}
		}
	}
	return mkPeriod(s, e, i, k), k, true
}

// burmeseDate reads "နိုဝင်ဘာလ ၁၂ ရက်", "ဒီဇင်ဘာ ၁၀ ရက်မှ ၁၅ ရက်အထိ", the
// relative days and the weekdays.
func burmeseDate(text string, toks []token, i, to int, ref time.Time) (period, int, bool) {
	if m, j, ok := monthAt(text, toks, i, to); ok {
		if j < to {
			if d, ok := dayNumber(toks[j]); ok {
				k := j + 1
				if k < to && toks[k].low == "ရက်" {
					k++
				}
				s, ok := inferYear(ref, m, d)
				if !ok {
					return period{}, i, false
				}
				e := s
				// "… ၁၀ ရက်မှ ၁၅ ရက်အထိ"
				if k+1 < to && toks[k].low == "မှ" {
					if d2, ok := dayNumber(toks[k+1]); ok && d2 > d {
						if x, ok := mkDate(s.Year(), m, d2); ok {
							e, k = x, k+2
							if k < to && toks[k].low == "ရက်" {
								k++
							}
						}
					}
				}
				if k < to && toks[k].low == "နေ့" {
					k++
				}
				return mkPeriod(s, e, i, k), k, true
			}
		}
		s, e := monthSpan(ref, m, 0)
		p := mkPeriod(s, e, i, j)
		p.prec = domain.TimeMonth
		return p, j, true
	}
	w := toks[i].low
	switch {
	case w == "မ" && i+2 < to && toks[i+1].low == "နေ့" && toks[i+2].low == "က":
		s := ref.AddDate(0, 0, -1)
		return mkPeriod(s, s, i, i+3), i + 3, true
	case w == "ယ" && i+2 < to && toks[i+1].low == "မန်" && toks[i+2].low == "နေ့":
		s := ref.AddDate(0, 0, -1)
		return mkPeriod(s, s, i, i+3), i + 3, true
	case (w == "ယ" || w == "ဒီ") && i+1 < to && toks[i+1].low == "နေ့":
		return mkPeriod(ref, ref, i, i+2), i + 2, true
	case w == "ပြီး" && i+3 < to && toks[i+1].low == "ခဲ့" && (toks[i+2].low == "သည့်" || toks[i+2].low == "တဲ့"):
		k := i + 3
		if k < to && toks[k].low == "တစ်" {
			k++
		}
		if k < to && toks[k].low == "ပတ်" {
			return mkPeriod(ref.AddDate(0, 0, -7), ref, i, k+1), k + 1, true
		}
		if k+1 < to && toks[k].low == "အ" && toks[k+1].low == "ပတ်" {
			return mkPeriod(ref.AddDate(0, 0, -7), ref, i, k+2), k + 2, true
		}
		if k < to && toks[k].low == "လ" {
			first := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
			p := mkPeriod(first.AddDate(0, -1, 0), first.AddDate(0, 0, -1), i, k+1)
			p.prec = domain.TimeMonth
			return p, k + 1, true
		}
	}
	for _, wd := range myWeekdays {
		if !matchSyl(toks, i, to, wd.syl) {
			continue
		}
		k := i + len(wd.syl)
		if k < to && toks[k].low == "နေ့" {
			s := lastWeekday(ref, time.Weekday(wd.n), false)
			return mkPeriod(s, s, i, k+1), k + 1, true
		}
	}
	return period{}, i, false
}

// yearAfter reads the year that may follow a day and month ("26 October,
// 2023"): the year (0 when none) and the token after it (k when none).
func yearAfter(toks []token, k, to int) (int, int) {
	kk := k
	if kk < to && toks[kk].low == "," {
		kk++
	}
	if kk < to {
		if y, ok := yearNumber(toks[kk]); ok {
			return y, kk + 1
		}
	}
	return 0, k
}
