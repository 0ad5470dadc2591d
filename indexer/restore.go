package indexer

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// RestoreOptions say where Restore puts an archive made by Backup.
type RestoreOptions struct {
	// CorpusDir and IndexDir receive the archive's corpus and index folders.
	CorpusDir string
	IndexDir  string
	// Force replaces folders that are not empty; without it Restore refuses them
	// (a *NotEmptyError).
	Force bool
}

// NotEmptyError is returned by Restore for a target folder that holds files.
type NotEmptyError struct{ Dir string }

func (e *NotEmptyError) Error() string { return "indexer: restore: " + e.Dir + " is not empty" }

// BadArchiveError is returned by Restore for an archive that is not a backup, or that
// names a path outside its folders (an absolute path, "..", a link).
type BadArchiveError struct{ Reason string }

func (e *BadArchiveError) Error() string { return "indexer: restore: " + e.Reason }

// Restore unpacks an archive made by Backup into opts.CorpusDir and opts.IndexDir. The
// archive is unpacked beside the targets first and checked; only then are the targets
// replaced, so that a broken archive leaves them as they were. It fails with ErrLocked
// while a process (a running server) holds the index in opts.IndexDir.
func Restore(ctx context.Context, r io.Reader, opts RestoreOptions) error {
	if opts.CorpusDir == "" || opts.IndexDir == "" {
		return errors.New("indexer: restore: corpus and index folders are required")
	}
	for _, dir := range []string{opts.CorpusDir, opts.IndexDir} {
		empty, err := isEmptyDir(dir)
		if err != nil {
			return fmt.Errorf("indexer: restore: %w", err)
		}
		if !empty && !opts.Force {
			return &NotEmptyError{Dir: dir}
		}
	}
	if err := checkNotHeld(opts.IndexDir); err != nil {
		return err
	}
	corpusStage, err := stageDir(opts.CorpusDir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(corpusStage)
	indexStage, err := stageDir(opts.IndexDir)
	if err != nil {
		return err
	}
	defer os.RemoveAll(indexStage)

	if err := unpack(ctx, r, map[string]string{backupCorpus: corpusStage, backupIndex: indexStage}); err != nil {
		return err
	}
	gen, err := currentPath(indexStage)
	if err != nil || gen == "" {
		return &BadArchiveError{Reason: "the archive holds no index/CURRENT"}
	}
	if fi, err := os.Stat(filepath.Join(gen, recordsFile)); err != nil || !fi.Mode().IsRegular() {
		return &BadArchiveError{Reason: "the archive holds no index generation " + filepath.Base(gen)}
	}
	if err := replaceDir(opts.CorpusDir, corpusStage); err != nil {
		return err
	}
	return replaceDir(opts.IndexDir, indexStage)
}

// isEmptyDir reports whether dir is missing or holds nothing.
func isEmptyDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}

// checkNotHeld fails with ErrLocked when another process holds the index generation in
// use in dir (its record store is locked for writing).
func checkNotHeld(dir string) error {
	gen, err := currentPath(dir)
	if err != nil || gen == "" {
		return nil // no index there, or none that can be opened: nothing holds it
	}
	db, err := bolt.Open(filepath.Join(gen, recordsFile), 0o644, &bolt.Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("indexer: restore into %s: %w", dir, ErrLocked)
	}
	if err == nil {
		_ = db.Close()
	}
	return nil
}

// stageDir makes an empty folder beside target, on the same disk, to unpack into.
func stageDir(target string) (string, error) {
	parent := filepath.Dir(filepath.Clean(target))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("indexer: restore: %w", err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".restore-")
	if err != nil {
		return "", fmt.Errorf("indexer: restore: %w", err)
	}
	// It becomes the target: the permissions of a folder Kennisbank makes.
	if err := os.Chmod(dir, 0o755); err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("indexer: restore: %w", err)
	}
	return dir, nil
}

// unpack writes the entries of a tar.gz archive into the folders of roots, by the
// first element of their names. Only folders and regular files are taken, and only
// with local names under one of the roots.
func unpack(ctx context.Context, r io.Reader, roots map[string]string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return &BadArchiveError{Reason: "not a tar.gz archive: " + err.Error()}
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("indexer: restore: %w", err)
		}
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &BadArchiveError{Reason: "the archive cannot be read: " + err.Error()}
		}
		dst, err := entryPath(hdr.Name, roots)
		if err != nil {
			return err
		}
		switch hdr.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return fmt.Errorf("indexer: restore: %w", err)
			}
		case tar.TypeReg:
			if err := writeEntry(dst, tr, hdr.ModTime); err != nil {
				return err
			}
		default:
			return &BadArchiveError{Reason: fmt.Sprintf("%q is no file or folder (type %q)", hdr.Name, hdr.Typeflag)}
		}
	}
}

// entryPath returns where the archive entry name goes: a local path under one of the
// roots, or a *BadArchiveError.
func entryPath(name string, roots map[string]string) (string, error) {
	clean := strings.TrimSuffix(name, "/")
	if clean == "" || path.IsAbs(clean) || strings.Contains(clean, `\`) || !filepath.IsLocal(filepath.FromSlash(clean)) ||
		path.Clean(clean) != clean {
		return "", &BadArchiveError{Reason: fmt.Sprintf("the archive names %q, a path outside its folders", name)}
	}
	top, rest, _ := strings.Cut(clean, "/")
	root, ok := roots[top]
	if !ok {
		return "", &BadArchiveError{Reason: fmt.Sprintf("the archive names %q, outside corpus/ and index/", name)}
	}
	return filepath.Join(root, filepath.FromSlash(rest)), nil
}

// writeEntry writes the current entry of tr to dst, with its modification time.
func writeEntry(dst string, tr io.Reader, mtime time.Time) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("indexer: restore: %w", err)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("indexer: restore: %w", err)
	}
	if _, err := io.Copy(f, tr); err != nil {
		f.Close()
		return fmt.Errorf("indexer: restore: %s: %w", dst, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("indexer: restore: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("indexer: restore: %w", err)
	}
	if err := os.Chtimes(dst, mtime, mtime); err != nil {
		return fmt.Errorf("indexer: restore: %w", err)
	}
	return nil
}

// replaceDir puts the folder stage in the place of target: target is moved aside,
// stage renamed to it, and the old folder removed.
func replaceDir(target, stage string) error {
	old := ""
	if _, err := os.Lstat(target); err == nil {
		old = stage + ".old"
		if err := os.Rename(target, old); err != nil {
			return fmt.Errorf("indexer: restore: %w", err)
		}
	}
	if err := os.Rename(stage, target); err != nil {
		if old != "" {
			_ = os.Rename(old, target)
		}
		return fmt.Errorf("indexer: restore: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("indexer: restore: remove the replaced %s: %w", target, err)
		}
	}
	return nil
}
