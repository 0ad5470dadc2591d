package search_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/indexer/extract"
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
func mustOpen(tb testing.TB, corpusDir string) *indexer.Index {
	tb.Helper()
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(tb.TempDir(), "index"), CorpusDir: corpusDir})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

// mustSync brings ix in line with its corpus folder.
func mustSync(tb testing.TB, ix *indexer.Index) indexer.SyncSummary {
	tb.Helper()
	sum, err := ix.Sync(context.Background(), nil)
	if err != nil {
		tb.Fatalf("Sync: %v", err)
	}
	return sum
}
