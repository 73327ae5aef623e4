package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/sqlite"
)

// replay sends a recorded request (testdata/*.http) to the server,
// keeping its method, path, query, headers and body.
func (s *server) replay(t *testing.T, file string, edit func(*http.Request)) response {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	body, _ := io.ReadAll(rec.Body)
	req, err := http.NewRequest(rec.Method, s.url+rec.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range rec.Header {
		req.Header[k] = v
	}
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// reports lists a channel's reports through the API.
func (s *server) reports(t *testing.T, token, channel string) []domain.Report {
	t.Helper()
	r := s.get(t, "/api/v1/reports?limit=500&channel="+channel, token)
	if r.status != 200 {
		t.Fatalf("list reports = %d %s", r.status, r.body)
	}
	var page domain.Page[domain.Report]
	r.json(t, &page)
	if bytes.Contains(r.body, []byte("959420")) || bytes.Contains(r.body, []byte("5123456701")) {
		t.Fatalf("a phone number or account id appears in API output: %s", r.body)
	}
	return page.Items
}

func byText(rs []domain.Report, text string) *domain.Report {
	for i := range rs {
		if rs[i].Text == text {
			return &rs[i]
		}
	}
	return nil
}

// fakeSendsms stands in for Kannel's sendsms in tests that do not run
// Kannel itself; it records the queries it gets.
type fakeSendsms struct {
	mu  sync.Mutex
	got []url.Values
	srv *httptest.Server
}

func newFakeSendsms(t *testing.T) *fakeSendsms {
	f := &fakeSendsms{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.got = append(f.got, r.URL.Query())
		f.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, "0: Accepted for delivery")
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSendsms) sent() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.got...)
}

