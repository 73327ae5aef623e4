package sitrep

import (
	"embed"
	"fmt"
	"image/color"
	"io"
	"strings"
	"sync"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

// The PDF is laid out with tdewolff/canvas, whose text goes through
// go-text/typesetting's port of HarfBuzz: Burmese is shaped with the
// font's OpenType tables (the vowel sign E drawn before its consonant,
// medials and stacked consonants as the font composes them), then the
// glyphs are embedded as a subset of Noto Sans Myanmar. Latin text uses
// Noto Sans. Both fonts are in fonts/ with their licence (SIL OFL 1.1).

//go:embed fonts/*.ttf
var fontFiles embed.FS

// Fonts are the PDF's font families.
type Fonts struct {
	Latin, Myanmar *canvas.FontFamily
}

var (
	fontsOnce sync.Once
	fonts     *Fonts
	fontsErr  error
)

// LoadFonts returns the embedded font families, loaded once.
func LoadFonts() (*Fonts, error) {
	fontsOnce.Do(func() {
		f := &Fonts{Latin: canvas.NewFontFamily("Noto Sans"), Myanmar: canvas.NewFontFamily("Noto Sans Myanmar")}
		for _, x := range []struct {
			fam   *canvas.FontFamily
			file  string
			style canvas.FontStyle
		}{
			{f.Latin, "NotoSans-Regular.ttf", canvas.FontRegular}, {f.Latin, "NotoSans-Bold.ttf", canvas.FontBold},
			{f.Myanmar, "NotoSansMyanmar-Regular.ttf", canvas.FontRegular}, {f.Myanmar, "NotoSansMyanmar-Bold.ttf", canvas.FontBold},
		} {
			b, err := fontFiles.ReadFile("fonts/" + x.file)
			if err != nil {
				fontsErr = err
				return
			}
			if err := x.fam.LoadFont(b, 0, x.style); err != nil {
				fontsErr = fmt.Errorf("font %s: %w", x.file, err)
				return
			}
		}
		fonts = f
	})
	return fonts, fontsErr
}

// IsMyanmar reports whether r is in a Myanmar Unicode block (or is a
// joiner, which only Burmese text here uses).
func IsMyanmar(r rune) bool {
	return (r >= 0x1000 && r <= 0x109F) || (r >= 0xA9E0 && r <= 0xA9FF) || (r >= 0xAA60 && r <= 0xAA7F) || r == 0x200C || r == 0x200D
}

// Run is a stretch of text in one script.
type Run struct {
	Text    string
	Myanmar bool
}

// ScriptRuns splits text into Burmese and other runs; spaces stay with
// the run before them, so a Burmese phrase is one run.
func ScriptRuns(s string) []Run {
	var out []Run
	var b strings.Builder
	cur, started := false, false
	for _, r := range s {
		my := IsMyanmar(r)
		if r == ' ' && started {
			my = cur
		}
		if started && my != cur {
			out = append(out, Run{b.String(), cur})
			b.Reset()
		}
		cur, started = my, true
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, Run{b.String(), cur})
	}
	return out
}

// Page geometry, in millimetres (A4).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 16.0
	bodyW        = pageW - 2*margin
	footerY      = 9.0
)

var (
	ink   = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	blue  = color.RGBA{0x0b, 0x4f, 0x7c, 0xff}
	grey  = color.RGBA{0x55, 0x55, 0x55, 0xff}
	rule  = color.RGBA{0xcc, 0xcc, 0xcc, 0xff}
	shade = color.RGBA{0xe8, 0xf0, 0xf6, 0xff}
)

// layout places text down A4 pages.
type layout struct {
	f      *Fonts
	pages  []*canvas.Canvas
	ctx    *canvas.Context
	y      float64 // distance from the top of the page
	footer string
}

// style is a text style.
type style struct {
	size  float64
	bold  bool
	col   color.RGBA
	align canvas.TextAlign
}

var (
	body  = style{size: 9, col: ink, align: canvas.Left}
	small = style{size: 7.5, col: grey, align: canvas.Left}
	head  = style{size: 8.5, bold: true, col: ink, align: canvas.Left}
	title = style{size: 18, bold: true, col: blue, align: canvas.Left}
	h2    = style{size: 12, bold: true, col: blue, align: canvas.Left}
)

