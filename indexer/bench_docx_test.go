package indexer

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkSyncDOCX indexes the synthetic corpus saved as Word files: MB of .docx per
// second (the files as they lie in the corpus) and MB of text per second.
//
//	KENNISBANK_BENCH_MB=10 go test ./indexer -run '^$' -bench SyncDOCX -benchtime 1x
func BenchmarkSyncDOCX(b *testing.B) {
	src := benchCorpus(b)
	dir := b.TempDir()
	var fileBytes int64
	entries, err := os.ReadDir(src)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if ext != ".txt" && ext != ".md" {
			continue
		}
		text, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, strings.TrimSuffix(e.Name(), ext)+".docx")
		n, err := writeDOCX(path, string(text))
		if err != nil {
			b.Fatal(err)
		}
		fileBytes += n
	}
	var sum SyncSummary
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ix, err := Open(Options{Dir: filepath.Join(b.TempDir(), "index"), CorpusDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err = ix.Sync(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.SetBytes(fileBytes)
	b.ReportMetric(float64(sum.TextBytes)/1e6/sum.Duration.Seconds(), "text-MB/s")
	b.ReportMetric(float64(sum.Indexed), "reports")
	if sum.Skipped > 0 {
		b.Errorf("%d files skipped", sum.Skipped)
	}
}

// writeDOCX saves text as a minimal Word document: "# " lines as headings in the
// built-in heading styles, other blocks as paragraphs. It returns the file's size.
func writeDOCX(path, text string) (int64, error) {
	var body strings.Builder
	for _, block := range strings.Split(text, "\n\n") {
		style := ""
		if h, ok := strings.CutPrefix(block, "# "); ok {
			block, style = h, "Heading1"
		} else if h, ok := strings.CutPrefix(block, "## "); ok {
			block, style = h, "Heading2"
		}
		body.WriteString("<w:p>")
		if style != "" {
			body.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		}
		for i, line := range strings.Split(block, "\n") {
			if i > 0 {
				body.WriteString("<w:r><w:br/></w:r>")
			}
			body.WriteString(`<w:r><w:t xml:space="preserve">`)
			xml.EscapeText(&body, []byte(line))
			body.WriteString("</w:t></w:r>")
		}
		body.WriteString("</w:p>")
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		return 0, err
	}
	if _, err := w.Write([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `</w:body></w:document>`)); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
