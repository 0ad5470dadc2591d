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

// TestHitsTakeReportFieldsFromRecords checks that a hit carries its report's id,
// title and date, which passages no longer store (mapping 18): from the passage id and
// the report's record.
func TestHitsTakeReportFieldsFromRecords(t *testing.T) {
	corpusDir := t.TempDir()
	text := "Verslag werkgroep onderwijs\n\nDatum: 12 maart 2024\n\nDe werkgroep bespreekt de wachtlijsten in de jeugdhulp.\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "verslag.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := mustOpen(t, corpusDir)
	mustSync(t, ix)
	recs, err := ix.Reports()
	if err != nil || len(recs) != 1 {
		t.Fatalf("Reports = %d, %v; want one", len(recs), err)
	}
	res, err := ix.Search(context.Background(), search.Request{Query: "wachtlijsten", Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	for _, h := range res.Hits {
		if h.ReportID != recs[0].ID || h.ReportTitle != recs[0].Title || h.Date != "2024-03-12" || recs[0].Title == "" {
			t.Errorf("hit %s: report %q, title %q, date %q; want %q, %q, 2024-03-12", h.PassageID, h.ReportID, h.ReportTitle, h.Date, recs[0].ID, recs[0].Title)
		}
	}
}
