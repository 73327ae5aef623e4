package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestExtractCommand runs `sitroom extract` over two lines, one of them bad:
// two output lines in order, the bad one with an error, exit status 0.
func TestExtractCommand(t *testing.T) {
	in := `{"id":"a","date":"2023-11-13","text":"On Sunday, the MNDAA seized Kunlong, in Lashio District."}` + "\n" + `{"id":"b",` + "\n"
	out, errOut, code := runCmd(t, in, "extract")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("output %q", out)
	}
	var a struct {
		ID     string `json:"id"`
		Events []struct {
			Type   string   `json:"type"`
			Place  string   `json:"place"`
			PCodes []string `json:"pcodes"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatal(err)
	}
	if a.ID != "a" || len(a.Events) != 1 || a.Events[0].Type != "battle" || len(a.Events[0].PCodes) == 0 || a.Events[0].PCodes[0] != "MMR015020701" {
		t.Errorf("line a: %s", lines[0])
	}
	if !strings.Contains(lines[1], `"error"`) || !strings.Contains(errOut, "1 line(s)") {
		t.Errorf("line b: %s; stderr %q", lines[1], errOut)
	}
}
