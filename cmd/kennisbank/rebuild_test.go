package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebuildRepairsDamagedIndex damages the segments of an index: 'index' says in
// Dutch that the index is damaged and what to run, 'index --rebuild' repairs it from
// the corpus, and searches work again.
func TestRebuildRepairsDamagedIndex(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, out, errOut := mustRun(t, "index"); code != 0 {
		t.Fatalf("index exit %d: %s %s", code, out, errOut)
	}
	segs, err := filepath.Glob(filepath.Join("data", "index", "gen-*", "store", "*.zap"))
	if err != nil || len(segs) == 0 {
		t.Fatalf("no segments: %v", err)
	}
	for _, seg := range segs {
		data, err := os.ReadFile(seg)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(seg, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := mustRun(t, "search", "jeugdzorg")
	if code == 0 || !strings.Contains(errOut, "beschadigd") || !strings.Contains(errOut, "kennisbank index --rebuild") {
		t.Fatalf("search on a damaged index: exit %d, %s %s; want the damage and the command that repairs it", code, out, errOut)
	}
	if code, out, errOut := mustRun(t, "index", "--rebuild"); code != 0 || !strings.Contains(out, "2 geïndexeerd") {
		t.Fatalf("index --rebuild exit %d: %s %s", code, out, errOut)
	}
	if code, out, errOut := mustRun(t, "search", "jeugdzorg"); code != 0 || !strings.Contains(out, "expertisecentrum-jeugdhulp-limburg") {
		t.Fatalf("search after the rebuild: exit %d: %s %s", code, out, errOut)
	}
}
