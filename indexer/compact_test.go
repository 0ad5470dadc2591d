package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
