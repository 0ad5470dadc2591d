package meeting

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kennisbank/indexer/extract"
	"kennisbank/internal/sharedtest"
)

// TestDebugActing prints, for the report named by KENNISBANK_DEBUG_REPORT, each
// sentence that makes somebody a speaker. It is a tool for reading the extractor's
// decisions and skips without the variable:
//
//	KENNISBANK_DEBUG_REPORT=path/to/report.txt go test ./indexer/meeting -run TestDebugActing -v
func TestDebugActing(t *testing.T) {
	path := os.Getenv("KENNISBANK_DEBUG_REPORT")
	if path == "" {
		t.Skip("KENNISBANK_DEBUG_REPORT not set")
	}
	r := parseFileNamed(t, path, "verslag.txt", Options{Now: fixedNow})
	for _, p := range r.Passages {
		if len(p.Speakers) > 0 {
			t.Logf("%v %d: %s", p.Speakers, p.Turn, strings.Join(strings.Fields(p.Text), " ")[:min(200, len(strings.Join(strings.Fields(p.Text), " ")))])
		}
	}
	for _, s := range r.Speakers {
		t.Logf("speaker %q role %q org %q aliases %q", s.Name, s.Role, s.Organisation, s.Aliases)
	}
}

// TestDumpParse writes what Parse reads from every report of the shared evaluation
// corpus, the sample reports and (with KENNISBANK_BENCH_CORPUS) the first 3,000 reports
// of a workload folder, one JSON file per report, into the folder named by
// KENNISBANK_PARSE_DUMP. Two dumps, before and after a change that should only make
// the reader faster, must be the same (diff -r). It skips without the variable:
//
//	KENNISBANK_PARSE_DUMP=/tmp/before go test ./indexer/meeting -run TestDumpParse
func TestDumpParse(t *testing.T) {
	out := os.Getenv("KENNISBANK_PARSE_DUMP")
	if out == "" {
		t.Skip("KENNISBANK_PARSE_DUMP not set")
	}
	themes, err := ParseThemes(mustRead(t, filepath.Join("..", "..", "corpus", "themes.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: fixedNow, Themes: themes}
	var paths []string
	for _, dir := range []string{sharedtest.Path(t, "eval-corpus"), sharedtest.Path(t, "seed-reports")} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			base := d.Name()
			if err != nil || d.IsDir() || strings.HasSuffix(base, ".yaml") || base == strings.ToUpper(strings.TrimSuffix(base, ".md"))+".md" {
				return err
			}
			paths = append(paths, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if dir := os.Getenv("KENNISBANK_BENCH_CORPUS"); dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries[:min(len(entries), 3000)] {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		doc, err := extract.File(context.Background(), p, extract.Options{})
		if err != nil {
			continue // the robustness folder holds files that must not extract
		}
		r := Parse(Input{Name: filepath.Base(p), Format: doc.Format, Text: doc.Text,
			Overrides: Overrides{Title: doc.Meta.Title, Date: doc.Meta.Date}}, opts)
		data, err := json.MarshalIndent(r, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%05d-%s.json", i, filepath.Base(p))
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d reports dumped into %s", len(paths), out)
}
