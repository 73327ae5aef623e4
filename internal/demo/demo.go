// Package demo bundles a scenario of reports about Operation 1027 in
// northern Shan State (Oct 2023 – Jan 2024), written for the project in its
// own words from public reporting (see README.md), and loads it through the
// intake pipeline so that a new node shows real data at once.
package demo

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"fmt"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
)

//go:embed scenario.jsonl
var scenario []byte

// Scenario returns the bundled scenario as JSONL.
func Scenario() []byte { return scenario }

// Inputs decodes the scenario.
func Inputs() ([]intake.Input, error) {
	var out []intake.Input
	sc := bufio.NewScanner(bytes.NewReader(scenario))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		in, err := intake.DecodeLine(sc.Bytes(), intake.DecodeOptions{})
		if err != nil {
			return nil, fmt.Errorf("scenario line %d: %w", line, err)
		}
		out = append(out, in)
	}
	return out, sc.Err()
}

// Summary counts what loading the scenario did.
type Summary struct {
	Reports, Created, Duplicates, Claims, Events int
}

// Load submits the scenario through the intake pipeline. Loading it twice
// creates nothing new.
func Load(ctx context.Context, svc *intake.Service) (Summary, error) {
	var sum Summary
	inputs, err := Inputs()
	if err != nil {
		return sum, err
	}
	items := make([]intake.Item, len(inputs))
	for i, in := range inputs {
		items[i] = intake.Item{Input: in, Channel: domain.ChannelImport}
	}
	res, err := svc.Submit(ctx, domain.Principal{Name: "demo", Role: domain.RoleAdmin}, items)
	if err != nil {
		return sum, err
	}
	sum.Reports = len(res)
	for _, r := range res {
		switch r.Status {
		case intake.StatusCreated:
			sum.Created++
			sum.Claims += r.Claims
			sum.Events += len(r.Events)
		case intake.StatusDuplicate:
			sum.Duplicates++
		default:
			return sum, fmt.Errorf("scenario report %q: %w", r.ClientID, r.Err)
		}
	}
	return sum, nil
}
