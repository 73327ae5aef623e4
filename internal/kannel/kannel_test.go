package kannel

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitroom/internal/domain"
	"sitroom/internal/outbox"
)

// readRequest loads a recorded request from testdata.
func readRequest(t testing.TB, name string) (*http.Request, []byte) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	body, _ := io.ReadAll(r.Body)
	return r, body
}

const burmese = "တိုက်ပွဲ လားရှိုး K၃ မနေ့က"

func TestDecodeRecorded(t *testing.T) {
	tests := []struct {
		file   string
		from   string
		text   string
		id     string
		coding int
		time   time.Time
	}{
		{"get_english.http", "+959420011111", "CLASH LAUKKAI K3 I5 D200 MNDAA", "6a1f2c3e-0b6d-4f44-9d0e-7c1e2a3b4c5d", 0, time.Unix(1698400920, 0).UTC()},
		{"get_burmese_ucs2.http", "+959420022222", burmese, "2b7e151c-28ae-4d2a-a6f7-15880914cf4f", 2, time.Unix(1698400920, 0).UTC()},
		{"get_burmese_recoded.http", "+959420022222", burmese, "2b7e151c-28ae-4d2a-a6f7-15880914cf4f", 0, time.Unix(1698400920, 0).UTC()},
		{"get_recorded_smsbox.http", "+959222", "လားရှိုး တိုက်ပွဲ €", "9fc8fcb4-cd84-420a-9b36-69b72728dcdd", 2, time.Unix(1795613057, 0).UTC()},
		{"get_extension_chars.http", "+959420033333", "Road {Lashio} [closed] €5 ~ok^", "c0ffee00-1111-4222-8333-444455556666", 0, time.Unix(1698400920, 0).UTC()},
		{"post_burmese_ucs2.http", "+959420022222", burmese, "9f86d081-884c-4d63-9fe9-8f5f2f6e7a11", 2, time.Date(2023, 10, 27, 10, 2, 0, 0, time.UTC)},
		{"post_burmese_octet.http", "+959420022222", burmese, "9f86d081-884c-4d63-9fe9-8f5f2f6e7a12", 2, time.Date(2023, 10, 27, 10, 2, 0, 0, time.UTC)},
		{"post_english.http", "+959420022222", "ROAD LASHIO-MUSE CLOSED", "9f86d081-884c-4d63-9fe9-8f5f2f6e7a13", 0, time.Date(2023, 10, 27, 10, 2, 0, 0, time.UTC)},
		{"post_form.http", "+959420011111", "TELECOM LASHIO DOWN", "5d41402a-bc4b-4a76-b971-9d911017c592", 0, time.Unix(1698400920, 0).UTC()},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r, body := readRequest(t, tc.file)
			in, err := Decode(r, body)
			if err != nil {
				t.Fatal(err)
			}
			if in.From != tc.from || in.Text != tc.text || in.ID != tc.id || in.Coding != tc.coding || !in.Time.Equal(tc.time) {
				t.Errorf("Decode = %+v\nwant from %s text %q id %s coding %d time %v", in, tc.from, tc.text, tc.id, tc.coding, tc.time)
			}
			if in.ClientID(digest) != "kannel:"+tc.id {
				t.Errorf("ClientID = %s", in.ClientID(digest))
			}
		})
	}
}

func TestDecodeRefused(t *testing.T) {
	tests := []struct {
		file string
		code domain.Code
	}{
		{"get_binary.http", domain.CodeUnsupported},
		{"get_odd_ucs2.http", domain.CodeInvalid},
		{"get_no_sender.http", domain.CodeInvalid},
	}
	for _, tc := range tests {
		r, body := readRequest(t, tc.file)
		if _, err := Decode(r, body); domain.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.file, err, tc.code)
		}
	}
	r := httptest.NewRequest("GET", "/hooks/sms/kannel?from=1&text=%FF%FE&charset=UTF-8", nil)
	if _, err := Decode(r, nil); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("invalid UTF-8: %v", err)
	}
}

