// Package ids makes sitroom's identifiers: ULIDs (sortable by creation time,
// unique across nodes without coordination) from an injected clock, and a
// deterministic sequence for tests.
package ids

import (
	"crypto/rand"
	"fmt"
	"io"
	"sync"

	"github.com/oklog/ulid/v2"

	"sitroom/internal/domain"
)

// ULID makes monotonic ULIDs: within one millisecond the random part
// increments, so IDs from one generator always sort in creation order.
type ULID struct {
	mu      sync.Mutex
	clock   domain.Clock
	entropy *ulid.MonotonicEntropy
}

// NewULID returns a generator that reads time from clock and randomness from
// entropy (crypto/rand when nil).
func NewULID(clock domain.Clock, entropy io.Reader) *ULID {
	if entropy == nil {
		entropy = rand.Reader
	}
	return &ULID{clock: clock, entropy: ulid.Monotonic(entropy, 0)}
}

// NewID returns a new 26-character ULID.
func (g *ULID) NewID() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	id, err := ulid.New(ulid.Timestamp(g.clock.Now()), g.entropy)
	if err != nil {
		// Only an exhausted monotonic counter within one millisecond (2^80
		// IDs) or a failing entropy source gets here; neither is recoverable.
		panic(fmt.Sprintf("ids: %v", err))
	}
	return id.String()
}

// Sequence makes IDs "prefix-000001", "prefix-000002", … for tests.
type Sequence struct {
	mu     sync.Mutex
	prefix string
	n      int
}

// NewSequence returns a sequence with the given prefix.
func NewSequence(prefix string) *Sequence { return &Sequence{prefix: prefix} }

// NewID returns the next ID of the sequence.
func (s *Sequence) NewID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	return fmt.Sprintf("%s-%06d", s.prefix, s.n)
}
