package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"kennisbank/indexer"
)

type indexerEvent = indexer.Event

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	var cf commonFlags
	cf.register(fs)
	strict := fs.Bool("strict", false, "eindig met een fout als er bestanden zijn overgeslagen")
	rebuild := fs.Bool("rebuild", false, "lees alle verslagen opnieuw in een nieuwe index naast de huidige en wissel die dan om; herstelt ook een beschadigde index")
	cpuProfile := fs.String("cpuprofile", "", "schrijf een CPU-profiel (pprof) van het indexeren naar dit bestand")
	memProfile := fs.String("memprofile", "", "schrijf na het indexeren een geheugenprofiel (pprof, allocaties) naar dit bestand")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	stopProfiles, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	defer func() {
		if perr := stopProfiles(); perr != nil {
			fmt.Fprintf(stderr, "kennisbank: %v\n", perr)
		}
	}()
	c, err := cf.load()
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	setMemoryLimit(int64(indexPolicy.floor))
	setGCPercent(indexGCPercent)
	adaptCtx, stopAdapting := context.WithCancel(ctx)
	defer stopAdapting()
	go adaptMemoryLimit(adaptCtx, indexPolicy)
	bar := newProgressBar(stderr)
	progress := func(e indexer.Event) {
		if line := eventLine(e); line != "" {
			bar.clear()
			fmt.Fprintln(stdout, line)
		}
		bar.draw(e.Done, e.Total)
	}
	var (
		ix  *indexer.Index
		sum indexer.SyncSummary
	)
	// index syncs and exits: the segment pages it reads need not stay resident.
	opts := indexOptions(c)
	opts.ReleasePages = true
	if *rebuild {
		// The index in use is not opened: it may be the reason for the rebuild.
		if err := ensureCorpus(c.Corpus.Dir, logger); err != nil {
			return err
		}
		ix, sum, err = indexer.OpenRebuilt(ctx, opts, progress)
		bar.clear()
		if err != nil {
			return indexError(c, err)
		}
		defer ix.Close()
	} else {
		if ix, err = openIndexWith(c, logger, opts); err != nil {
			return err
		}
		defer ix.Close()
		sum, err = ix.Sync(ctx, progress)
		bar.clear()
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "klaar: %d geïndexeerd, %d verwijderd, %d overgeslagen, %d ongewijzigd; %d passages, %.1f MB tekst in %s",
		sum.Indexed, sum.Removed, sum.Skipped, sum.Unchanged, sum.Passages, float64(sum.TextBytes)/1e6, sum.Duration.Round(1e6))
	if sum.TextBytes > 0 && sum.Duration > 0 {
		fmt.Fprintf(stdout, " (%.1f MB/s)", float64(sum.TextBytes)/1e6/sum.Duration.Seconds())
	}
	fmt.Fprintln(stdout)
	// One segment instead of many makes every search cheaper; searches do not wait
	// for it, so its time is reported apart from the indexing.
	stopAdapting()
	prepareCompactMemory()
	compactCtx, stopCompactAdapting := context.WithCancel(ctx)
	defer stopCompactAdapting()
	go adaptMemoryLimit(compactCtx, compactPolicy)
	start := time.Now()
	if n, err := ix.Compact(ctx); err != nil {
		return err
	} else if n > indexer.CompactAbove {
		fmt.Fprintf(stdout, "index samengevoegd: %d segmenten tot 1 in %s\n", n, time.Since(start).Round(time.Millisecond))
	}
	// Count the terms BM25 needs now, while the index is in this process's hands: a
	// server then starts without reading every posting (see search.CountStore).
	if err := ix.CountTerms(); err != nil {
		logger.Warn("termen niet vooraf geteld", "err", err)
	}
	if *strict && sum.Skipped > 0 {
		return fmt.Errorf("%d bestand(en) overgeslagen (--strict)", sum.Skipped)
	}
	return nil
}

// startProfiles starts a CPU profile into cpuPath and arranges a heap profile
// (allocations since the start, and what is in use at the end) into memPath; an
// empty path leaves that profile out. The returned function stops and writes them.
func startProfiles(cpuPath, memPath string) (stop func() error, err error) {
	var cpu *os.File
	if cpuPath != "" {
		if cpu, err = os.Create(cpuPath); err != nil {
			return nil, fmt.Errorf("cpu-profiel: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("cpu-profiel: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				errs = append(errs, fmt.Errorf("cpu-profiel: %w", err))
			}
		}
		if memPath != "" {
			if err := writeHeapProfile(memPath); err != nil {
				errs = append(errs, fmt.Errorf("geheugenprofiel: %w", err))
			}
		}
		return errors.Join(errs...)
	}, nil
}

// writeHeapProfile writes the heap profile to path, after a collection so that its
// in-use figures are current.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// eventLine renders one file's outcome as a line, or "" for a progress tick.
func eventLine(e indexer.Event) string {
	switch e.Action {
	case indexer.ActionIndexed:
		s := fmt.Sprintf("geïndexeerd: %s (%d passages)", e.File, e.Passages)
		if e.Garbled {
			s += " — let op: tekst lijkt onleesbaar"
		}
		return s
	case indexer.ActionRemoved:
		return "verwijderd: " + e.File
	case indexer.ActionSkipped:
		return "overgeslagen: " + e.File + ": " + e.Reason
	}
	return ""
}

func logEvent(logger *slog.Logger, e indexer.Event) {
	switch e.Action {
	case indexer.ActionIndexed:
		logger.Info("indexed", "file", e.File, "passages", e.Passages, "garbled", e.Garbled)
	case indexer.ActionRemoved:
		logger.Info("removed", "file", e.File)
	case indexer.ActionSkipped:
		logger.Warn("skipped", "file", e.File, "reason", e.Reason)
	}
}

// progressBar draws a bar on a terminal and nothing elsewhere.
type progressBar struct {
	w       io.Writer
	enabled bool
	drawn   bool
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	enabled := false
	if ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			enabled = true
		}
	}
	return &progressBar{w: w, enabled: enabled}
}

func (p *progressBar) draw(done, total int) {
	if !p.enabled || total == 0 {
		return
	}
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
	p.drawn = true
}

func (p *progressBar) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}