// openDB opens the server's database beside it, for what the API does not
// show (the outbox, sealed contacts).
func openDB(t *testing.T, path string) domain.ChannelStore {
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

const kannelData = "../../internal/kannel/testdata/"

func TestKannelWebhook(t *testing.T) {
	fake := newFakeSendsms(t)
	s := startServer(t, "--kannel-secret", "s3cret", "--kannel-sendsms-url", fake.srv.URL+"/cgi-bin/sendsms",
		"--kannel-username", "sitroom", "--kannel-password", "pw", "--kannel-dlr-url", "http://127.0.0.1:1/hooks/sms/kannel/dlr",
		"--outbox-poll", "50ms")
	viewer := s.token(t, "reviewer")

	for _, f := range []string{"get_english.http", "get_burmese_ucs2.http", "post_english.http", "post_form.http"} {
		if r := s.replay(t, kannelData+f, nil); r.status != 200 {
			t.Fatalf("%s = %d %s", f, r.status, r.body)
		}
	}
	rs := s.reports(t, viewer, "sms")
	if len(rs) != 4 {
		t.Fatalf("%d reports after 4 messages", len(rs))
	}
	en := byText(rs, "CLASH LAUKKAI K3 I5 D200 MNDAA")
	my := byText(rs, "တိုက်ပွဲ လားရှိုး K၃ မနေ့က")
	if en == nil || my == nil {
		t.Fatalf("reports lost their text: %+v", rs)
	}
	if en.Coding != domain.CodingStructured || en.ClaimCount != 1 || en.ClientID != "kannel:6a1f2c3e-0b6d-4f44-9d0e-7c1e2a3b4c5d" ||
		!strings.HasPrefix(en.ReporterID, "r_") || en.Meta["gateway_id"] == "" {
		t.Errorf("english report: %+v", en)
	}
	if my.Coding != domain.CodingStructured || my.Language != "my" {
		t.Errorf("burmese report: coding %s language %s", my.Coding, my.Language)
	}
	// The compact syntax's place names are resolved by the gazetteer.
	for _, rep := range []*domain.Report{en, my} {
		var view struct{ Claims []domain.Claim }
		s.get(t, "/api/v1/reports/"+rep.ID, viewer).json(t, &view)
		if len(view.Claims) != 1 || view.Claims[0].PCode == "" || view.Claims[0].Adm1 != "MMR015" {
			t.Errorf("claim of %q not placed: %+v", rep.Text, view.Claims)
		} else {
			t.Logf("%q → %s %s (%s)", rep.Text, view.Claims[0].PlaceName, view.Claims[0].PCode, view.Claims[0].GeoLevel)
		}
	}

	// Re-delivery (Kannel retrying, or the same message recoded) creates nothing.
	for _, f := range []string{"get_english.http", "get_burmese_recoded.http", "post_form.http"} {
		if r := s.replay(t, kannelData+f, nil); r.status != 200 {
			t.Fatalf("re-delivery %s = %d %s", f, r.status, r.body)
		}
	}
	if n := len(s.reports(t, viewer, "sms")); n != 4 {
		t.Fatalf("re-delivery created reports: %d", n)
	}

	// Refusals: wrong secret, binary, no sender, odd UCS-2, oversize.
	wrong := s.replay(t, kannelData+"get_english.http", func(r *http.Request) {
		r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "secret=s3cret", "secret=nope", 1)
	})
	if code, _ := wrong.errorCode(t); wrong.status != 401 || code != "unauthorized" {
		t.Errorf("wrong secret = %d %s", wrong.status, wrong.body)
	}
	for f, want := range map[string]int{"get_binary.http": 415, "get_no_sender.http": 422, "get_odd_ucs2.http": 422} {
		r := s.replay(t, kannelData+f, nil)
		if r.status != want {
			t.Errorf("%s = %d %s, want %d", f, r.status, r.body, want)
		}
		r.errorCode(t)
	}
	big := s.do(t, "POST", "/hooks/sms/kannel?secret=s3cret&id=big", "", "text/plain", bytes.Repeat([]byte("a"), 70<<10))
	if code, _ := big.errorCode(t); big.status != 413 || code != "too_large" {
		t.Errorf("oversize = %d %s", big.status, big.body)
	}

	// A compact message that does not parse is kept for review and answered.
	bad := s.get(t, "/hooks/sms/kannel?secret=s3cret&from=%2B959420066666&text=CLASH+LAUKKAI+K3X&id=bad-1&coding=0&charset=UTF-8", "")
	if bad.status != 200 {
		t.Fatalf("parse error message = %d %s", bad.status, bad.body)
	}
	kept := byText(s.reports(t, viewer, "sms"), "CLASH LAUKKAI K3X")
	if kept == nil || kept.Coding != domain.CodingReview || len(kept.Flags) == 0 || !strings.HasPrefix(kept.Flags[0], "compact_syntax") {
		t.Fatalf("unparsed message: %+v", kept)
	}

	// Replies go out through sendsms: one per report, Burmese as UCS-2.
	db := openDB(t, s.db)
	ctx := context.Background()
	waitFor(t, func() bool { return len(fake.sent()) >= 5 })
	replies := map[string]url.Values{}
	for _, q := range fake.sent() {
		replies[q.Get("to")+"|"+q.Get("text")] = q
		if q.Get("username") != "sitroom" || q.Get("password") != "pw" || q.Get("dlr-mask") != "31" {
			t.Errorf("sendsms query %v", q)
		}
	}
	if len(fake.sent()) != 5 {
		t.Errorf("%d replies for 5 reports", len(fake.sent()))
	}
	ack := replies["+959420011111|sitroom: received, ref "+en.ID[len(en.ID)-8:]+". Thank you."]
	if ack == nil || ack.Get("coding") != "0" {
		t.Errorf("english ack missing: %v", fake.sent())
	}
	myAck := replies["+959420022222|လက်ခံရရှိပါပြီ။ ref "+my.ID[len(my.ID)-8:]]
	if myAck == nil || myAck.Get("coding") != "2" || myAck.Get("charset") != "UTF-8" {
		t.Errorf("burmese ack missing or not UCS-2: %v", fake.sent())
	}
	if replies["+959420066666|Not understood: 'K3X'. Send e.g. CLASH LASHIO K2"] == nil {
		t.Errorf("no 'not understood' reply: %v", fake.sent())
	}

	// Delivery reports update the outbox.
	m, err := db.Outbound(ctx, "reply:"+en.ID)
	if err != nil || m.State != domain.OutboxSent {
		t.Fatalf("ack before its delivery report: %+v, %v", m, err)
	}
	dlr := s.get(t, "/hooks/sms/kannel/dlr?secret=s3cret&id="+url.QueryEscape(m.ID)+"&type=1", "")
	if dlr.status != 200 {
		t.Fatalf("dlr = %d %s", dlr.status, dlr.body)
	}
	if m, _ = db.Outbound(ctx, m.ID); m.State != domain.OutboxDelivered {
		t.Errorf("after DLR 1: %s", m.State)
	}
	if r := s.get(t, "/hooks/sms/kannel/dlr?secret=s3cret&id=nope&type=1", ""); r.status != 404 {
		t.Errorf("dlr for an unknown message = %d", r.status)
	}
	if r := s.get(t, "/hooks/sms/kannel/dlr?secret=s3cret&id=x&type=3", ""); r.status != 422 {
		t.Errorf("dlr type 3 = %d", r.status)
	}
	if r := s.get(t, "/hooks/sms/kannel/dlr?secret=bad&id=x&type=1", ""); r.status != 401 {
		t.Errorf("dlr with a wrong secret = %d", r.status)
	}
	// The contact is stored sealed, never in clear.
	c, err := db.Contact(ctx, en.ReporterID)
	if err != nil || bytes.Contains(c.Sealed, []byte("959420011111")) {
		t.Errorf("sealed contact: %v", err)
	}
}

