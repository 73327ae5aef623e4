// Package kannel connects sitroom to the Kannel SMS gateway: its
// sms-service calls sitroom's webhook for every incoming SMS (GET or POST,
// see docs/SMS.md for the kannel.conf), its delivery reports update the
// outbox, and replies go out through its sendsms interface.
package kannel

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"sitroom/internal/domain"
)

// Inbound is one incoming SMS as Kannel hands it over.
type Inbound struct {
	From   string    // %p: the sender's number
	To     string    // %P: the number it was sent to (our short code)
	Text   string    // the message, decoded to UTF-8
	ID     string    // %I: Kannel's message id (a UUID); a retry carries the same
	SMSC   string    // %i: the SMSC connection it came through
	Time   time.Time // %T: when the SMSC received it; zero when not given
	Coding int       // %c: 0 7-bit, 1 8-bit, 2 UCS-2
}

// Kannel's data codings (%c, X-Kannel-Coding).
const (
	Coding7Bit = 0
	Coding8Bit = 1
	CodingUCS2 = 2
)

// Decode reads an sms-service request. Parameters come from the query
// string (get-url, and post-url's own query), from a form-encoded POST
// body, or — for post-url with a raw body — from the X-Kannel-* headers
// with the body as the text. The text is decoded from the charset Kannel
// names (%C or the Content-Type): UTF-16BE for a UCS-2 message not recoded
// by Kannel (mo-recode), UTF-8, or ISO-8859-1/Windows-1252.
func Decode(r *http.Request, body []byte) (Inbound, error) {
	var in Inbound
	q := r.URL.Query()
	get := func(names ...string) string {
		for _, n := range names {
			if v := q.Get(n); v != "" {
				return v
			}
		}
		return ""
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	rawText, hasText := []byte(nil), false
	switch {
	case r.Method == http.MethodPost && ct == "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return in, domain.Errorf(domain.CodeMalformed, "form body: %v", err)
		}
		for k, v := range form {
			if _, ok := q[k]; !ok {
				q[k] = v
			}
		}
	case r.Method == http.MethodPost:
		// post-url: the body is the message, the details are headers.
		rawText, hasText = body, true
		h := r.Header
		setIf := func(k, v string) {
			if v != "" && q.Get(k) == "" {
				q.Set(k, v)
			}
		}
		setIf("from", h.Get("X-Kannel-From"))
		setIf("to", h.Get("X-Kannel-To"))
		setIf("time", h.Get("X-Kannel-Time"))
		setIf("coding", h.Get("X-Kannel-Coding"))
		setIf("smsc", h.Get("X-Kannel-SMSC"))
		setIf("charset", params["charset"])
		if ct == "application/octet-stream" && q.Get("charset") == "" && q.Get("coding") == strconv.Itoa(CodingUCS2) {
			q.Set("charset", "UTF-16BE") // Kannel 1.4 labels a UCS-2 body octet-stream
		}
	}
	if !hasText {
		rawText = []byte(get("text", "b", "a"))
	}
	in.From = strings.TrimSpace(get("from", "sender", "p"))
	in.To = strings.TrimSpace(get("to", "receiver", "P"))
	in.ID = strings.TrimSpace(get("id", "I"))
	in.SMSC = strings.TrimSpace(get("smsc", "i"))
	if in.From == "" {
		return in, domain.FieldError("from", "the sender is missing (sms-service must pass %%p)")
	}
	if c := get("coding", "c"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 || n > 2 {
			return in, domain.FieldError("coding", "%q is not a Kannel coding (0, 1, 2)", c)
		}
		in.Coding = n
	}
	if t := get("time", "T"); t != "" {
		ts, err := parseTime(t)
		if err != nil {
			return in, domain.FieldError("time", "%v", err)
		}
		in.Time = ts
	}
	text, err := decodeText(rawText, get("charset", "C"), in.Coding)
	if err != nil {
		return in, err
	}
	in.Text = text
	return in, nil
}

// parseTime reads %T (Unix seconds) or Kannel's "YYYY-MM-DD HH:MM[:SS]"
// (%t, X-Kannel-Time), which is UTC.
func parseTime(s string) (time.Time, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n <= 0 {
			return time.Time{}, nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is neither Unix seconds nor YYYY-MM-DD HH:MM:SS", s)
}

// decodeText turns the message bytes into UTF-8.
func decodeText(b []byte, charset string, coding int) (string, error) {
	cs := strings.ToUpper(strings.Trim(strings.TrimSpace(charset), `"`))
	switch {
	case cs == "UTF-16BE" || cs == "UTF16-BE" || cs == "UCS-2" || cs == "UCS2" || cs == "UTF-16" ||
		(cs == "" && coding == CodingUCS2):
		if len(b)%2 != 0 {
			return "", domain.FieldError("text", "a UCS-2 message has an odd number of bytes (%d)", len(b))
		}
		out, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", domain.FieldError("text", "not UTF-16BE: %v", err)
		}
		return string(out), nil
	case cs == "ISO-8859-1" || cs == "LATIN1":
		out, _ := charmap.ISO8859_1.NewDecoder().Bytes(b)
		return string(out), nil
	case cs == "WINDOWS-1252" || cs == "CP1252":
		out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
		return string(out), nil
	case cs == "8-BIT" || cs == "BINARY" || (cs == "" && coding == Coding8Bit):
		return "", domain.Errorf(domain.CodeUnsupported, "a binary (8-bit) SMS carries no text")
	case cs == "" || cs == "UTF-8" || cs == "UTF8" || cs == "GSM" || cs == "US-ASCII":
		if !utf8.Valid(b) {
			return "", domain.FieldError("text", "not valid UTF-8; pass the charset (%%C) with the text")
		}
		return string(b), nil
	}
	return "", domain.Errorf(domain.CodeUnsupported, "charset %q is not one sitroom reads (UTF-8, UTF-16BE, ISO-8859-1)", charset)
}

// ClientID is the idempotency key of an incoming SMS: Kannel's message id,
// which its retries keep. Without one (an sms-service not passing %I) a
// digest of sender, time and text stands in; digest must be keyed (client
// ids are shown, and an unkeyed hash of a known text and time would give
// the number away to anyone who tries every number).
func (in Inbound) ClientID(digest func(string) string) string {
	if in.ID != "" {
		return "kannel:" + in.ID
	}
	return "kannel:h:" + digest(in.From+"\x00"+in.Time.Format(time.RFC3339)+"\x00"+in.Text)
}
