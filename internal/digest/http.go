package digest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"sitroom/internal/auth"
	"sitroom/internal/domain"
	"sitroom/internal/httpapi"
)

// Handler serves the subscriptions API (reviewer or admin):
//
//	POST   /api/v1/subscriptions       subscribe a phone number to an area
//	GET    /api/v1/subscriptions       list (?cursor=&limit=)
//	GET    /api/v1/subscriptions/{id}  one, with its recent deliveries
//	DELETE /api/v1/subscriptions/{id}  unsubscribe
//
// Numbers go in and never come out: a subscription shows a masked hint.
type Handler struct {
	Server  *httpapi.Server
	Service *Service
}

// Mount adds the routes.
func (h *Handler) Mount(s interface {
	Handle(pattern string, h http.Handler)
}) {
	s.Handle("POST /api/v1/subscriptions", http.HandlerFunc(h.create))
	s.Handle("GET /api/v1/subscriptions", http.HandlerFunc(h.list))
	s.Handle("GET /api/v1/subscriptions/{id}", http.HandlerFunc(h.get))
	s.Handle("DELETE /api/v1/subscriptions/{id}", http.HandlerFunc(h.delete))
}

func (h *Handler) allowed(w http.ResponseWriter, r *http.Request) (domain.Principal, bool) {
	p := httpapi.PrincipalOf(r)
	if err := auth.Require(p, domain.RoleReviewer); err != nil {
		h.Server.WriteError(w, r, err)
		return p, false
	}
	return p, true
}

// decode reads a JSON body strictly: UTF-8 JSON, no unknown fields.
func decode(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return domain.Errorf(domain.CodeUnsupported, "Content-Type %q is not application/json", ct)
		}
		if cs := params["charset"]; cs != "" && !strings.EqualFold(cs, "utf-8") {
			return domain.Errorf(domain.CodeUnsupported, "charset %q is not utf-8", cs)
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &domain.Error{Code: domain.CodeTooLarge, Message: "the request body is over the limit"}
		}
		return domain.Errorf(domain.CodeMalformed, "read body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return domain.Errorf(domain.CodeMalformed, "body: %v", err)
	}
	return nil
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	p, ok := h.allowed(w, r)
	if !ok {
		return
	}
	var req Request
	if err := decode(r, &req); err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	sub, created, err := h.Service.Subscribe(r.Context(), p, req)
	if err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/subscriptions/"+sub.ID)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	httpapi.WriteJSON(w, status, sub)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.allowed(w, r); !ok {
		return
	}
	limit := domain.DefaultPageSize
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			h.Server.WriteError(w, r, domain.FieldError("limit", "must be a whole number from 1 to %d", domain.MaxPageSize))
			return
		}
		limit = min(n, domain.MaxPageSize)
	}
	subs, err := h.Service.Store.ListSubscriptions(r.Context(), r.URL.Query().Get("cursor"), limit+1)
	if err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	page := domain.Page[domain.Subscription]{Items: subs}
	if len(subs) > limit {
		page.Items = subs[:limit]
		page.NextCursor = subs[limit-1].ID
	}
	if page.Items == nil {
		page.Items = []domain.Subscription{}
	}
	httpapi.WriteJSON(w, http.StatusOK, page)
}

// View is a subscription with what was recently sent to it.
type View struct {
	domain.Subscription
	Deliveries []domain.Delivery `json:"deliveries"`
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.allowed(w, r); !ok {
		return
	}
	sub, err := h.Service.Store.Subscription(r.Context(), r.PathValue("id"))
	if err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	ds, err := h.Service.Store.SubscriptionDeliveries(r.Context(), sub.ID, 20)
	if err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	if ds == nil {
		ds = []domain.Delivery{}
	}
	httpapi.WriteJSON(w, http.StatusOK, View{Subscription: sub, Deliveries: ds})
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) {
	p, ok := h.allowed(w, r)
	if !ok {
		return
	}
	if err := h.Service.Unsubscribe(r.Context(), p, r.PathValue("id")); err != nil {
		h.Server.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
