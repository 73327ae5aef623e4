package sitrep

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/canvas"
	canvastext "github.com/tdewolff/canvas/text"

	"sitroom/internal/domain"
	"sitroom/internal/export"
	"sitroom/internal/export/exporttest"
	"sitroom/internal/views"
)

var sampleDir = flag.String("sample", "", "write the fixture's report as sitrep-sample.pdf and .png into this folder (docs/img)")

// displaced is "people displaced" in Burmese: the vowel sign E (U+1031)
// follows its consonant in memory but is drawn before it, ေ after န in
// နေ; ့ ် and ွ stack on their consonants.
const displaced = "နေရပ်စွန့်ခွာရသူ"

// stacked has a stacked consonant (က္ခ): the shaper draws the lower
// consonant with a glyph of its own that no character maps to.
const stacked = "ဒုက္ခသည်"

func layoutGlyphs(t *testing.T, s string) []canvastext.Glyph {
	t.Helper()
	f, err := LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	var out []canvastext.Glyph
	f.Text(s, body, 200).WalkSpans(func(_, _ float64, sp canvas.TextSpan) { out = append(out, sp.Glyphs...) })
	return out
}

// TestBurmeseIsShaped checks the glyphs the PDF is drawn with: they are
// the shaper's (go-text's HarfBuzz over Noto Sans Myanmar's OpenType
// tables), not one glyph per character in memory order.
func TestBurmeseIsShaped(t *testing.T) {
	f, _ := LoadFonts()
	sfnt := f.Myanmar.Face(9, ink, canvas.FontRegular).Font.SFNT
	for _, s := range []string{displaced, stacked} {
		got := layoutGlyphs(t, s)
		var naive []uint16
		cmapped := map[uint16]bool{}
		for _, r := range s {
			g := sfnt.GlyphIndex(r)
			naive = append(naive, g)
			cmapped[g] = true
		}
		ids := make([]uint16, len(got))
		for i, g := range got {
			ids[i] = g.ID
			if g.SFNT != sfnt {
				t.Errorf("%q: glyph %d is not from Noto Sans Myanmar", s, i)
			}
		}
		if equalIDs(ids, naive) {
			t.Errorf("%q: glyphs %v are the characters' own, in memory order: not shaped", s, ids)
		}
		// The shaper itself, called directly, gives the same glyphs.
		b, _ := fontFiles.ReadFile("fonts/NotoSansMyanmar-Regular.ttf")
		sh, err := canvastext.NewShaper(b, 0)
		if err != nil {
			t.Fatal(err)
		}
		direct := sh.Shape(s, 0, canvastext.LeftToRight, canvastext.Myanmar, "my", "", "")
		dids := make([]uint16, len(direct))
		for i, g := range direct {
			dids[i] = g.ID
		}
		if !equalIDs(ids, dids) {
			t.Errorf("%q: layout glyphs %v, shaper %v", s, ids, dids)
		}
		switch s {
		case displaced:
			// ေ is drawn first, before န.
			if len(ids) < 2 || ids[0] != sfnt.GlyphIndex('ေ') || ids[1] != sfnt.GlyphIndex('န') {
				t.Errorf("%q: first glyphs %v, want ေ (%d) then န (%d)", s, ids, sfnt.GlyphIndex('ေ'), sfnt.GlyphIndex('န'))
			}
		case stacked:
			composed := false
			for _, id := range ids {
				composed = composed || !cmapped[id]
			}
			if !composed {
				t.Errorf("%q: no glyph beyond the characters' own (%v): the stacked consonant was not composed", s, ids)
			}
		}
	}
}

func equalIDs(a, b []uint16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func fixtureReport(t *testing.T) Report {
	t.Helper()
	fx := exporttest.Load(t)
	f := domain.EventFilter{PCode: "MMR015", Since: exporttest.Since, Until: exporttest.Until, Statuses: []domain.Status{domain.StatusVerified}}
	aud := export.Audience{Public: true}
	events, srcs, err := Collect(context.Background(), fx.Store, f, fx.Places, aud)
	if err != nil {
		t.Fatal(err)
	}
	return Build(Input{Area: "MMR015", Level: domain.LevelState, Window: views.Window{Since: exporttest.Since, Until: exporttest.Until},
		Events: events, Sources: srcs, Places: fx.Places, Generated: fx.Clock.Now(), Public: true})
}

func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (poppler-utils): .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (apt-get install poppler-utils)", name)
	}
	return p
}

// TestPDF reads the PDF back with poppler: the text layer holds the
// report's English and its Burmese in drawing order (ေ before န, as the
// shaper placed it), the fonts are embedded subsets, and a page renders.
func TestPDF(t *testing.T) {
	r := fixtureReport(t)
	var b bytes.Buffer
	if err := WritePDF(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:16])
	}
	dir := t.TempDir()
	if *sampleDir != "" {
		dir = *sampleDir
	}
	path := filepath.Join(dir, "sitrep-sample.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Shan (North): situation report", "Highlights", "By township", "at least 50,000", "Lashio–Muse road", "Chinshwehaw", "47,000"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, sec := range exporttest.Secrets {
		if strings.Contains(text, sec) {
			t.Errorf("the public PDF carries %q", sec)
		}
	}
	// "နေ" (na, vowel sign E) is drawn E first: the text layer, which
	// follows the glyphs, reads "ေန". An unshaped PDF would read "နေ".
	if !strings.Contains(text, "ေန") || strings.Contains(text, "နေ") {
		t.Errorf("Burmese in the PDF is not in shaped order:\n%s", text)
	}
	fonts, err := exec.Command(tool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"NotoSansMyanmar-Regular", "NotoSans-Regular", "NotoSans-Bold"} {
		if !strings.Contains(string(fonts), "+"+want) {
			t.Errorf("font %s is not embedded as a subset:\n%s", want, fonts)
		}
	}
	png := filepath.Join(dir, "sitrep-sample")
	if err := exec.Command(tool(t, "pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path, png).Run(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(png + ".png"); err != nil || st.Size() < 20000 {
		t.Errorf("page 1 rendered to %v bytes (%v): a blank page?", st, err)
	}
}
