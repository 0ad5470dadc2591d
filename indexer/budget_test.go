package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kennisbank/indexer/extract"
)

// longReport is a report of n short paragraphs.
func longReport(n int) string {
	var b strings.Builder
	b.WriteString("# Verslag van de lange vergadering\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "Punt %d: de wijkraad bespreekt het speelveld aan de Lindelaan.\n\n", i+1)
	}
	return b.String()
}

// TestReadBudgets holds every format to the same budgets: a long report is written a
// batch at a time and found whole; a text over the text budget and a report over the
// time budget end with a reason while the other reports are indexed.
func TestReadBudgets(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		file     string
		content  string
		passages int    // of the long file when it is indexed
		skip     string // the start of the reason when it is skipped
	}{
		{"long report in batches", Options{BatchSize: 40}, "lang.txt", longReport(150), 150, ""},
		{"long markdown report", Options{BatchSize: 40}, "lang.md", longReport(90), 90, ""},
		{"text over budget", Options{Extract: extract.Options{MaxTextBytes: 1000}}, "lang.html",
			"<html><body><p>" + strings.Repeat("vergadering ", 200) + "</p></body></html>", 0, "tekst is te lang"},
		{"reading over budget", Options{ReadTimeout: time.Nanosecond}, "lang.txt", longReport(2000), 0,
			"verwerking duurde te lang"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "kort.txt"), []byte("De wijkraad vergaderde kort.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			opts := tt.opts
			opts.Dir, opts.CorpusDir = filepath.Join(t.TempDir(), "index"), dir
			ix, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			var reasons []string
			sum, err := ix.Sync(context.Background(), func(e Event) {
				if e.Action == ActionSkipped {
					reasons = append(reasons, e.Reason)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if tt.skip != "" {
				// A budget of a nanosecond skips the short report too.
				if len(reasons) == 0 || sum.Skipped != len(reasons) {
					t.Fatalf("skipped %d %q, want the long report skipped", sum.Skipped, reasons)
				}
				for _, r := range reasons {
					if !strings.HasPrefix(r, tt.skip) {
						t.Fatalf("reason %q, want one starting %q", r, tt.skip)
					}
				}
				if tt.opts.ReadTimeout == 0 && sum.Indexed != 1 {
					t.Fatalf("indexed %d, want the short report", sum.Indexed)
				}
				return
			}
			if sum.Indexed != 2 || sum.Passages != tt.passages+1 {
				t.Fatalf("sync = %+v, want 2 reports with %d passages", sum, tt.passages+1)
			}
			id := strings.TrimSuffix(tt.file, filepath.Ext(tt.file))
			ps, err := ix.Passages(context.Background(), id)
			if err != nil || len(ps) != tt.passages {
				t.Fatalf("Passages(%s) = %d, %v; want %d", id, len(ps), err, tt.passages)
			}
			n, _ := ix.bleve.DocCount()
			if int(n) != tt.passages+1 {
				t.Fatalf("doc count %d, want %d", n, tt.passages+1)
			}
			// Indexed again after a change: the old passages go, all of them.
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(longReport(tt.passages/2)), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Sync(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if n, _ := ix.bleve.DocCount(); int(n) != tt.passages/2+1 {
				t.Fatalf("doc count after the change %d, want %d", n, tt.passages/2+1)
			}
		})
	}
}
