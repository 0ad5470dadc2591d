package indexer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kennisbank/indexer/extract"
	"kennisbank/indexer/search"
)

// TestScannedReport indexes a scanned PDF (an image-only PDF of a printed report): its
// OCR text finds the report for phrases from it, and gives the meeting date.
func TestScannedReport(t *testing.T) {
	if ok, missing := extract.OCRTools("nld"); !ok {
		if os.Getenv("KENNISBANK_REQUIRE_OCR") == "1" {
			t.Fatalf("needs %s (KENNISBANK_REQUIRE_OCR=1): apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils", missing)
		}
		t.Skipf("skipped: %s is not installed (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils; KENNISBANK_REQUIRE_OCR=1 makes this a failure)", missing)
	}
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("extract", "testdata", "scan", "gescand-verslag.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Commissie Welzijn 1996.pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ix := mustOpen(t, dir)
	start := time.Now()
	sum, _ := mustSync(t, ix)
	t.Logf("indexed a 1-page scan in %v", time.Since(start).Round(time.Millisecond))
	if sum.Indexed != 1 {
		t.Fatalf("summary %+v, want the scan indexed", sum)
	}
	const id = "commissie-welzijn-1996"
	for _, q := range []string{`"veertig aanleunwoningen"`, `"peuterspeelzaal De Kikker"`, "bibliotheek zaterdag langer open"} {
		res, err := ix.Search(context.Background(), search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ReportID != id {
			t.Errorf("search %s: %+v, want %s first", q, res.Hits, id)
		}
	}
	rec, err := ix.Report(id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Date != "1996-03-12" {
		t.Errorf("date %q (%s), want 1996-03-12", rec.Date, rec.DateEvidence)
	}
	if !slices.Contains(rec.Warnings, extract.OCRWarning) {
		t.Errorf("warnings %q: the report must say its text came from OCR", rec.Warnings)
	}
}
