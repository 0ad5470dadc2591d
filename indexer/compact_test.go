package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	zapx "github.com/blevesearch/zapx/v17"

	"kennisbank/indexer/search"
)

// TestCompactMergesManySegmentsIntoOne builds an index of more segments than one
// forced merge takes at a time (Bleve merges ten at a time) and checks that Compact
// leaves one, and that the index answers the same afterwards.
func TestCompactMergesManySegmentsIntoOne(t *testing.T) {
	old := maxMergedSegmentDocs
	maxMergedSegmentDocs = 2 // background merges leave every segment of the test alone
	t.Cleanup(func() { maxMergedSegmentDocs = old })

	corpusDir := t.TempDir()
	ix := mustOpen(t, corpusDir)
	ctx := context.Background()
	const reports = 25
	for i := range reports {
		text := fmt.Sprintf("Verslag werkgroep %d\n\nDatum: %d maart 2024\n\n"+
			"De werkgroep bespreekt de wachtlijsten in de jeugdhulp, ronde %d.\n\n"+
			"Daarna gaat het over het onderwijs en de samenwerking met scholen.\n", i, i%28+1, i)
		if err := os.WriteFile(filepath.Join(corpusDir, fmt.Sprintf("verslag-%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Sync(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	n, err := ix.Segments()
	if err != nil {
		t.Fatal(err)
	}
	if n <= 20 {
		t.Fatalf("the test built %d segments; it needs more than twice the ten a forced merge takes", n)
	}
	before, err := ix.Search(ctx, search.Request{Query: "wachtlijsten", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ix.Compact(ctx); err != nil || got != n {
		t.Fatalf("Compact = %d, %v; want %d segments before", got, err, n)
	}
	if left, err := ix.Segments(); err != nil || left != 1 {
		t.Errorf("after Compact of %d segments: %d left (%v), want 1", n, left, err)
	}
	after, err := ix.Search(ctx, search.Request{Query: "wachtlijsten", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if before.Total < reports || after.Total != before.Total {
		t.Errorf("hits for wachtlijsten: %d before Compact, %d after; want the same, at least %d", before.Total, after.Total, reports)
	}
	ids := func(r *search.Result) string {
		var out []string
		for _, h := range r.Hits {
			out = append(out, h.PassageID)
		}
		return strings.Join(out, " ")
	}
	if ids(before) != ids(after) {
		t.Errorf("hits before Compact:\n%s\nafter:\n%s", ids(before), ids(after))
	}
}

// TestCloseTwice checks that closing an index a second time does nothing, instead of
// failing deep in Bleve.
func TestCloseTwice(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestReleaseMappedDropsSegmentPages syncs and merges an index while its segment
// pages are released every few milliseconds (Options.ReleasePages), reads every page
// of its segment files through their memory maps, then releases them: the files'
// resident pages in the process (from /proc/self/smaps) fall to almost none, and the
// index still answers.
func TestReleaseMappedDropsSegmentPages(t *testing.T) {
	if _, err := os.Stat("/proc/self/smaps"); err != nil {
		t.Skip("no /proc/self/smaps here")
	}
	old := releaseEvery
	releaseEvery = 5 * time.Millisecond
	t.Cleanup(func() { releaseEvery = old })
	corpusDir := t.TempDir()
	for i := range 40 {
		var b strings.Builder
		fmt.Fprintf(&b, "Verslag overleg %d\n\nDatum: %d april 2023\n\n", i, i%28+1)
		for p := range 60 {
			fmt.Fprintf(&b, "Passage %d van verslag %d over de wachtlijsten in de jeugdhulp, de scholen en de wijkteams van de gemeente.\n\n", p, i)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, fmt.Sprintf("verslag-%02d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: corpusDir, BatchSize: 200, ReleasePages: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ctx := context.Background()
	if _, err := ix.Sync(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	// Nothing else reads the segments meanwhile: the terms are counted and the
	// caches read before.
	if err := ix.CountTerms(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Warm(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, search.Request{Query: "jeugdhulp"}); err != nil {
		t.Fatal(err)
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	sr, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer sr.Close()
	var sum byte
	files := map[string]bool{}
	for _, ss := range sr.(*scorch.IndexSnapshot).Segments() {
		zs := ss.Segment().(*zapx.Segment)
		files[zs.Path()] = true
		data := zs.Data()
		for i := 0; i < len(data); i += 4096 {
			sum += data[i]
		}
	}
	before := segmentRSS(t, files)
	releaseMapped(sr)
	after := segmentRSS(t, files)
	if before < 64<<10 || after > before/4 {
		t.Fatalf("resident segment pages: %d kB after reading them all (sum %d), %d kB after releasing", before>>10, sum, after>>10)
	}
	res, err := ix.Search(ctx, search.Request{Query: "wachtlijsten"})
	if err != nil || res.Total != 40*60 {
		t.Fatalf("after releasing: %v hits, %v", res.Total, err)
	}
}

// segmentRSS returns the bytes of the process's resident pages of the given files.
func segmentRSS(t *testing.T, files map[string]bool) int {
	t.Helper()
	data, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	total, in := 0, false
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 5 && strings.Contains(fields[0], "-") && len(fields[1]) == 4 {
			// A mapping's first line: its address range, permissions, …, its file.
			in = len(fields) >= 6 && files[fields[5]]
			continue
		}
		if in && len(fields) >= 2 && fields[0] == "Rss:" {
			kb, _ := strconv.Atoi(fields[1])
			total += kb << 10
		}
	}
	return total
}
