package search

// Forgiving search: a query of several words that no passage holds all of still
// finds the passages and reports that hold most of them, as mature engines do with
// "minimum should match". A passage scores its words as usual and gains a bonus for
// the share of the query it covers, each word weighted by how rare it is (its idf), so
// passages holding every word always rank first. Reports are ranked by the share of
// the query their passages cover together (see hitCollector.groups): the report
// whose passages between them hold the words outranks one whose single passage holds
// a few.
//
// Words written with a plus sign and quoted phrases stay required. To keep the cost
// of a forgiving search near that of a strict one, only the rarer words drive it: a
// word found in more than 2% of the passages is counted where the rarer words lead,
// but is not walked on its own (in the spirit of MaxScore pruning). When every word
// is that common, the rarest drives: the search then costs what that word alone does.

import (
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// coverageBonus is the least that covering the whole query adds to a passage's
// score; a passage covering a share of it gets that share. See forgivingBonus.
const coverageBonus = 100

// forgivingBonus returns what covering the whole query adds to a passage's score, so
// that the passages with every word come first, whatever their scores: losing the
// least weighty word costs more than any passage can score (maxScore).
func forgivingBonus(maxScore float64, weights []float64) float64 {
	total, least := 0.0, math.Inf(1)
	for _, w := range weights {
		total += w
		least = min(least, w)
	}
	if total == 0 || least <= 0 {
		return coverageBonus
	}
	return max(coverageBonus, maxScore*total/least*1.01)
}

// commonShare is the share of passages above which a word does not drive a
// forgiving search on its own.
const commonShare = 0.02

// forgivingWords says which words a forgiving search walks (drivers) and how much
// each counts, by the documents that hold it.
func forgivingWords(df []uint64, docTotal uint64) (weights []float64, drivers []bool) {
	weights = make([]float64, len(df))
	drivers = make([]bool, len(df))
	rarest := -1
	for i, n := range df {
		weights[i] = 1 + math.Log(float64(docTotal+1)/float64(n+1))
		if n > 0 && float64(n) <= commonShare*float64(docTotal) {
			drivers[i] = true
		}
		if n > 0 && (rarest < 0 || n < df[rarest]) {
			rarest = i
		}
	}
	any := false
	for _, d := range drivers {
		any = any || d
	}
	if !any && rarest >= 0 {
		drivers[rarest] = true
	}
	return weights, drivers
}

// coverage is the weighted share of the words that mask holds.
func coverage(mask uint64, weights []float64) float64 {
	total, have := 0.0, 0.0
	for i, w := range weights {
		total += w
		if mask&(1<<uint(i)) != 0 {
			have += w
		}
	}
	if total == 0 {
		return 0
	}
	return have / total
}

// disjoin hands emit every document from lo up to hi (exclusive) that at least one
// driver word matches, every required cursor matches and allowed holds, in document
// order, with its score (the words it holds plus its share of bonus) and the mask of
// the words it holds.
func disjoin(words []cursor, weights []float64, drivers []bool, required []cursor, bonus float64,
	allowed *roaring.Bitmap, lo, hi uint64, emit func(doc uint64, score float64, mask uint64) bool) {
	scoreOf := func(doc uint64, base float64) (float64, uint64) {
		var mask uint64
		score := base
		for i, w := range words {
			w.advance(doc)
			if w.current() == doc {
				mask |= 1 << uint(i)
				score += w.score()
			}
		}
		return score + bonus*coverage(mask, weights), mask
	}
	if len(required) > 0 {
		// The required parts choose the documents; the other words add to their score.
		conjoin(required, allowed, lo, hi, func(doc uint64, base float64) bool {
			score, mask := scoreOf(doc, base)
			return emit(doc, score, mask)
		})
		return
	}
	var bitsIt roaring.IntPeekable
	if allowed != nil {
		bitsIt = allowed.Iterator()
	}
	target := lo
	for {
		// The next document a driver holds, that the filter allows.
		for {
			next := uint64(math.MaxUint64)
			for i, w := range words {
				if !drivers[i] {
					continue
				}
				w.advance(target)
				next = min(next, w.current())
			}
			if next >= hi {
				return // math.MaxUint64 when every driver is done
			}
			target = next
			if bitsIt == nil {
				break
			}
			bitsIt.AdvanceIfNeeded(uint32(target))
			if !bitsIt.HasNext() {
				return
			}
			if p := uint64(bitsIt.PeekNext()); p > target {
				target = p
				continue
			}
			break
		}
		if target >= hi {
			return
		}
		score, mask := scoreOf(target, 0)
		if !emit(target, score, mask) {
			return
		}
		target++
	}
}
