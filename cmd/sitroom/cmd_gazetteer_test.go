package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, Stdio{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return out.String(), errb.String(), code
}

func TestGeocodeCommand(t *testing.T) {
	out, errs, code := runCmd(t, "Laukkai\nnear Chin Shwe Haw\nnowhere-at-all-xyz\nလားရှိုးမြို့နယ်\n", "geocode", "--candidates", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 lines, got %d:\n%s", len(lines), out)
	}
	want := []struct {
		pcode     string
		precision int
	}{{"MMR015022701", 1}, {"MMR015022702", 2}, {"", 0}, {"MMR015001", 2}}
	for i, l := range lines {
		var v struct {
			Text       string            `json:"text"`
			PCode      string            `json:"pcode"`
			Precision  int               `json:"precision"`
			Score      float64           `json:"score"`
			Candidates []json.RawMessage `json:"candidates"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if v.PCode != want[i].pcode || v.Precision != want[i].precision || len(v.Candidates) > 2 || v.Candidates == nil {
			t.Errorf("line %d = %s", i, l)
		}
	}
}

func TestGeocodeArea(t *testing.T) {
	// "Shan State" is three MIMU units; the node's area decides
	out, _, _ := runCmd(t, "Shan State\n", "geocode", "--area", "MMR014")
	if !strings.Contains(out, `"pcode":"MMR014"`) {
		t.Errorf("with --area MMR014: %s", out)
	}
	out, _, _ = runCmd(t, "Shan State\n", "geocode")
	if !strings.Contains(out, `"pcode":"MMR015"`) {
		t.Errorf("default area: %s", out)
	}
}

func TestPlacesCommand(t *testing.T) {
	out, _, code := runCmd(t, "", "places")
	if code != 0 || strings.Count(out, "\nMMR0") != 18 {
		t.Errorf("places lists states: exit %d\n%s", code, out)
	}
	out, _, code = runCmd(t, "", "places", "--json", "--level", "town", "laukk")
	var ps []struct {
		PCode string `json:"pcode"`
		Level string `json:"level"`
	}
	if err := json.Unmarshal([]byte(out), &ps); err != nil || code != 0 {
		t.Fatalf("places --json: %v %d %s", err, code, out)
	}
	if len(ps) != 1 || ps[0].PCode != "MMR015022701" || ps[0].Level != "town" {
		t.Errorf("places --level town laukk = %+v", ps)
	}
	_, errs, code := runCmd(t, "", "places", "--level", "galaxy")
	if code == 0 || !strings.Contains(errs, "level") {
		t.Errorf("bad level: exit %d, %s", code, errs)
	}
}
