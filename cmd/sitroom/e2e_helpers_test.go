package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// run runs Main in-process and returns its exit status and output.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, Stdio{In: strings.NewReader(stdin), Out: &out, Err: &errb,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// server is the real binary's Main serving on a free port.
type server struct {
	url  string
	db   string
	out  *lockedBuffer // what Main printed on standard output
	stop func()
}

// lockedBuffer is a buffer written by one goroutine and read by another.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServer runs "sitroom serve" through Main on 127.0.0.1:0 against a
// fresh SQLite database (or the given --db) and waits until it listens.
func startServer(t *testing.T, extra ...string) *server {
	t.Helper()
	db := filepath.Join(t.TempDir(), "e2e.db")
	return startMain(t, db, append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, extra...)...)
}

// startMain runs a serving command (serve, demo) through Main and waits
// for it to listen.
func startMain(t *testing.T, db string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var errb bytes.Buffer
	go func() {
		done <- Main(ctx, args, Stdio{In: strings.NewReader(""), Out: pw, Err: &errb, Getenv: func(string) string { return "" }})
		pw.Close()
	}()
	urlc := make(chan string, 1)
	out := &lockedBuffer{}
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			fmt.Fprintln(out, sc.Text())
			if u, ok := strings.CutPrefix(sc.Text(), "sitroom: listening on "); ok {
				urlc <- u
			}
		}
		close(urlc)
	}()
	var url string
	select {
	case url = <-urlc:
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatalf("server did not start: %s", errb.String())
	}
	if url == "" {
		t.Fatalf("server exited: %s", errb.String())
	}
	s := &server{url: url, db: db, out: out}
	var once sync.Once
	s.stop = func() { once.Do(func() { stopMain(t, cancel, done, &errb) }) }
	t.Cleanup(s.stop)
	return s
}

func stopMain(t *testing.T, cancel func(), done chan int, errb *bytes.Buffer) {
	{
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, errb.String())
			}
		case <-time.After(15 * time.Second):
			t.Errorf("serve did not stop")
		}
	}
}

// token creates a token of a role in the server's database.
func (s *server) token(t *testing.T, role string) string {
	t.Helper()
	code, out, errs := run(t, "", "token", "create", "--db", s.db, "--role", role)
	if code != 0 {
		t.Fatalf("token create: %s", errs)
	}
	return strings.TrimSpace(out)
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response %d is not JSON: %v: %s", r.status, err, r.body)
	}
}

// errorCode returns the "error.code" and "error.field" of an error body.
func (r response) errorCode(t *testing.T) (string, string) {
	var e struct {
		Error struct{ Code, Field, Message string }
	}
	r.json(t, &e)
	if e.Error.Message == "" {
		t.Errorf("error response without a message: %s", r.body)
	}
	return e.Error.Code, e.Error.Field
}

func (s *server) do(t *testing.T, method, path, token, contentType string, body []byte) response {
	t.Helper()
	return s.doIfMatch(t, method, path, token, "", string(body), contentType)
}

// doIfMatch sends a JSON request with an If-Match header (when etag is set).
func (s *server) doIfMatch(t *testing.T, method, path, token, etag, body string, contentType ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if etag != "" {
		req.Header.Set("If-Match", etag)
	}
	if len(contentType) == 0 {
		contentType = []string{"application/json"}
	}
	contentType[0] = strings.TrimSpace(contentType[0])
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType[0] != "" {
		req.Header.Set("Content-Type", contentType[0])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

func (s *server) get(t *testing.T, path, token string) response {
	return s.do(t, "GET", path, token, "", nil)
}

func (s *server) post(t *testing.T, path, token, body string) response {
	return s.do(t, "POST", path, token, "application/json", []byte(body))
}