func TestClientIDWithoutGatewayID(t *testing.T) {
	a := Inbound{From: "+95 9 1", Text: "x", Time: time.Unix(100, 0)}
	b := a
	b.Text = "y"
	same := a
	if a.ClientID(digest) == b.ClientID(digest) || a.ClientID(digest) != same.ClientID(digest) || !strings.HasPrefix(a.ClientID(digest), "kannel:h:") {
		t.Errorf("digest ids: %s %s", a.ClientID(digest), b.ClientID(digest))
	}
}

func TestDLRState(t *testing.T) {
	want := map[int]domain.OutboxState{1: domain.OutboxDelivered, 2: domain.OutboxFailed, 4: domain.OutboxSent, 8: domain.OutboxSent, 16: domain.OutboxFailed}
	for typ, st := range want {
		if got, _, ok := DLRState(typ); !ok || got != st {
			t.Errorf("DLRState(%d) = %s, want %s", typ, got, st)
		}
	}
	if _, _, ok := DLRState(3); ok {
		t.Error("type 3 accepted")
	}
}

func TestSendSMS(t *testing.T) {
	var got []url.Values
	status := http.StatusAccepted
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Query())
		w.WriteHeader(status)
		io.WriteString(w, "0: Accepted for delivery")
	}))
	defer srv.Close()
	c := &Client{URL: srv.URL + "/cgi-bin/sendsms", Username: "sitroom", Password: "pw", DLRURL: "http://127.0.0.1:8080/hooks/sms/kannel/dlr?secret=s"}
	ctx := context.Background()
	if err := c.Send(ctx, "+959420022222", domain.OutboundMessage{ID: "reply:01X", Text: "လက်ခံရရှိပါပြီ။ ref ABC"}); err != nil {
		t.Fatal(err)
	}
	q := got[0]
	if q.Get("coding") != "2" || q.Get("charset") != "UTF-8" || q.Get("text") != "လက်ခံရရှိပါပြီ။ ref ABC" || q.Get("to") != "+959420022222" ||
		q.Get("username") != "sitroom" || q.Get("password") != "pw" || q.Get("dlr-mask") != "31" {
		t.Errorf("burmese sendsms query: %v", q)
	}
	dlr, err := url.Parse(q.Get("dlr-url"))
	if err != nil || dlr.Query().Get("id") != "reply:01X" || dlr.Query().Get("secret") != "s" || !strings.HasSuffix(dlr.RawQuery, "&type=%d") {
		t.Errorf("dlr-url %q", q.Get("dlr-url"))
	}
	c.Send(ctx, "+959", domain.OutboundMessage{ID: "m2", Text: "sitroom: received, ref ABC. Thank you."})
	if got[1].Get("coding") != "0" {
		t.Errorf("english went as coding %s", got[1].Get("coding"))
	}
	status = http.StatusForbidden
	err = c.Send(ctx, "+959420022222", domain.OutboundMessage{ID: "m3", Text: "x"})
	var perm *outbox.PermanentError
	if err == nil || !errorsAs(err, &perm) {
		t.Errorf("403: %v, want a permanent error", err)
	}
	status = http.StatusServiceUnavailable
	if err := c.Send(ctx, "+959420022222", domain.OutboundMessage{ID: "m4", Text: "x"}); err == nil || errorsAs(err, &perm) {
		t.Errorf("503: %v, want a retryable error", err)
	}
	srv.Close()
	err = c.Send(ctx, "+959420022222", domain.OutboundMessage{ID: "m5", Text: "x"})
	if err == nil || strings.Contains(err.Error(), "959420022222") || strings.Contains(err.Error(), "pw") {
		t.Errorf("network error %q is missing or leaks the URL", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"get_english.http", "get_burmese_ucs2.http", "post_burmese_ucs2.http", "post_form.http"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return
		}
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		in, err := Decode(r, body)
		if err != nil {
			if c := domain.ErrorCode(err); c == domain.CodeInternal {
				t.Fatalf("Decode error without a code: %v", err)
			}
			return
		}
		if in.From == "" {
			t.Fatal("decoded without a sender")
		}
		if !utf8Valid(in.Text) {
			t.Fatalf("decoded text is not UTF-8: %q", in.Text)
		}
	})
}
