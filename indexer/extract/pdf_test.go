package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"kennisbank/internal/sharedtest"
)

// TestMain lets the test binary act as the PDF child process.
func TestMain(m *testing.M) {
	RunChildIfRequested()
	os.Exit(m.Run())
}

// outcome classifies a result for the robustness summary.
func outcome(doc Document, err error) string {
	var se *SkipError
	switch {
	case err == nil && strings.TrimSpace(doc.Text) != "":
		return "text"
	case err == nil:
		return "EMPTY TEXT WITHOUT ERROR"
	case errors.As(err, &se):
		r := se.Reason
		switch {
		case strings.Contains(r, "te lang"):
			return "skip: timeout"
		case strings.Contains(r, "geheugen"):
			return "skip: memory"
		case strings.Contains(r, "versleuteld"):
			return "skip: encrypted"
		case strings.Contains(r, "geen tekst"):
			return "skip: no text"
		case strings.Contains(r, "geen PDF"):
			return "skip: not a PDF"
		case strings.Contains(r, "beschadigd"):
			return "skip: damaged"
		}
		return "skip: other"
	}
	return "UNEXPECTED ERROR"
}

// TestPDFRobustness runs every file of the PDF robustness corpus through File. Each
// must end as text or as a *SkipError with a Dutch reason, within its deadline, and
// the test process must survive files that panic, hang or exhaust memory.
func TestPDFRobustness(t *testing.T) {
	dir := sharedtest.Path(t, "eval-corpus", "pdf-robustness")
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no PDFs in %s", dir)
	}
	const timeout = 5 * time.Second
	opts := Options{PDFTimeout: timeout, OCR: OCROptions{Off: true}} // the PDF reader alone

	type result struct {
		name    string
		outcome string
		reason  string
		elapsed time.Duration
		text    string
	}
	results := make([]result, len(files))
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	start := time.Now()
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t0 := time.Now()
			doc, err := File(context.Background(), f, opts)
			r := result{name: filepath.Base(f), outcome: outcome(doc, err), elapsed: time.Since(t0), text: doc.Text}
			var se *SkipError
			if errors.As(err, &se) {
				r.reason = se.Error()
			} else if err != nil {
				r.reason = err.Error()
			}
			results[i] = r
		}()
	}
	wg.Wait()
	total := time.Since(start)

	counts := map[string]int{}
	byName := map[string]result{}
	for _, r := range results {
		counts[r.outcome]++
		byName[r.name] = r
		t.Logf("%-55s %-16s %6.2fs %s", r.name, r.outcome, r.elapsed.Seconds(), truncate(r.reason, 120))
		if r.outcome == "UNEXPECTED ERROR" || r.outcome == "EMPTY TEXT WITHOUT ERROR" {
			t.Errorf("%s: %s %s", r.name, r.outcome, r.reason)
		}
		// The budget is CPU time, so a busy machine may take longer in wall time; only
		// the backstop in wall time bounds it.
		if r.elapsed > pdfWallFactor*timeout+3*time.Second {
			t.Errorf("%s took %v, beyond its backstop of %v", r.name, r.elapsed, pdfWallFactor*timeout)
		}
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sum strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&sum, "\n  %-18s %3d", k, counts[k])
	}
	t.Logf("%d PDFs in %v:%s", len(files), total.Round(time.Millisecond), sum.String())

	expect := map[string][]string{
		"pdfjs-GHOSTSCRIPT-698804-1-fuzzed.pdf": {"skip: memory", "skip: damaged"},
		"pdfjs-Pages-tree-refs.pdf":             {"skip: timeout", "skip: damaged", "text"},
		// The library loops on these two; our own page-tree walk with limits reads them.
		"pdfjs-poppler-67295-0.pdf":    {"skip: timeout", "skip: damaged", "skip: no text", "text"},
		"qpdf-append-xref-loop.pdf":    {"skip: timeout", "skip: damaged"},
		"qpdf-minimal.pdf":             {"text"},
		"pdfjs-tracemonkey.pdf":        {"text"},
		"qpdf-encrypted-v4-aes128.pdf": {"text"},
	}
	for name, want := range expect {
		r, ok := byName[name]
		if !ok {
			t.Errorf("%s: not in the corpus", name)
			continue
		}
		if !contains(want, r.outcome) {
			t.Errorf("%s: outcome %q (%s), want one of %q", name, r.outcome, r.reason, want)
		}
	}
	if r := byName["pdfjs-tracemonkey.pdf"]; !strings.Contains(r.text, "Trace-based Just-in-Time") {
		t.Errorf("tracemonkey text has no word spaces: %q", truncate(r.text, 200))
	}
}

// TestPDFReports extracts the real Dutch council and Tweede Kamer PDFs.
func TestPDFReports(t *testing.T) {
	dir := sharedtest.Path(t, "eval-corpus", "reports")
	tests := []struct {
		file string
		want []string
	}{
		{"tk-besluitenlijst-procedurevergadering-bzk-2009-04-02.pdf", []string{"procedurevergadering", "Den Haag"}},
		{"tk-besluitenlijst-procedurevergadering-fin-2016-10-26.pdf", []string{"procedurevergadering"}},
		{"tk-besluitenlijst-extra-procedurevergadering-buza-2011-03-08.pdf", []string{"procedurevergadering"}},
		{"tk-besluitenlijst-emailprocedure-bzk-2015-03-26.pdf", []string{"Besluitenlijst"}},
		{"besluitenlijst-raadsvergadering-2015-06-29.pdf", []string{"Wethouder", "Schuiling"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			doc, err := File(context.Background(), filepath.Join(dir, tt.file), Options{PDFTimeout: 10 * time.Second})
			if err != nil {
				t.Fatalf("File: %v", err)
			}
			if doc.Format != "pdf" {
				t.Errorf("Format = %q, want pdf", doc.Format)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("text lacks %q; starts %q", w, truncate(doc.Text, 300))
				}
			}
			if strings.ContainsRune(doc.Text, '\ufffd') {
				t.Errorf("text still has U+FFFD")
			}
			t.Logf("warnings: %q; %d chars; start: %q", doc.Warnings, len(doc.Text), truncate(doc.Text, 200))
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
