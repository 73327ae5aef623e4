package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"

	"sitroom/internal/domain"
	"sitroom/internal/sms"
)

// The real gateway: Kannel's bearerbox and smsbox, with fakesmsc (from
// Debian's kannel-extras) playing the operator's SMSC. An SMS injected at
// the fake SMSC must become a report in sitroom, and the acknowledgement
// with the report's reference must come back out of the gateway.

// kannelBinaries finds bearerbox, smsbox and fakesmsc, or says what is
// missing.
func kannelBinaries() (bearerbox, smsbox, fakesmsc string, missing []string) {
	look := func(name string, extra ...string) string {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		for _, p := range extra {
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p
			}
		}
		missing = append(missing, name)
		return ""
	}
	bearerbox = look("bearerbox", "/usr/sbin/bearerbox")
	smsbox = look("smsbox", "/usr/sbin/smsbox")
	fakesmsc = look("fakesmsc", "/usr/lib/kannel/test/fakesmsc")
	return
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func waitListening(t *testing.T, port int, what string, logs func() string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on %d: %s", what, port, logs())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// daemon is a Kannel process run for one test.
type daemon struct {
	cmd *exec.Cmd
	out *lockedBuffer
}

func startDaemon(t *testing.T, name string, args ...string) *daemon {
	t.Helper()
	d := &daemon{cmd: exec.Command(name, args...), out: &lockedBuffer{}}
	d.cmd.Stdout, d.cmd.Stderr = d.out, d.out
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() { d.stop() })
	return d
}

