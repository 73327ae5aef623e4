// Package ratelimit limits how often each sender may cause work: a token
// bucket per key (a reporter's pseudonym, never a raw phone number), kept
// in a bounded least-recently-used table so that a flood of distinct
// senders cannot grow memory without limit.
package ratelimit

import (
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/time/rate"

	"sitroom/internal/domain"
)

// DefaultMaxKeys is how many senders' buckets are kept by default.
const DefaultMaxKeys = 10_000

// Limiter is a set of per-key token buckets. It is safe for concurrent use.
type Limiter struct {
	clock domain.Clock
	every rate.Limit
	burst int

	mu   sync.Mutex
	keys *lru.LRU[string, *rate.Limiter]
}

// New returns a limiter allowing each key perMinute events a minute on
// average and bursts of burst, remembering at most maxKeys keys (the least
// recently seen are forgotten first; a forgotten key starts again with a
// full bucket). perMinute <= 0 disables limiting.
func New(clock domain.Clock, perMinute float64, burst, maxKeys int) *Limiter {
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	if burst < 1 {
		burst = 1
	}
	keys, err := lru.NewLRU[string, *rate.Limiter](maxKeys, nil)
	if err != nil {
		panic(err) // only for a non-positive size, excluded above
	}
	every := rate.Inf
	if perMinute > 0 {
		every = rate.Limit(perMinute / 60)
	}
	return &Limiter{clock: clock, every: every, burst: burst, keys: keys}
}

// Allow takes one token from key's bucket and reports whether there was one.
func (l *Limiter) Allow(key string) bool {
	if l == nil || l.every == rate.Inf {
		return true
	}
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.keys.Get(key)
	if !ok {
		b = rate.NewLimiter(l.every, l.burst)
		l.keys.Add(key, b)
	}
	return b.AllowN(now, 1)
}

// Len returns how many keys are remembered.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.keys.Len()
}

// Wait returns how long until key's bucket next has a token (0 when it has
// one now), without taking it.
func (l *Limiter) Wait(key string) time.Duration {
	if l == nil || l.every == rate.Inf {
		return 0
	}
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.keys.Peek(key)
	if !ok {
		return 0
	}
	tokens := b.TokensAt(now)
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) / float64(l.every) * float64(time.Second))
}
