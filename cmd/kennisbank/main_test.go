package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"kennisbank/indexer/extract"
	"kennisbank/server"
)

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		main() // a server process started by a test; main exits
	}
	extract.RunChildIfRequested()
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in two goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// mustRun runs the program with args in dir and returns its exit code and output.
func mustRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr syncBuffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestIndexAndSearch(t *testing.T) {
	t.Chdir(t.TempDir()) // no corpus folder: the sample reports are written into ./corpus

	code, out, errOut := mustRun(t, "index")
	if code != 0 {
		t.Fatalf("index exit %d: %s %s", code, out, errOut)
	}
	for _, want := range []string{"geïndexeerd: expertisecentrum-jeugdhulp-limburg.txt", "geïndexeerd: mvs-terugkoppelbijeenkomst.txt", "klaar: 2 geïndexeerd"} {
		if !strings.Contains(out, want) {
			t.Errorf("index output lacks %q:\n%s", want, out)
		}
	}

	// A second run touches nothing; a file that is not a report is skipped with a reason.
	if err := os.WriteFile(filepath.Join("corpus", "notulen.docx"), []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = mustRun(t, "index")
	if code != 0 || strings.Contains(out, "geïndexeerd:") || !strings.Contains(out, "overgeslagen: notulen.docx: ") || !strings.Contains(out, "2 ongewijzigd") {
		t.Errorf("second index exit %d:\n%s", code, out)
	}
	if code, _, _ = mustRun(t, "index", "--strict"); code != 1 {
		t.Errorf("index --strict with a skipped file exit %d, want 1", code)
	}

	code, out, _ = mustRun(t, "index", "--rebuild")
	if code != 0 || !strings.Contains(out, "klaar: 2 geïndexeerd") {
		t.Errorf("index --rebuild exit %d:\n%s", code, out)
	}

	code, out, errOut = mustRun(t, "search", "gesloten jeugdzorg")
	if code != 0 || !strings.Contains(out, "»gesloten« »jeugdzorg«") || !strings.Contains(out, "/verslagen/expertisecentrum-jeugdhulp-limburg#p") {
		t.Errorf("search exit %d:\n%s\n%s", code, out, errOut)
	}
	for _, args := range [][]string{{"search", "--json", "samenwerking"}, {"search", "samenwerking", "--json"}} {
		code, out, _ = mustRun(t, args...)
		var resp server.SearchResponse
		if err := json.Unmarshal([]byte(out), &resp); code != 0 || err != nil || resp.Total == 0 {
			t.Errorf("%q exit %d, %v:\n%s", args, code, err, out)
		}
	}
	// With server.base_url set, the links printed are absolute.
	t.Setenv("KENNISBANK_SERVER_BASE_URL", "https://kennisbank.example.nl/")
	code, out, errOut = mustRun(t, "search", "gesloten jeugdzorg")
	if code != 0 || !strings.Contains(out, "   https://kennisbank.example.nl/verslagen/expertisecentrum-jeugdhulp-limburg#p") {
		t.Errorf("search with a base URL exit %d:\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = mustRun(t, "search", "--size", "500", "jeugd")
	if code != 1 || !strings.Contains(errOut, "size") {
		t.Errorf("search --size 500 exit %d: %s", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"onzin"}, {"index", "--bestaat-niet"}} {
		if code, _, _ := mustRun(t, args...); code != 2 {
			t.Errorf("run(%q) exit %d, want 2", args, code)
		}
	}
	code, out, _ := mustRun(t, "version")
	if code != 0 || !strings.HasPrefix(out, "kennisbank ") {
		t.Errorf("version exit %d: %q", code, out)
	}
	// Help is Dutch, without the flag package's English.
	code, _, errOut := mustRun(t, "index", "--help")
	if code != 0 || !strings.Contains(errOut, "Gebruik: kennisbank index") || strings.Contains(errOut, "Usage of") || strings.Contains(errOut, "(default") {
		t.Errorf("index --help exit %d:\n%s", code, errOut)
	}
}

func TestServe(t *testing.T) {
	t.Chdir(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--watch"}, &stdout, &stderr) }()

	addrRe := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	deadline := time.Now().Add(20 * time.Second)
	for base == "" && time.Now().Before(deadline) {
		if m := addrRe.FindStringSubmatch(stdout.String()); m != nil {
			base = "http://" + m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	if base == "" {
		t.Fatalf("server did not print its address:\n%s\n%s", stdout.String(), stderr.String())
	}
	ready := false
	for !ready && time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			ready = resp.StatusCode == http.StatusOK
			resp.Body.Close()
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !ready {
		t.Fatalf("server not ready:\n%s", stderr.String())
	}
	resp, err := http.Get(base + "/api/v1/search?q=jeugdhulp")
	if err != nil {
		t.Fatal(err)
	}
	var sr server.SearchResponse
	err = json.NewDecoder(resp.Body).Decode(&sr)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || sr.Total == 0 {
		t.Errorf("search over HTTP = %d %+v %v", resp.StatusCode, sr, err)
	}

	// With --watch, a report saved into the corpus folder is found within seconds.
	if err := os.WriteFile(filepath.Join("corpus", "werkgroep.md"), []byte("---\ntitle: Werkgroep pleegzorg\n---\nDe werkgroep besprak pleegzorgvoorzieningen.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	found := false
	for watchDeadline := time.Now().Add(20 * time.Second); !found && time.Now().Before(watchDeadline); {
		resp, err := http.Get(base + "/api/v1/search?q=pleegzorgvoorzieningen")
		if err != nil {
			t.Fatal(err)
		}
		var sr server.SearchResponse
		_ = json.NewDecoder(resp.Body).Decode(&sr)
		resp.Body.Close()
		found = sr.Total == 1 && sr.Hits[0].ReportTitle == "Werkgroep pleegzorg"
		time.Sleep(100 * time.Millisecond)
	}
	if !found {
		t.Errorf("report written into the watched corpus was not found:\n%s", stderr.String())
	}

	// While the server holds the index, index fails fast and search asks the server.
	code, out, errOut := mustRun(t, "index")
	if code != 1 || !strings.Contains(errOut, "in gebruik door een draaiende server") {
		t.Errorf("index while serving exit %d: %s %s", code, out, errOut)
	}
	addr := strings.TrimPrefix(base, "http://")
	t.Setenv("KENNISBANK_SERVER_ADDR", addr)
	code, out, errOut = mustRun(t, "search", "jeugdhulp")
	if code != 0 || !strings.Contains(out, "resultaten") {
		t.Errorf("search while serving exit %d: %s %s", code, out, errOut)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
}
