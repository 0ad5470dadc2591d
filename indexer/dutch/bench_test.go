package dutch

import (
	"os"
	"runtime"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"

	"kennisbank/internal/sharedtest"
)

// benchDocs returns the shared seed reports, repeated to about 200 KB in all. Each
// copy is analysed as its own document, as the indexer does; per-document memos
// gain nothing from the repetition.
func benchDocs(b *testing.B) (docs [][]byte, size int) {
	b.Helper()
	var seed [][]byte
	for _, name := range []string{"expertisecentrum-jeugdhulp-limburg.txt", "mvs-terugkoppelbijeenkomst.txt"} {
		data, err := os.ReadFile(sharedtest.Path(b, "seed-reports", name))
		if err != nil {
			b.Fatal(err)
		}
		seed = append(seed, data)
	}
	for size < 200<<10 {
		for _, d := range seed {
			docs = append(docs, d)
			size += len(d)
		}
	}
	return docs, size
}

func benchmarkAnalyzer(b *testing.B, name string) {
	docs, size := benchDocs(b)
	m := mapping.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		b.Fatal(err)
	}
	a := m.AnalyzerNamed(name)
	tokens := 0
	for _, d := range docs {
		tokens += len(a.Analyze(d))
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			a.Analyze(d)
		}
	}
	b.ReportMetric(float64(tokens), "tokens/op")
}

// BenchmarkAnalyzer measures the full nl_kb chain; compare BenchmarkAnalyzerBleveNL
// for Bleve's built-in nl analyser on the same text.
func BenchmarkAnalyzer(b *testing.B) { benchmarkAnalyzer(b, Analyzer) }

// BenchmarkAnalyzerExact measures nl_exact.
func BenchmarkAnalyzerExact(b *testing.B) { benchmarkAnalyzer(b, ExactAnalyzer) }

// BenchmarkAnalyzerBleveNL is the baseline: Bleve's own Dutch analyser.
func BenchmarkAnalyzerBleveNL(b *testing.B) { benchmarkAnalyzer(b, "nl") }

func BenchmarkKnownWordShare(b *testing.B) {
	docs, size := benchDocs(b)
	KnownWordShare("") // load the lexicon outside the timing
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			KnownWordShare(string(d))
		}
	}
}

// TestListMemory reports what the parsed word lists cost on the heap.
func TestListMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l, err := parseLists()
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("lists: %d compound parts, %d -es plurals, lexicon %d forms in %d bytes; heap %.2f MB",
		len(l.parts), len(l.esBase), l.lexicon.Len(), l.lexicon.SizeBytes(), float64(heap)/(1<<20))
	if heap > 8<<20 {
		t.Errorf("word lists take %.1f MB of heap, want < 8 MB", float64(heap)/(1<<20))
	}
	runtime.KeepAlive(l)
}
