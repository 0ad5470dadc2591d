package indexer

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// The folders of a backup archive: the corpus folder as it is, and the index folder
// with its CURRENT file and the one generation it names.
const (
	backupCorpus = "corpus"
	backupIndex  = "index"
)

// Backup writes a tar.gz archive of the corpus folder (reports, sidecars, vocabulary
// files, the review queue and the wastebasket) and of the index generation in use to w.
// It may run while the index serves: the generation is copied from Bleve's current
// snapshot and the records from one read transaction, while syncs, uploads, deletions
// and corrections wait, so that the archive's index holds what its corpus folder does.
// Searches go on meanwhile. The copy of the generation is made first in a temporary
// folder inside the index folder (removed afterwards), so that disk needs room for one
// more generation.
func (ix *Index) Backup(ctx context.Context, w io.Writer) error {
	ix.ingestMu.Lock()
	defer ix.ingestMu.Unlock()
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()

	ix.mu.RLock()
	cur, store, genPath := ix.cur, ix.store, ix.path
	ix.mu.RUnlock()
	gen := filepath.Base(genPath)

	tmp, err := os.MkdirTemp(ix.opts.Dir, ".backup-")
	if err != nil {
		return fmt.Errorf("indexer: backup: %w", err)
	}
	defer os.RemoveAll(tmp)
	copyable, ok := cur.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("indexer: backup: index %T cannot be copied while open", cur)
	}
	if err := copyable.CopyTo(bleve.FileSystemDirectory(filepath.Join(tmp, gen))); err != nil {
		return fmt.Errorf("indexer: backup: copy the index: %w", err)
	}
	if err := store.copyTo(filepath.Join(tmp, gen, recordsFile)); err != nil {
		return err
	}

	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	if err := archiveTree(ctx, tw, ix.opts.CorpusDir, backupCorpus); err != nil {
		return err
	}
	if err := archiveBytes(tw, path.Join(backupIndex, currentFile), []byte(gen+"\n")); err != nil {
		return err
	}
	if err := archiveTree(ctx, tw, filepath.Join(tmp, gen), path.Join(backupIndex, gen)); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("indexer: backup: %w", err)
	}
	if err := gz.Close(); err != nil {
		return fmt.Errorf("indexer: backup: %w", err)
	}
	return nil
}

// copyTo writes a consistent copy of the record store to the file at dst, from one
// read transaction, while the store stays open.
func (s *recordStore) copyTo(dst string) error {
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(dst, 0o644) })
	if err != nil {
		return fmt.Errorf("indexer: backup: copy the records: %w", err)
	}
	return nil
}

// archiveTree adds the folders and regular files under dir to tw, under the name prefix.
// Other files (links, sockets) are left out.
func archiveTree(ctx context.Context, tw *tar.Writer, dir, prefix string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := path.Join(prefix, filepath.ToSlash(rel))
		switch {
		case d.IsDir():
			return tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name + "/", Mode: 0o755, ModTime: modTime(d)})
		case d.Type().IsRegular():
			return archiveFile(tw, p, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("indexer: backup: %s: %w", dir, err)
	}
	return nil
}

// archiveFile adds the file at p to tw as name.
func archiveFile(tw *tar.Writer, p, name string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: fi.Size(), ModTime: fi.ModTime()}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	// A file that grows meanwhile is cut at the size it had; one that shrinks fails.
	if _, err := io.CopyN(tw, f, fi.Size()); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}

// archiveBytes adds data to tw as the file name.
func archiveBytes(tw *tar.Writer, name string, data []byte) error {
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: time.Now()}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("indexer: backup: %w", err)
	}
	if _, err := tw.Write(data); err != nil {
		return fmt.Errorf("indexer: backup: %w", err)
	}
	return nil
}

func modTime(d fs.DirEntry) time.Time {
	if fi, err := d.Info(); err == nil {
		return fi.ModTime()
	}
	return time.Time{}
}
