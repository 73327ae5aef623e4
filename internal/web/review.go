package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/review"
)

// queueStatuses are the statuses a reviewer works through.
var queueStatuses = []domain.Status{domain.StatusNew, domain.StatusCorroborated, domain.StatusDisputed}

// cardData is one event in the review queue, with the outcome of the last
// action on it.
type cardData struct {
	E        domain.Event
	Conflict string
	Done     string
	Error    string
}

type queueData struct {
	Show   string
	Cards  []cardData
	Total  int
	Done   string
	Shown  []domain.Status
	Choice []domain.Status
}

func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request, p *page) {
	if !s.need(w, r, p, domain.RoleReviewer) {
		return
	}
	p.Title, p.Nav = p.T("rv.title"), "review"
	d := queueData{Show: r.URL.Query().Get("show"), Choice: queueStatuses}
	d.Shown = queueStatuses
	if st := domain.Status(d.Show); d.Show != "" && st.Valid() {
		d.Shown = []domain.Status{st}
	}
	events, _, err := s.load(r.Context(), domain.EventFilter{Statuses: d.Shown})
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	// Disputed first (they need a person most), then the latest.
	sort.SliceStable(events, func(i, j int) bool {
		return (events[i].Status == domain.StatusDisputed) && events[j].Status != domain.StatusDisputed
	})
	d.Total = len(events)
	if len(events) > pageSize {
		events = events[:pageSize]
	}
	for _, e := range events {
		d.Cards = append(d.Cards, cardData{E: e})
	}
	if id := r.URL.Query().Get("saved"); id != "" {
		d.Done = p.T("rv.done", id, atoi64(r.URL.Query().Get("v")), tr(p.Lang, "status."+r.URL.Query().Get("st")))
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "review", "", p)
}

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, p *page) {
	if !s.need(w, r, p, domain.RoleReviewer) {
		return
	}
	s.showReview(w, r, p, http.StatusOK, "", "")
}

