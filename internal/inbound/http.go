package inbound

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"sitroom/internal/domain"
)

// ErrorBody is the JSON body of a webhook's error response, the same shape
// as the API's (httpapi.ErrorBody).
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is a stable code and a message; never the message text or
// the sender.
type ErrorDetail struct {
	Code    domain.Code `json:"code"`
	Message string      `json:"message"`
	Field   string      `json:"field,omitempty"`
}

// StatusOf maps an error code to the HTTP status a gateway gets. It
// follows the API's mapping (httpapi), so that a gateway and an API client
// see one convention; a 5xx tells Kannel and Telegram to deliver again.
func StatusOf(code domain.Code) int {
	switch code {
	case domain.CodeMalformed:
		return http.StatusBadRequest
	case domain.CodeInvalid:
		return http.StatusUnprocessableEntity
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeConflict:
		return http.StatusConflict
	case domain.CodeUnauthorized:
		return http.StatusUnauthorized
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case domain.CodeUnsupported:
		return http.StatusUnsupportedMediaType
	case domain.CodeRateLimited:
		return http.StatusTooManyRequests
	case domain.CodeUnavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// WriteError answers a webhook request with a JSON error. Internal errors
// are logged (without the request body) and not described.
func WriteError(w http.ResponseWriter, log *slog.Logger, route string, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = &domain.Error{Code: domain.CodeTooLarge, Message: "the request body is over the limit"}
	}
	code := domain.ErrorCode(err)
	d := ErrorDetail{Code: code, Field: domain.ErrorField(err)}
	var e *domain.Error
	switch {
	case code == domain.CodeInternal:
		d.Message = "internal error; it has been logged"
	case errors.As(err, &e) && e.Message != "":
		d.Message = e.Message
	default:
		d.Message = err.Error()
	}
	status := StatusOf(code)
	if status >= 500 && log != nil {
		log.Error("webhook failed", "route", route, "err", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(ErrorBody{Error: d})
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
