package feed

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped elements hold no reading text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true,
	atom.Template: true, atom.Head: true, atom.Svg: true, atom.Math: true, atom.Select: true, atom.Button: true,
}

// paragraph elements end a paragraph (a blank line); line elements end a
// line.
var paragraph = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Blockquote: true, atom.Article: true, atom.Section: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Figure: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Pre: true, atom.Hr: true, atom.Main: true, atom.Nav: true, atom.Figcaption: true,
}

var line = map[atom.Atom]bool{
	atom.Br: true, atom.Li: true, atom.Tr: true, atom.Dt: true, atom.Dd: true, atom.Caption: true,
}

// PlainText turns an HTML fragment (a feed item's description or content)
// into plain text with the HTML tokenizer: tags dropped, scripts and
// styles skipped, entities decoded, whitespace collapsed, paragraphs kept
// as blank lines. Text that is not HTML comes back with its whitespace
// tidied.
func PlainText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b textBuilder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skipped[a]:
				// Its end tag balances the count; a self-closed one has none.
				if tt == html.StartTagToken {
					skip++
				}
			case paragraph[a]:
				b.brk(2)
			case line[a]:
				b.brk(1)
			case a == atom.Img:
				// An image's alt text is part of what the item says.
				for {
					k, v, more := z.TagAttr()
					if string(k) == "alt" && strings.TrimSpace(string(v)) != "" {
						b.text(" " + string(v) + " ")
					}
					if !more {
						break
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skipped[a]:
				if skip > 0 {
					skip--
				}
			case paragraph[a]:
				b.brk(2)
			case line[a]:
				b.brk(1)
			}
		}
	}
}

// textBuilder collects text, collapsing runs of white space and holding
// line breaks until more text arrives, so that the result never starts or
// ends with white space.
type textBuilder struct {
	sb      strings.Builder
	pending int  // line breaks owed before the next text
	space   bool // a space owed before the next text
}

func (b *textBuilder) brk(n int) {
	if b.sb.Len() > 0 && n > b.pending {
		b.pending = n
	}
	b.space = false
}

func (b *textBuilder) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' {
			if b.sb.Len() > 0 && b.pending == 0 {
				b.space = true
			}
			continue
		}
		switch {
		case b.pending > 0:
			b.sb.WriteString(strings.Repeat("\n", b.pending))
			b.pending = 0
		case b.space:
			b.sb.WriteByte(' ')
		}
		b.space = false
		b.sb.WriteRune(r)
	}
}

func (b *textBuilder) String() string { return b.sb.String() }
