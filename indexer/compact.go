package indexer

import (
	"context"
	"fmt"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	index "github.com/blevesearch/bleve_index_api"
	zapx "github.com/blevesearch/zapx/v17"
)

// CompactAbove is the number of index segments above which Compact merges them.
// Bleve merges segments as it goes but leaves a large index in about a dozen of them,
// and every search looks each of its terms up in every segment: on 200,000 passages,
// one segment instead of sixteen takes about a third off a search.
const CompactAbove = 2

// Segments returns the number of segments the index is made of now.
func (ix *Index) Segments() (int, error) {
	r, err := ix.reader()
	if err != nil {
		return 0, fmt.Errorf("indexer: segments: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return 0, fmt.Errorf("indexer: segments: unexpected index reader %T", r)
	}
	return len(snap.Segments()), nil
}

// Compact merges the index's segments into one when there are more than CompactAbove,
// in as many rounds as that takes, and returns how many there were. A segment written while it runs (the last batch
// reaching the disk) may stay beside the merged one. Searches go on while it runs, on
// the segments as they were; it takes some seconds per hundred megabytes of reports,
// and returns once the merged-away files are gone from disk.
func (ix *Index) Compact(ctx context.Context) (int, error) {
	n, err := ix.Segments()
	if err != nil {
		return n, err
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return n, fmt.Errorf("indexer: compact: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return n, fmt.Errorf("indexer: compact: unexpected index %T", adv)
	}
	if n <= CompactAbove {
		// Bleve's own merger got there first; the files it merged away may still be
		// on disk.
		return n, ix.waitForCleanup(ctx, s)
	}
	// All segments are merged in one task: Bleve's single-segment plan merges ten at a
	// time, so 19 segments take two rounds and every passage is written twice. A round
	// may still leave more than one (a merge is capped by Bleve's merge plan): go on
	// until one is left, or a round leaves as many as before.
	opts := mergeplan.SingleSegmentMergePlanOptions
	opts.SegmentsPerMergeTask = max(n, opts.SegmentsPerMergeTask)
	// A merge reads every segment through its memory map, and the pages it had read
	// stayed resident until it ended: on the benchmark corpus some 315 MB of the 405
	// MB peak of `index`.
	stopReleasing := releasingPagesOf(s)
	err = ix.mergeRounds(ctx, s, &opts, n)
	stopReleasing()
	if err != nil {
		return n, err
	}
	return n, ix.waitForCleanup(ctx, s)
}

// mergeRounds merges the index's n segments with opts until one is left, or a round
// leaves as many as before.
func (ix *Index) mergeRounds(ctx context.Context, s *scorch.Scorch, opts *mergeplan.MergePlanOptions, n int) error {
	for left := n; left > 1 && ctx.Err() == nil; {
		if err := s.ForceMerge(ctx, opts); err != nil {
			return fmt.Errorf("indexer: compact: %w", err)
		}
		now, err := ix.Segments()
		if err != nil {
			return err
		}
		if now >= left {
			break
		}
		left = now
	}
	return nil
}

// staleFiles reports whether the index folder holds segment files beyond those in use.
func staleFiles(s *scorch.Scorch) bool {
	m := s.StatsMap()
	files, ok1 := m["CurOnDiskFiles"].(uint64)
	inUse, ok2 := m["TotFileSegmentsAtRoot"].(uint64)
	return ok1 && ok2 && files > inUse+1 // +1: Bleve's root.bolt
}

// cleanupTimeout bounds how long Compact waits for the merged-away segment files to
// go from disk.
const cleanupTimeout = 10 * time.Second

// nudgeEvery is how long Compact lets merged-away files linger before it has Bleve
// write its state down again.
const nudgeEvery = 500 * time.Millisecond

// waitForCleanup waits until the index folder holds no segment files beyond those in
// use, or until cleanupTimeout. Bleve removes the others when it writes its state down
// and no snapshot holds them any more; a file that a search (or the merge itself) still
// held then stays until Bleve next writes, which an index at rest does not do. Without
// the wait a command that closes the index right after merging leaves the old files on
// disk, doubling its size, until the index is next opened; without the nudge (writing
// the mapping version again, which has Bleve write its state down) the wait ran out in
// about one merge of eight on the benchmark corpus.
func (ix *Index) waitForCleanup(ctx context.Context, s *scorch.Scorch) error {
	deadline := time.Now().Add(cleanupTimeout)
	nudged := time.Now()
	for time.Now().Before(deadline) && ctx.Err() == nil && staleFiles(s) {
		if time.Since(nudged) >= nudgeEvery {
			if err := ix.bleve.SetInternal([]byte(internalMappingVersion), []byte(mappingVersion)); err != nil {
				return fmt.Errorf("indexer: compact: %w", err)
			}
			nudged = time.Now()
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// Warm reads what the first search would otherwise wait for (see
// search.Engine.Warm).
func (ix *Index) Warm() error { return ix.search.Warm() }

// reader opens a reader of the index in use; the caller closes it.
func (ix *Index) reader() (index.IndexReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// releaseEvery is how often the pages of segment files are dropped from the
// process's resident set (see releaseMapped); tests shorten it.
var releaseEvery = time.Second

// releasingPages drops the pages of the index's segment files from the process's
// resident set every releaseEvery, until the returned stop is called (see
// releasingPagesOf).
func (ix *Index) releasingPages() (stop func()) {
	adv, err := ix.bleve.Advanced()
	s, ok := adv.(*scorch.Scorch)
	if err != nil || !ok {
		return func() {}
	}
	return releasingPagesOf(s)
}

// releasingPagesOf drops the pages of the segment files of s's snapshot from the
// process's resident set every releaseEvery, on a goroutine of its own, until the
// returned stop is called (which waits for it). A sync's segments, written and merged
// by Bleve in the background, and the segments a merge reads are read through memory
// maps, and their pages would stay resident beside the heap. Dropped pages stay in
// the kernel's page cache; reading them again maps them back at the cost of a minor
// fault.
func releasingPagesOf(s *scorch.Scorch) (stop func()) {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(releaseEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if r, err := s.Reader(); err == nil {
					releaseMapped(r)
					r.Close()
				}
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}

// releaseMapped drops the pages of the segment files of snapshot r from the process's
// resident set. The caller holds r, so that no segment is unmapped (and its addresses
// reused) meanwhile.
func releaseMapped(r index.IndexReader) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return
	}
	for _, ss := range snap.Segments() {
		if zs, ok := ss.Segment().(*zapx.Segment); ok && len(zs.Data()) > 0 {
			_ = syscall.Madvise(zs.Data(), syscall.MADV_DONTNEED) // advice only: an error changes nothing
		}
	}
}