func (d *daemon) stop() {
	if d.cmd.Process == nil || d.cmd.ProcessState != nil {
		return
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { d.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		d.cmd.Process.Kill()
		<-done
	}
}

const kannelConf = `group = core
admin-port = %[1]d
admin-password = sitroom-test
smsbox-port = %[2]d
box-allow-ip = 127.0.0.1
log-file = "%[7]s/bearerbox.log"
log-level = 0
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = %[3]d
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = %[2]d
sendsms-port = %[4]d
global-sender = 1234
log-file = "%[7]s/smsbox.log"
log-level = 0
http-request-retry = 3
http-queue-delay = 1

group = sms-service
keyword-regex = .*
catch-all = true
max-messages = 0
omit-empty = true
get-url = "http://127.0.0.1:%[5]d/hooks/sms/kannel?secret=%[6]s&from=%%p&to=%%P&text=%%b&time=%%T&id=%%I&coding=%%c&charset=%%C&smsc=%%i"

group = sendsms-user
username = sitroom
password = sendsms-pw
max-messages = 3
concatenation = true
`

func TestKannelGateway(t *testing.T) {
	bb, sb, fake, missing := kannelBinaries()
	if len(missing) > 0 {
		t.Skipf("Kannel is not installed (missing %s): apt-get install kannel kannel-extras to run this test", strings.Join(missing, ", "))
	}
	dir := t.TempDir()
	admin, boxPort, smscPort, sendsmsPort, sitroomPort := freePort(t), freePort(t), freePort(t), freePort(t), freePort(t)
	const secret = "kannel-test-secret"
	conf := filepath.Join(dir, "kannel.conf")
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(kannelConf, admin, boxPort, smscPort, sendsmsPort, sitroomPort, secret, dir)), 0o600); err != nil {
		t.Fatal(err)
	}
	kannelLogs := func() string {
		var b strings.Builder
		for _, f := range []string{"bearerbox.log", "smsbox.log"} {
			if data, err := os.ReadFile(filepath.Join(dir, f)); err == nil {
				lines := strings.Split(string(data), "\n")
				if len(lines) > 30 {
					lines = lines[len(lines)-30:]
				}
				fmt.Fprintf(&b, "\n--- %s (tail)\n%s", f, strings.Join(lines, "\n"))
			}
		}
		return b.String()
	}

	s := startServer(t, "--addr", fmt.Sprintf("127.0.0.1:%d", sitroomPort),
		"--kannel-secret", secret,
		"--kannel-sendsms-url", fmt.Sprintf("http://127.0.0.1:%d/cgi-bin/sendsms", sendsmsPort),
		"--kannel-username", "sitroom", "--kannel-password", "sendsms-pw",
		"--kannel-dlr-url", fmt.Sprintf("http://127.0.0.1:%d/hooks/sms/kannel/dlr", sitroomPort),
		"--outbox-poll", "200ms")
	reviewer := s.token(t, "reviewer")

	bearer := startDaemon(t, bb, "-v", "1", conf)
	waitListening(t, boxPort, "bearerbox", func() string { return bearer.out.String() + kannelLogs() })
	smsd := startDaemon(t, sb, "-v", "1", conf)
	waitListening(t, sendsmsPort, "smsbox", func() string { return smsd.out.String() + kannelLogs() })

	burmese := "တိုက်ပွဲ လားရှိုး K၃ မနေ့က"
	ucs2, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(burmese)
	cases := []struct {
		name, from, msg, text string
		reply                 func(ref string) string
	}{
		{"english", "+959420011111", "text CLASH LAUKKAI K3 MNDAA", "CLASH LAUKKAI K3 MNDAA",
			func(ref string) string { return sms.Ack(ref, false) }},
		{"burmese-ucs2", "+959420022222", "ucs2 " + url.QueryEscape(ucs2), burmese,
			func(ref string) string { return sms.Ack(ref, true) }},
	}
	db := openDB(t, s.db)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// One fakesmsc per message: it sends the SMS once, then prints
			// every message the gateway sends back to it.
			out := &lockedBuffer{}
			smsc := exec.Command(fake, "-H", "127.0.0.1", "-r", fmt.Sprint(smscPort), "-i", "0.1", "-m", "1",
				tc.from+" 1234 "+tc.msg)
			smsc.Stdout, smsc.Stderr = out, out
			if err := smsc.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { smsc.Process.Kill(); smsc.Wait() }()

			var rep *domain.Report
			waitForMsg(t, func() bool {
				rep = byText(s.reports(t, reviewer, "sms"), tc.text)
				return rep != nil
			}, func() string { return "no report; fakesmsc: " + out.String() + kannelLogs() })
			if rep.Coding != domain.CodingStructured || rep.ClaimCount != 1 || !strings.HasPrefix(rep.ClientID, "kannel:") {
				t.Errorf("report: %+v", rep)
			}
			ref := sms.ShortRef(rep.ID)
			want := tc.reply(ref)
			var got string
			waitForMsg(t, func() bool {
				got = replyFromFakeSMSC(out.String(), tc.from)
				return got != ""
			}, func() string { return "no reply at the fake SMSC: " + out.String() + kannelLogs() })
			if got != want {
				t.Errorf("reply at the SMSC = %q, want %q", got, want)
			}
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				if strings.Contains(line, "Got message") || strings.Contains(line, "sent message") {
					t.Logf("fakesmsc: %s", line[strings.Index(line, "INFO:"):])
				}
			}
			t.Logf("report %s (ref %s): %q coding %s, reply %q", rep.ID, ref, rep.Text, rep.Coding, got)
			// The fake SMSC reports delivery; the outbox records it.
			waitForMsg(t, func() bool {
				m, err := db.Outbound(context.Background(), "reply:"+rep.ID)
				return err == nil && m.State == domain.OutboxDelivered
			}, func() string { return "no delivery report" + kannelLogs() })
		})
	}
	if n := len(s.reports(t, reviewer, "sms")); n != 2 {
		t.Errorf("%d reports for 2 SMS", n)
	}
}

// replyFromFakeSMSC finds the message fakesmsc got for a number: its
// output line is "Got message N: <from to type data>", data URL-encoded
// (UTF-16BE for ucs-2) or plain text.
func replyFromFakeSMSC(output, to string) string {
	sc := bufio.NewScanner(strings.NewReader(output))
	for sc.Scan() {
		line := sc.Text()
		i := strings.Index(line, "Got message")
		if i < 0 {
			continue
		}
		open, end := strings.Index(line[i:], "<"), strings.LastIndex(line, ">")
		if open < 0 || end < 0 {
			continue
		}
		fields := strings.SplitN(line[i+open+1:end], " ", 4)
		if len(fields) != 4 || fields[1] != to {
			continue
		}
		switch fields[2] {
		case "ucs-2", "ucs2":
			raw, err := url.QueryUnescape(fields[3])
			if err != nil {
				return "undecodable: " + fields[3]
			}
			b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes([]byte(raw))
			if err != nil {
				return "undecodable: " + fields[3]
			}
			return string(b)
		case "data":
			raw, _ := url.QueryUnescape(fields[3])
			return raw
		default:
			return fields[3]
		}
	}
	return ""
}

// waitForMsg is waitFor with a description of what is missing.
func waitForMsg(t *testing.T, cond func() bool, why func() string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal(why())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
