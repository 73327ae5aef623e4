package twilio

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitroom/internal/domain"
)

const (
	testToken = "sitroom-test-token"
	testURL   = "https://sitroom.example.org/hooks/sms/twilio"
)

func TestSignaturePublishedVector(t *testing.T) {
	// The example in Twilio's webhook security documentation and SDK tests.
	params := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+14158675309"}, "Digits": {"1234"},
		"From": {"+14158675309"}, "To": {"+18005551212"}}
	const u = "https://mycompany.com/myapp.php?foo=1&bar=2"
	if got := Signature("12345", u, params); got != "RSOYDt4T1cUTdK1PDd93/VVr8B8=" {
		t.Fatalf("Signature = %s", got)
	}
	if !ValidSignature("12345", u, params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=") {
		t.Error("the published signature does not validate")
	}
	if ValidSignature("12345", u+"&x=1", params, "RSOYDt4T1cUTdK1PDd93/VVr8B8=") {
		t.Error("a signature for another URL validates")
	}
	if ValidSignature("", u, params, Signature("", u, params)) {
		t.Error("an empty auth token validates")
	}
}

func loadForm(t testing.TB, name string) (url.Values, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	return form, r.Header.Get("X-Twilio-Signature")
}

func TestRecordedPosts(t *testing.T) {
	tests := []struct {
		file  string
		valid bool
		body  string
	}{
		{"sms_english.http", true, "AIRSTRIKE NAMHKAM K2 I6"},
		{"sms_burmese.http", true, "ထွက်ပြေး ကွတ်ခိုင် ၅၀၀"},
		{"sms_parse_error.http", true, "CLASH LAUKKAI K3X"},
		{"sms_bad_signature.http", false, "CLASH LAUKKAI K3"},
		{"sms_tampered.http", false, "CLASH LAUKKAI K30"},
	}
	for _, tc := range tests {
		form, sig := loadForm(t, tc.file)
		if got := ValidSignature(testToken, testURL, form, sig); got != tc.valid {
			t.Errorf("%s: signature valid = %v, want %v", tc.file, got, tc.valid)
		}
		in, err := Decode(form)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if in.Body != tc.body || in.From != "+959420055555" || !strings.HasPrefix(in.MessageSID, "SM") {
			t.Errorf("%s: decoded %+v", tc.file, in)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, form := range []url.Values{{"From": {"+95"}}, {"MessageSid": {"SM1"}}, {"MessageSid": {strings.Repeat("x", 65)}, "From": {"+95"}}} {
		if _, err := Decode(form); domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("Decode(%v) = %v, want invalid", form, err)
		}
	}
}

func TestTwiML(t *testing.T) {
	var r struct {
		Messages []string `xml:"Message"`
	}
	b := TwiML("Not understood: 'K3X' <&> ok")
	if err := xml.Unmarshal(b, &r); err != nil || len(r.Messages) != 1 || r.Messages[0] != "Not understood: 'K3X' <&> ok" {
		t.Errorf("TwiML = %s (%v)", b, err)
	}
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		t.Errorf("TwiML lacks the XML declaration: %s", b)
	}
	empty := TwiML("")
	if bytes.Contains(empty, []byte("<Message")) || !bytes.Contains(empty, []byte("<Response></Response>")) {
		t.Errorf("empty TwiML = %s", empty)
	}
}

func FuzzDecodeForm(f *testing.F) {
	for _, name := range []string{"sms_english.http", "sms_burmese.http"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
			f.Add(string(b[i+4:]))
		}
	}
	f.Add("MessageSid=&From=")
	f.Fuzz(func(t *testing.T, body string) {
		form, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		in, err := Decode(form)
		if err == nil && (in.MessageSID == "" || in.From == "") {
			t.Fatalf("decoded without id or sender: %+v", in)
		}
		if err != nil && domain.ErrorCode(err) != domain.CodeInvalid {
			t.Fatalf("Decode error %v is not invalid", err)
		}
		// Signing is total: any form signs and validates against itself.
		if s := Signature("k", testURL, form); !ValidSignature("k", testURL, form, s) {
			t.Fatal("a fresh signature does not validate")
		}
	})
}
