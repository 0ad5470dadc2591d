// Command corpusgen writes a synthetic corpus of meeting reports for benchmarks: at
// least --mb MB (10^6 bytes) of .txt reports made by recombining, deterministically
// from --seed, the paragraphs of the real reports in the --from folders.
//
//	go run ./cmd/corpusgen --out /tmp/corpus-60 --mb 60
//
// By default the paragraphs come from the shared evaluation reports beside the
// repository (../shared/eval-corpus/reports and ../shared/seed-reports, found from the
// module root).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"kennisbank/indexer/extract"
	"kennisbank/internal/corpusgen"
	"kennisbank/internal/modroot"
)

func main() {
	extract.RunChildIfRequested()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

func run() error {
	out := flag.String("out", "", "folder to write the reports into (required)")
	mb := flag.Float64("mb", 60, "least amount of report text to write, in MB (10^6 bytes)")
	seed := flag.Uint64("seed", 1, "seed of the recombination")
	from := flag.String("from", "", "comma-separated folders of real reports (default: ../shared/eval-corpus/reports and ../shared/seed-reports beside the module root)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		return errors.New("--out is required")
	}
	var dirs []string
	if *from != "" {
		dirs = strings.Split(*from, ",")
	} else {
		shared, err := modroot.Shared()
		if err != nil {
			return fmt.Errorf("shared evaluation material not found beside the repository (%w); give --from", err)
		}
		dirs = corpusgen.SharedDirs(shared)
	}
	src, err := corpusgen.ReadSources(context.Background(), dirs...)
	if err != nil {
		return err
	}
	st, err := src.Write(*out, corpusgen.Options{Bytes: int64(*mb * 1e6), Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d reports, %.1f MB, into %s (from %d paragraphs, %d headings, %d titles)\n",
		st.Files, float64(st.Bytes)/1e6, *out, len(src.Paragraphs), len(src.Headings), len(src.Titles))
	return nil
}
