package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	"kennisbank/indexer"
	"kennisbank/server"
)

// serveProcsPerCPU is how many Go processors a server runs per CPU, unless GOMAXPROCS
// is set.
const serveProcsPerCPU = 2

// serveGCPercent is the garbage collector's GOGC for a server, unless GOGC is set.
const serveGCPercent = 400

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var cf commonFlags
	cf.register(fs)
	addr := fs.String("addr", "", "luisteradres, zoals 127.0.0.1:8080 (server.addr)")
	watch := fs.Bool("watch", false, "volg de corpusmap en verwerk nieuwe en gewijzigde verslagen direct")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	c, err := cf.load()
	if err != nil {
		return err
	}
	if *addr != "" {
		c.Server.Addr = *addr
		if err := c.Validate(); err != nil {
			return err
		}
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	if os.Getenv("GOMAXPROCS") == "" {
		// Searches run one per CPU (server.Options.MaxSearches); the extra processors
		// let light requests — suggestions, health checks, pages — run at once instead
		// of waiting for a search to yield its processor.
		runtime.GOMAXPROCS(serveProcsPerCPU * runtime.NumCPU())
	}
	// Searches allocate much short-lived memory while the heap stays small (the index
	// is mapped, not loaded): collect less often than Go's default.
	setGCPercent(serveGCPercent)
	setMemoryLimit(int64(servePolicy.floor))

	ix, err := openIndex(c, logger)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", c.Server.Addr)
	if err != nil {
		ix.Close()
		return fmt.Errorf("luisteren op %s: %w", c.Server.Addr, err)
	}
	searcher := &warmedIndex{Index: ix}
	srv := server.New(server.Options{
		Searcher:       searcher,
		Library:        ix,
		CORSOrigins:    c.Server.CORSOrigins,
		BaseURL:        c.Server.BaseURL,
		SearchTimeout:  c.Server.SearchTimeout,
		IngestToken:    c.Server.IngestToken,
		MaxUploadBytes: c.Extract.MaxFileSize,
		Logger:         logger,
	})

	// Serve at once (readyz answers 503 until the first sync is done), sync alongside.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go adaptMemoryLimit(ctx, servePolicy)
	syncDone := make(chan struct{})
	go func() {
		defer close(syncDone)
		start := time.Now()
		sum, err := ix.Sync(ctx, func(e indexerEvent) { logEvent(logger, e) })
		if err != nil {
			logger.Error("sync failed", "err", err)
			return
		}
		logger.Info("index in line with corpus", "indexed", sum.Indexed, "removed", sum.Removed,
			"skipped", sum.Skipped, "unchanged", sum.Unchanged, "took", time.Since(start).Round(time.Millisecond))
		// The caches first, so that the first searches do not wait for them (on a
		// million passages they take seconds), then the merge, searches being
		// answered meanwhile from the segments as they were; then the caches of the
		// merged segment. The server is ready once the caches are read.
		start = time.Now()
		if err := ix.Warm(); err != nil {
			logger.Error("reading the index caches failed", "err", err)
		}
		searcher.warm.Store(true)
		read, counted := ix.Searcher().TermCounts()
		logger.Info("index caches read", "took", time.Since(start).Round(time.Millisecond),
			"term_counts_read", read, "term_counts_counted", counted)
		start = time.Now()
		if n, err := ix.Compact(ctx); err != nil {
			logger.Error("merging the index segments failed", "err", err)
		} else if n > indexer.CompactAbove {
			logger.Info("index segments merged", "segments", n, "took", time.Since(start).Round(time.Millisecond))
		}
		if err := ix.Warm(); err != nil {
			logger.Error("reading the index caches failed", "err", err)
		}
		if !*watch {
			return
		}
		logger.Info("watching the corpus folder for changes", "dir", c.Corpus.Dir)
		err = ix.Watch(ctx, 0, func(e indexerEvent) { logEvent(logger, e) }, func(_ indexer.SyncSummary, err error) {
			if err != nil {
				logger.Error("sync after a change failed", "err", err)
			}
		})
		if err != nil {
			logger.Error("watching the corpus folder failed", "err", err)
		}
	}()
	fmt.Fprintf(stdout, "Kennisbank luistert op http://%s/\n", ln.Addr())
	err = srv.Serve(ctx, ln)
	cancel()
	// The sync, a merge and the index's own writes stop at the context or at closing;
	// a disk that takes no more writes must not keep the process from exiting.
	if !finishWithin(closeTimeout, func() {
		<-syncDone
		if cerr := ix.Close(); cerr != nil {
			logger.Error("closing the index failed", "err", cerr)
		}
	}) {
		logger.Error("closing the index took too long; exiting without waiting", "timeout", closeTimeout)
		return errCloseTimeout
	}
	return err
}

// warmedIndex is the index as the server sees it: ready only once the caches a search
// reads (report table, facets, suggestions, columns) have been read after the first
// sync. Before, /readyz said ready as soon as the sync was done, and on two million
// passages the first searches then waited 20 s for the caches and timed out.
type warmedIndex struct {
	*indexer.Index
	warm atomic.Bool
}

// Ready reports whether the index is in line with the corpus and its caches are read.
func (w *warmedIndex) Ready() bool { return w.warm.Load() && w.Index.Ready() }
