package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kennisbank/corpus"
	"kennisbank/indexer/extract"
	"kennisbank/indexer/search"
)

func TestMain(m *testing.M) {
	extract.RunChildIfRequested()
	os.Exit(m.Run())
}

// mustCorpus writes the sample reports the binary carries into a temporary folder: not
// the live corpus folder, which holds whatever was uploaded while trying the product.
func mustCorpus(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.WriteTo(dir); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// mustOpen opens a fresh index over corpusDir in a temporary folder.
func mustOpen(tb testing.TB, corpusDir string) *Index {
	tb.Helper()
	ix, err := Open(Options{Dir: filepath.Join(tb.TempDir(), "index"), CorpusDir: corpusDir})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

func mustSync(tb testing.TB, ix *Index) (SyncSummary, []Event) {
	tb.Helper()
	var events []Event
	sum, err := ix.Sync(context.Background(), func(e Event) {
		if e.Action != "" {
			events = append(events, e)
		}
	})
	if err != nil {
		tb.Fatalf("Sync: %v", err)
	}
	return sum, events
}

func TestSyncFollowsCorpus(t *testing.T) {
	dir := mustCorpus(t)
	ix := mustOpen(t, dir)

	sum, _ := mustSync(t, ix)
	if sum.Indexed != 2 || sum.Passages < 10 {
		t.Fatalf("first sync = %+v, want 2 reports indexed with their passages", sum)
	}
	if !ix.Ready() {
		t.Error("Ready() = false after a sync")
	}

	sum, events := mustSync(t, ix)
	if sum.Indexed != 0 || sum.Unchanged != 2 || len(events) != 0 {
		t.Fatalf("second sync = %+v, events %v; want nothing touched", sum, events)
	}

	// Touching a file without changing it is not a change.
	limburg := filepath.Join(dir, "expertisecentrum-jeugdhulp-limburg.txt")
	now := time.Now().Add(time.Minute)
	if err := os.Chtimes(limburg, now, now); err != nil {
		t.Fatal(err)
	}
	if sum, _ = mustSync(t, ix); sum.Indexed != 0 {
		t.Errorf("sync after touch = %+v, want nothing indexed", sum)
	}

	// A changed file is indexed again, with its new passage count.
	if err := os.WriteFile(limburg, []byte("Korte versie\n\nOp 7 oktober 2020 sprak men over gesloten jeugdzorg.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, events = mustSync(t, ix)
	if sum.Indexed != 1 || len(events) != 1 || events[0].File != "expertisecentrum-jeugdhulp-limburg.txt" {
		t.Fatalf("sync after change = %+v, events %+v; want the Limburg report indexed", sum, events)
	}
	ps, err := ix.Passages(context.Background(), "expertisecentrum-jeugdhulp-limburg")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || !strings.Contains(ps[0].Text, "gesloten jeugdzorg") {
		t.Errorf("passages after change = %+v, want only the new text", ps)
	}

	// A new unsupported file is skipped with a reason, a deleted file is removed.
	if err := os.WriteFile(filepath.Join(dir, "notulen.docx"), []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "mvs-terugkoppelbijeenkomst.txt")); err != nil {
		t.Fatal(err)
	}
	sum, events = mustSync(t, ix)
	if sum.Removed != 1 || sum.Skipped != 1 {
		t.Fatalf("sync after delete = %+v, want 1 removed and 1 skipped", sum)
	}
	for _, e := range events {
		if e.Action == ActionSkipped && (e.File != "notulen.docx" || e.Reason == "") {
			t.Errorf("skip event = %+v, want notulen.docx with a reason", e)
		}
	}
	res, err := ix.Search(context.Background(), search.Request{Query: "terugkoppelbijeenkomst"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("search for the removed report found %d passages, want 0", res.Total)
	}
	st := ix.Status()
	if st.Reports != 1 || len(st.Skipped) != 1 || st.Skipped[0].File != "notulen.docx" || st.SizeBytes == 0 {
		t.Errorf("Status() = %+v", st)
	}
}

func TestReopenKeepsManifest(t *testing.T) {
	dir := mustCorpus(t)
	indexDir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(Options{Dir: indexDir, CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := mustSync(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(Options{Dir: indexDir, CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Batches are acknowledged before they are on disk; closing must lose none.
	if n, err := ix.bleve.DocCount(); err != nil || n != uint64(first.Passages) {
		t.Errorf("passages after reopen = %d (%v), want %d", n, err, first.Passages)
	}
	sum, _ := mustSync(t, ix)
	if sum.Indexed != 0 || sum.Unchanged != 2 {
		t.Errorf("sync after reopen = %+v, want nothing to do", sum)
	}
	if r, err := ix.Report("mvs-terugkoppelbijeenkomst"); err != nil || r.Passages == 0 {
		t.Errorf("Report() = %+v, %v", r, err)
	}
}

func TestOpenLocked(t *testing.T) {
	indexDir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(Options{Dir: indexDir, CorpusDir: mustCorpus(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, err = Open(Options{Dir: indexDir, CorpusDir: t.TempDir(), LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open error = %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second Open took %s, want it to fail fast", d)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Verslag 18 mei", "verslag-18-mei"},
		{"Thérèse van Amelsvoort", "therese-van-amelsvoort"},
		{"../../etc/passwd", "etc-passwd"},
		{"  --ÉÉN__twee--  ", "een-twee"},
		{"日本語", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAssignIDsOnClash(t *testing.T) {
	work := []*job{
		{file: corpusFile{rel: "verslag.txt"}},
		{file: corpusFile{rel: "verslag.pdf"}},
		{file: corpusFile{rel: "oud/verslag.md"}, hadPrev: true, prev: manifestEntry{ReportID: "verslag"}},
	}
	assignIDs(work, map[string]manifestEntry{"oud/verslag.md": {ReportID: "verslag"}})
	seen := map[string]bool{}
	for _, j := range work {
		if seen[j.id] || !strings.HasPrefix(j.id, "verslag") {
			t.Errorf("ids %q: want distinct ids starting with verslag", j.id)
		}
		seen[j.id] = true
	}
	if work[2].id != "verslag" {
		t.Errorf("previously indexed file got %q, want to keep verslag", work[2].id)
	}
}

func TestOpenRenewsOutdatedMapping(t *testing.T) {
	dir := mustCorpus(t)
	indexDir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(Options{Dir: indexDir, CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, ix)
	oldPath := ix.path
	// An index made by an earlier version of the mapping.
	if err := ix.cur.SetInternal([]byte(internalMappingVersion), []byte("0")); err != nil {
		t.Fatal(err)
	}
	if err := ix.saveManifest(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	ix, err = Open(Options{Dir: indexDir, CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.path == oldPath {
		t.Fatalf("outdated index %s kept", oldPath)
	}
	if _, err := os.Stat(oldPath); !os.IsNotExist(err) {
		t.Errorf("outdated index folder still there: %v", err)
	}
	if n, _ := ix.bleve.DocCount(); n != 0 {
		t.Errorf("renewed index holds %d documents, want 0", n)
	}
	sum, _ := mustSync(t, ix)
	if sum.Indexed != 2 {
		t.Errorf("sync after renewal = %+v, want both reports read again", sum)
	}
}
