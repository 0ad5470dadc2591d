package search

import (
	"math"
	"math/bits"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// A query of one word is answered a window of documents at a time, a field at a time:
// each field's postings in the window add their scores into an array by document,
// and then the window's documents go to the collector in order. Leapfrogging the
// word's four fields document by document (conjoin) costs about three times as much
// on a word found in half the passages, for the same scores: the fields are added in
// the same order, so the sums are the same to the last bit.

// windowSize is the number of documents of a window.
const windowSize = 4096

// window holds one window's scores: the sum of the matching fields' scores, the
// number of fields that match, and which documents match, by place in the window.
type window struct {
	sum     [windowSize]float64
	matched [windowSize]uint8
	found   [windowSize / 64]uint64
}

var windows = sync.Pool{New: func() any { return new(window) }}

// wordWindows hands emit every document from lo up to hi (exclusive) that w matches
// and allowed holds (when not nil), in document order, with the score conjoin would
// give it, until emit returns false.
func wordWindows(w *wordCursor, allowed *roaring.Bitmap, lo, hi uint64, emit func(uint64, float64) bool) {
	win := windows.Get().(*window)
	defer windows.Put(win)
	for start := lo; start < hi; {
		// The window starts at the first match at or after start.
		first := uint64(math.MaxUint64)
		for i := range w.terms {
			t := &w.terms[i]
			t.moveTo(start)
			first = min(first, t.doc)
		}
		if first >= hi {
			return
		}
		start = first
		end := min(start+windowSize, hi)
		for i := range w.terms {
			w.terms[i].addWindow(win, start, end)
		}
		if !win.emit(start, allowed, emit) {
			return
		}
		start = end
	}
}

// emit hands emit the window's documents (from start) that allowed holds, and clears
// the window; it returns false when emit did.
func (win *window) emit(start uint64, allowed *roaring.Bitmap, emit func(uint64, float64) bool) bool {
	more := true
	for k, word := range win.found {
		if word == 0 {
			continue
		}
		win.found[k] = 0
		for ; word != 0; word &= word - 1 {
			at := uint64(k*64 + bits.TrailingZeros64(word))
			score := win.sum[at] * wordShares[win.matched[at]]
			win.sum[at], win.matched[at] = 0, 0
			doc := start + at
			if !more || (allowed != nil && !allowed.Contains(uint32(doc))) {
				continue
			}
			more = emit(doc, score)
		}
	}
	return more
}

// add adds a field's score in the document at place at.
func (win *window) add(at uint64, score float64) {
	win.sum[at] += score
	win.matched[at]++
	win.found[at/64] |= 1 << (at % 64)
}

// addWindow adds the term's score in each of its documents before end into win, at
// their places after start, and moves on to its first document at or after end.
func (c *termCursor) addWindow(win *window, start, end uint64) {
	z := c.z
	if z == nil || z.one || z.deleted != nil || z.locs {
		for c.doc < end {
			win.add(c.doc-start, c.score())
			c.moveTo(c.doc + 1)
		}
		return
	}
	for c.doc < end {
		win.add(c.doc-start, c.scoreOf(z.freqLength()))
		// The entries of the next documents in the buffer follow in the chunk:
		// read them in a row.
		b, pos := z.fr.b, z.fr.at
		i := z.bi + 1
		for ; i < z.bn; i++ {
			d := uint64(z.buf[i])
			if d >= end || d >= z.hi || pos+1 >= len(b) {
				break
			}
			v := uint64(b[pos])
			if v >= 0x80 {
				break
			}
			freq, length := v>>1, uint64(0)
			if freq != 0 {
				// The length: one byte, or two (128 terms or more).
				length = uint64(b[pos+1])
				if length >= 0x80 {
					if pos+2 >= len(b) || b[pos+2] >= 0x80 {
						break
					}
					length = length&0x7f | uint64(b[pos+2])<<7
					pos++
				}
				pos++
			}
			pos++
			win.add(d-start, c.scoreOf(freq, length))
		}
		// Where the row ended: past the last document read.
		z.fr.at, z.next, z.bi = pos, z.base+uint64(i), i-1
		c.doc = uint64(z.buf[i-1])
		c.moveTo(c.doc + 1)
	}
}
