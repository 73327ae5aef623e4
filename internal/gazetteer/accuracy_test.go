package gazetteer

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// mentionsFile lets the accuracy test run on another labelled set of the
// same format: go test ./internal/gazetteer -run TestAccuracy -mentions FILE
var mentionsFile = flag.String("mentions", "", "extra labelled mentions file (TSV) for TestAccuracy")

type labelled struct {
	line                            int
	phrase, context, tsp, pcode, lv string
}

func readMentions(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	header := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		if !header {
			header = true
			if cols[0] == "phrase" {
				continue
			}
		}
		if len(cols) < 5 {
			t.Fatalf("%s:%d: want 5 columns, got %d", path, n, len(cols))
		}
		out = append(out, labelled{n, cols[0], cols[1], cols[2], cols[3], cols[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// parseContext reads "area=P;states=P,P;near=P,P"; the default area is the
// node's, northern Shan.
func parseContext(s string) Context {
	c := Context{DefaultArea: "MMR015"}
	for _, kv := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok {
			continue
		}
		vals := strings.Split(v, ",")
		switch k {
		case "area":
			c.DefaultArea = v
		case "states":
			c.States = vals
		case "near":
			c.Near = vals
		}
	}
	return c
}

// accuracy resolves every labelled phrase and returns the share whose best
// candidate lies in the expected township, and the share that is exactly the
// expected place.
func accuracy(t *testing.T, g *Gazetteer, set []labelled) (tspAcc, exactAcc float64, misses []string) {
	var tspOK, exactOK int
	for _, m := range set {
		cands := g.Resolve(m.phrase, parseContext(m.context))
		got, gotTsp, gotLevel := "", "", ""
		if len(cands) > 0 {
			got, gotTsp, gotLevel = cands[0].Place.PCode, cands[0].Place.Adm3, string(cands[0].Place.Level)
		}
		okT := gotTsp == m.tsp && (len(cands) > 0)
		okE := got == m.pcode && gotLevel == m.lv
		if okT {
			tspOK++
		}
		if okE {
			exactOK++
		}
		if !okT || !okE {
			misses = append(misses, fmt.Sprintf("line %d %q [%s]: want %s %s (tsp %s), got %s %s (tsp %s)",
				m.line, m.phrase, m.context, m.pcode, m.lv, m.tsp, got, gotLevel, gotTsp))
		}
	}
	n := float64(len(set))
	return float64(tspOK) / n, float64(exactOK) / n, misses
}

func TestAccuracy(t *testing.T) {
	g := Default()
	files := []struct {
		name, path string
	}{
		{"development", "testdata/mentions.tsv"},
		{"held-out", "testdata/mentions_heldout.tsv"},
	}
	if *mentionsFile != "" {
		files = append(files, struct{ name, path string }{"extra", *mentionsFile})
	}
	for _, f := range files {
		if _, err := os.Stat(f.path); err != nil {
			t.Fatalf("%s set: %v", f.name, err)
		}
		set := readMentions(t, f.path)
		tspAcc, exactAcc, misses := accuracy(t, g, set)
		t.Logf("%s set (%s): %d mentions, township accuracy %.1f%%, exact accuracy %.1f%%", f.name, f.path, len(set), 100*tspAcc, 100*exactAcc)
		for _, m := range misses {
			t.Logf("  miss: %s", m)
		}
		if f.name == "development" && len(set) < 250 {
			t.Errorf("development set has %d mentions, want at least 250", len(set))
		}
		if tspAcc < 0.97 {
			t.Errorf("%s set: township accuracy %.1f%% < 97%%", f.name, 100*tspAcc)
		}
		if exactAcc < 0.90 {
			t.Errorf("%s set: exact accuracy %.1f%% < 90%%", f.name, 100*exactAcc)
		}
	}
}
