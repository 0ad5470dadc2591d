package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"kennisbank/indexer/search"
	"kennisbank/internal/corpusgen"
	"kennisbank/internal/sharedtest"
)

// The indexing benchmarks run over a synthetic corpus recombined from the real reports
// (see internal/corpusgen). Its size is KENNISBANK_BENCH_MB megabytes (default 50), so
//
//	go test ./indexer -run '^$' -bench 'Sync|Reopen' -benchtime 1x -timeout 60m
//
// measures a full index of 50 MB of report text, and KENNISBANK_BENCH_MB=5 a quick one.

var (
	benchCorpusOnce sync.Once
	benchCorpusDir  string
	benchCorpusErr  error
)

// benchCorpus writes the synthetic corpus once per test binary into a temporary
// folder and returns it.
func benchCorpus(b *testing.B) string {
	b.Helper()
	shared := sharedtest.Dir(b)
	benchCorpusOnce.Do(func() {
		mb := 50.0
		if v := os.Getenv("KENNISBANK_BENCH_MB"); v != "" {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 {
				mb = f
			}
		}
		src, err := corpusgen.ReadSources(context.Background(), corpusgen.SharedDirs(shared)...)
		if err != nil {
			benchCorpusErr = err
			return
		}
		dir, err := os.MkdirTemp("", "kennisbank-bench-corpus-")
		if err != nil {
			benchCorpusErr = err
			return
		}
		if _, err := src.Write(dir, corpusgen.Options{Bytes: int64(mb * 1e6), Seed: 1}); err != nil {
			benchCorpusErr = err
			return
		}
		benchCorpusDir = dir
	})
	if benchCorpusErr != nil {
		b.Fatalf("bench corpus: %v", benchCorpusErr)
	}
	return benchCorpusDir
}

// peakRSSMB reads the process's peak resident set size (VmHWM) in MB, or 0 where
// /proc is not available.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseFloat(f[0], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

// BenchmarkSync indexes the whole synthetic corpus into a fresh on-disk index: report
// text MB/s, passages/s and the process's peak RSS.
func BenchmarkSync(b *testing.B) {
	dir := benchCorpus(b)
	var sum SyncSummary
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bs, _ := strconv.Atoi(os.Getenv("KENNISBANK_BENCH_BATCH"))
		ix, err := Open(Options{Dir: filepath.Join(b.TempDir(), "index"), CorpusDir: dir, BatchSize: bs})
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
	b.SetBytes(sum.TextBytes)
	b.ReportMetric(float64(sum.Indexed), "reports")
	b.ReportMetric(float64(sum.Passages), "passages")
	b.ReportMetric(float64(sum.Passages)/sum.Duration.Seconds(), "passages/s")
	b.ReportMetric(peakRSSMB(), "peakRSS-MB")
	if sum.Skipped > 0 {
		b.Errorf("%d files skipped", sum.Skipped)
	}
}

// BenchmarkReopen opens an index that is already in line with the corpus and syncs
// it: what a server does before /readyz answers.
func BenchmarkReopen(b *testing.B) {
	dir := benchCorpus(b)
	idx := filepath.Join(b.TempDir(), "index")
	ix, err := Open(Options{Dir: idx, CorpusDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := Open(Options{Dir: idx, CorpusDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := ix.Sync(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Indexed != 0 || sum.Unchanged == 0 {
			b.Fatalf("reopen sync = %+v, want nothing indexed", sum)
		}
		if !ix.Ready() {
			b.Fatal("index not ready after sync")
		}
		b.StopTimer()
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// benchIndex opens the index named by KENNISBANK_BENCH_INDEX over the corpus named by
// KENNISBANK_BENCH_CORPUS (made with `kennisbank index`), or builds one from the
// synthetic corpus.
func benchIndex(b *testing.B) *Index {
	b.Helper()
	if dir := os.Getenv("KENNISBANK_BENCH_INDEX"); dir != "" {
		ix, err := Open(Options{Dir: dir, CorpusDir: os.Getenv("KENNISBANK_BENCH_CORPUS")})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ix.Close() })
		return ix
	}
	ix, err := Open(Options{Dir: filepath.Join(b.TempDir(), "index"), CorpusDir: benchCorpus(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkSearchMix runs the benchmark query mix (../shared/bench/queries-mix.txt)
// through Search with facets and snippets, one query per iteration: the whole mix,
// and each kind of query in it (one word, words, phrases), in relevance order, in
// date order and grouped by report.
func BenchmarkSearchMix(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(sharedtest.Dir(b), "bench", "queries-mix.txt"))
	if err != nil {
		b.Fatal(err)
	}
	kinds := map[string][]string{}
	for _, q := range strings.Split(string(data), "\n") {
		if q = strings.TrimSpace(q); q == "" {
			continue
		}
		kind := "word"
		switch {
		case strings.HasPrefix(q, `"`):
			kind = "phrase"
		case strings.Contains(q, " "):
			kind = "words"
		}
		kinds["all"] = append(kinds["all"], q)
		kinds[kind] = append(kinds[kind], q)
	}
	ix := benchIndex(b)
	ctx := context.Background()
	for _, kind := range []string{"all", "word", "words", "phrase"} {
		for _, variant := range []string{"relevance", "date", "group"} {
			queries := kinds[kind]
			b.Run(kind+"/"+variant, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					r := search.Request{Query: queries[i%len(queries)]}
					switch variant {
					case "date":
						r.Sort = search.SortDateDesc
					case "group":
						r.Group = search.GroupReport
					}
					if _, err := ix.Search(ctx, r); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSuggest completes four-letter prefixes of the benchmark queries.
func BenchmarkSuggest(b *testing.B) {
	ix := benchIndex(b)
	prefixes := []string{"jeug", "gesl", "onde", "samen", "wach", "gemee", "Pete", "huis", "inko", "kind"}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ix.Suggest(ctx, prefixes[i%len(prefixes)], 8); err != nil {
			b.Fatal(err)
		}
	}
}
