package indexer

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kennisbank/indexer/search"
)

func TestWatch(t *testing.T) {
	dir := mustCorpus(t)
	ix := mustOpen(t, dir)
	mustSync(t, ix)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := ix.Watch(ctx, 100*time.Millisecond, nil, nil); err != nil {
			t.Errorf("Watch: %v", err)
		}
	}()
	defer func() { cancel(); wg.Wait() }()
	time.Sleep(100 * time.Millisecond) // let the watcher start

	// waitTotal polls until a search gives want hits.
	waitTotal := func(q string, want uint64) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			res, err := ix.Search(context.Background(), search.Request{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("search %q: %d hits after waiting, want %d", q, res.Total, want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	sub := filepath.Join(dir, "2024")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(sub, "nieuw.txt")
	// Written in two steps, as a slow copy would: the watch waits for quiet.
	if err := os.WriteFile(path, []byte("Nieuw verslag\n\nDe werkgroep sprak over"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(" pleegzorgvoorzieningen in de regio.\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	waitTotal("pleegzorgvoorzieningen", 1)

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	waitTotal("pleegzorgvoorzieningen", 0)
}
