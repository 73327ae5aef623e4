package extract_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"sitroom/internal/extract"
	"sitroom/internal/extract/extracttest"
)

// TestDump prints the working state for the text in $EXTRACT_DUMP; it is a
// tool for writing rules, skipped otherwise.
func TestDump(t *testing.T) {
	s := os.Getenv("EXTRACT_DUMP")
	if s == "" {
		t.Skip("set EXTRACT_DUMP to a text")
	}
	fmt.Print(extract.Dump(s, extracttest.Places(), time.Date(2023, 11, 20, 0, 0, 0, 0, time.UTC)))
}
