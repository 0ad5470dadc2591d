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
// It may run while the index serves. First, while syncs, uploads, deletions and
// corrections wait, it takes a snapshot into a temporary folder inside the index folder:
// the generation copied from Bleve's current snapshot, the records from one read
// transaction, and the corpus files linked (or copied, on another disk); so the
// archive's index holds what its corpus folder does. Then, with nothing waiting any
// more, it writes the archive from the snapshot and removes it. Searches go on
// throughout. The disk of the index needs room for one more generation.
func (ix *Index) Backup(ctx context.Context, w io.Writer) error {
	tmp, err := os.MkdirTemp(ix.opts.Dir, ".backup-")
	if err != nil {
		return fmt.Errorf("indexer: backup: %w", err)
	}
	defer os.RemoveAll(tmp)
	gen, err := ix.snapshot(ctx, tmp)
	if err != nil {
		return err
	}

	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	if err := archiveTree(ctx, tw, filepath.Join(tmp, backupCorpus), backupCorpus); err != nil {
		return err
	}
	if err := archiveBytes(tw, path.Join(backupIndex, currentFile), []byte(gen+"\n")); err != nil {
		return err
	}
	if err := archiveTree(ctx, tw, filepath.Join(tmp, backupIndex, gen), path.Join(backupIndex, gen)); err != nil {
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

// snapshot copies the generation in use into dir/index/<gen> and links the corpus
// folder into dir/corpus, while syncs and changes wait; it returns the generation's
// name.
func (ix *Index) snapshot(ctx context.Context, dir string) (string, error) {
	ix.ingestMu.Lock()
	defer ix.ingestMu.Unlock()
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()

	ix.mu.RLock()
	cur, store, genPath := ix.cur, ix.store, ix.path
	ix.mu.RUnlock()
	gen := filepath.Base(genPath)
	copyable, ok := cur.(bleve.IndexCopyable)
	if !ok {
		return "", fmt.Errorf("indexer: backup: index %T cannot be copied while open", cur)
	}
	genCopy := filepath.Join(dir, backupIndex, gen)
	if err := copyable.CopyTo(bleve.FileSystemDirectory(genCopy)); err != nil {
		return "", fmt.Errorf("indexer: backup: copy the index: %w", err)
	}
	if err := store.copyTo(filepath.Join(genCopy, recordsFile)); err != nil {
		return "", err
	}
	if err := linkTree(ctx, ix.opts.CorpusDir, filepath.Join(dir, backupCorpus), ix.opts.Dir); err != nil {
		return "", err
	}
	return gen, nil
}

// linkTree makes dst a copy of the folders and regular files under src: files are
// hard links where the disk allows, copies where it does not. Other files (symbolic
// links, sockets) are left out, and so is the folder skip (the index folder, should it
// lie inside the corpus folder).
func linkTree(ctx context.Context, src, dst, skip string) error {
	skipAbs, _ := filepath.Abs(skip)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if abs, _ := filepath.Abs(p); d.IsDir() && abs == skipAbs {
			return filepath.SkipDir
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			if os.Link(p, target) == nil {
				return nil
			}
			return copyFile(p, target)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("indexer: backup: %s: %w", src, err)
	}
	return nil
}

// copyFile copies the file at src to a new file dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
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
	// PAX keeps the modification time to the nanosecond: restored, the corpus files
	// match the stamps in the manifest, and the next sync need not read them.
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644, Size: fi.Size(), ModTime: fi.ModTime(), Format: tar.FormatPAX}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
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
