// Package twilio serves the Twilio-style SMS webhook most aggregators
// copy: a form-encoded POST (From, Body, MessageSid …) signed with
// X-Twilio-Signature, answered with TwiML.
package twilio

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/xml"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"sitroom/internal/domain"
	"sitroom/internal/inbound"
)

// Signature computes X-Twilio-Signature: base64 of HMAC-SHA1, keyed with
// the auth token, over the full URL the provider called followed by every
// POST parameter, sorted by name, as name then value with no separators.
func Signature(authToken, fullURL string, params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range keys {
		vs := append([]string(nil), params[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	m := hmac.New(sha1.New, []byte(authToken))
	m.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// ValidSignature checks a signature in constant time.
func ValidSignature(authToken, fullURL string, params url.Values, sig string) bool {
	if authToken == "" || sig == "" {
		return false
	}
	return hmac.Equal([]byte(Signature(authToken, fullURL, params)), []byte(sig))
}

// Inbound is an incoming SMS in Twilio's webhook fields.
type Inbound struct {
	MessageSID  string
	AccountSID  string
	From        string
	To          string
	Body        string
	NumMedia    string
	FromCountry string
}

// Decode reads the webhook's form fields.
func Decode(form url.Values) (Inbound, error) {
	in := Inbound{
		MessageSID:  strings.TrimSpace(first(form, "MessageSid", "SmsSid", "SmsMessageSid")),
		AccountSID:  strings.TrimSpace(form.Get("AccountSid")),
		From:        strings.TrimSpace(form.Get("From")),
		To:          strings.TrimSpace(form.Get("To")),
		Body:        form.Get("Body"),
		NumMedia:    form.Get("NumMedia"),
		FromCountry: form.Get("FromCountry"),
	}
	switch {
	case in.MessageSID == "":
		return in, domain.FieldError("MessageSid", "is missing")
	case len(in.MessageSID) > 64:
		return in, domain.FieldError("MessageSid", "is longer than 64 characters")
	case in.From == "":
		return in, domain.FieldError("From", "is missing")
	}
	return in, nil
}

func first(form url.Values, names ...string) string {
	for _, n := range names {
		if v := form.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// Handler serves POST /hooks/sms/twilio.
type Handler struct {
	AuthToken string
	// URL is the webhook's full public URL as configured at the provider
	// (the signature covers it). Empty: rebuilt from the request, which is
	// right unless a proxy rewrites the scheme, host or path.
	URL     string
	Inbound *inbound.Service
	Log     *slog.Logger
}

// requestURL is the URL the provider signed.
func (h *Handler) requestURL(r *http.Request) string {
	if h.URL != "" {
		u := h.URL
		if r.URL.RawQuery != "" && !strings.Contains(u, "?") {
			u += "?" + r.URL.RawQuery
		}
		return u
	}
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const route = "/hooks/sms/twilio"
	body, err := inbound.ReadBody(r, inbound.MaxBody)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	ct := r.Header.Get("Content-Type")
	if !strings.HasPrefix(strings.ToLower(ct), "application/x-www-form-urlencoded") {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeUnsupported, "the webhook takes application/x-www-form-urlencoded, not %q", ct))
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeMalformed, "form body: %v", err))
		return
	}
	sig := r.Header.Get("X-Twilio-Signature")
	if sig == "" {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeUnauthorized, "X-Twilio-Signature is missing"))
		return
	}
	if !ValidSignature(h.AuthToken, h.requestURL(r), form, sig) {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeForbidden, "X-Twilio-Signature does not match this URL and body"))
		return
	}
	in, err := Decode(form)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	meta := map[string]string{"gateway": "twilio", "gateway_id": in.MessageSID}
	if in.To != "" {
		meta["to"] = in.To
	}
	if in.NumMedia != "" && in.NumMedia != "0" {
		meta["num_media"] = in.NumMedia // media is not fetched: no network calls to the provider
	}
	out, err := h.Inbound.Receive(r.Context(), inbound.Message{Channel: domain.ChannelSMS, Gateway: "twilio",
		ClientID: "twilio:" + in.MessageSID, Contact: in.From, Text: in.Body, Meta: meta}, inbound.ReplyInline)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	h.Log.Info("sms received", "gateway", "twilio", "report", out.ReportID, "status", out.Status,
		"reporter", out.ReporterID, "flood", out.Flood)
	reply := out.Reply
	if out.Status == "duplicate" {
		reply = "" // the first delivery was answered
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.Header().Set("X-Sitroom-Report", out.ReportID)
	w.WriteHeader(http.StatusOK)
	w.Write(TwiML(reply))
}

// TwiML is the webhook's answer: a <Message> with the reply, or an empty
// <Response/> when there is none.
func TwiML(reply string) []byte {
	type message struct {
		XMLName xml.Name `xml:"Message"`
		Text    string   `xml:",chardata"`
	}
	type response struct {
		XMLName  xml.Name `xml:"Response"`
		Messages []message
	}
	resp := response{}
	if reply != "" {
		resp.Messages = []message{{Text: reply}}
	}
	b, _ := xml.Marshal(resp)
	return append([]byte(xml.Header), b...)
}
