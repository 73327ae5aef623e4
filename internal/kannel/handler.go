package kannel

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/inbound"
)

// maxSkew is how far in the future a gateway timestamp may be before it is
// taken for a wrong clock and replaced by ours.
const maxSkew = time.Hour

// Handler serves Kannel's sms-service requests (GET or POST).
type Handler struct {
	// Secret authenticates the gateway: the "secret" query parameter of
	// the sms-service URL. (HTTP basic auth is not offered: the server's
	// Authorization header is for API bearer tokens.)
	Secret  string
	Inbound *inbound.Service
	Clock   domain.Clock
	Log     *slog.Logger
	// Reply is the outbox gateway replies go through ("kannel" when
	// sendsms is configured), or inbound.ReplyNone.
	Reply string
}

// authenticated checks the shared secret in constant time.
func authenticated(r *http.Request, secret string) bool {
	return inbound.SecretEqual(r.URL.Query().Get("secret"), secret)
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const route = "/hooks/sms/kannel"
	if !authenticated(r, h.Secret) {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeUnauthorized, "missing or wrong gateway secret"))
		return
	}
	var body []byte
	if r.Method == http.MethodPost {
		var err error
		if body, err = inbound.ReadBody(r, inbound.MaxBody); err != nil {
			inbound.WriteError(w, h.Log, route, err)
			return
		}
	}
	in, err := Decode(r, body)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	meta := map[string]string{"gateway": "kannel", "gateway_id": in.ID, "coding": strconv.Itoa(in.Coding)}
	if in.SMSC != "" {
		meta["smsc"] = in.SMSC
	}
	if in.To != "" {
		meta["to"] = in.To // our own short code, not the sender's number
	}
	received := in.Time
	if received.IsZero() || received.After(h.Clock.Now().Add(maxSkew)) {
		received = h.Clock.Now() // a phone or SMSC clock in the future is wrong
	}
	out, err := h.Inbound.Receive(r.Context(), inbound.Message{Channel: domain.ChannelSMS, Gateway: "kannel",
		ClientID: in.ClientID(func(v string) string { return h.Inbound.Opaque("kannel-message", v) }), Contact: in.From, Text: in.Text, ReceivedAt: received, Meta: meta}, h.Reply)
	if err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	h.Log.Info("sms received", "gateway", "kannel", "report", out.ReportID, "status", out.Status,
		"reporter", out.ReporterID, "flood", out.Flood, "reply_queued", out.Queued)
	// The body is empty: the sms-service has max-messages = 0, replies go
	// through sendsms from the outbox, where they are retried.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Sitroom-Report", out.ReportID)
	w.WriteHeader(http.StatusOK)
}

// DLRHandler receives Kannel's delivery reports for outbox messages: the
// dlr-url sitroom gives sendsms carries the outbox id and %d, the report
// type.
type DLRHandler struct {
	Secret string
	Store  domain.ChannelStore
	Clock  domain.Clock
	Log    *slog.Logger
}

// Kannel delivery report types (dlr-mask bits, %d).
const (
	DLRDelivered  = 1
	DLRFailed     = 2
	DLRBuffered   = 4
	DLRSMSCSubmit = 8
	DLRSMSCReject = 16
)

// DLRMask asks for every report type.
const DLRMask = DLRDelivered | DLRFailed | DLRBuffered | DLRSMSCSubmit | DLRSMSCReject

// DLRState maps a report type to an outbox state.
func DLRState(typ int) (domain.OutboxState, string, bool) {
	switch typ {
	case DLRDelivered:
		return domain.OutboxDelivered, "delivered", true
	case DLRFailed:
		return domain.OutboxFailed, "undelivered", true
	case DLRBuffered:
		return domain.OutboxSent, "buffered by the SMSC", true
	case DLRSMSCSubmit:
		return domain.OutboxSent, "accepted by the SMSC", true
	case DLRSMSCReject:
		return domain.OutboxFailed, "rejected by the SMSC", true
	}
	return "", "", false
}

func (h *DLRHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const route = "/hooks/sms/kannel/dlr"
	if !authenticated(r, h.Secret) {
		inbound.WriteError(w, h.Log, route, domain.Errorf(domain.CodeUnauthorized, "missing or wrong gateway secret"))
		return
	}
	q := r.URL.Query()
	id := strings.TrimSpace(q.Get("id"))
	if id == "" {
		inbound.WriteError(w, h.Log, route, domain.FieldError("id", "the outbox message id is missing"))
		return
	}
	typ, err := strconv.Atoi(q.Get("type"))
	state, detail, ok := DLRState(typ)
	if err != nil || !ok {
		inbound.WriteError(w, h.Log, route, domain.FieldError("type", "%q is not a Kannel delivery report type (1, 2, 4, 8, 16)", q.Get("type")))
		return
	}
	if reply := strings.TrimSpace(q.Get("reply")); reply != "" {
		detail += ": " + reply
	}
	if err := h.Store.RecordDelivery(r.Context(), id, state, strconv.Itoa(typ)+" "+detail, h.Clock.Now()); err != nil {
		inbound.WriteError(w, h.Log, route, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
}
