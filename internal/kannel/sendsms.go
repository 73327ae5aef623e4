package kannel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"sitroom/internal/domain"
	"sitroom/internal/outbox"
	"sitroom/internal/sms"
)

// Client sends SMS through Kannel's sendsms interface (smsbox's
// sendsms-port, a sendsms-user's username and password). It is an
// outbox.Sender.
type Client struct {
	URL      string // e.g. http://127.0.0.1:13013/cgi-bin/sendsms
	Username string
	Password string
	From     string // sender number or name; empty lets Kannel's global-sender apply
	// DLRURL is where Kannel sends delivery reports: sitroom's
	// /hooks/sms/kannel/dlr as Kannel reaches it, with the secret. Empty
	// asks for no reports.
	DLRURL string
	HTTP   *http.Client
}

var _ outbox.Sender = (*Client)(nil)

// Query builds the sendsms parameters of a message. Burmese (anything
// outside GSM 03.38) goes as UCS-2: coding=2 with the text in UTF-8 and
// charset=UTF-8, which Kannel converts.
func (c *Client) Query(to string, m domain.OutboundMessage) url.Values {
	v := url.Values{}
	v.Set("username", c.Username)
	v.Set("password", c.Password)
	v.Set("to", to)
	v.Set("text", m.Text)
	v.Set("charset", "UTF-8")
	if sms.Encode(m.Text) == sms.UCS2 {
		v.Set("coding", strconv.Itoa(CodingUCS2))
	} else {
		v.Set("coding", strconv.Itoa(Coding7Bit))
	}
	if c.From != "" {
		v.Set("from", c.From)
	}
	if c.DLRURL != "" {
		dlr, err := url.Parse(c.DLRURL)
		if err == nil {
			q := dlr.Query()
			q.Set("id", m.ID)
			dlr.RawQuery = q.Encode() + "&type=%d" // Kannel fills %d with the report type
			v.Set("dlr-mask", strconv.Itoa(DLRMask))
			v.Set("dlr-url", dlr.String())
		}
	}
	return v
}

// Send submits one message. Kannel answers 202 "0: Accepted for delivery"
// (or 200 "Sent."); a 4xx is the request's fault and permanent, a 5xx or a
// network error is retried by the outbox. Errors never carry the URL,
// which holds the password and the recipient.
func (c *Client) Send(ctx context.Context, to string, m domain.OutboundMessage) error {
	u, err := url.Parse(c.URL)
	if err != nil {
		return outbox.Permanent(errors.New("sendsms: the configured URL does not parse"))
	}
	u.RawQuery = c.Query(to, m).Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return outbox.Permanent(errors.New("sendsms: cannot build the request"))
	}
	resp, err := outbox.Do(c.HTTP, req, "sendsms")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusRequestTimeout:
		return outbox.Permanent(fmt.Errorf("sendsms: %s: %s", resp.Status, trim(body)))
	}
	return fmt.Errorf("sendsms: %s: %s", resp.Status, trim(body))
}

func trim(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}
