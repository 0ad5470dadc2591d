package server

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/internal/corpusgen"
)

// BenchmarkExport exports a whole index and reports how far the live Go heap grew
// while it ran, above the heap of the open index with its report list read (a server
// holds that list anyway): an export holds one report's passages at a time, so the
// figure stays flat however large the collection is.
//
// Without settings it exports a corpus of about 5 MB (some 11,000 passages) generated
// from the sample reports; KENNISBANK_BENCH_INDEX and KENNISBANK_BENCH_CORPUS name an
// index already built (the shared workload, see README), which is opened as it is.
func BenchmarkExport(b *testing.B) {
	ix := benchExportIndex(b)
	if _, err := ix.Reports(); err != nil {
		b.Fatal(err)
	}
	passages := ix.Status().Passages
	for _, format := range []string{ExportNDJSON, ExportCSV} {
		b.Run(format, func(b *testing.B) {
			var growth uint64
			var written int64
			for b.Loop() {
				w := newHeapWriter()
				if err := WriteExport(context.Background(), w, ix, format); err != nil {
					b.Fatal(err)
				}
				growth, written = max(growth, w.peak-w.base), w.n
			}
			b.ReportMetric(float64(passages), "passages")
			b.ReportMetric(float64(written)/1e6, "MB-written")
			b.ReportMetric(float64(growth)/1e6, "MB-live-heap-growth")
		})
	}
}

// heapWriter counts what is written to it and throws it away. Every 4 MB it collects
// the garbage and reads the live heap, in the exporting goroutine itself, so that the
// reading is what the export holds at that point.
type heapWriter struct {
	n, next    int64
	base, peak uint64
}

func newHeapWriter() *heapWriter {
	w := &heapWriter{}
	w.base = liveHeap()
	w.peak = w.base
	return w
}

func (w *heapWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	if w.n >= w.next {
		w.next = w.n + 4<<20
		w.peak = max(w.peak, liveHeap())
	}
	return len(p), nil
}

// liveHeap collects the garbage and returns the bytes of the heap still in use.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
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