func TestKannelFlood(t *testing.T) {
	fake := newFakeSendsms(t)
	s := startServer(t, "--kannel-secret", "k", "--sms-rate", "1", "--sms-burst", "2",
		"--kannel-sendsms-url", fake.srv.URL, "--outbox-poll", "50ms")
	viewer := s.token(t, "reviewer")
	for i := 0; i < 6; i++ {
		r := s.get(t, "/hooks/sms/kannel?secret=k&from=%2B959420077777&text=TELECOM+LASHIO+DOWN+"+string(rune('0'+i))+"&id=flood-"+string(rune('a'+i)), "")
		if r.status != 200 {
			t.Fatalf("message %d = %d %s", i, r.status, r.body)
		}
	}
	rs := s.reports(t, viewer, "sms")
	if len(rs) != 6 {
		t.Fatalf("%d of 6 messages stored: a flooding sender's messages must still be kept", len(rs))
	}
	flooded := 0
	for _, r := range rs {
		for _, f := range r.Flags {
			if f == "flood" {
				flooded++
				if r.ClaimCount != 0 {
					t.Errorf("a flood message was processed: %+v", r)
				}
			}
		}
	}
	if flooded != 4 {
		t.Errorf("%d messages flagged flood, want 4 (burst 2)", flooded)
	}
	waitFor(t, func() bool { return len(fake.sent()) >= 2 })
	if n := len(fake.sent()); n != 2 {
		t.Errorf("%d replies to a flooding sender, want 2", n)
	}
}

const twilioData = "../../internal/twilio/testdata/"

