package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

func TestBurstThenRate(t *testing.T) {
	clk := &fakeClock{t: time.Date(2023, 11, 16, 8, 0, 0, 0, time.UTC)}
	l := New(clk, 6, 3, 100) // one token every 10 s, bursts of 3
	for i := 0; i < 3; i++ {
		if !l.Allow("a") {
			t.Fatalf("event %d of the burst refused", i+1)
		}
	}
	if l.Allow("a") {
		t.Fatal("fourth event in the same instant allowed")
	}
	if w := l.Wait("a"); w != 10*time.Second {
		t.Errorf("Wait = %v, want 10s", w)
	}
	if !l.Allow("b") {
		t.Error("another sender was limited by the first")
	}
	clk.t = clk.t.Add(10 * time.Second)
	if !l.Allow("a") {
		t.Error("a token did not come back after 10 s")
	}
	if l.Allow("a") {
		t.Error("two tokens came back after 10 s")
	}
}

func TestBoundedKeys(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	l := New(clk, 1, 1, 50)
	for i := 0; i < 1000; i++ {
		l.Allow(fmt.Sprintf("sender-%d", i))
	}
	if l.Len() != 50 {
		t.Errorf("Len = %d after 1000 senders, want the bound 50", l.Len())
	}
	// The most recent sender is still remembered and still limited.
	if l.Allow("sender-999") {
		t.Error("the most recent sender's bucket was forgotten")
	}
}

func TestDisabled(t *testing.T) {
	l := New(&fakeClock{}, 0, 1, 10)
	for i := 0; i < 100; i++ {
		if !l.Allow("x") {
			t.Fatal("a disabled limiter refused")
		}
	}
	var nilLimiter *Limiter
	if !nilLimiter.Allow("x") || nilLimiter.Wait("x") != 0 {
		t.Error("a nil limiter limits")
	}
}
