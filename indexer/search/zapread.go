package search

// Postings read straight from a persisted zap segment.
//
// zap's own iterator (zapx.PostingsIterator) hands out one posting per call, behind
// two interfaces, and keeps its place in the term's document bitmap and in its stream
// of frequencies and field lengths in step, one document at a time: about 30 ns a
// posting on an index of 200,000 passages, half of a broad search's time. zapPostings
// reads the same bytes itself, in the layout of zap v17 (which go.mod pins): the
// term's documents 128 at a time from its roaring bitmap, and a document's frequency
// and field length only when it is scored, skipping over those of the documents
// passed by; about 7 ns a posting. TestZapPostingsAgreeWithZap walks every term of a
// real index both ways.
//
// The layout. A field's term dictionary is a vellum FST at Segment.DictAddr; a term's
// value there is either the offset of its postings record or, for a term found in one
// document only, that document and its field length (frequency 1; zapx's "1-hit"
// encoding). A postings record is a uvarint offset of the term's frequency stream, a
// uvarint offset of its locations stream, a uvarint length and then the roaring
// bitmap of its documents. The frequency stream is a uvarint number of chunks, a
// uvarint end offset per chunk, then the chunks: document d's entry sits in chunk
// d / chunk size, in document order, as uvarint (frequency << 1 | has locations)
// followed, when the frequency is not 0, by uvarint field length.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/vellum"
	zapx "github.com/blevesearch/zapx/v17"
)

// errZapLayout is returned when a segment's bytes do not read as the layout above.
var errZapLayout = errors.New("zap segment does not have the expected layout")

// zapDictionary is one field's term dictionary of a persisted zap segment.
type zapDictionary struct {
	seg *zapx.Segment
	fst *vellum.FST
}

// openZapDictionary opens field's dictionary of seg; a field the segment does not
// have gives a dictionary without terms.
func openZapDictionary(seg *zapx.Segment, field string) (*zapDictionary, error) {
	d := &zapDictionary{seg: seg}
	addr, err := seg.DictAddr(field)
	if err != nil {
		return d, nil // no such field, or no terms in it
	}
	mem := seg.Data()
	if addr >= uint64(len(mem)) {
		return nil, fmt.Errorf("dictionary of %s: %w", field, errZapLayout)
	}
	n, k := binary.Uvarint(mem[addr:])
	start := addr + uint64(k)
	if k <= 0 || n == 0 || start+n > uint64(len(mem)) {
		return nil, fmt.Errorf("dictionary of %s: %w", field, errZapLayout)
	}
	if d.fst, err = vellum.Load(mem[start : start+n]); err != nil {
		return nil, fmt.Errorf("dictionary of %s: %w", field, err)
	}
	return d, nil
}

// postings returns term's postings, without the documents in deleted (which may be
// nil), or nil when the segment does not hold the term.
func (d *zapDictionary) postings(term string, deleted *roaring.Bitmap, locs bool) (*zapPostings, error) {
	if d.fst == nil {
		return nil, nil
	}
	val, ok, err := d.fst.Get([]byte(term))
	if err != nil || !ok {
		return nil, err
	}
	z := &zapPostings{chunk: -1}
	if deleted != nil && !deleted.IsEmpty() {
		z.deleted = deleted
	}
	if val&zapx.FSTValEncodingMask == zapx.FSTValEncoding1Hit {
		doc, length := zapx.FSTValDecode1Hit(val)
		z.one, z.oneLength = true, length
		z.buf[0], z.bn = uint32(doc), 1
		return z, nil
	}
	mem := d.seg.Data()
	p := val
	var fields [3]uint64 // frequency stream, locations stream, bitmap length
	for i := range fields {
		if p >= uint64(len(mem)) {
			return nil, errZapLayout
		}
		v, k := binary.Uvarint(mem[p:])
		if k <= 0 {
			return nil, errZapLayout
		}
		fields[i], p = v, p+uint64(k)
	}
	freqAt, bitmapLen := fields[0], fields[2]
	if p+bitmapLen > uint64(len(mem)) || freqAt >= uint64(len(mem)) {
		return nil, errZapLayout
	}
	z.all = roaring.New()
	if _, err := z.all.FromBuffer(mem[p : p+bitmapLen]); err != nil {
		return nil, fmt.Errorf("postings of %q: %w", term, err)
	}
	z.data = mem
	if z.start, z.ends, err = zapChunks(mem, freqAt); err != nil {
		return nil, err
	}
	if locs {
		z.locs, z.lchunk = true, -1
		if z.lstart, z.lends, err = zapChunks(mem, fields[1]); err != nil {
			return nil, err
		}
	}
	if z.size, err = zapChunkSize(d.seg.ChunkMode(), z.all.GetCardinality(), d.seg.NumDocs()); err != nil {
		return nil, err
	}
	z.it = z.all.ManyIterator()
	return z, nil
}

