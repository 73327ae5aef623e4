package extract_test

import (
	"bytes"
	"strings"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
)

// FuzzExtract checks that no text makes the extractor panic, and that what
// it returns holds together: valid types, periods in order, figures not
// negative.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"At least nine civilians were killed in Lashio on Friday.",
		"kutkai 27/11 airstrike 2 dead 5 injured",
		"လားရှိုးမြို့တွင် အရပ်သား ၅ ဦး သေဆုံးခဲ့သည်။",
		"12-15 December 23 000 1.5 million twenty-three since 27 October",
		"- Lashio airport closed\n- internet cut in Muse",
		"the Lashio-Muse road, between Namtu and Hsipaw, fled to Lashio",
		"\xff\xfe", "", ".", "1/2/3", "2023-13-45", "၂၃,၀၀၀ ကျော်",
	} {
		f.Add(s, "2023-11-20")
	}
	x := extract.New(extracttest.Places())
	f.Fuzz(func(t *testing.T, text, date string) {
		if len(date) > 40 {
			date = date[:40]
		}
		d, err := domain.ParseDate(date)
		if err != nil {
			d = ""
		}
		evs := x.Events(extract.Document{Text: text, Date: d})
		for _, ev := range evs {
			for _, c := range ev.Claims {
				if !c.Type.Valid() || !c.SubType.Valid() || !c.Kind.Valid() {
					t.Fatalf("bad codes %s/%s/%s", c.Type, c.SubType, c.Kind)
				}
				if c.DateEnd < c.DateStart {
					t.Fatalf("period %s..%s", c.DateStart, c.DateEnd)
				}
				for _, fg := range c.Figures {
					if fg.Min < 0 || !fg.Kind.Valid() {
						t.Fatalf("figure %+v", fg)
					}
				}
			}
		}
		var out bytes.Buffer
		line := `{"id":1,"date":"` + strings.ReplaceAll(date, `"`, "") + `","text":` + quote(text) + "}\n"
		if _, _, err := x.RunJSONL(strings.NewReader(line), &out); err != nil && len(line) < 4<<20 {
			t.Fatalf("RunJSONL: %v", err)
		}
	})
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
