package indexer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// ErrDamaged is returned (wrapped in a *DamagedError) by Open when the index in use
// cannot be read or fails its checks: the way out is a rebuild from the corpus
// (OpenRebuilt, 'kennisbank index --rebuild').
var ErrDamaged = errors.New("index is damaged")

// DamagedError says which generation of the index is damaged and how it was found.
type DamagedError struct {
	Path string // the generation's folder
	Err  error  // what was found
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("indexer: index %s is damaged: %v", e.Path, e.Err)
}

// Unwrap makes errors.Is(err, ErrDamaged) hold and keeps the cause.
func (e *DamagedError) Unwrap() []error { return []error{ErrDamaged, e.Err} }

// persistedSegment is what a segment on disk tells about itself.
type persistedSegment interface {
	Path() string
	CRC() uint32
}

// verifySegments checks every segment file of b's current snapshot against the
// CRC-32 in its footer, which covers every byte before it: a flipped or overwritten
// byte anywhere in a segment is found before it is served.
func verifySegments(b bleve.Index) error {
	adv, err := b.Advanced()
	if err != nil {
		return fmt.Errorf("open the index for checking: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	r, err := s.Reader()
	if err != nil {
		return fmt.Errorf("read the index for checking: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	for _, ss := range snap.Segments() {
		seg, ok := ss.Segment().(persistedSegment)
		if !ok {
			continue // in memory, not yet on disk
		}
		if err := checkSegmentFile(seg.Path(), seg.CRC()); err != nil {
			return err
		}
	}
	return nil
}

// checkSegmentFile compares the CRC-32 of the file at path, without its last four
// bytes, with those four bytes and with want.
func checkSegmentFile(path string, want uint32) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("segment %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("segment %s: %w", path, err)
	}
	if fi.Size() < 4 {
		return fmt.Errorf("segment %s is too short (%d bytes)", path, fi.Size())
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, fi.Size()-4); err != nil {
		return fmt.Errorf("segment %s: %w", path, err)
	}
	var stored [4]byte
	if _, err := io.ReadFull(f, stored[:]); err != nil {
		return fmt.Errorf("segment %s: %w", path, err)
	}
	got, footer := h.Sum32(), binary.BigEndian.Uint32(stored[:])
	if got != footer || footer != want {
		return fmt.Errorf("segment %s fails its checksum (computed %08x, footer %08x)", path, got, footer)
	}
	return nil
}

// checkCount compares the passages the index holds with those its manifest records:
// the manifest never claims more than the index holds, so fewer means the index lost
// segments. (Bleve falls back to an older snapshot, or to none, when a segment of the
// latest one cannot be read, and says so only in its log.)
func (ix *Index) checkCount() error {
	want := 0
	ix.mu.RLock()
	for _, e := range ix.manifest.Files {
		want += e.Passages
	}
	ix.mu.RUnlock()
	if want == 0 {
		return nil
	}
	n, err := ix.cur.DocCount()
	if err != nil {
		return fmt.Errorf("count passages: %w", err)
	}
	if int(n) < want {
		return fmt.Errorf("the index holds %d passages where its manifest records %d", n, want)
	}
	return nil
}
