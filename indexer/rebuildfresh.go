package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"kennisbank/indexer/search"
)

// OpenRebuilt builds a new generation of the index from the corpus alone and makes it
// the one in use, without opening the generation in use: a damaged index is repaired
// by it ('kennisbank index --rebuild'). It fails with ErrLocked when a running process
// holds the index. The generation it replaces is removed once the new one is current;
// when the build fails, the index is left as it was.
func OpenRebuilt(ctx context.Context, opts Options, progress func(Event)) (*Index, SyncSummary, error) {
	opts = opts.withDefaults()
	if opts.Dir == "" {
		return nil, SyncSummary{}, errors.New("indexer: no index folder given")
	}
	oldPath, err := currentPath(opts.Dir)
	if err != nil {
		return nil, SyncSummary{}, err
	}
	// Hold the lock of the generation in use while building, so that no server starts
	// on it meanwhile. Records that cannot be opened for damage are no obstacle.
	var oldStore *recordStore
	if oldPath != "" {
		if _, err := os.Stat(oldPath); err == nil {
			oldStore, err = openRecords(oldPath, opts.LockTimeout)
			if errors.Is(err, ErrLocked) {
				return nil, SyncSummary{}, err
			}
		}
	}
	closeOld := func() {
		if oldStore != nil {
			_ = oldStore.close()
			oldStore = nil
		}
	}
	defer closeOld()

	base := oldPath
	if base == "" {
		base = filepath.Join(opts.Dir, "gen-0")
	}
	newPath := nextGeneration(opts.Dir, base)
	if err := os.RemoveAll(newPath); err != nil {
		return nil, SyncSummary{}, fmt.Errorf("indexer: clear %s: %w", newPath, err)
	}
	b, err := createBleve(newPath)
	if err != nil {
		return nil, SyncSummary{}, err
	}
	store, err := openRecords(newPath, opts.LockTimeout)
	if err != nil {
		_ = b.Close()
		_ = os.RemoveAll(newPath)
		return nil, SyncSummary{}, err
	}
	removeLeftovers(opts.CorpusDir)
	ix := &Index{opts: opts, cur: b, store: store, path: newPath, bleve: bleve.NewIndexAlias(b),
		manifest: manifest{Files: map[string]manifestEntry{}}, search: search.NewEngine()}
	ix.search.SetCountStore(countStore{ix})
	ix.handOver()
	sum, err := ix.Sync(ctx, progress)
	if err == nil {
		err = setCurrent(opts.Dir, newPath)
	}
	if err != nil {
		_ = ix.Close()
		_ = os.RemoveAll(newPath)
		return nil, sum, err
	}
	closeOld()
	if oldPath != "" {
		// The new generation is in use: a folder of the old one that cannot be removed
		// takes space but no part in searches.
		_ = os.RemoveAll(oldPath)
	}
	return ix, sum, nil
}
