// Package corpusgen builds synthetic corpora of meeting reports for benchmarks, by
// recombining the paragraphs of real reports. The output is deterministic for a given
// seed and set of source files.
//
// Each generated report is a .txt file shaped like a real one: a title line, a blank
// line, in most reports a date line ("Dinsdag 18 mei 2021", with the right weekday),
// then 5 to 40 paragraphs separated by blank lines, some of them under a section
// heading.
package corpusgen

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"kennisbank/indexer/extract"
)

// Sources holds the paragraphs, headings and titles read from real reports.
type Sources struct {
	Titles     []string
	Headings   []string
	Paragraphs []string
}

// SharedDirs returns the folders of real reports in the shared evaluation material
// (the folder shared): the evaluation corpus and the customer's sample reports.
func SharedDirs(shared string) []string {
	return []string{filepath.Join(shared, "eval-corpus", "reports"), filepath.Join(shared, "seed-reports")}
}

// ReadSources reads every supported report file (.txt, .md, .html, .pdf, …) directly in
// the given folders through the extractor, and splits their text into paragraphs.
// Files that cannot be read are left out. It fails when no paragraph was found.
func ReadSources(ctx context.Context, dirs ...string) (*Sources, error) {
	var files []string
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("corpusgen: %w", err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() && extract.Supported(e.Name()) {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	sort.Strings(files)
	src := &Sources{}
	seen := map[string]bool{}
	for _, path := range files {
		doc, err := extract.File(ctx, path, extract.Options{})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		if t := strings.TrimSpace(doc.Meta.Title); t != "" && !strings.Contains(t, "\n") && !seen[t] {
			src.Titles = append(src.Titles, t)
			seen[t] = true
		}
		src.add(doc.Text, seen)
	}
	if len(src.Paragraphs) == 0 {
		return nil, errors.New("corpusgen: no paragraphs found in the source folders")
	}
	return src, nil
}

// add splits text into blocks at blank lines and files each as a title, heading or
// paragraph; duplicates are dropped.
func (s *Sources) add(text string, seen map[string]bool) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first := true
	for _, block := range strings.Split(text, "\n\n") {
		// Markdown headings come out of the extractor as "# " lines: keep their text.
		block = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(block), "#"))
		if block == "" {
			continue
		}
		isLine := !strings.Contains(block, "\n")
		n := utf8.RuneCountInString(block)
		switch {
		case first && isLine && n <= 120:
			if !seen[block] {
				s.Titles = append(s.Titles, block)
			}
		case isLine && n >= 3 && n <= 60 && !strings.ContainsAny(block[len(block)-1:], ".,;:"):
			if !seen[block] {
				s.Headings = append(s.Headings, block)
			}
		case n >= 40:
			if !seen[block] {
				s.Paragraphs = append(s.Paragraphs, block)
			}
		}
		first = false
		seen[block] = true
	}
	if len(s.Titles) == 0 {
		s.Titles = append(s.Titles, "Verslag")
	}
	if len(s.Headings) == 0 {
		s.Headings = append(s.Headings, "Mededelingen")
	}
}

// Options configure Write.
type Options struct {
	// Bytes is the least amount of report text to write.
	Bytes int64
	// Seed makes the output deterministic.
	Seed uint64
}

// Stats tells what Write wrote.
type Stats struct {
	Files int
	Bytes int64
}

var (
	weekdays = [...]string{"Zondag", "Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag"}
	months   = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december"}
	kinds = [...]string{"Verslag", "Notulen", "Verslag bijeenkomst", "Besluitenlijst", "Terugkoppeling"}
)

// DateLine writes t as a Dutch date line, such as "Dinsdag 18 mei 2021".
func DateLine(t time.Time) string {
	return fmt.Sprintf("%s %d %s %d", weekdays[t.Weekday()], t.Day(), months[t.Month()-1], t.Year())
}

// Write writes reports into dir (created when missing) as verslag-NNNNNN.txt until at
// least opts.Bytes of text have been written.
func (s *Sources) Write(dir string, opts Options) (Stats, error) {
	var st Stats
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("corpusgen: %w", err)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6b656e6e6973))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	base := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	for st.Bytes < opts.Bytes {
		b.Reset()
		day := base.AddDate(0, 0, rng.IntN(18*365))
		title := pick(s.Titles)
		if rng.IntN(2) == 0 {
			title = pick(kinds[:]) + ": " + pick(s.Headings)
		}
		b.WriteString(title)
		b.WriteString("\n\n")
		if rng.IntN(10) < 7 {
			b.WriteString(DateLine(day))
			b.WriteString("\n\n")
		}
		n := 5 + rng.IntN(36)
		for i := 0; i < n; i++ {
			if i > 0 && rng.IntN(4) == 0 {
				b.WriteString(pick(s.Headings))
				b.WriteString("\n\n")
			}
			b.WriteString(pick(s.Paragraphs))
			b.WriteString("\n\n")
		}
		name := filepath.Join(dir, fmt.Sprintf("verslag-%06d.txt", st.Files+1))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return st, fmt.Errorf("corpusgen: %w", err)
		}
		st.Files++
		st.Bytes += int64(b.Len())
	}
	return st, nil
}
