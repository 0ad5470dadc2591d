package search_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kennisbank/indexer"
	"kennisbank/indexer/extract"
)

func TestMain(m *testing.M) {
	extract.RunChildIfRequested()
	os.Exit(m.Run())
}

// mustCorpus copies the repository's default corpus into a temporary folder.
func mustCorpus(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	src := filepath.Join("..", "..", "corpus")
	entries, err := os.ReadDir(src)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			tb.Fatal(err)
		}
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
