package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
)

// typeMarks give each event type a letter and a shape besides its colour,
// so that the map and lists never rely on colour alone.
var typeMarks = map[domain.EventType]struct{ Letter, Shape string }{
	domain.Battle:                   {"B", "circle"},
	domain.ExplosionRemoteViolence:  {"E", "diamond"},
	domain.ViolenceAgainstCivilians: {"V", "square"},
	domain.Protest:                  {"P", "circle"},
	domain.Riot:                     {"R", "square"},
	domain.StrategicDevelopment:     {"S", "triangle"},
}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// fmtDate writes a day as "16 Nov 2023": unambiguous in every locale.
func fmtDate(d domain.Date) string {
	t := d.Time()
	if t.IsZero() {
		return string(d)
	}
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// fmtPeriod writes an event's period, one day or a span.
func fmtPeriod(a, b domain.Date) string {
	if b == "" || a == b {
		return fmtDate(a)
	}
	return fmtDate(a) + " – " + fmtDate(b)
}

// fmtTime writes an instant in Myanmar time, naming the zone.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	m := t.In(domain.Myanmar)
	return fmtDate(domain.DateOf(m)) + " " + m.Format("15:04") + " MMT"
}

// fmtNum groups thousands: 23000 → "23,000".
func fmtNum(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// qualText says how a source stated a figure.
func qualText(q domain.Qualifier) string {
	switch q {
	case domain.QualAtLeast:
		return "at least "
	case domain.QualApprox:
		return "about "
	case domain.QualUpTo:
		return "up to "
	}
	return ""
}

func hasBurmese(s string) bool {
	for _, r := range s {
		if r >= 0x1000 && r <= 0x109F || r >= 0xAA60 && r <= 0xAA7F || r >= 0xA9E0 && r <= 0xA9FF {
			return true
		}
	}
	return false
}

var funcs = template.FuncMap{
	"date":     fmtDate,
	"period":   fmtPeriod,
	"mmt":      fmtTime,
	"num":      fmtNum,
	"qual":     qualText,
	"letter":   func(t domain.EventType) string { return typeMarks[t].Letter },
	"shape":    func(t domain.EventType) string { return typeMarks[t].Shape },
	"types":    func() []domain.EventType { return domain.EventTypes },
	"statuses": func() []domain.Status { return domain.Statuses },
	"figkinds": func() []domain.FigureKind { return domain.FigureKinds },
	// langOf marks Burmese text so that the browser picks a Myanmar font
	// and line height for it.
	"langOf": func(s string) string {
		if hasBurmese(s) {
			return "my"
		}
		return ""
	},
	"str": func(v any) string { return toString(v) },
	"dict2": func(k1 string, v1 any, k2 string, v2 any) map[string]any {
		return map[string]any{k1: v1, k2: v2}
	},
	"add": func(a, b int) int { return a + b },
	"title": func(v any) string {
		s := toString(v)
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	},
	"join": strings.Join,
	"eq2":  func(a any, b string) bool { return toString(a) == b },
	"has": func(list []string, v any) bool {
		for _, x := range list {
			if x == toString(v) {
				return true
			}
		}
		return false
	},
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case domain.Status:
		return string(x)
	case domain.EventType:
		return string(x)
	case domain.FigureKind:
		return string(x)
	case domain.Kind:
		return string(x)
	case domain.Role:
		return string(x)
	case domain.Date:
		return string(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return ""
}
