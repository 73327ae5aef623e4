package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds the real sitroom binary once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sitroom-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "sitroom")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// startProcess starts "sitroom serve" as a separate process and returns it
// with its URL.
func startProcess(t *testing.T, bin, db string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "sitroom: listening on "); ok {
				urlc <- u
			}
		}
	}()
	select {
	case u := <-urlc:
		return cmd, u
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("server did not start: %s", errb.String())
	}
	return nil, ""
}

// TestNothingAcknowledgedIsLost streams reports at the real binary, kills
// it with SIGKILL mid-stream, restarts it and checks that every report
// that got a 2xx answer is stored.
func TestNothingAcknowledgedIsLost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	_, tok, errs := run(t, "", "token", "create", "--db", db, "--role", "reporter")
	if tok == "" {
		t.Fatal(errs)
	}
	tok = strings.TrimSpace(tok)
	proc, url := startProcess(t, bin, db)

	var mu sync.Mutex
	acked := map[string]string{} // client id → report id
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var body []byte
				var ids []string
				if i%3 == 0 { // a batch of 5
					var items []map[string]string
					for j := 0; j < 5; j++ {
						id := fmt.Sprintf("w%d-%d-%d", w, i, j)
						ids = append(ids, id)
						items = append(items, map[string]string{"id": id, "text": "batch report " + id})
					}
					body, _ = json.Marshal(items)
				} else {
					id := fmt.Sprintf("w%d-%d", w, i)
					ids = append(ids, id)
					body, _ = json.Marshal(map[string]string{"id": id, "text": "report " + id})
				}
				req, _ := http.NewRequest("POST", url+"/api/v1/reports", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				var res struct {
					ID      string
					Results []struct{ ID, Status string }
				}
				json.NewDecoder(resp.Body).Decode(&res)
				resp.Body.Close()
				if resp.StatusCode/100 != 2 {
					continue
				}
				mu.Lock()
				if len(ids) == 1 {
					acked[ids[0]] = res.ID
				} else {
					for j, r := range res.Results {
						acked[ids[j]] = r.ID
					}
				}
				mu.Unlock()
			}
		}(w)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := proc.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	proc.Wait()
	close(stop)
	wg.Wait()
	if len(acked) < 20 {
		t.Fatalf("only %d reports acknowledged before the kill; the test proves nothing", len(acked))
	}

	proc2, url2 := startProcess(t, bin, db)
	defer func() { proc2.Process.Signal(syscall.SIGTERM); proc2.Wait() }()
	_, viewer, _ := run(t, "", "token", "create", "--db", db, "--role", "viewer")
	viewer = strings.TrimSpace(viewer)
	missing := 0
	for clientID, id := range acked {
		req, _ := http.NewRequest("GET", url2+"/api/v1/reports/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+viewer)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var rep struct {
			ClientID string `json:"client_id"`
		}
		json.NewDecoder(resp.Body).Decode(&rep)
		resp.Body.Close()
		if resp.StatusCode != 200 || rep.ClientID != clientID {
			missing++
			t.Errorf("acknowledged report %s (%s) lost: %d", id, clientID, resp.StatusCode)
		}
	}
	t.Logf("%d reports acknowledged before SIGKILL, %d missing after restart", len(acked), missing)
}