// showReview renders an event's review page with a message: what was done,
// or why it was not.
func (s *Server) showReview(w http.ResponseWriter, r *http.Request, p *page, status int, conflict, errMsg string) {
	p.Nav = "review"
	d, err := s.loadEvent(r.Context(), p, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	p.Title = d.E.Title
	q := r.URL.Query()
	if q.Get("saved") != "" {
		d.Done = p.T("rv.done", d.E.ID, d.E.Version, tr(p.Lang, "status."+string(d.E.Status)))
	}
	if n := q.Get("split"); n != "" {
		d.Done = p.T("rv.split.done", n)
	}
	d.Conflict = conflict
	p.Error = errMsg
	if d.Point != nil {
		p.Scripts, p.Styles = mapScripts, mapStyles
	}
	p.Data = d
	s.render(w, r, status, "reviewevent", "", p)
}

// formVersion reads the version the reviewer saw: the form's hidden field,
// or an If-Match header from a script.
// reviewForm does what every review form shares: it needs a reviewer and
// the version of the event the reviewer saw.
func (s *Server) reviewForm(w http.ResponseWriter, r *http.Request, p *page) (int64, bool) {
	if !s.need(w, r, p, domain.RoleReviewer) {
		return 0, false
	}
	v, err := formVersion(r)
	if err != nil {
		s.afterReview(w, r, p, domain.Event{}, err)
		return 0, false
	}
	return v, true
}

func formVersion(r *http.Request) (int64, error) {
	if h := r.Header.Get("If-Match"); h != "" {
		return review.ParseIfMatch(h)
	}
	v, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if err != nil || v < 1 {
		return 0, domain.FieldError("version", "the form lost the event's version; reload the page")
	}
	return v, nil
}

// afterReview answers a review action: the updated card for htmx, a
// redirect otherwise; a conflict shows the current state with 409.
func (s *Server) afterReview(w http.ResponseWriter, r *http.Request, p *page, e domain.Event, err error) {
	id := r.PathValue("id")
	fromQueue := r.PostFormValue("from") == "queue"
	if err != nil {
		msg, status := "", statusOfErr(err)
		conflict := ""
		if domain.IsCode(err, domain.CodeConflict) {
			cur, gerr := s.store.GetEvent(r.Context(), id)
			if gerr != nil {
				s.fail(w, r, p, gerr)
				return
			}
			by := cur.StatusBy
			if by == "" {
				by = "sitroom"
			}
			conflict = p.T("rv.conflict") + " " + p.T("rv.conflict.now", cur.Version, tr(p.Lang, "status."+string(cur.Status)), fmtTime(cur.UpdatedAt)+" ("+by+")")
			if cur.MergedInto != "" {
				conflict = p.T("rv.conflict") + " " + err.Error()
			}
			e = cur
		} else if status < 500 {
			msg = errText(p, err)
		} else {
			s.fail(w, r, p, err)
			return
		}
		if fromQueue && r.Header.Get("HX-Request") == "true" {
			if e.ID == "" {
				e, _ = s.store.GetEvent(r.Context(), id)
			}
			p.Data = cardData{E: e, Conflict: conflict, Error: msg}
			s.render(w, r, status, "review", "cardpage", p)
			return
		}
		s.showReview(w, r, p, status, conflict, msg)
		return
	}
	if fromQueue {
		if r.Header.Get("HX-Request") == "true" {
			p.Data = cardData{E: e, Done: p.T("rv.done", e.ID, e.Version, tr(p.Lang, "status."+string(e.Status)))}
			s.render(w, r, http.StatusOK, "review", "cardpage", p)
			return
		}
		v := url.Values{"saved": {e.ID}, "v": {strconv.FormatInt(e.Version, 10)}, "st": {string(e.Status)}}
		http.Redirect(w, r, "/review?"+v.Encode(), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/review/"+url.PathEscape(e.ID)+"?saved=1", http.StatusSeeOther)
}

func (s *Server) reviewStatus(w http.ResponseWriter, r *http.Request, p *page) {
	v, ok := s.reviewForm(w, r, p)
	if !ok {
		return
	}
	ed := review.Edit{Status: domain.Status(r.PostFormValue("status")), Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	if ed.Status == "" {
		s.afterReview(w, r, p, domain.Event{}, domain.FieldError("status", "choose verify, reject or disputed"))
		return
	}
	e, err := s.review.Apply(r.Context(), p.P, r.PathValue("id"), v, ed)
	s.afterReview(w, r, p, e, err)
}

func (s *Server) reviewFigure(w http.ResponseWriter, r *http.Request, p *page) {
	v, ok := s.reviewForm(w, r, p)
	if !ok {
		return
	}
	kind := r.PostFormValue("kind")
	n, perr := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(r.PostFormValue("value")), ",", ""), 10, 64)
	if perr != nil {
		s.afterReview(w, r, p, domain.Event{}, domain.FieldError("value", "%q is not a whole number", r.PostFormValue("value")))
		return
	}
	ed := review.Edit{Figures: map[string]int64{kind: n}, Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	e, err := s.review.Apply(r.Context(), p.P, r.PathValue("id"), v, ed)
	s.afterReview(w, r, p, e, err)
}

func (s *Server) reviewMerge(w http.ResponseWriter, r *http.Request, p *page) {
	v, ok := s.reviewForm(w, r, p)
	if !ok {
		return
	}
	ids := strings.FieldsFunc(r.PostFormValue("events"), func(c rune) bool { return c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r' })
	e, err := s.review.Merge(r.Context(), p.P, r.PathValue("id"), v, ids, strings.TrimSpace(r.PostFormValue("reason")))
	s.afterReview(w, r, p, e, err)
}

func (s *Server) reviewSplit(w http.ResponseWriter, r *http.Request, p *page) {
	v, ok := s.reviewForm(w, r, p)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.afterReview(w, r, p, domain.Event{}, domain.Errorf(domain.CodeMalformed, "%v", err))
		return
	}
	orig, created, err := s.review.Split(r.Context(), p.P, r.PathValue("id"), v, r.PostForm["claims"], strings.TrimSpace(r.PostFormValue("reason")))
	if err != nil {
		s.afterReview(w, r, p, orig, err)
		return
	}
	http.Redirect(w, r, "/review/"+url.PathEscape(orig.ID)+"?split="+url.QueryEscape(created.ID), http.StatusSeeOther)
}
