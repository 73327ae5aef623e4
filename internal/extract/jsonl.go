package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"sitroom/internal/domain"
)

// maxLine is the longest input line RunJSONL reads (a long news article).
const maxLine = 4 << 20

// inputLine is one line of the extraction contract's input; other fields
// are ignored.
type inputLine struct {
	ID   json.RawMessage `json:"id"`
	Date string          `json:"date"`
	Text *string         `json:"text"`
	// Source and Lang are optional.
	Source string `json:"source"`
	Lang   string `json:"lang"`
}

// ContractEvent is one event of the extraction contract's output.
type ContractEvent struct {
	Type          domain.EventType      `json:"type"`
	SubType       domain.SubEventType   `json:"sub_type"`
	Kind          domain.Kind           `json:"kind,omitempty"`
	Kinds         []domain.Kind         `json:"kinds,omitempty"`
	Place         string                `json:"place"`
	PCodes        []string              `json:"pcodes"`
	Actors        []string              `json:"actors"`
	Roles         []domain.ClaimActor   `json:"roles,omitempty"`
	KilledMin     *int64                `json:"killed_min"`
	InjuredMin    *int64                `json:"injured_min"`
	Displaced     *int64                `json:"displaced"`
	Arrested      *int64                `json:"arrested"`
	HandedOver    *int64                `json:"handed_over,omitempty"`
	DateStart     domain.Date           `json:"date_start"`
	DateEnd       domain.Date           `json:"date_end"`
	TimePrecision domain.TimePrecision  `json:"time_precision"`
	Cumulative    bool                  `json:"cumulative"`
	Control       *domain.ControlChange `json:"control"`
	Access        []domain.Access       `json:"access,omitempty"`
	Figures       []domain.Figure       `json:"figures,omitempty"`
	Confidence    float64               `json:"confidence"`
	Extractor     string                `json:"extractor"`
	Summary       string                `json:"summary,omitempty"`
}

type outputLine struct {
	ID     json.RawMessage `json:"id"`
	Events []ContractEvent `json:"events"`
	Error  string          `json:"error,omitempty"`
}

// Contract turns an Event into the contract's shape: figures per kind as
// the lowest figure stated (a cumulative total does not add to incidents).
func Contract(ev Event) ContractEvent {
	if len(ev.Claims) == 0 {
		return ContractEvent{}
	}
	c0 := ev.Claims[0]
	out := ContractEvent{
		Type: c0.Type, SubType: c0.SubType, Kind: c0.Kind, Place: c0.PlaceName, PCodes: ev.PCodes,
		DateStart: c0.DateStart, DateEnd: c0.DateEnd, TimePrecision: c0.TimePrecision,
		Control: c0.Control, Confidence: c0.Confidence, Extractor: c0.Extractor, Summary: c0.Summary,
		Actors: []string{}, Roles: c0.Actors,
	}
	if out.PCodes == nil {
		out.PCodes = []string{}
	}
	for _, a := range c0.Actors {
		out.Actors = append(out.Actors, a.Name)
	}
	sums := map[domain.FigureKind]int64{}
	seen := map[domain.FigureKind]bool{}
	for _, c := range ev.Claims {
		if len(ev.Claims) > 1 && c.Kind != "" {
			out.Kinds = append(out.Kinds, c.Kind)
		}
		if c.Access != nil {
			out.Access = append(out.Access, *c.Access)
		}
		for _, f := range c.Figures {
			out.Figures = append(out.Figures, f)
			// figures of different persons in one event add up
			sums[f.Kind] += f.Min
			seen[f.Kind] = true
			if f.Cumulative {
				out.Cumulative = true
			}
		}
	}
	get := func(k domain.FigureKind) *int64 {
		if !seen[k] {
			return nil
		}
		v := sums[k]
		return &v
	}
	out.KilledMin, out.InjuredMin, out.Displaced = get(domain.Killed), get(domain.Injured), get(domain.Displaced)
	out.Arrested, out.HandedOver = get(domain.Arrested), get(domain.HandedOver)
	return out
}

// RunJSONL reads the contract's input (one JSON object a line: "id",
// "date", "text") from r and writes one line per input to w, in order:
// {"id", "events": [...]}. A line that cannot be read gets an "error" and
// the run goes on. It returns the number of lines and of bad lines.
func (x *Extractor) RunJSONL(r io.Reader, w io.Writer) (lines, bad int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		raw := sc.Bytes()
		if len(trimSpace(raw)) == 0 {
			continue
		}
		lines++
		out := x.line(raw, lines)
		if out.Error != "" {
			bad++
		}
		if err := enc.Encode(out); err != nil {
			return lines, bad, fmt.Errorf("write: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		// a line too long: report it and stop, there is no next line to find
		lines++
		bad++
		_ = enc.Encode(outputLine{ID: json.RawMessage("null"), Events: []ContractEvent{}, Error: fmt.Sprintf("line %d: %v", lines, err)})
		if ferr := bw.Flush(); ferr != nil {
			return lines, bad, ferr
		}
		return lines, bad, domain.Errorf(domain.CodeInvalid, "read input: %w", err)
	}
	return lines, bad, bw.Flush()
}

func (x *Extractor) line(raw []byte, n int) outputLine {
	var in inputLine
	if err := json.Unmarshal(raw, &in); err != nil {
		return outputLine{ID: json.RawMessage("null"), Events: []ContractEvent{}, Error: fmt.Sprintf("line %d: not a JSON object: %v", n, err)}
	}
	out := outputLine{ID: in.ID, Events: []ContractEvent{}}
	if len(out.ID) == 0 {
		out.ID = json.RawMessage("null")
	}
	if in.Text == nil {
		out.Error = fmt.Sprintf("line %d: %v", n, domain.FieldError("text", "is required"))
		return out
	}
	doc := Document{Text: *in.Text, Source: in.Source, Language: in.Lang}
	if in.Date != "" {
		d, err := domain.ParseDate(in.Date)
		if err != nil {
			out.Error = fmt.Sprintf("line %d: %v", n, domain.FieldError("date", "%v", err))
			return out
		}
		doc.Date = d
	}
	for _, ev := range x.Events(doc) {
		out.Events = append(out.Events, Contract(ev))
	}
	return out
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
