package search

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// A query of words (all required) is answered a window of documents at a time, a
// field at a time: the rarest word's fields add their scores in the window into an
// array by document; each other word's fields then look only at the documents all
// words so far hold, adding theirs; then the documents that hold every word go to
// the collector in order. Leapfrogging the words' fields document by document
// (conjoin) costs about twice as much on a word found in half the passages, for the
// same scores: the fields and words are added in the same order as there, so the sums
// are the same to the last bit.

// windowSize is the number of documents of a window; windowWords the most words a
// query answered by windows may have.
const (
	windowSize  = 4096
	windowWords = 4
)

// window holds one window's scores, by word and by place in the window: the sum of
// the matching fields' scores and the number of fields that match; and the places
// that the rarest word holds (first) and that every word holds (all).
type window struct {
	sum        [windowWords][windowSize]float64
	matched    [windowWords][windowSize]uint8
	first, all placeBits
	held       placeBits // scratch: the places one word holds
}

var windows = sync.Pool{New: func() any { return new(window) }}

// wordWindows hands emit every document from lo up to hi (exclusive) that every one of
// words matches and allowed holds (when not nil), in document order, with the score
// conjoin would give it, until emit returns false. sizes holds each word's number of
// postings, to find the rarest; words has at most windowWords words.
func wordWindows(words []*wordCursor, sizes []uint64, allowed *roaring.Bitmap, lo, hi uint64, emit func(uint64, float64) bool) {
	win := windows.Get().(*window)
	defer windows.Put(win)
	order := make([]int, len(words)) // the words, rarest first
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[a], sizes[b]) })
	for start := lo; start < hi; {
		// The window starts at the first document at or after start that the
		// rarest word holds.
		rare := words[order[0]]
		first := uint64(math.MaxUint64)
		for i := range rare.terms {
			t := &rare.terms[i]
			t.moveTo(start)
			first = min(first, t.doc)
		}
		if first >= hi {
			return
		}
		start = first
		end := min(start+windowSize, hi)
		for i := range rare.terms {
			rare.terms[i].addWindow(win, order[0], start, end, nil, &win.first)
		}
		win.all = win.first
		for _, w := range order[1:] {
			win.addHeld(words[w], w, start, end)
		}
		if !win.emit(len(words), start, allowed, emit) {
			return
		}
		start = end
	}
}

// addHeld adds the scores of word (the w-th) in the places of the window (from start
// to end) that every word so far holds, and keeps those of them that it holds too. A
// field with not many more postings in the window than there are places reads them
// all, faster than it seeks; one with many more leapfrogs onto the places.
func (win *window) addHeld(word *wordCursor, w int, start, end uint64) {
	win.held = placeBits{}
	places := 0
	for _, b := range win.all {
		places += bits.OnesCount64(b)
	}
	for i := range word.terms {
		t := &word.terms[i]
		if t.density*float64(end-start) < 4*float64(places) {
			t.addWindow(win, w, start, end, &win.all, &win.held)
			continue
		}
		for k, bitsAll := range win.all {
			for ; bitsAll != 0; bitsAll &= bitsAll - 1 {
				at := uint64(k*64 + bits.TrailingZeros64(bitsAll))
				t.moveTo(start + at)
				if t.doc == start+at {
					win.addTo(w, at, t.score(), &win.held)
				}
			}
		}
	}
	for k := range win.all {
		win.all[k] &= win.held[k]
	}
}

// emit hands emit the window's documents (from start) that every one of its n words
// holds and allowed holds, and clears the window; it returns false when emit did.
func (win *window) emit(n int, start uint64, allowed *roaring.Bitmap, emit func(uint64, float64) bool) bool {
	more := true
	for k, word := range win.first {
		if word == 0 {
			continue
		}
		all := win.all[k]
		win.first[k], win.all[k] = 0, 0
		for ; word != 0; word &= word - 1 {
			b := bits.TrailingZeros64(word)
			at := uint64(k*64 + b)
			score := 0.0
			for w := range n {
				score += win.sum[w][at] * wordShares[win.matched[w][at]]
				win.sum[w][at], win.matched[w][at] = 0, 0
			}
			doc := start + at
			if !more || all&(1<<b) == 0 || (allowed != nil && !allowed.Contains(uint32(doc))) {
				continue
			}
			more = emit(doc, score)
		}
	}
	return more
}

// placeBits is a set of places in a window.
type placeBits = [windowSize / 64]uint64

// holds reports whether the set of places p holds place at; a nil set holds every
// place.
func holds(p *placeBits, at uint64) bool { return p == nil || p[at/64]&(1<<(at%64)) != 0 }

// addTo adds the score of a field of word w in the document at place at, and marks the
// place in found.
func (win *window) addTo(w int, at uint64, score float64, found *placeBits) {
	win.sum[w][at] += score
	win.matched[w][at]++
	found[at/64] |= 1 << (at % 64)
}

// addWindow adds the term's score (a field of word w) in each of its documents before
// end that only holds (every one when only is nil) into win, at their places after
// start, marks those places in found, and moves on to the term's first document at or
// after end. It reads every posting in the window.
func (c *termCursor) addWindow(win *window, w int, start, end uint64, only, found *placeBits) {
	c.moveTo(start)
	z := c.z
	if z == nil || z.one || z.deleted != nil || z.locs {
		for c.doc < end {
			if score, at := c.score(), c.doc-start; holds(only, at) {
				win.addTo(w, at, score, found)
			}
			c.moveTo(c.doc + 1)
		}
		return
	}
	for c.doc < end {
		if score, at := c.scoreOf(z.freqLength()), c.doc-start; holds(only, at) {
			win.addTo(w, at, score, found)
		}
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
			if at := d - start; holds(only, at) {
				win.addTo(w, at, c.scoreOf(freq, length), found)
			}
		}
		// Where the row ended: past the last document read.
		z.fr.at, z.next, z.bi = pos, z.base+uint64(i), i-1
		c.doc = uint64(z.buf[i-1])
		c.moveTo(c.doc + 1)
	}
}
