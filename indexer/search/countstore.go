package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// CountStore keeps what counting the terms of a segment found (see countTokens)
// from one run to the next. Segments never change, so a server started on an index
// whose segments were counted before (by `index`, or by an earlier server) reads the
// counts instead of every posting of the scored fields: on a million passages that
// walk took seconds of the start and left some 650 MB of the index's pages in the
// server's memory before the first search.
type CountStore interface {
	// LoadCounts returns what SaveCounts kept for the segment file at path, or nil.
	LoadCounts(path string) ([]byte, error)
	// SaveCounts keeps data for the segment file at path.
	SaveCounts(path string, data []byte) error
}

// SetCountStore makes the engine keep the term counts of its segments in s. Call it
// before the first search.
func (e *Engine) SetCountStore(s CountStore) { e.columns.store = s }

// TermCounts returns how many segments had their term counts read from the engine's
// CountStore, and how many were counted, since the engine was made.
func (e *Engine) TermCounts() (read, counted int64) {
	return e.columns.countsLoaded.Load(), e.columns.countsCounted.Load()
}

// CountTerms counts the terms of the scored fields in every segment of the current
// snapshot whose counts are not kept yet, and waits until they are counted and kept,
// so that the next server finds them in the engine's CountStore.
func (e *Engine) CountTerms() error {
	sn, err := e.current()
	if err != nil {
		return err
	}
	r, err := sn.reader()
	if err != nil {
		return fmt.Errorf("search: count terms: %w", err)
	}
	defer r.Close()
	cols, err := sn.columns.forReader(r)
	if err != nil {
		return err
	}
	for _, c := range cols.cols {
		<-c.counted
	}
	sn.columns.saving.Wait()
	return nil
}

// countsVersion is the first byte of encoded counts; it changes with the format or
// with scoredFields.
const countsVersion = 1

// pathOf returns the file of a segment, "" for one only in memory.
func pathOf(seg any) string {
	if p, ok := seg.(interface{ Path() string }); ok {
		return p.Path()
	}
	return ""
}

// encodeCounts writes fc, counted in a segment of docs documents whose file is size
// bytes long.
func encodeCounts(fc *fieldCounts, docs uint64, size int64) []byte {
	out := []byte{countsVersion, byte(len(scoredFields))}
	out = binary.AppendUvarint(out, uint64(size))
	out = binary.AppendUvarint(out, docs)
	for i := range scoredFields {
		out = binary.AppendUvarint(out, fc.total[i])
	}
	for i := range scoredFields {
		for _, n := range fc.perDoc[i] {
			out = binary.AppendUvarint(out, uint64(n))
		}
	}
	return out
}

var errStaleCounts = errors.New("search: counts of another segment")

// decodeCounts reads what encodeCounts wrote, checking that it was written for a
// segment of docs documents in a file of size bytes.
func decodeCounts(data []byte, docs uint64, size int64) (*fieldCounts, error) {
	if len(data) < 2 || data[0] != countsVersion || int(data[1]) != len(scoredFields) {
		return nil, errStaleCounts
	}
	data = data[2:]
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(data)
		if n <= 0 {
			return 0, false
		}
		data = data[n:]
		return v, true
	}
	gotSize, ok1 := next()
	gotDocs, ok2 := next()
	if !ok1 || !ok2 || gotSize != uint64(size) || gotDocs != docs {
		return nil, errStaleCounts
	}
	fc := &fieldCounts{}
	for i := range scoredFields {
		v, ok := next()
		if !ok {
			return nil, errStaleCounts
		}
		fc.total[i] = v
	}
	for i := range scoredFields {
		fc.perDoc[i] = make([]uint32, docs)
		for d := range fc.perDoc[i] {
			v, ok := next()
			if !ok {
				return nil, errStaleCounts
			}
			fc.perDoc[i][d] = uint32(v)
		}
	}
	if len(data) != 0 {
		return nil, errStaleCounts
	}
	return fc, nil
}

// loadCounts returns the kept counts of the segment file at path, of docs documents,
// or nil.
func loadCounts(s CountStore, path string, docs uint64) *fieldCounts {
	if s == nil || path == "" {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	data, err := s.LoadCounts(path)
	if err != nil || data == nil {
		return nil
	}
	fc, err := decodeCounts(data, docs, st.Size())
	if err != nil {
		return nil
	}
	return fc
}

// saveCounts keeps fc for the segment file at path, of docs documents, if it can:
// counts that are not kept are counted again by the next server.
func saveCounts(s CountStore, path string, docs uint64, fc *fieldCounts) {
	if s == nil || path == "" {
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		return
	}
	_ = s.SaveCounts(path, encodeCounts(fc, docs, st.Size()))
}
