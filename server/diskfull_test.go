package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"kennisbank/corpus"
	"kennisbank/indexer"
)

// diskReport is a distinct report of about 40 kB.
func diskReport(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Verslag van de wijkraad, vergadering %d\n\n", n)
	for i := 0; b.Len() < 40<<10; i++ {
		fmt.Fprintf(&b, "Punt %d.%d: de wijkraad bespreekt het speelveld aan de Lindelaan en de verlichting van het fietspad.\n\n", n, i)
	}
	return []byte(b.String())
}

// diskServer serves an index over corpusDir and indexDir with the given options.
func diskServer(t *testing.T, opts indexer.Options) (*httptest.Server, *indexer.Index) {
	t.Helper()
	if err := corpus.WriteTo(opts.CorpusDir); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		ix.Close()
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: ix, Library: ix, IngestToken: testToken}).Handler()))
	t.Cleanup(ts.Close)
	return ts, ix
}

// wantDiskFull checks a 507 answer with a Dutch message.
func wantDiskFull(t *testing.T, resp *http.Response, body []byte) {
	t.Helper()
	var e apiError
	if resp.StatusCode != http.StatusInsufficientStorage || json.Unmarshal(body, &e) != nil ||
		e.Error.Code != "disk_full" || !strings.Contains(e.Error.Message, "schijf") {
		t.Fatalf("status %d %s, want 507 disk_full with a Dutch message", resp.StatusCode, body)
	}
}

// TestNearlyFullDiskRefusesUploads stands in a disk with 1 MB free: uploads are refused
// early with 507, and the status shows the free space.
func TestNearlyFullDiskRefusesUploads(t *testing.T) {
	dir := t.TempDir()
	ts, ix := diskServer(t, indexer.Options{Dir: filepath.Join(dir, "index"), CorpusDir: filepath.Join(dir, "corpus"),
		FreeSpace: func(string) (uint64, error) { return 1 << 20, nil }})
	defer ix.Close()
	resp, body := upload(t, ts, testToken, "verslag.txt", diskReport(1))
	wantDiskFull(t, resp, body)
	if _, err := os.Stat(filepath.Join(dir, "corpus", "verslag.txt")); err == nil {
		t.Error("a refused upload was stored")
	}
	resp, body = mustGet(t, ts, "/api/v1/status")
	var st StatusResponse
	if err := json.Unmarshal(body, &st); err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d %s", resp.StatusCode, body)
	}
	if st.DiskFreeBytes == nil || *st.DiskFreeBytes != 1<<20 || !st.DiskNearlyFull {
		t.Errorf("status disk %v %v, want 1 MB free and nearly full", st.DiskFreeBytes, st.DiskNearlyFull)
	}
}

// enospcLibrary fails every write with ENOSPC, as a full disk does at the write.
type enospcLibrary struct{ Library }

func (enospcLibrary) Ingest(context.Context, string, io.Reader, indexer.IngestOptions) (indexer.ReportRecord, error) {
	return indexer.ReportRecord{}, fmt.Errorf("indexer: ingest: write /corpus/upload-1: %w", &os.PathError{Op: "write", Path: "/corpus/upload-1", Err: syscall.ENOSPC})
}

func (enospcLibrary) Delete(context.Context, string) error {
	return fmt.Errorf("indexer: write batch: %s", "write /index/store/000001.zap: no space left on device")
}

// TestWriteOnFullDiskAnswers507 checks that ENOSPC at the write, wrapped or passed on
// as text only, answers 507 and never 500.
func TestWriteOnFullDiskAnswers507(t *testing.T) {
	ix := mustIndex(t)
	ts := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: ix, Library: enospcLibrary{ix}, IngestToken: testToken}).Handler()))
	defer ts.Close()
	resp, body := upload(t, ts, testToken, "verslag.txt", diskReport(1))
	wantDiskFull(t, resp, body)
	req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/api/v1/reports/expertisecentrum-jeugdhulp-limburg", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, body = do(t, ts, req)
	wantDiskFull(t, resp, body)
}

// TestFullTmpfsKeepsAcknowledgedReports fills a real 12 MB tmpfs with uploads until
// the server refuses them, once with the early check and once with the check
// deceived so that the writes themselves hit ENOSPC: every answer is 201 or 507, and
// every acknowledged report is in the corpus and in the index after a reopen. It needs
// to mount a tmpfs (root) and is skipped where it cannot.
func TestFullTmpfsKeepsAcknowledgedReports(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("fills a tmpfs with a hundred uploads, which take minutes with the race detector")
	}
	for _, deceived := range []bool{false, true} {
		t.Run(fmt.Sprintf("deceived=%v", deceived), func(t *testing.T) {
			mnt := t.TempDir()
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mnt).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a tmpfs here (%v: %s); TestNearlyFullDiskRefusesUploads and TestWriteOnFullDiskAnswers507 stand in for it", err, out)
			}
			t.Cleanup(func() { _ = exec.Command("umount", "-l", mnt).Run() })
			opts := indexer.Options{Dir: filepath.Join(mnt, "index"), CorpusDir: filepath.Join(mnt, "corpus"), MinFreeBytes: 2 << 20}
			if deceived {
				opts.FreeSpace = func(string) (uint64, error) { return 1 << 40, nil }
			}
			ts, ix := diskServer(t, opts)
			var acked []string
			full := false
			for n := 1; n <= 400 && !full; n++ {
				resp, body := upload(t, ts, testToken, fmt.Sprintf("verslag-%d.txt", n), diskReport(n))
				switch resp.StatusCode {
				case http.StatusCreated:
					var r struct{ ID string }
					if err := json.Unmarshal(body, &r); err != nil {
						t.Fatal(err)
					}
					acked = append(acked, r.ID)
				case http.StatusInsufficientStorage:
					wantDiskFull(t, resp, body)
					full = true
				default:
					t.Fatalf("upload %d: status %d %s, want 201 or 507", n, resp.StatusCode, body)
				}
			}
			if !full {
				t.Fatal("the tmpfs never filled")
			}
			t.Logf("%d uploads acknowledged before the disk was full", len(acked))
			ts.Close()
			if err := ix.Close(); err != nil && !indexer.IsDiskFull(err) {
				t.Fatalf("close: %v", err)
			}
			opts.FreeSpace = nil
			ix, err := indexer.Open(opts)
			if err != nil {
				t.Fatalf("reopen: %v", err)
			}
			defer ix.Close()
			for _, id := range acked {
				if _, err := ix.Report(id); err != nil {
					t.Errorf("acknowledged report %s lost: %v", id, err)
				}
			}
		})
	}
}
