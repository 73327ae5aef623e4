package web

import (
	"net/http"
	"net/url"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/intake"
)

type reportFormData struct {
	Text, Date, Source, URL, Language string
	Sent, SentStatus                  string
	Today                             domain.Date
}

func (s *Server) reportForm(w http.ResponseWriter, r *http.Request, p *page) {
	if !s.need(w, r, p, domain.RoleReporter) {
		return
	}
	q := r.URL.Query()
	d := reportFormData{Today: domain.DateOf(s.clock.Now().In(domain.Myanmar))}
	switch q.Get("status") {
	case intake.StatusCreated:
		p.Flash = p.T("rp.created", q.Get("sent"), q.Get("coding"))
	case intake.StatusDuplicate:
		p.Flash = p.T("rp.duplicate", q.Get("sent"))
	}
	d.Sent = q.Get("sent")
	s.showReportForm(w, r, p, http.StatusOK, d)
}

func (s *Server) showReportForm(w http.ResponseWriter, r *http.Request, p *page, status int, d reportFormData) {
	p.Title, p.Nav = p.T("rp.title"), "report"
	if d.Today == "" {
		d.Today = domain.DateOf(s.clock.Now().In(domain.Myanmar))
	}
	p.Data = d
	s.render(w, r, status, "report", "", p)
}

// reportSubmit sends a report from the form through the intake pipeline,
// as the web channel. The reporter is the signed-in token, kept only as a
// pseudonym.
func (s *Server) reportSubmit(w http.ResponseWriter, r *http.Request, p *page) {
	if !s.need(w, r, p, domain.RoleReporter) {
		return
	}
	d := reportFormData{Text: r.PostFormValue("text"), Date: strings.TrimSpace(r.PostFormValue("date")),
		Source: strings.TrimSpace(r.PostFormValue("source")), URL: strings.TrimSpace(r.PostFormValue("source_url")),
		Language: strings.TrimSpace(r.PostFormValue("language"))}
	item := intake.Item{
		Input: intake.Input{Text: d.Text, Date: d.Date, Source: d.Source, SourceURL: d.URL, Language: d.Language,
			Channel: string(domain.ChannelWeb)},
		Channel: domain.ChannelWeb,
		Contact: "token:" + p.P.TokenID,
	}
	results, err := s.intake.Submit(r.Context(), p.P, []intake.Item{item})
	if err == nil && results[0].Status == intake.StatusError {
		err = results[0].Err
	}
	if err != nil {
		if statusOfErr(err) >= 500 {
			s.fail(w, r, p, err)
			return
		}
		p.Error = errText(p, err)
		s.showReportForm(w, r, p, statusOfErr(err), d)
		return
	}
	res := results[0]
	v := url.Values{"sent": {res.ID}, "status": {res.Status}, "coding": {string(res.Coding)}}
	http.Redirect(w, r, "/report?"+v.Encode(), http.StatusSeeOther)
}

type reportsData struct {
	Reports []domain.Report
	Next    string
}

// reportList is the inbox: the latest reports as they arrived, with their
// text (readers with the viewer role and above).
func (s *Server) reportList(w http.ResponseWriter, r *http.Request, p *page) {
	if !s.need(w, r, p, domain.RoleViewer) {
		return
	}
	p.Title, p.Nav = p.T("rp.inbox"), "reports"
	page, err := s.store.ListReports(r.Context(), domain.ReportFilter{Cursor: r.URL.Query().Get("cursor"), Limit: pageSize})
	if err != nil {
		s.fail(w, r, p, err)
		return
	}
	d := reportsData{Reports: page.Items}
	if !p.P.Can(domain.RoleReviewer) {
		for i := range d.Reports {
			d.Reports[i].ReporterID = ""
		}
	}
	if page.NextCursor != "" {
		d.Next = "/reports?cursor=" + url.QueryEscape(page.NextCursor)
	}
	p.Data = d
	s.render(w, r, http.StatusOK, "reports", "", p)
}
