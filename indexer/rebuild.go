package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"kennisbank/indexer/search"
)

// Rebuild reads every corpus file into a fresh index beside the one in use and then
// swaps it in: searches keep working on the old index until the swap and on the new
// one after it. Changes made to the corpus during the rebuild are picked up by a sync
// right after the swap. On failure the index in use is left as it was.
func (ix *Index) Rebuild(ctx context.Context, progress func(Event)) (SyncSummary, error) {
	ix.mu.RLock()
	oldPath := ix.path
	ix.mu.RUnlock()
	newPath := nextGeneration(ix.opts.Dir, oldPath)
	if err := os.RemoveAll(newPath); err != nil {
		return SyncSummary{}, fmt.Errorf("indexer: clear %s: %w", newPath, err)
	}
	b, err := createBleve(newPath)
	if err != nil {
		return SyncSummary{}, err
	}
	store, err := openRecords(newPath, ix.opts.LockTimeout)
	if err != nil {
		_ = b.Close()
		_ = os.RemoveAll(newPath)
		return SyncSummary{}, err
	}
	side := &Index{opts: ix.opts, cur: b, store: store, path: newPath, bleve: bleve.NewIndexAlias(b),
		manifest: manifest{Files: map[string]manifestEntry{}}, search: search.NewEngine()}
	side.search.SetCountStore(countStore{side})
	sum, err := side.Sync(ctx, progress)
	if err != nil {
		_ = b.Close()
		_ = store.close()
		_ = os.RemoveAll(newPath)
		return sum, err
	}

	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	if err := setCurrent(ix.opts.Dir, newPath); err != nil {
		_ = b.Close()
		_ = store.close()
		_ = os.RemoveAll(newPath)
		return sum, err
	}
	ix.mu.Lock()
	old, oldStore := ix.cur, ix.store
	ix.bleve.Swap([]bleve.Index{b}, []bleve.Index{old}) // waits for running searches on old
	ix.cur, ix.store, ix.path = b, store, newPath
	ix.manifest = side.manifest
	ix.records = nil
	ix.lastSync, ix.syncTook, ix.synced = time.Now(), sum.Duration, true
	ix.mu.Unlock()
	ix.handOver()
	if err := old.Close(); err != nil {
		return sum, fmt.Errorf("indexer: close the replaced index: %w", err)
	}
	if err := oldStore.close(); err != nil {
		return sum, fmt.Errorf("indexer: close the replaced records: %w", err)
	}
	if err := os.RemoveAll(oldPath); err != nil {
		return sum, fmt.Errorf("indexer: remove the replaced index: %w", err)
	}
	// Catch up with changes made while the new index was being built.
	more, err := ix.syncLocked(ctx, progress)
	sum.Indexed += more.Indexed
	sum.Removed += more.Removed
	sum.Passages += more.Passages
	sum.TextBytes += more.TextBytes
	return sum, err
}

// nextGeneration returns the folder for the generation after the one at path.
func nextGeneration(dir, path string) string {
	n, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(path), "gen-"))
	if err != nil {
		n = 0
	}
	return filepath.Join(dir, "gen-"+strconv.Itoa(n+1))
}
