package domain

import (
	"fmt"
	"time"
)

// Date is a calendar day as "YYYY-MM-DD". Event periods are days: sources
// rarely give a time, and comparing ISO strings orders them correctly.
type Date string

// Earliest and latest dates sitroom accepts; anything outside is a typo.
const (
	MinDate Date = "1990-01-01"
	MaxDate Date = "2100-12-31"
)

// ParseDate reads "YYYY-MM-DD" (or an RFC 3339 timestamp, keeping its day)
// and checks it lies within [MinDate, MaxDate].
func ParseDate(s string) (Date, error) {
	var t time.Time
	var err error
	if len(s) == 10 {
		t, err = time.Parse(time.DateOnly, s)
	} else {
		t, err = time.Parse(time.RFC3339, s)
	}
	if err != nil {
		return "", fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	d := DateOf(t)
	if d < MinDate || d > MaxDate {
		return "", fmt.Errorf("date %s is out of range (%s to %s)", d, MinDate, MaxDate)
	}
	return d, nil
}

// DateOf returns the day of t in t's own location.
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// Time returns midnight UTC of the day; the zero time for an empty Date.
func (d Date) Time() time.Time {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return time.Time{}
	}
	return t
}

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	if d == "" {
		return d
	}
	return DateOf(d.Time().AddDate(0, 0, n))
}

// IsZero reports whether d is empty.
func (d Date) IsZero() bool { return d == "" }

// DaysBetween returns the number of days from a to b (negative when b < a).
func DaysBetween(a, b Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// Myanmar is Myanmar Standard Time (UTC+06:30), in which days begin for
// sitroom's users.
var Myanmar = time.FixedZone("MMT", 6*3600+1800)
