package sitrep

import (
	"embed"
	"encoding/json"
	htmltemplate "html/template"
	"io"
	"strings"
	texttemplate "text/template"
	"time"

	"sitroom/internal/domain"
)

//go:embed templates/*.tmpl
var templates embed.FS

// Formats are the formats a report is written in.
var Formats = []string{"html", "md", "pdf", "json"}

// ContentType is the media type of a format.
func ContentType(format string) string {
	switch format {
	case "html":
		return "text/html; charset=utf-8"
	case "md":
		return "text/markdown; charset=utf-8"
	case "pdf":
		return "application/pdf"
	}
	return "application/json; charset=utf-8"
}

// mdEscape escapes the characters that would change a Markdown line's
// meaning inside a table cell or list item.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", "\n", " ").Replace(s)
}

var funcs = map[string]any{
	"date":  func(d domain.Date) string { return HumanDate(d) },
	"stamp": func(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 UTC") },
	"join":  strings.Join,
	"num":   Number,
	"md":    mdEscape,
}

var (
	mdTmpl   = texttemplate.Must(texttemplate.New("report.md.tmpl").Funcs(funcs).ParseFS(templates, "templates/report.md.tmpl"))
	htmlTmpl = htmltemplate.Must(htmltemplate.New("report.html.tmpl").Funcs(funcs).ParseFS(templates, "templates/report.html.tmpl"))
)

// Write writes the report in a format: html, md, json or pdf.
func Write(w io.Writer, r Report, format string) error {
	switch format {
	case "md":
		return mdTmpl.Execute(w, r)
	case "html":
		return htmlTmpl.Execute(w, r)
	case "pdf":
		return WritePDF(w, r)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return domain.FieldError("format", "%q is not a report format (html, md, pdf, json)", format)
}
