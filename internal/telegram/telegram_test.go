package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitroom/internal/domain"
	"sitroom/internal/outbox"
)

func load(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// plain keeps chat ids as they are, to read the keys in tests.
func plain(chat string) string { return chat }

func TestDecodeRecorded(t *testing.T) {
	tests := []struct {
		file, kind, body, clientID, previous, sender, source string
	}{
		{"message.json", "message", "CLASH LAUKKAI K3 I5 MNDAA", "tg:5123456701:4101", "", "user:5123456701", ""},
		{"message_burmese.json", "message", "ကွတ်ခိုင်မြို့ကနေ လူတွေ ထွက်ပြေးနေကြတယ်၊ လမ်းတွေပိတ်ထားတယ်", "tg:5123456702:4102", "", "user:5123456702", ""},
		{"message_caption.json", "message", "BRIDGE HSENWI CLOSED", "tg:-1001987654321:4103", "", "user:5123456701", ""},
		{"edited_message.json", "edited_message", "CLASH LAUKKAI K4 I5 MNDAA", "tg:5123456701:4101:e1698394500", "tg:5123456701:4101", "user:5123456701", ""},
		{"channel_post.json", "channel_post", "Telecom services in Lashio have been cut since this morning, residents say.", "tg:-1001122334455:88", "", "chat:-1001122334455", "@shannewsdesk"},
		{"edited_channel_post.json", "edited_channel_post", "Telecom and internet services in Lashio have been cut since this morning, residents say.", "tg:-1001122334455:88:e1698405000", "tg:-1001122334455:88", "chat:-1001122334455", "@shannewsdesk"},
	}
	for _, tc := range tests {
		p, err := Decode(load(t, tc.file))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if string(p.Kind) != tc.kind || p.Body() != tc.body || p.ClientID(plain) != tc.clientID || p.PreviousClientID(plain) != tc.previous ||
			p.Sender() != tc.sender || p.Source() != tc.source {
			t.Errorf("%s: kind %s body %q id %s previous %s sender %s source %s", tc.file, p.Kind, p.Body(), p.ClientID(plain), p.PreviousClientID(plain), p.Sender(), p.Source())
		}
	}
	p, _ := Decode(load(t, "edited_message.json"))
	if p.Time().Unix() != 1698394500 {
		t.Errorf("an edit's time is %v, want its edit_date", p.Time())
	}
}

func TestDecodeIgnoredAndMalformed(t *testing.T) {
	for _, f := range []string{"callback_query.json", "sticker.json"} {
		if _, err := Decode(load(t, f)); !errors.Is(err, ErrIgnored) {
			t.Errorf("%s: %v, want ignored", f, err)
		}
	}
	for _, f := range []string{"two_messages.json", "truncated.json"} {
		if _, err := Decode(load(t, f)); domain.ErrorCode(err) != domain.CodeMalformed {
			t.Errorf("%s: %v, want malformed", f, err)
		}
	}
	if _, err := Decode([]byte(`{"message":{"message_id":1,"chat":{"id":1},"text":"x"}}`)); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("no update_id: %v", err)
	}
	if _, err := Decode([]byte(`{"update_id":1,"edited_message":{"message_id":1,"chat":{"id":1},"text":"x"}}`)); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Errorf("an edit without edit_date: %v", err)
	}
	bot := `{"update_id":2,"message":{"message_id":1,"from":{"id":9,"is_bot":true},"chat":{"id":1,"type":"group"},"date":1,"text":"x"}}`
	if _, err := Decode([]byte(bot)); !errors.Is(err, ErrIgnored) {
		t.Errorf("a bot's message: %v", err)
	}
}

func TestSendMessage(t *testing.T) {
	var got map[string]any
	var path string
	ok := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path
		json.NewDecoder(r.Body).Decode(&got)
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"ok":false,"description":"Bad Request: chat not found"}`))
			return
		}
		w.Write([]byte(`{"ok":true,"result":{"message_id":5}}`))
	}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL, Token: "123:SECRETTOKEN"}
	if err := c.Send(context.Background(), "-1001987654321", domain.OutboundMessage{Text: "sitroom: received, ref X. Thank you."}); err != nil {
		t.Fatal(err)
	}
	if path != "/bot123:SECRETTOKEN/sendMessage" || got["chat_id"].(float64) != -1001987654321 || got["text"] != "sitroom: received, ref X. Thank you." {
		t.Errorf("sendMessage %s %v", path, got)
	}
	ok = false
	err := c.Send(context.Background(), "1", domain.OutboundMessage{Text: "x"})
	var perm *outbox.PermanentError
	if !errors.As(err, &perm) || strings.Contains(err.Error(), "SECRETTOKEN") {
		t.Errorf("400: %v, want a permanent error without the token", err)
	}
	srv.Close()
	err = c.Send(context.Background(), "1", domain.OutboundMessage{Text: "x"})
	if err == nil || errors.As(err, &perm) || strings.Contains(err.Error(), "SECRETTOKEN") {
		t.Errorf("network error %v: want retryable, without the token", err)
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"message.json", "edited_message.json", "channel_post.json", "message_caption.json", "two_messages.json"} {
		f.Add(load(f, name))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Decode(b)
		if err != nil {
			if domain.ErrorCode(err) == domain.CodeInternal {
				t.Fatalf("uncoded error %v", err)
			}
			return
		}
		if p.UpdateID <= 0 || strings.TrimSpace(p.Body()) == "" || !strings.HasPrefix(p.ClientID(plain), "tg:") || p.Sender() == "" {
			t.Fatalf("accepted an incomplete update: %+v", p)
		}
		if p.Edited() != (p.PreviousClientID(plain) != "") {
			t.Fatalf("edit and previous id disagree: %+v", p)
		}
	})
}
