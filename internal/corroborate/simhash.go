package corroborate

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// SimHash returns a 64-bit SimHash of a text's word bigrams (Charikar):
// near-identical texts get hashes a few bits apart, so the Hamming distance
// measures how alike two wordings are at the cost of one XOR.
func SimHash(text string) uint64 {
	var acc [64]int
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r)
	})
	if len(words) == 0 {
		return 0
	}
	add := func(s string) {
		h := fnv.New64a()
		h.Write([]byte(s))
		v := h.Sum64()
		for i := 0; i < 64; i++ {
			if v&(1<<uint(i)) != 0 {
				acc[i]++
			} else {
				acc[i]--
			}
		}
	}
	for i, w := range words {
		add(w)
		if i > 0 {
			add(words[i-1] + " " + w)
		}
	}
	var out uint64
	for i := 0; i < 64; i++ {
		if acc[i] > 0 {
			out |= 1 << uint(i)
		}
	}
	return out
}

// Similarity is 1 for equal hashes and 0 for hashes that differ in half
// their bits or more (as unrelated texts do).
func Similarity(a, b uint64) float64 {
	d := bits.OnesCount64(a ^ b)
	if d >= 32 {
		return 0
	}
	return 1 - float64(d)/32
}
