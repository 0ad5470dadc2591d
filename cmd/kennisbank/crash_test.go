package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"kennisbank/server"
)

// envRunMain makes the test binary run the kennisbank command itself (see TestMain),
// so that a test can start a real server process and kill it.
const envRunMain = "KENNISBANK_TEST_RUN_MAIN"

const crashToken = "token-voor-de-crashtest"

// serverProcess is a kennisbank serve process started by a test.
type serverProcess struct {
	cmd  *exec.Cmd
	base string
}

// startServer starts `kennisbank serve` over corpus and index in a process of its own
// and waits until it is ready.
func startServer(t *testing.T, dir string) *serverProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0",
		"--corpus", filepath.Join(dir, "corpus"), "--index", filepath.Join(dir, "index"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), envRunMain+"=1", "KENNISBANK_SERVER_INGEST_TOKEN="+crashToken)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- "http://" + m[1]
			}
		}
		io.Copy(io.Discard, out)
	}()
	p := &serverProcess{cmd: cmd}
	select {
	case p.base = <-addr:
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start: %s", stderr.String())
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
	}
	t.Fatalf("server not ready: %s", stderr.String())
	return nil
}

// crashReport is a small report whose content differs by n.
func crashReport(n int) []byte {
	return []byte(fmt.Sprintf("Verslag overleg jeugdhulp nummer %d\n\nDinsdag 12 maart 2024\n\n"+
		"De werkgroep %d sprak over wachtlijsten, onderwijs en de samenwerking met huisartsen. %s\n",
		n, n, strings.Repeat("Er werd lang gesproken over de inkoop van specialistische jeugdhulp. ", 40)))
}

// postReport uploads a report and returns the status and, for 201, the report id.
func postReport(base, name string, content []byte) (int, string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/reports", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+crashToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var rep server.ReportResponse
	data, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(data, &rep)
	return resp.StatusCode, rep.ID, nil
}

// TestUploadsSurviveKill uploads 20 reports at once to a server process while it is
// searched, kills it (SIGKILL) in the middle of a second wave, restarts it, and checks
// that every upload answered 201 is in the corpus folder and in the index, and that no
// half-written file is left.
func TestUploadsSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	dir := t.TempDir()
	p := startServer(t, dir)

	var mu sync.Mutex
	accepted := map[string]bool{}
	wave := func(first int, kill bool) {
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(n int) {
				defer wg.Done()
				status, id, err := postReport(p.base, fmt.Sprintf("verslag %d.txt", n), crashReport(n))
				if err != nil {
					if !kill {
						t.Errorf("upload %d: %v", n, err)
					}
					return
				}
				switch {
				case status == http.StatusCreated:
					mu.Lock()
					accepted[id] = true
					mu.Unlock()
				case !kill:
					t.Errorf("upload %d: status %d", n, status)
				}
			}(first + i)
		}
		// Searches meanwhile.
		for i := 0; i < 10; i++ {
			resp, err := http.Get(p.base + "/api/v1/search?q=wachtlijsten")
			if err != nil {
				if !kill {
					t.Errorf("search during uploads: %v", err)
				}
				break
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("search during uploads: status %d", resp.StatusCode)
			}
		}
		if kill {
			time.Sleep(150 * time.Millisecond)
			if err := p.cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
		}
		wg.Wait()
	}
	wave(0, false)
	if len(accepted) != 20 {
		t.Fatalf("%d of 20 uploads accepted", len(accepted))
	}
	wave(100, true)
	_ = p.cmd.Wait()
	t.Logf("%d uploads answered 201 before and during the kill", len(accepted))

	p = startServer(t, dir)
	var reports server.ReportsResponse
	resp, err := http.Get(p.base + "/api/v1/reports?size=100")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&reports)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range reports.Reports {
		have[r.ID] = true
	}
	for id := range accepted {
		if !have[id] {
			t.Errorf("report %s was answered 201 but is not in the index after the restart", id)
		}
	}
	entries, err := os.ReadDir(filepath.Join(dir, "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("leftover %s in the corpus folder", e.Name())
		}
		if strings.HasPrefix(e.Name(), "verslag-") {
			files++
		}
	}
	if files < len(accepted) || len(have) != files+2 {
		t.Errorf("%d uploaded files in the corpus, %d reports in the index (2 samples), %d accepted", files, len(have), len(accepted))
	}
}
