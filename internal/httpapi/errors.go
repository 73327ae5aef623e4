package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"sitroom/internal/domain"
)

// StatusOf is the one place where error codes become HTTP statuses; the
// webhooks (SMS gateways, Telegram) answer by it too.
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

// ErrorBody is the JSON body of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong: a stable code, a message a person can
// act on, and the input field at fault when there is one.
type ErrorDetail struct {
	Code    domain.Code `json:"code"`
	Message string      `json:"message"`
	Field   string      `json:"field,omitempty"`
}

// Describe renders an error for a client; internal errors are not
// described beyond their code, so no internals leak.
func Describe(err error) ErrorDetail {
	code := domain.ErrorCode(err)
	d := ErrorDetail{Code: code, Field: domain.ErrorField(err)}
	var e *domain.Error
	switch {
	case code == domain.CodeInternal:
		d.Message = "internal error; it has been logged"
	case errors.As(err, &e):
		d.Message = e.Message
		if d.Message == "" {
			d.Message = err.Error()
		}
	default:
		d.Message = err.Error()
	}
	return d
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if domain.ErrorCode(err) == domain.CodeUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitroom"`)
	}
	WriteErrorTo(w, s.log, r.Pattern, err)
}

// WriteErrorTo answers with err as the API's JSON error body and the status
// its code maps to; a 5xx is logged with the route, never the body.
func WriteErrorTo(w http.ResponseWriter, log *slog.Logger, route string, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = &domain.Error{Code: domain.CodeTooLarge, Message: "the request body is over the limit"}
	}
	status := StatusOf(domain.ErrorCode(err))
	if status >= 500 && log != nil {
		log.Error("request failed", "route", route, "err", err)
	}
	writeJSON(w, status, ErrorBody{Error: Describe(err)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		slog.Debug("write response", "err", err)
	}
}