// Text lays out a string in a style and width, each script in its font.
func (f *Fonts) Text(s string, st style, width float64) *canvas.Text {
	fs := canvas.FontRegular
	if st.bold {
		fs = canvas.FontBold
	}
	lat := f.Latin.Face(st.size, st.col, fs)
	my := f.Myanmar.Face(st.size, st.col, fs)
	rt := canvas.NewRichText(lat)
	for _, r := range ScriptRuns(s) {
		if r.Myanmar {
			rt.WriteFace(my, r.Text)
		} else {
			rt.WriteFace(lat, r.Text)
		}
	}
	return rt.ToText(width, 0, st.align, canvas.Top, nil)
}

func height(t *canvas.Text) float64 { _, h := t.Size(); return h }

func (l *layout) newPage() {
	c := canvas.New(pageW, pageH)
	l.pages = append(l.pages, c)
	l.ctx = canvas.NewContext(c)
	l.y = margin
}

// need starts a new page unless h millimetres still fit.
func (l *layout) need(h float64) {
	if l.y+h > pageH-margin-footerY {
		l.newPage()
	}
}

// draw places a text at x (from the left margin) on the current line.
func (l *layout) draw(x float64, t *canvas.Text) {
	l.ctx.DrawText(margin+x, pageH-l.y, t)
}

func (l *layout) para(s string, st style, before, after float64) {
	t := l.f.Text(s, st, bodyW)
	l.y += before
	l.need(height(t))
	l.draw(0, t)
	l.y += height(t) + after
}

func (l *layout) heading(s string) {
	t := l.f.Text(s, h2, bodyW)
	l.y += 5
	l.need(height(t) + 14) // never a heading alone at the foot of a page
	l.draw(0, t)
	l.y += height(t) + 0.8
	l.ctx.SetStrokeColor(blue)
	l.ctx.SetStrokeWidth(0.5)
	l.ctx.MoveTo(margin, pageH-l.y)
	l.ctx.LineTo(pageW-margin, pageH-l.y)
	l.ctx.Stroke()
	l.y += 2.5
}

func (l *layout) bullet(s string) {
	t := l.f.Text(s, body, bodyW-5)
	l.need(height(t))
	l.draw(1, l.f.Text("•", body, 4))
	l.draw(5, t)
	l.y += height(t) + 1.2
}

// column of a table.
type column struct {
	title string
	width float64
	right bool
}

// table draws a table with a shaded header row, repeating the header on
// a new page.
func (l *layout) table(cols []column, rows [][]string) {
	cellText := func(s string, c column, st style) *canvas.Text {
		if c.right {
			st.align = canvas.Right
		}
		return l.f.Text(s, st, c.width-2)
	}
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	var drawRow func(cells []string, st style, header bool)
	drawRow = func(cells []string, st style, header bool) {
		ts := make([]*canvas.Text, len(cols))
		h := 0.0
		for i, c := range cols {
			ts[i] = cellText(cells[i], c, st)
			h = max(h, height(ts[i]))
		}
		h += 2
		if l.y+h > pageH-margin-footerY {
			l.newPage()
			if !header {
				drawRow(titles, head, true)
			}
		}
		if header {
			l.ctx.SetFillColor(shade)
			l.ctx.SetStrokeColor(canvas.Transparent)
			l.ctx.DrawPath(margin, pageH-l.y-h, canvas.Rectangle(bodyW, h))
		}
		x := 0.0
		for i, c := range cols {
			l.ctx.DrawText(margin+x+1, pageH-l.y-1, ts[i])
			x += c.width
		}
		l.y += h
		l.ctx.SetStrokeColor(rule)
		l.ctx.SetStrokeWidth(0.2)
		l.ctx.MoveTo(margin, pageH-l.y)
		l.ctx.LineTo(pageW-margin, pageH-l.y)
		l.ctx.Stroke()
	}
	l.need(12)
	drawRow(titles, head, true)
	for _, r := range rows {
		drawRow(r, body, false)
	}
	l.y += 2
}

