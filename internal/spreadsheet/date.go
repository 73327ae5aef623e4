package spreadsheet

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// dateLayouts are the day formats found in ACLED exports and partners'
// sheets: ISO, ACLED's "12 November 2023" and Excel's "12-Nov-23".
var dateLayouts = []string{
	"2006-01-02",
	"2006/01/02",
	"2 January 2006",
	"2-January-2006",
	"2 Jan 2006",
	"2-Jan-2006",
	"2-Jan-06",
	"2 Jan 06",
	"January 2, 2006",
	"Jan 2, 2006",
	"January 2 2006",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	time.RFC3339,
}

// ParseDate reads a day in any of the formats partners use. A day/month
// order that cannot be told apart ("03/04/2023") is refused rather than
// guessed; "13/04/2023" and "04/13/2023" are read as the only day they
// can be.
func ParseDate(s string) (domain.Date, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", fmt.Errorf("is empty")
	}
	if strings.Count(s, "/") == 2 && !strings.HasPrefix(s, "20") && !strings.HasPrefix(s, "19") {
		return slashDate(s)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return checkRange(domain.DateOf(t), s)
		}
	}
	return "", fmt.Errorf("%q is not a date (use YYYY-MM-DD, or ACLED's \"12 November 2023\")", s)
}

func slashDate(s string) (domain.Date, error) {
	parts := strings.Split(s, "/")
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return "", fmt.Errorf("%q is not a date", s)
		}
		n[i] = v
	}
	a, b, y := n[0], n[1], n[2]
	if y < 100 {
		y += 2000
	}
	var day, month int
	switch {
	case a > 12 && b <= 12:
		day, month = a, b
	case b > 12 && a <= 12:
		day, month = b, a
	case a == b:
		day, month = a, b
	default:
		return "", fmt.Errorf("%q is ambiguous (day/month or month/day?); use YYYY-MM-DD", s)
	}
	t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return "", fmt.Errorf("%q is not a date", s)
	}
	return checkRange(domain.DateOf(t), s)
}

func checkRange(d domain.Date, s string) (domain.Date, error) {
	if d < domain.MinDate || d > domain.MaxDate {
		return "", fmt.Errorf("%q is out of range (%s to %s)", s, domain.MinDate, domain.MaxDate)
	}
	return d, nil
}
