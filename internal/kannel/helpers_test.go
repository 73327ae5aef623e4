package kannel

import (
	"errors"
	"unicode/utf8"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func utf8Valid(s string) bool { return utf8.ValidString(s) }
