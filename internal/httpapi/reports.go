package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"sitroom/internal/auth"
	"sitroom/internal/domain"
	"sitroom/internal/intake"
)

// readJSONBody reads a JSON request body, refusing other media types and
// bodies over the limit.
func readJSONBody(r *http.Request) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && mt != "application/x-ndjson") {
			return nil, domain.Errorf(domain.CodeUnsupported, "Content-Type %q is not application/json", ct)
		}
		if cs := params["charset"]; cs != "" && !equalFold(cs, "utf-8") {
			return nil, domain.Errorf(domain.CodeUnsupported, "charset %q is not utf-8", cs)
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &domain.Error{Code: domain.CodeTooLarge, Message: "body is over the limit of " + strconv.FormatInt(tooBig.Limit, 10) + " bytes"}
		}
		return nil, domain.Errorf(domain.CodeMalformed, "read body: %v", err)
	}
	return body, nil
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

// ItemResult is one item of a batch response.
type ItemResult struct {
	intake.Result
	Error *ErrorDetail `json:"error,omitempty"`
}

// BatchResponse answers a batch: one result per item, in order.
type BatchResponse struct {
	Created   int          `json:"created"`
	Duplicate int          `json:"duplicate"`
	Failed    int          `json:"failed"`
	Results   []ItemResult `json:"results"`
}

// postReports takes one report or a batch. A single report answers 201
// (created), 200 (a re-send: the original's id) or an error status. A batch
// answers per item: 200 when every item was stored or was a re-send, 207
// when some failed; failed items name their error, the rest are stored.
func (s *Server) postReports(w http.ResponseWriter, r *http.Request) {
	p := PrincipalOf(r)
	if err := auth.Require(p, domain.RoleReporter); err != nil {
		s.writeError(w, r, err)
		return
	}
	body, err := readJSONBody(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	inputs, batch, err := intake.Decode(body, intake.DecodeOptions{})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if len(inputs) > intake.MaxBatch {
		s.writeError(w, r, &domain.Error{Code: domain.CodeTooLarge, Message: "batch of " + strconv.Itoa(len(inputs)) +
			" reports is over the limit of " + strconv.Itoa(intake.MaxBatch)})
		return
	}
	if batch && len(inputs) == 0 {
		s.writeError(w, r, domain.Errorf(domain.CodeInvalid, "batch is empty"))
		return
	}
	items := make([]intake.Item, len(inputs))
	for i, in := range inputs {
		items[i] = intake.Item{Input: in, Channel: domain.ChannelAPI}
	}
	results, err := s.Intake.Submit(r.Context(), p, items)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !batch {
		res := results[0]
		switch res.Status {
		case intake.StatusError:
			s.writeError(w, r, res.Err)
		case intake.StatusDuplicate:
			w.Header().Set("Location", "/api/v1/reports/"+res.ID)
			writeJSON(w, http.StatusOK, res)
		default:
			w.Header().Set("Location", "/api/v1/reports/"+res.ID)
			writeJSON(w, http.StatusCreated, res)
		}
		return
	}
	resp := BatchResponse{Results: make([]ItemResult, len(results))}
	for i, res := range results {
		resp.Results[i] = ItemResult{Result: res}
		switch res.Status {
		case intake.StatusCreated:
			resp.Created++
		case intake.StatusDuplicate:
			resp.Duplicate++
		default:
			resp.Failed++
			d := Describe(res.Err)
			resp.Results[i].Error = &d
		}
	}
	status := http.StatusOK
	if resp.Failed > 0 {
		status = http.StatusMultiStatus
	}
	writeJSON(w, status, resp)
}

// ReportView is a report as a reader with a given role sees it.
type ReportView struct {
	domain.Report
	Claims []domain.Claim `json:"claims,omitempty"`
}

// viewReport hides what a role may not see: the pseudonym needs a reviewer.
func viewReport(p domain.Principal, r domain.Report) domain.Report {
	if !p.Can(domain.RoleReviewer) {
		r.ReporterID = ""
	}
	return r
}

func (s *Server) getReport(w http.ResponseWriter, r *http.Request) {
	p := PrincipalOf(r)
	if err := auth.Require(p, domain.RoleViewer); err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := s.Store.GetReport(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	claims, err := s.Store.ReportClaims(r.Context(), rep.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ReportView{Report: viewReport(p, rep), Claims: claims})
}

func (s *Server) listReports(w http.ResponseWriter, r *http.Request) {
	p := PrincipalOf(r)
	if err := auth.Require(p, domain.RoleViewer); err != nil {
		s.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	f := domain.ReportFilter{Channel: domain.Channel(q.Get("channel")), Coding: domain.Coding(q.Get("coding")),
		Source: q.Get("source"), Cursor: q.Get("cursor")}
	if f.Channel != "" && !f.Channel.Valid() {
		s.writeError(w, r, domain.FieldError("channel", "%q is not a channel", f.Channel))
		return
	}
	if v := q.Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			d, derr := domain.ParseDate(v)
			if derr != nil {
				s.writeError(w, r, domain.FieldError("since", "want RFC 3339 time or YYYY-MM-DD"))
				return
			}
			t = d.Time()
		}
		f.Since = t
	}
	limit, err := parseLimit(q.Get("limit"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	f.Limit = limit
	page, err := s.Store.ListReports(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	for i := range page.Items {
		page.Items[i] = viewReport(p, page.Items[i])
	}
	if page.Items == nil {
		page.Items = []domain.Report{}
	}
	writeJSON(w, http.StatusOK, page)
}

func parseLimit(v string) (int, error) {
	if v == "" {
		return domain.DefaultPageSize, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, domain.FieldError("limit", "must be a whole number from 1 to %d", domain.MaxPageSize)
	}
	if n > domain.MaxPageSize {
		n = domain.MaxPageSize
	}
	return n, nil
}
