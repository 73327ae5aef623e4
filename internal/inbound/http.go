package inbound

import (
	"crypto/subtle"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
)

// WriteError answers a webhook request with the API's JSON error and the
// status its code maps to (httpapi.StatusOf): one convention for gateways
// and API clients; a 5xx tells Kannel and Telegram to deliver again.
// Internal errors are logged (without the request body) and not described.
func WriteError(w http.ResponseWriter, log *slog.Logger, route string, err error) {
	httpapi.WriteErrorTo(w, log, route, err)
}

// SecretEqual compares a presented secret with the configured one in
// constant time; an empty configured secret matches nothing.
func SecretEqual(got, want string) bool {
	if want == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// ReadBody reads a request body up to max bytes; more is a CodeTooLarge
// error.
func ReadBody(r *http.Request, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, &domain.Error{Code: domain.CodeTooLarge, Message: "the request body is over the limit"}
		}
		return nil, domain.Errorf(domain.CodeMalformed, "read body: %w", err)
	}
	if int64(len(b)) > max {
		return nil, &domain.Error{Code: domain.CodeTooLarge, Message: "the request body is over the limit"}
	}
	return b, nil
}

// MaxBody is the largest webhook body read: far above any SMS or Telegram
// update, far below the API's limit.
const MaxBody = 64 << 10
