package main

import (
	"testing"
	"time"
)

// waitFor polls cond until it holds, failing the test after a generous
// bound; it measures nothing, it only waits for background work.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 30s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
