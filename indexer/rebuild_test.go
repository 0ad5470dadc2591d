package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"kennisbank/indexer/search"
)

func TestRebuildSwapsWhileSearching(t *testing.T) {
	dir := mustCorpus(t)
	indexDir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(Options{Dir: indexDir, CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, ix)
	before, err := ix.Search(context.Background(), search.Request{Query: "jeugdzorg", Size: 50})
	if err != nil {
		t.Fatal(err)
	}

	// Searches run throughout the rebuild and must all succeed.
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var searches, failures atomic.Int64
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				res, err := ix.Search(context.Background(), search.Request{Query: "jeugdzorg"})
				searches.Add(1)
				if err != nil || res.Total == 0 {
					failures.Add(1)
				}
			}
		}()
	}
	sum, err := ix.Rebuild(context.Background(), nil)
	cancel()
	wg.Wait()
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	if sum.Indexed != 2 {
		t.Errorf("Rebuild summary = %+v, want 2 reports read again", sum)
	}
	if n := failures.Load(); n > 0 {
		t.Errorf("%d of %d searches during the rebuild failed", n, searches.Load())
	}

	after, err := ix.Search(context.Background(), search.Request{Query: "jeugdzorg", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total {
		t.Errorf("after rebuild %d hits, before %d", after.Total, before.Total)
	}
	cur, err := os.ReadFile(filepath.Join(indexDir, "CURRENT"))
	if err != nil || strings.TrimSpace(string(cur)) != "gen-2" {
		t.Errorf("CURRENT = %q, %v; want gen-2", cur, err)
	}
	if _, err := os.Stat(filepath.Join(indexDir, "gen-1")); !os.IsNotExist(err) {
		t.Errorf("old generation still on disk: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// The rebuilt index is the one that opens next time, in line with the corpus.
	ix, err = Open(Options{Dir: indexDir, CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if sum, _ := mustSync(t, ix); sum.Indexed != 0 || sum.Unchanged != 2 {
		t.Errorf("sync after reopening the rebuilt index = %+v, want nothing to do", sum)
	}
}
