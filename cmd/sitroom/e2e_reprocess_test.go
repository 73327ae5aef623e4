package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestReprocessCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "re.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, "../../internal/demo/scenario.jsonl"); code != 0 {
		t.Fatalf("ingest: %s %s", out, errs)
	}
	code, out, errs := run(t, "", "reprocess", "--db", db, "--json")
	var sum struct{ Reports, Current, Unchanged, Reextracted int }
	if code != 0 || json.Unmarshal([]byte(out), &sum) != nil {
		t.Fatalf("reprocess: %d %s %s", code, out, errs)
	}
	// Everything was just coded by this extractor.
	if sum.Reports == 0 || sum.Current+sum.Unchanged != sum.Reports || sum.Reextracted != 0 {
		t.Errorf("summary %+v", sum)
	}
	code, out, _ = run(t, "", "reprocess", "--db", db, "--json", "--force")
	json.Unmarshal([]byte(out), &sum)
	if code != 0 || sum.Current != 0 || sum.Unchanged+sum.Reextracted != sum.Reports {
		t.Errorf("forced run %+v", sum)
	}
}

func TestReclusterCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rc.db")
	if code, out, errs := run(t, "", "ingest", "--db", db, "../../internal/demo/scenario.jsonl"); code != 0 {
		t.Fatalf("ingest: %s %s", out, errs)
	}
	_, before, _ := run(t, "", "events", "--db", db, "--all", "--json")
	code, out, errs := run(t, "", "recluster", "--db", db)
	if code != 0 || !strings.Contains(out, "claims clustered afresh") {
		t.Fatalf("recluster: %d %s %s", code, out, errs)
	}
	_, after, _ := run(t, "", "events", "--db", db, "--all", "--json")
	// The same claims and rules give the same number of events again.
	if strings.Count(before, "\n") != strings.Count(after, "\n") {
		t.Errorf("events before %d, after %d", strings.Count(before, "\n"), strings.Count(after, "\n"))
	}
}
