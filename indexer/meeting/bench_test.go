package meeting

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kennisbank/internal/corpusgen"
	"kennisbank/internal/sharedtest"
)

// BenchmarkParse reads synthetic reports recombined from the real ones (2 MB of text)
// and reports how many MB of report text Parse reads per second on one core:
//
//	go test ./indexer/meeting -run '^$' -bench Parse
//
// With KENNISBANK_BENCH_CORPUS set to the txt folder of the shared benchmark workload
// (../shared/bench), it reads the first 2,000 reports of that folder instead (about
// 11 MB), so that its figure compares with the indexing figures of the workload.
func BenchmarkParse(b *testing.B) {
	dir := os.Getenv("KENNISBANK_BENCH_CORPUS")
	if dir == "" {
		shared := sharedtest.Dir(b)
		src, err := corpusgen.ReadSources(context.Background(), corpusgen.SharedDirs(shared)...)
		if err != nil {
			b.Fatal(err)
		}
		dir = b.TempDir()
		if _, err := src.Write(dir, corpusgen.Options{Bytes: 2e6, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	entries = entries[:min(len(entries), 2000)]
	var inputs []Input
	var size int64
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, Input{Name: e.Name(), Format: "txt", Text: string(data)})
		size += int64(len(data))
	}
	themes, err := ParseThemes(mustRead(b, filepath.Join("..", "..", "corpus", "themes.yaml")))
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Now: fixedNow, Themes: themes}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, in := range inputs {
			Parse(in, opts)
		}
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
