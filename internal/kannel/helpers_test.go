package kannel

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"unicode/utf8"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// digest stands in for the keyed digest the handler uses.
func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}
