package server

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/internal/corpusgen"
)

// BenchmarkExport exports a whole index and reports the peak of the Go heap while it
// runs, above the heap of the open index with its report list read: an export holds
// one report's passages at a time, so the figure stays flat as the collection grows.
//
// Without settings it exports a corpus of about 5 MB (some 20,000 passages) generated
// from the sample reports; KENNISBANK_BENCH_INDEX and KENNISBANK_BENCH_CORPUS name an
// index already built (the shared workload, see README), which is opened as it is.
func BenchmarkExport(b *testing.B) {
	ix := benchExportIndex(b)
	if _, err := ix.Reports(); err != nil { // a server holds this list anyway
		b.Fatal(err)
	}
	passages := ix.Status().Passages
	for _, format := range []string{ExportNDJSON, ExportCSV} {
		b.Run(format, func(b *testing.B) {
			var peak, written uint64
			for b.Loop() {
				var w countingWriter
				p, err := peakHeap(func() error { return WriteExport(context.Background(), &w, ix, format) })
				if err != nil {
					b.Fatal(err)
				}
				peak, written = max(peak, p), uint64(w.n)
			}
			b.ReportMetric(float64(passages), "passages")
			b.ReportMetric(float64(written)/1e6, "MB-written")
			b.ReportMetric(float64(peak)/1e6, "MB-peak-heap-growth")
		})
	}
}

// peakHeap runs f and returns the most the in-use heap grew above where it stood
// before, sampled every 2 ms.
func peakHeap(f func() error) (uint64, error) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	})
	err := f()
	close(done)
	wg.Wait()
	return peak - base, err
}

// benchExportIndex opens the index named by KENNISBANK_BENCH_INDEX, or indexes a
// corpus generated from the sample reports.
func benchExportIndex(b *testing.B) *indexer.Index {
	b.Helper()
	if dir := os.Getenv("KENNISBANK_BENCH_INDEX"); dir != "" {
		ix, err := indexer.Open(indexer.Options{Dir: dir, CorpusDir: os.Getenv("KENNISBANK_BENCH_CORPUS")})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ix.Close() })
		return ix
	}
	samples := filepath.Join(b.TempDir(), "samples")
	if err := corpus.WriteTo(samples); err != nil {
		b.Fatal(err)
	}
	src, err := corpusgen.ReadSources(context.Background(), samples)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := src.Write(dir, corpusgen.Options{Bytes: 5e6, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(b.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	return ix
}

// countingWriter counts what is written to it and throws it away.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
