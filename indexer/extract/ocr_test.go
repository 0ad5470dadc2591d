package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// requireOCR skips t when Tesseract (with the Dutch model) and Poppler are missing,
// or fails it when KENNISBANK_REQUIRE_OCR=1 says they must be there (as in CI).
func requireOCR(t testing.TB) {
	t.Helper()
	if ok, missing := OCRTools("nld"); !ok {
		if os.Getenv("KENNISBANK_REQUIRE_OCR") == "1" {
			t.Fatalf("OCR test needs %s (KENNISBANK_REQUIRE_OCR=1): apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils", missing)
		}
		t.Skipf("OCR test skipped: %s is not installed (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils; KENNISBANK_REQUIRE_OCR=1 makes this a failure)", missing)
	}
}

func TestOCRScan(t *testing.T) {
	requireOCR(t)
	start := time.Now()
	doc, err := File(context.Background(), filepath.Join("testdata", "scan", "gescand-verslag.pdf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("OCR of 1 page: %v", time.Since(start).Round(time.Millisecond))
	if !doc.OCR || doc.Format != "pdf" || len(doc.Warnings) == 0 || doc.Warnings[0] != OCRWarning {
		t.Errorf("OCR %v, format %q, warnings %q: want the report to say its text came from OCR", doc.OCR, doc.Format, doc.Warnings)
	}
	for _, s := range []string{
		"Notulen van de raadscommissie Welzijn",
		"dinsdag 12 maart 1996",
		"veertig aanleunwoningen",
		"peuterspeelzaal De Kikker",
		"bibliotheek op zaterdag langer open",
	} {
		if !strings.Contains(strings.Join(strings.Fields(doc.Text), " "), s) {
			t.Errorf("OCR text lacks %q:\n%s", s, doc.Text)
		}
	}
}

func TestOCRBadInput(t *testing.T) {
	requireOCR(t)
	tests := []struct {
		name   string
		file   string
		opts   OCROptions
		reason string
	}{
		{"1000 blank pages", "blanco-1000.pdf", OCROptions{BlankPages: 3, DPI: 100}, "OCR vindt geen tekst op de eerste 3 pagina's"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := File(context.Background(), filepath.Join("testdata", "scan", tt.file), Options{OCR: tt.opts})
			var se *SkipError
			if !errors.As(err, &se) || !strings.Contains(se.Reason, tt.reason) {
				t.Fatalf("err = %v, want a skip with %q", err, tt.reason)
			}
			t.Logf("%s: %v", tt.name, time.Since(start).Round(time.Millisecond))
		})
	}
}

// fakeTools puts programs named tesseract, pdftoppm and pdfinfo first on PATH: pdfinfo
// reports one page, pdftoppm writes nothing, tesseract knows "nld" and then runs
// script.
func fakeTools(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	progs := map[string]string{
		"pdfinfo":   "#!/bin/sh\necho 'Pages:          1'\n",
		"pdftoppm":  "#!/bin/sh\nexit 0\n",
		"tesseract": "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo nld; exit 0; fi\n" + script + "\n",
	}
	for name, body := range progs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestOCRLimits holds the reasons for OCR that cannot run or does not end: the
// programs stand in for Tesseract.
func TestOCRLimits(t *testing.T) {
	scan := filepath.Join("testdata", "scan", "gescand-verslag.pdf")
	t.Run("not installed", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := File(context.Background(), scan, Options{})
		var se *SkipError
		if !errors.As(err, &se) || !strings.Contains(se.Reason, "OCR is niet beschikbaar") ||
			!strings.Contains(se.Reason, "apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils") {
			t.Fatalf("err = %v, want a skip that says how to enable OCR", err)
		}
	})
	t.Run("endless recognition", func(t *testing.T) {
		if _, err := os.Stat("/bin/sh"); err != nil {
			t.Skip("no /bin/sh")
		}
		fakeTools(t, "while :; do :; done")
		start := time.Now()
		_, err := File(context.Background(), scan, Options{OCR: OCROptions{PageCPU: time.Second}})
		var se *SkipError
		if !errors.As(err, &se) || !strings.Contains(se.Reason, "duurde te lang (meer dan 1 s rekentijd)") {
			t.Fatalf("err = %v, want a skip for the CPU limit", err)
		}
		t.Logf("stopped after %v", time.Since(start).Round(time.Millisecond))
	})
	t.Run("crash", func(t *testing.T) {
		fakeTools(t, "echo 'Segmentation fault' >&2; kill -SEGV $$")
		_, err := File(context.Background(), scan, Options{})
		var se *SkipError
		if !errors.As(err, &se) || !strings.Contains(se.Reason, "OCR van pagina 1 van de scan mislukte") {
			t.Fatalf("err = %v, want a skip for the crash", err)
		}
	})
}