// zapPostingsOf returns term's postings from d (with each document's positions of the
// term when locs is set), or nil where zap's iterator must read them: d is nil (a
// segment in memory), the term does not read, or its number of live documents differs
// from count, zap's.
func zapPostingsOf(d *zapDictionary, term string, deleted *roaring.Bitmap, locs bool, count uint64) *zapPostings {
	if d == nil {
		return nil
	}
	z, err := d.postings(term, deleted, locs)
	if err != nil || z == nil {
		return nil
	}
	n := uint64(1)
	if z.all != nil {
		n = z.all.GetCardinality()
		if z.deleted != nil {
			n -= z.all.AndCardinality(z.deleted)
		}
	}
	if n != count {
		return nil
	}
	return z
}

// zapChunks reads the head of a chunked stream at offset at of mem: where its chunks
// start and where each ends, relative to that start.
func zapChunks(mem []byte, at uint64) (start uint64, ends []uint64, err error) {
	if at >= uint64(len(mem)) {
		return 0, nil, errZapLayout
	}
	chunks, k := binary.Uvarint(mem[at:])
	if k <= 0 || chunks > uint64(len(mem)) {
		return 0, nil, errZapLayout
	}
	at += uint64(k)
	ends = make([]uint64, chunks)
	for i := range ends {
		if at >= uint64(len(mem)) {
			return 0, nil, errZapLayout
		}
		if ends[i], k = binary.Uvarint(mem[at:]); k <= 0 {
			return 0, nil, errZapLayout
		}
		at += uint64(k)
	}
	return at, ends, nil
}

// chunkOf returns chunk c of a chunked stream of mem whose chunks start at start and
// end at ends (relative to start), or false when the stream does not hold it.
func chunkOf(mem []byte, start uint64, ends []uint64, c int64) ([]byte, bool) {
	if c < 0 || c >= int64(len(ends)) {
		return nil, false
	}
	var from uint64
	if c > 0 {
		from = ends[c-1]
	}
	if from > ends[c] || start+ends[c] > uint64(len(mem)) {
		return nil, false
	}
	return mem[start+from : start+ends[c]], true
}

// zapChunkSize is the number of documents a chunk of a term's frequency stream covers,
// as zap chooses it for the segment's chunk mode.
func zapChunkSize(mode uint32, postings, docs uint64) (uint64, error) {
	switch {
	case mode == 0:
		return 0, errZapLayout
	case mode <= 1024:
		return uint64(mode), nil
	case mode == 1025:
		if postings <= 1024 {
			if docs == 0 {
				return 0, errZapLayout
			}
			return docs, nil
		}
		return 1024, nil
	case mode == 1026:
		if size := docs / (postings/1024 + 1); size > 0 {
			return size, nil
		}
	}
	return 0, errZapLayout
}

// zapPostings walks one term's postings in document order (see the top of this file).
type zapPostings struct {
	all     *roaring.Bitmap // the term's documents, deleted ones included
	deleted *roaring.Bitmap // nil when there are none
	it      roaring.ManyIntIterable

	buf    [128]uint32 // documents from the bitmap; buf[bi] is the current one
	bi, bn int
	base   uint64 // the ordinal of buf[0] among all the term's documents

	// The frequency stream: the bytes of the segment, where its chunks start, and
	// where each ends (relative to start), how many documents a chunk covers; the
	// chunk being read, a reader on it and the ordinal of its next entry.
	data  []byte
	start uint64
	ends  []uint64
	size  uint64
	chunk int64
	lo    uint64 // the chunk's first document
	hi    uint64 // the next chunk's
	fr    chunkReader
	next  uint64

	// The frequency and field length of the current document, once read.
	read         bool
	freq, length uint64

	// The locations stream, when positions are wanted: laid out in chunks as the
	// frequency stream, with an entry (a uvarint length, then the term's
	// locations) for each document whose frequency entry says it has locations.
	// skip counts such entries of the chunk not yet read or skipped, the current
	// document's included once its frequency entry is read; pos holds its
	// positions once read.
	locs    bool
	lstart  uint64
	lends   []uint64
	lchunk  int64
	lr      chunkReader
	skip    int
	pos     []uint64
	posRead bool

	one              bool // the term is in one document (buf[0]), frequency 1
	oneLength        uint64
	failed, finished bool
}

// advance moves to the first document at or after target and returns it, or
// math.MaxUint64 when there is none.
func (z *zapPostings) advance(target uint64) uint64 {
	// The common move: to the next document in the buffer.
	if i := z.bi + 1; i < z.bn && z.deleted == nil && uint64(z.buf[i]) >= target && uint64(z.buf[z.bi]) < target {
		z.bi, z.read, z.posRead = i, false, false
		return uint64(z.buf[i])
	}
	return z.seek(target)
}

