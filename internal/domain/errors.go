package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so that every adapter (HTTP, CLI, SMS reply) can
// react to it the same way. The HTTP status for each code is decided in one
// place, the httpapi package.
type Code string

// The error codes. Keep this list short: a new code needs a reason that none
// of these covers.
const (
	CodeMalformed    Code = "malformed"    // input that cannot be read: bad JSON, invalid UTF-8, unknown fields
	CodeInvalid      Code = "invalid"      // input that reads but is wrong: a field missing or out of range
	CodeNotFound     Code = "not_found"    // the row does not exist (never nil, nil)
	CodeConflict     Code = "conflict"     // a stale write or a uniqueness clash
	CodeUnauthorized Code = "unauthorized" // no or unknown credentials
	CodeForbidden    Code = "forbidden"    // credentials lack the role
	CodeTooLarge     Code = "too_large"    // a body or batch over its limit
	CodeUnsupported  Code = "unsupported"  // a media type or format we do not read
	CodeRateLimited  Code = "rate_limited" // a sender over its limit
	CodeUnavailable  Code = "unavailable"  // a dependency is down; try again
	CodeInternal     Code = "internal"     // a bug or an unexpected failure
)

// Error is sitroom's error type: a code, a message a person can act on, and
// optionally the input field it concerns.
type Error struct {
	Code    Code
	Field   string // the input field at fault, when there is one
	Message string
	Err     error // the wrapped cause, if any
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		cause := e.Err.Error()
		switch {
		case msg == "":
			return cause
		case strings.Contains(msg, cause):
			// Errorf's message already holds the cause it wraps.
			return msg
		}
		return msg + ": " + cause
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message. A %w
// verb in format wraps the cause as usual.
func Errorf(code Code, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// FieldError returns a CodeInvalid error about one input field.
func FieldError(field, format string, args ...any) error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a CodeNotFound error naming what was missing.
func NotFound(what, id string) error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf("%s %q not found", what, id)}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// CodeInternal when there is none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// IsCode reports whether err carries the given code.
func IsCode(err error, code Code) bool { return err != nil && ErrorCode(err) == code }

// ErrorField returns the field named by the first *Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