func TestTwilioWebhook(t *testing.T) {
	s := startServer(t, "--twilio-auth-token", "sitroom-test-token", "--twilio-webhook-url", "https://sitroom.example.org/hooks/sms/twilio")
	viewer := s.token(t, "reviewer")
	r := s.replay(t, twilioData+"sms_english.http", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/xml") {
		t.Fatalf("signed post = %d %s", r.status, r.body)
	}
	rs := s.reports(t, viewer, "sms")
	if len(rs) != 1 || rs[0].ClientID != "twilio:SM0f6d2a3b4c5d6e7f8a9b0c1d2e3f4a5b" || rs[0].Coding != domain.CodingStructured {
		t.Fatalf("reports: %+v", rs)
	}
	if want := "<Message>sitroom: received, ref " + rs[0].ID[len(rs[0].ID)-8:] + ". Thank you.</Message>"; !strings.Contains(string(r.body), want) {
		t.Errorf("TwiML %s lacks %s", r.body, want)
	}
	again := s.replay(t, twilioData+"sms_english.http", nil)
	if again.status != 200 || strings.Contains(string(again.body), "<Message>") {
		t.Errorf("re-delivery = %d %s: want 200 and no second reply", again.status, again.body)
	}
	if n := len(s.reports(t, viewer, "sms")); n != 1 {
		t.Errorf("re-delivery created a report: %d", n)
	}
	if r := s.replay(t, twilioData+"sms_burmese.http", nil); r.status != 200 || !strings.Contains(string(r.body), "လက်ခံရရှိပါပြီ") {
		t.Errorf("burmese = %d %s", r.status, r.body)
	}
	pe := s.replay(t, twilioData+"sms_parse_error.http", nil)
	if !strings.Contains(string(pe.body), "<Message>Not understood: &#39;K3X&#39;. Send e.g. CLASH LASHIO K2</Message>") {
		t.Errorf("parse error TwiML: %s", pe.body)
	}
	for f, want := range map[string]int{"sms_bad_signature.http": 403, "sms_tampered.http": 403} {
		r := s.replay(t, twilioData+f, nil)
		if code, _ := r.errorCode(t); r.status != want || code != "forbidden" {
			t.Errorf("%s = %d %s", f, r.status, r.body)
		}
	}
	unsigned := s.replay(t, twilioData+"sms_english.http", func(r *http.Request) { r.Header.Del("X-Twilio-Signature") })
	if code, _ := unsigned.errorCode(t); unsigned.status != 401 || code != "unauthorized" {
		t.Errorf("unsigned = %d %s", unsigned.status, unsigned.body)
	}
	notForm := s.do(t, "POST", "/hooks/sms/twilio", "", "application/json", []byte(`{}`))
	if notForm.status != 415 {
		t.Errorf("JSON body = %d", notForm.status)
	}
	if n := len(s.reports(t, viewer, "sms")); n != 3 {
		t.Errorf("%d reports, want 3 (english, burmese, parse error)", n)
	}
}

const telegramData = "../../internal/telegram/testdata/"

func (s *server) telegram(t *testing.T, path, secret, file string) response {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(telegramData, file))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", s.url+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

