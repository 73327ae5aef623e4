package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"sitroom/internal/auth"
	"sitroom/internal/domain"
	"sitroom/internal/review"
)

func (s *Server) reviewRoutes() {
	s.HandleFunc("PATCH /api/v1/events/{id}", s.patchEvent)
	s.HandleFunc("POST /api/v1/events/{id}/merge", s.mergeEvents)
	s.HandleFunc("POST /api/v1/events/{id}/split", s.splitEvent)
	s.HandleFunc("GET /api/v1/events/{id}/history", s.eventHistory)
}

// decodeStrict reads a JSON body into v, refusing unknown fields.
func decodeStrict(r *http.Request, v any) error {
	body, err := readJSONBody(r)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return domain.Errorf(domain.CodeMalformed, "%v", err)
	}
	return nil
}

// version reads the version a reviewer saw: If-Match, else the body's.
func version(r *http.Request, body int64) (int64, error) {
	if h := r.Header.Get("If-Match"); h != "" {
		return review.ParseIfMatch(h)
	}
	if body > 0 {
		return body, nil
	}
	return 0, domain.FieldError("If-Match", "send the event's ETag in If-Match (or its version in the body), so that a change made meanwhile is not overwritten")
}

func (s *Server) reviewer(w http.ResponseWriter, r *http.Request) (domain.Principal, bool) {
	p := PrincipalOf(r)
	if err := auth.Require(p, domain.RoleReviewer); err != nil {
		s.writeError(w, r, err)
		return p, false
	}
	if s.Review == nil {
		s.writeError(w, r, domain.Errorf(domain.CodeUnavailable, "review is not configured on this node"))
		return p, false
	}
	return p, true
}

func writeEvent(w http.ResponseWriter, status int, e domain.Event) {
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(e.Version, 10)))
	writeJSON(w, status, e)
}

// versioned is a review request body that may carry the version it read.
type versioned interface{ bodyVersion() int64 }

func (e reviewEdit) bodyVersion() int64   { return e.Version }
func (m MergeRequest) bodyVersion() int64 { return m.Version }
func (m SplitRequest) bodyVersion() int64 { return m.Version }

// reviewEdit is the body of PATCH /api/v1/events/{id}.
type reviewEdit struct{ review.Edit }

// reviewRequest does what every review action shares: the reviewer's role,
// the strict body, and the version the reviewer read (If-Match or body).
func reviewRequest[T versioned](s *Server, w http.ResponseWriter, r *http.Request) (p domain.Principal, req T, v int64, ok bool) {
	p, ok = s.reviewer(w, r)
	if !ok {
		return
	}
	if err := decodeStrict(r, &req); err != nil {
		s.writeError(w, r, err)
		return p, req, 0, false
	}
	v, err := version(r, req.bodyVersion())
	if err != nil {
		s.writeError(w, r, err)
		return p, req, 0, false
	}
	return p, req, v, true
}

func (s *Server) patchEvent(w http.ResponseWriter, r *http.Request) {
	p, req, v, ok := reviewRequest[reviewEdit](s, w, r)
	if !ok {
		return
	}
	e, err := s.Review.Apply(r.Context(), p, r.PathValue("id"), v, req.Edit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeEvent(w, http.StatusOK, e)
}

// MergeRequest names the events to merge into the one in the path.
type MergeRequest struct {
	Events  []string `json:"events"`
	Reason  string   `json:"reason"`
	Version int64    `json:"version,omitempty"`
}

func (s *Server) mergeEvents(w http.ResponseWriter, r *http.Request) {
	p, req, v, ok := reviewRequest[MergeRequest](s, w, r)
	if !ok {
		return
	}
	e, err := s.Review.Merge(r.Context(), p, r.PathValue("id"), v, req.Events, req.Reason)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeEvent(w, http.StatusOK, e)
}

// SplitRequest names the claims to move out into a new event.
type SplitRequest struct {
	Claims  []string `json:"claims"`
	Reason  string   `json:"reason"`
	Version int64    `json:"version,omitempty"`
}

// SplitResponse holds both events after a split.
type SplitResponse struct {
	Event    domain.Event `json:"event"`
	NewEvent domain.Event `json:"new_event"`
}

func (s *Server) splitEvent(w http.ResponseWriter, r *http.Request) {
	p, req, v, ok := reviewRequest[SplitRequest](s, w, r)
	if !ok {
		return
	}
	orig, created, err := s.Review.Split(r.Context(), p, r.PathValue("id"), v, req.Claims, req.Reason)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(orig.Version, 10)))
	w.Header().Set("Location", "/api/v1/events/"+created.ID)
	writeJSON(w, http.StatusCreated, SplitResponse{Event: orig, NewEvent: created})
}

func (s *Server) eventHistory(w http.ResponseWriter, r *http.Request) {
	p := PrincipalOf(r)
	if err := auth.Require(p, domain.RoleViewer); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("id")
	if _, err := s.Store.GetEvent(r.Context(), id); err != nil {
		s.writeError(w, r, err)
		return
	}
	h, err := s.Store.History(r.Context(), "event", id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if h == nil {
		h = []domain.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"event_id": id, "history": h})
}
