package indexer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultQuiet is how long the corpus folder must be still before Watch syncs, so that
// a file that is still being written is not read half-way.
const DefaultQuiet = 2 * time.Second

// Watch follows the corpus folder and brings the index in line with it after every
// change, once the folder has been quiet for quiet (DefaultQuiet when 0). It returns
// when ctx is done. Sync errors are handed to onSync and do not stop the watch.
func (ix *Index) Watch(ctx context.Context, quiet time.Duration, progress func(Event), onSync func(SyncSummary, error)) error {
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("indexer: watch: %w", err)
	}
	defer w.Close()
	if err := addTree(w, ix.opts.CorpusDir); err != nil {
		return err
	}

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				// A new subfolder is followed too.
				_ = addTree(w, ev.Name)
			}
			if ignoredName(filepath.Base(ev.Name)) {
				continue
			}
			timer.Reset(quiet)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if onSync != nil {
				onSync(SyncSummary{}, fmt.Errorf("indexer: watch: %w", err))
			}
		case <-timer.C:
			sum, err := ix.Sync(ctx, progress)
			if errors.Is(err, context.Canceled) {
				return nil
			}
			if onSync != nil {
				onSync(sum, err)
			}
		}
	}
}

// addTree watches dir and the folders below it that a sync would read.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return nil // gone already, or not a folder: nothing to follow
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && ignoredName(d.Name()) {
			return filepath.SkipDir
		}
		if err := w.Add(path); err != nil {
			return fmt.Errorf("indexer: watch %s: %w", path, err)
		}
		return nil
	})
}

// ignoredName reports whether a file or folder name is left out of the corpus:
// hidden files and folders and those starting with an underscore, such as editors'
// temporary files.
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~")
}