func TestTelegramWebhook(t *testing.T) {
	var mu sync.Mutex
	var sent []map[string]any
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		json.NewDecoder(r.Body).Decode(&m)
		mu.Lock()
		sent = append(sent, m)
		mu.Unlock()
		io.WriteString(w, `{"ok":true,"result":{}}`)
	}))
	defer api.Close()
	const secret = "tg-Secret_123"
	s := startServer(t, "--telegram-secret", secret, "--telegram-bot-token", "42:TOKEN", "--telegram-api-url", api.URL, "--outbox-poll", "50ms")
	viewer := s.token(t, "reviewer")
	path := "/hooks/telegram/" + secret

	for _, f := range []string{"message.json", "message_burmese.json", "message_caption.json", "channel_post.json"} {
		if r := s.telegram(t, path, secret, f); r.status != 200 {
			t.Fatalf("%s = %d %s", f, r.status, r.body)
		}
	}
	// Re-delivery of one update creates nothing.
	if r := s.telegram(t, path, secret, "message.json"); r.status != 200 || !strings.Contains(string(r.body), "duplicate") {
		t.Errorf("re-delivery = %d %s", r.status, r.body)
	}
	rs := s.reports(t, viewer, "telegram")
	if len(rs) != 4 {
		t.Fatalf("%d reports after 4 updates", len(rs))
	}
	first := byText(rs, "CLASH LAUKKAI K3 I5 MNDAA")
	post := byText(rs, "Telecom services in Lashio have been cut since this morning, residents say.")
	if first == nil || !strings.HasPrefix(first.ClientID, "tg:") || !strings.HasSuffix(first.ClientID, ":4101") || first.Coding != domain.CodingStructured {
		t.Fatalf("first message: %+v", first)
	}
	if post == nil || post.Source != "@shannewsdesk" {
		t.Fatalf("channel post: %+v", post)
	}
	if caption := byText(rs, "BRIDGE HSENWI CLOSED"); caption == nil || caption.ReporterID != first.ReporterID {
		t.Errorf("caption report missing or not the same reporter as the sender's private message: %+v", caption)
	}

	// An edit is a new version linked to the first, not a change.
	for _, f := range []string{"edited_message.json", "edited_channel_post.json", "edited_message.json"} {
		if r := s.telegram(t, path, secret, f); r.status != 200 {
			t.Fatalf("%s = %d %s", f, r.status, r.body)
		}
	}
	rs = s.reports(t, viewer, "telegram")
	if len(rs) != 6 {
		t.Fatalf("%d reports after two edits (one re-delivered), want 6", len(rs))
	}
	v2 := byText(rs, "CLASH LAUKKAI K4 I5 MNDAA")
	if v2 == nil || v2.PreviousID != first.ID || v2.ID == first.ID {
		t.Fatalf("edited message: %+v (first %s)", v2, first.ID)
	}
	if orig := byText(rs, "CLASH LAUKKAI K3 I5 MNDAA"); orig == nil || orig.ID != first.ID {
		t.Errorf("the first version changed")
	}
	if p2 := byText(rs, "Telecom and internet services in Lashio have been cut since this morning, residents say."); p2 == nil || p2.PreviousID != post.ID {
		t.Errorf("edited channel post: %+v", p2)
	}

	// Secrets: the header and the path must both match.
	for name, r := range map[string]response{
		"wrong header":  s.telegram(t, path, "nope", "message.json"),
		"no header":     s.telegram(t, path, "", "message.json"),
		"wrong path":    s.telegram(t, "/hooks/telegram/nope", secret, "message.json"),
		"prefix secret": s.telegram(t, "/hooks/telegram/tg-Secret", "tg-Secret", "message.json"),
	} {
		if code, _ := r.errorCode(t); r.status != 403 || code != "forbidden" {
			t.Errorf("%s = %d %s", name, r.status, r.body)
		}
	}
	if r := s.telegram(t, path, secret, "truncated.json"); r.status != 400 {
		t.Errorf("truncated update = %d %s", r.status, r.body)
	}
	if r := s.telegram(t, path, secret, "two_messages.json"); r.status != 400 {
		t.Errorf("two messages = %d %s", r.status, r.body)
	}
	if r := s.telegram(t, path, secret, "callback_query.json"); r.status != 200 || !strings.Contains(string(r.body), "ignored") {
		t.Errorf("callback query = %d %s: must be acknowledged, or Telegram re-sends it", r.status, r.body)
	}
	big := s.do(t, "POST", path, "", "application/json", bytes.Repeat([]byte(" "), 70<<10))
	if big.status != 403 {
		t.Errorf("oversize without the header = %d", big.status)
	}

	// Replies go privately to the sender (also for a group message), never
	// to a group or a channel, via sendMessage.
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(sent) >= 4 })
	mu.Lock()
	defer mu.Unlock()
	chats := map[float64]bool{}
	for _, m := range sent {
		chats[m["chat_id"].(float64)] = true
	}
	if len(sent) != 4 || !chats[5123456701] || !chats[5123456702] || chats[-1001987654321] || chats[-1001122334455] {
		t.Errorf("sendMessage calls: %v", sent)
	}
}

func TestChannelsNotMountedWithoutSecrets(t *testing.T) {
	s := startServer(t)
	for _, p := range []string{"/hooks/sms/kannel?from=1&text=x", "/hooks/sms/twilio", "/hooks/telegram/x"} {
		if r := s.do(t, "POST", p, "", "application/x-www-form-urlencoded", []byte("a=b")); r.status != 404 {
			t.Errorf("%s without its secret = %d, want 404 (not mounted)", p, r.status)
		}
	}
}
