// Package intake is the first stage of the pipeline: it takes reports from
// every channel, checks them, and carries each through normalise → extract
// → geocode → corroborate → store, so that every channel adapter (HTTP,
// SMS, Telegram, feeds, imports, the CLI) gets the same guarantees:
// verbatim storage, idempotency, pseudonymous reporters, clear errors.
package intake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"sitroom/internal/domain"
)

// Input is a report as senders write it: at least {"id", "date", "text"}
// (the extraction contract's shape), plus its source and channel and,
// optionally, structured events.
type Input struct {
	ID        string            `json:"id,omitempty"`   // the sender's own id; re-sending it never duplicates
	Date      string            `json:"date,omitempty"` // YYYY-MM-DD the text was written or published
	Text      string            `json:"text"`
	Source    string            `json:"source,omitempty"`
	SourceURL string            `json:"source_url,omitempty"`
	Channel   string            `json:"channel,omitempty"`
	Language  string            `json:"language,omitempty"`
	Events    []EventInput      `json:"events,omitempty"`
	Meta      map[string]string `json:"meta,omitempty"`
}

// EventInput is one structured event a sender states: the extraction
// contract's event shape, with a few optional extras.
type EventInput struct {
	Type          string                `json:"type"`
	SubType       string                `json:"sub_type,omitempty"`
	Kind          string                `json:"kind,omitempty"`
	Place         string                `json:"place,omitempty"`
	PCode         string                `json:"pcode,omitempty"`
	PCodes        []string              `json:"pcodes,omitempty"` // the contract's list form; the first is used
	Lat           *float64              `json:"lat,omitempty"`
	Lon           *float64              `json:"lon,omitempty"`
	DateStart     string                `json:"date_start,omitempty"`
	DateEnd       string                `json:"date_end,omitempty"`
	TimePrecision int                   `json:"time_precision,omitempty"`
	Actors        []ActorInput          `json:"actors,omitempty"`
	KilledMin     *int64                `json:"killed_min,omitempty"`
	InjuredMin    *int64                `json:"injured_min,omitempty"`
	Displaced     *int64                `json:"displaced,omitempty"`
	Arrested      *int64                `json:"arrested,omitempty"`
	HandedOver    *int64                `json:"handed_over,omitempty"`
	Figures       []domain.Figure       `json:"figures,omitempty"`
	Cumulative    bool                  `json:"cumulative,omitempty"`
	Control       *domain.ControlChange `json:"control,omitempty"`
	Access        *domain.Access        `json:"access,omitempty"`
	Site          *domain.Site          `json:"site,omitempty"` // {"name", "kind"}: the base, IDP site, gate… it happened at
	Summary       string                `json:"summary,omitempty"`
}

// ActorInput is an actor named either as a string or as {"name", "role"}.
type ActorInput struct {
	Name string           `json:"name"`
	Role domain.ActorRole `json:"role,omitempty"`
}

// UnmarshalJSON accepts "MNDAA" as well as {"name": "MNDAA", "role": "attacker"}.
func (a *ActorInput) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &a.Name)
	}
	type plain ActorInput
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*a = ActorInput(p)
	return nil
}

// Limits on what one request may carry.
const (
	MaxTextBytes     = 64 << 10 // one report's text
	MaxEventsPerItem = 100
	MaxBatch         = 1000 // reports per request
)

// DecodeOptions says how strictly to read JSON.
type DecodeOptions struct {
	// Lenient ignores unknown fields (files in the extraction contract's
	// shape carry extras such as "url" and "gold"); the HTTP API is strict.
	Lenient bool
}

// Decode reads one report object, an array of them, or {"reports": [...]}.
// batch is true unless the body was a single object. Errors are
// CodeMalformed and say where the JSON went wrong.
func Decode(body []byte, opt DecodeOptions) (items []Input, batch bool, err error) {
	if !utf8.Valid(body) {
		return nil, false, malformed("", "body is not valid UTF-8 (at byte %d)", invalidUTF8At(body))
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, false, malformed("", "body is empty; send a report object or an array of them")
	}
	switch trimmed[0] {
	case '[':
		err = decodeStrict(trimmed, &items, opt)
		return items, true, err
	case '{':
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &probe); err != nil {
			return nil, false, jsonError(err, trimmed)
		}
		if raw, ok := probe["reports"]; ok && len(probe) == 1 {
			err = decodeStrict(raw, &items, opt)
			return items, true, err
		}
		var one Input
		if err := decodeStrict(trimmed, &one, opt); err != nil {
			return nil, false, err
		}
		return []Input{one}, false, nil
	default:
		return nil, false, malformed("", "body must be a JSON object or array")
	}
}

// DecodeLine reads one JSONL line as a report.
func DecodeLine(line []byte, opt DecodeOptions) (Input, error) {
	var in Input
	if !utf8.Valid(line) {
		return in, malformed("", "line is not valid UTF-8 (at byte %d)", invalidUTF8At(line))
	}
	err := decodeStrict(line, &in, opt)
	return in, err
}

func decodeStrict(b []byte, v any, opt DecodeOptions) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if !opt.Lenient {
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(v); err != nil {
		return jsonError(err, b)
	}
	if _, err := dec.Token(); err != io.EOF {
		return malformed("", "unexpected data after the JSON value")
	}
	return nil
}

// jsonError turns encoding/json's errors into messages naming the field
// or the byte offset.
func jsonError(err error, body []byte) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return malformed("", "malformed JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(body)"
		}
		return malformed(field, "must be %s, not a JSON %s", jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return malformed("", "JSON ends early (%d bytes read)", len(body))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return malformed(name, "unknown field; see docs/API.md for the report fields")
	}
	return malformed("", "%v", err)
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	case "int64", "int", "float64":
		return "a number"
	case "bool":
		return "true or false"
	}
	return k
}

func malformed(field, format string, args ...any) error {
	return &domain.Error{Code: domain.CodeMalformed, Field: field, Message: fmt.Sprintf(format, args...)}
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// SplitText splits plain text into reports: one per block separated by a
// blank line.
func SplitText(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if s := strings.TrimSpace(strings.Join(cur, "\n")); s != "" {
			out = append(out, s)
		}
		cur = cur[:0]
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}
