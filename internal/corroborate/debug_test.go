package corroborate

import (
	"fmt"
	"os"
)

func init() {
	if os.Getenv("CLUSTER_DEBUG") != "" {
		debugScore = func(a, b *sig, parts string) {
			fmt.Fprintf(os.Stderr, "SCORE %s | %s || %s\n", a.claim.Summary, b.claim.Summary, parts)
		}
	}
}