// WritePDF writes the report as an A4 PDF.
func WritePDF(w io.Writer, r Report) error {
	f, err := LoadFonts()
	if err != nil {
		return err
	}
	l := &layout{f: f}
	l.newPage()
	l.footer = fmt.Sprintf("sitroom situation report · %s · %s – %s", r.AreaName, HumanDate(r.Since), HumanDate(r.Until))

	l.para(r.Title, title, 0, 1)
	if r.TitleMy != "" {
		l.para(r.TitleMy, style{size: 13, bold: true, col: blue}, 0, 1.5)
	}
	l.para(fmt.Sprintf("Period: %s – %s · Area: %s (%s) · Generated %s", HumanDate(r.Since), HumanDate(r.Until), r.AreaName, r.Area,
		r.Generated.Format("2 Jan 2006 15:04 UTC")), style{size: 9, col: grey}, 0, 1)
	l.para(r.Scope+" Figures are lower bounds: each counts what every independent source supports, each happening once (method: "+r.Method+").", small, 0, 0)

	l.heading("Highlights · အဓိက အကြောင်းအရာများ")
	if len(r.Highlights) == 0 {
		l.bullet("No event in this period.")
	}
	for _, h := range r.Highlights {
		l.bullet(h.Text)
	}

	l.heading("Key figures · အဓိက ကိန်းဂဏန်းများ")
	var kf [][]string
	for _, k := range r.KeyFigures {
		src := strings.Join(k.Sources, "; ")
		if src == "" {
			src = k.Note
		}
		kf = append(kf, []string{k.Label + "\n" + k.LabelMy, k.Display(), src})
	}
	l.table([]column{{"Figure", 72, false}, {"Count", 34, true}, {"Sources", bodyW - 106, false}}, kf)

	l.heading("By township · မြို့နယ်အလိုက်")
	if len(r.Townships) == 0 {
		l.para("No figures by township in this period.", body, 0, 1)
	} else {
		var rows [][]string
		for _, t := range r.Townships {
			name := t.Name
			if t.NameMy != "" {
				name += " " + t.NameMy
			}
			events := ""
			if t.PCode != "" {
				events = fmt.Sprint(t.Events)
			}
			rows = append(rows, []string{name, t.PCode, t.Killed.String(), t.Injured.String(), t.Displaced.String(), events})
		}
		l.table([]column{{"Township", 58, false}, {"P-code", 28, false}, {"Killed", 22, true}, {"Injured", 22, true},
			{"Displaced", 28, true}, {"Events", bodyW - 158, true}}, rows)
		l.para("“–”: no source gave a figure.", small, 0, 0)
	}

	l.heading("Territorial changes · နယ်မြေ ထိန်းချုပ်မှု ပြောင်းလဲမှုများ")
	if len(r.Control) == 0 {
		l.bullet("No change of control reported in this period.")
	}
	for _, c := range r.Control {
		s := HumanDate(c.Since) + ": " + c.Place
		if c.Township != "" {
			s += " (" + c.Township + " township)"
		}
		s += " taken by " + c.Actor
		if c.From != "" {
			s += " from " + c.From
		}
		if c.Disputed {
			s += " (disputed)"
		}
		l.bullet(s + ". Sources: " + strings.Join(c.Sources, ", ") + ".")
	}

	l.heading("Access constraints · သွားလာရေး အခက်အခဲများ")
	if len(r.Access) == 0 {
		l.para("No access constraint reported in this period.", body, 0, 1)
	} else {
		var rows [][]string
		for _, a := range r.Access {
			rows = append(rows, []string{a.What, a.Route, a.Status, HumanDate(a.Since), a.History, strings.Join(a.Sources, "; ")})
		}
		l.table([]column{{"What", 18, false}, {"Route or service", 44, false}, {"Status", 18, false}, {"Since", 22, false},
			{"History", 44, false}, {"Sources", bodyW - 146, false}}, rows)
	}

	l.heading("Sources · သတင်းရင်းမြစ်များ")
	if len(r.Sources) == 0 {
		l.bullet("None.")
	}
	for _, s := range r.Sources {
		n := "events"
		if s.Events == 1 {
			n = "event"
		}
		l.bullet(fmt.Sprintf("%s (%d %s)", s.Name, s.Events, n))
	}
	l.para(fmt.Sprintf("%d events · place names and P-codes: MIMU Myanmar PCodes Release 9.6 (Feb 2025)", r.EventCount), small, 3, 0)

	// Footers, now that the page count is known.
	for i, c := range l.pages {
		ctx := canvas.NewContext(c)
		t := f.Text(fmt.Sprintf("%s · page %d of %d", l.footer, i+1, len(l.pages)), small, bodyW)
		ctx.DrawText(margin, footerY+height(t), t)
	}

	p := pdf.New(w, pageW, pageH, &pdf.Options{Compress: true, SubsetFonts: true})
	p.SetInfo(r.Title, "Situation report "+string(r.Since)+" – "+string(r.Until), "situation report, Myanmar", "sitroom", "sitroom")
	p.SetLang("en")
	for i, c := range l.pages {
		if i > 0 {
			p.NewPage(pageW, pageH)
		}
		c.RenderTo(p)
	}
	return p.Close()
}
