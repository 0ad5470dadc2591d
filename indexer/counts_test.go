package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"kennisbank/indexer/search"
)

// TestTermCountsKeptForTheNextServer checks that CountTerms keeps the term counts of
// the index's segment in the record store, and that an index opened again scores a
// search exactly as the one that counted.
func TestTermCountsKeptForTheNextServer(t *testing.T) {
	corpusDir := t.TempDir()
	for i := range 6 {
		text := fmt.Sprintf("Verslag werkgroep %d\n\nDatum: %d maart 2024\n\n"+
			"De werkgroep bespreekt de wachtlijsten in de jeugdhulp, ronde %d.\n\n"+
			"Daarna gaat het over het onderwijs, de wachtlijsten en de samenwerking met scholen in de regio.\n", i, i+1, i)
		if err := os.WriteFile(filepath.Join(corpusDir, fmt.Sprintf("verslag-%d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: corpusDir}
	ctx := context.Background()
	ix, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, ix)
	if _, err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if err := ix.CountTerms(); err != nil {
		t.Fatal(err)
	}
	if read, counted := ix.search.TermCounts(); read != 0 || counted == 0 {
		t.Errorf("first index: counts of %d segments read, %d counted; want none read", read, counted)
	}
	req := search.Request{Query: "wachtlijsten onderwijs", Size: 10}
	before, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	err = ix.store.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCounts).ForEach(func(k, _ []byte) error {
			kept = append(kept, string(k))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) == 0 {
		t.Fatal("no term counts kept")
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(ix.path, "store", name)); err != nil {
			t.Errorf("counts kept for %s, which is not a segment file of the index: %v", name, err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Opened again by another path to the same folder, as a server given a relative
	// path finds an index that `index` was given an absolute one.
	t.Chdir(filepath.Dir(opts.Dir))
	opts.Dir = filepath.Base(opts.Dir)
	again, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	after, err := again.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Hits) != len(before.Hits) || len(before.Hits) < 6 {
		t.Fatalf("%d passages found after reopening, %d before; want the same, at least 6", len(after.Hits), len(before.Hits))
	}
	if read, counted := again.search.TermCounts(); read == 0 || counted != 0 {
		t.Errorf("reopened index: counts of %d segments read, %d counted; want all read", read, counted)
	}
	for i := range before.Hits {
		b, a := before.Hits[i], after.Hits[i]
		if a.PassageID != b.PassageID || a.Score != b.Score {
			t.Errorf("hit %d: %s %v after reopening, %s %v before", i, a.PassageID, a.Score, b.PassageID, b.Score)
		}
	}
}
