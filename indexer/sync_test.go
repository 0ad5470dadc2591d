package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

// TestFailedSyncLeavesNoGoroutines makes a sync fail while its readers still have
// files to hand over (the report records can no longer be written) and checks that
// none of its goroutines is left behind.
func TestFailedSyncLeavesNoGoroutines(t *testing.T) {
	dir := t.TempDir()
	for i := range 80 {
		text := fmt.Sprintf("Verslag %d\n\nDe werkgroep sprak over jeugdzorg en de wachtlijsten in de regio (%d).\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("verslag-%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir, BatchSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ignore := goleak.IgnoreCurrent() // the index's own goroutines
	if err := ix.store.close(); err != nil {
		t.Fatal(err)
	}
	_, err = ix.Sync(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "write batch") {
		t.Fatalf("Sync: %v, want a failed batch", err)
	}
	goleak.VerifyNone(t, ignore)
}