// seek is advance beyond the common move.
func (z *zapPostings) seek(target uint64) uint64 {
	if target > math.MaxUint32 || z.finished {
		z.finished = true
		return math.MaxUint64
	}
	t := uint32(target)
	for {
		if z.bi < z.bn && z.buf[z.bn-1] >= t {
			for z.buf[z.bi] < t {
				z.bi++
				z.read, z.posRead = false, false
			}
			d := z.buf[z.bi]
			if z.deleted != nil && z.deleted.Contains(d) {
				if d == math.MaxUint32 {
					break
				}
				t = d + 1
				continue
			}
			return uint64(d)
		}
		// Past the buffer: read the next documents.
		z.read, z.posRead = false, false
		if z.it == nil {
			break
		}
		z.base += uint64(z.bn)
		z.bi, z.bn = 0, z.it.NextMany(z.buf[:])
		if z.bn == 0 {
			break
		}
	}
	z.finished, z.bi, z.bn = true, 0, 0
	return math.MaxUint64
}

// freqLength returns the current document's term frequency and field length (zap's
// norm bits), reading its entry in the frequency stream.
func (z *zapPostings) freqLength() (freq, length uint64) {
	if z.read {
		return z.freq, z.length
	}
	z.read = true
	if z.one {
		z.freq, z.length = 1, z.oneLength
		return z.freq, z.length
	}
	z.freq, z.length = 1, 1
	if z.failed {
		return z.freq, z.length
	}
	doc := uint64(z.buf[z.bi])
	ord := z.base + uint64(z.bi)
	if doc < z.lo || doc >= z.hi {
		c := int64(doc / z.size)
		z.lo, z.hi = uint64(c)*z.size, uint64(c+1)*z.size
		b, ok := chunkOf(z.data, z.start, z.ends, c)
		if !ok {
			z.failed = true
			return z.freq, z.length
		}
		z.chunk, z.fr = c, chunkReader{b: b}
		z.lchunk, z.skip = -1, 0
		// The chunk's first entry is that of the first document at or after
		// the chunk's first document.
		z.next = 0
		if first := uint64(c) * z.size; first > 0 {
			z.next = z.all.Rank(uint32(first - 1))
		}
	}
	if z.next < ord {
		z.skip += z.fr.skipEntries(ord - z.next)
		z.next = ord
	}
	v := z.fr.uvarint()
	z.next++
	if v&1 != 0 {
		z.skip++
	}
	freq, length = v>>1, 0
	if freq != 0 {
		length = z.fr.uvarint()
	}
	if z.fr.failed {
		z.failed = true
		return z.freq, z.length
	}
	z.freq, z.length = freq, length
	return z.freq, z.length
}

// chunkReader reads uvarints from one chunk of a stream; past the chunk's end it
// fails and reads 0.
type chunkReader struct {
	b      []byte
	at     int
	failed bool
}

func (r *chunkReader) uvarint() uint64 {
	if r.at < len(r.b) && r.b[r.at] < 0x80 { // most are one byte
		r.at++
		return uint64(r.b[r.at-1])
	}
	return r.uvarintLong()
}

// skipEntries skips n entries of a frequency stream and returns how many of them
// have locations.
func (r *chunkReader) skipEntries(n uint64) (withLocs int) {
	b, at := r.b, r.at
	for ; n > 0; n-- {
		if at >= len(b) {
			r.failed = true
			break
		}
		v := uint64(b[at])
		if v < 0x80 {
			at++
		} else {
			r.at = at
			v = r.uvarintLong()
			at = r.at
		}
		withLocs += int(v & 1)
		if v>>1 == 0 {
			continue
		}
		// The field length: skip its bytes.
		for at < len(b) && b[at] >= 0x80 {
			at++
		}
		at++
	}
	if at > len(b) {
		r.failed = true
	}
	r.at = at
	return withLocs
}

func (r *chunkReader) uvarintLong() uint64 {
	var x uint64
	for s := uint(0); s < 64; s += 7 {
		if r.at >= len(r.b) {
			break
		}
		c := r.b[r.at]
		r.at++
		if c < 0x80 {
			return x | uint64(c)<<s
		}
		x |= uint64(c&0x7f) << s
	}
	r.failed = true
	return 0
}

// positions returns the positions of the term in the current document (valid until
// the next move), reading its entry in the locations stream; nil without locations.
func (z *zapPostings) positions() []uint64 {
	if z.posRead {
		return z.pos
	}
	z.freqLength()
	z.posRead, z.pos = true, z.pos[:0]
	if !z.locs || z.one || z.failed || z.skip == 0 {
		return nil
	}
	if z.lchunk != z.chunk {
		b, ok := chunkOf(z.data, z.lstart, z.lends, z.chunk)
		if !ok {
			z.failed = true
			return nil
		}
		z.lchunk, z.lr = z.chunk, chunkReader{b: b}
	}
	// The entries of the documents passed over, then the current one's.
	r := &z.lr
	for ; z.skip > 1; z.skip-- {
		r.at += int(r.uvarint())
	}
	z.skip = 0
	end := r.at + int(r.uvarint())
	for r.at < end && !r.failed {
		r.uvarint() // field
		pos := r.uvarint()
		r.uvarint() // start
		r.uvarint() // end
		for n := r.uvarint(); n > 0 && !r.failed; n-- {
			r.uvarint() // array position
		}
		z.pos = append(z.pos, pos)
	}
	if r.failed {
		z.failed = true
		return nil
	}
	return z.pos
}
