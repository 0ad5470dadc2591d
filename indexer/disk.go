package indexer

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
)

// ErrDiskFull is returned (wrapped) when the disk of the corpus or the index has no
// room for a change, or less than Options.MinFreeBytes before it starts.
var ErrDiskFull = errors.New("disk is full")

// IsDiskFull reports whether err comes from a full disk: ErrDiskFull, ENOSPC or
// EDQUOT, also when a library passed the error on as text only.
func IsDiskFull(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrDiskFull) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "no space left on device") || strings.Contains(msg, "disk quota exceeded")
}

// statfsFree returns the bytes an unprivileged process may still write on the file
// system that holds dir.
func statfsFree(dir string) (uint64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return st.Bavail * uint64(st.Bsize), nil
}

// DiskFree returns the free bytes on the fuller of the disks that hold the corpus and
// the index.
func (ix *Index) DiskFree() (uint64, error) {
	free := ix.opts.FreeSpace
	if free == nil {
		free = statfsFree
	}
	a, err := free(ix.opts.CorpusDir)
	if err != nil {
		return 0, err
	}
	b, err := free(ix.opts.Dir)
	if err != nil {
		return 0, err
	}
	return min(a, b), nil
}

// checkRoom fails with ErrDiskFull when writing need more bytes would leave less than
// Options.MinFreeBytes free. A disk whose free space cannot be read is let be: the
// write itself will tell.
func (ix *Index) checkRoom(need int64) error {
	free, err := ix.DiskFree()
	if err != nil {
		return nil
	}
	if int64(free)-need < ix.opts.MinFreeBytes {
		return fmt.Errorf("indexer: %d bytes free, %d needed and %d kept free: %w", free, need, ix.opts.MinFreeBytes, ErrDiskFull)
	}
	return nil
}
