package httpapi

import "net/http"

// WriteJSON writes v as a JSON response with the given status, for
// handlers mounted from outside the package.
func WriteJSON(w http.ResponseWriter, status int, v any) { writeJSON(w, status, v) }

// WriteError writes err as the API's JSON error body, with the status its
// domain code maps to, for handlers mounted from outside the package.
func (s *Server) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	s.writeError(w, r, err)
}
