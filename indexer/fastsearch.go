package indexer

// The word search: queries of words (no phrases), with filters and excluded words,
// evaluated straight on the postings of the index segments.
//
// Bleve answers such a query with a tree of searchers, one per word and field, that
// hand each matching passage up as an allocated match, merge term locations and
// combine scores level by level. For a word found in 100,000 passages that is most of
// a search's time. The word search reads the same postings with one loop per
// segment: it leapfrogs the words over each other (each word is the union of its four
// fields), checks filters and exclusions against bitmaps, and scores each match with
// Bleve's own formula (tf-idf, with the boosts and coordination of wordQuery), so the
// order is the same as Bleve's. Phrases, and words that analyse to more than one
// term, go to Bleve.

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"

	"kennisbank/indexer/dutch"
)

// wordFields are the fields a word is looked for in, with their boosts and query
// analysers, as wordQuery asks Bleve.
var wordFields = [...]struct {
	field string
	boost float64
	exact bool
}{
	{FieldBody, 1, false},
	{FieldBodyExact, 1.5, true},
	{FieldSection, 3, false},
	{FieldTitle, 4, false},
}

// termRef is one term of one field.
type termRef struct{ field, term string }

// wordPlan is a query word as the terms it is looked for, one per field of wordFields.
type wordPlan [len(wordFields)]string

// fastPlan is a query the word search can answer.
type fastPlan struct {
	words    []wordPlan
	filters  [][]termRef // a passage must hold a term of every group
	excluded []string    // body terms a passage must not hold
}

// planFast returns the word search plan for a query, or false when Bleve must answer
// it: phrases, words of several terms, nothing but stop words.
func planFast(uq UserQuery, r Request, from, to time.Time) (*fastPlan, bool) {
	if len(uq.Phrases) > 0 {
		return nil, false
	}
	p := &fastPlan{}
	for _, w := range uq.Words {
		if len(dutch.Terms(w)) == 0 {
			continue // a stop word on its own asks for nothing (as in buildQuery)
		}
		var wp wordPlan
		for i, f := range wordFields {
			terms := dutch.QueryTerms(w)
			if f.exact {
				terms = dutch.ExactTerms(w)
			}
			if len(terms) != 1 {
				return nil, false
			}
			wp[i] = terms[0]
		}
		p.words = append(p.words, wp)
	}
	if len(uq.Words) > 0 && len(p.words) == 0 {
		return nil, false
	}
	for _, e := range uq.Excluded {
		terms := dutch.QueryTerms(e)
		if len(terms) != 1 {
			return nil, false
		}
		p.excluded = append(p.excluded, terms[0])
	}
	p.filters = filterTerms(r, from, to)
	return p, true
}

// fastSearch runs plan p over the current snapshot of the index, handing every match
// to hc, and returns the number of matches.
func (ix *Index) fastSearch(ctx context.Context, p *fastPlan, hc *hitCollector) (uint64, error) {
	ix.mu.RLock()
	cur := ix.cur
	ix.mu.RUnlock()
	adv, err := cur.Advanced()
	if err != nil {
		return 0, fmt.Errorf("indexer: search: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return 0, fmt.Errorf("indexer: search: %w", err)
	}
	defer reader.Close()
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return 0, fmt.Errorf("indexer: search: unexpected index reader %T", reader)
	}
	cols, err := hc.cache.forReader(snap)
	if err != nil {
		return 0, err
	}
	hc.start(cols)
	segs := snap.Segments()

	// The postings of every word and field in every segment, and the weights Bleve
	// gives them: idf over the whole snapshot, the query norm over all terms.
	docTotal, err := snap.DocCount()
	if err != nil {
		return 0, fmt.Errorf("indexer: search: %w", err)
	}
	lists := make([][][len(wordFields)]segment.PostingsList, len(segs))
	var counts [][len(wordFields)]uint64 = make([][len(wordFields)]uint64, len(p.words))
	for s, ss := range segs {
		lists[s] = make([][len(wordFields)]segment.PostingsList, len(p.words))
		for i := range wordFields {
			dict, err := ss.Segment().Dictionary(wordFields[i].field)
			if err != nil {
				return 0, fmt.Errorf("indexer: search: %w", err)
			}
			for w, wp := range p.words {
				pl, err := dict.PostingsList([]byte(wp[i]), ss.Deleted(), nil)
				if err != nil {
					return 0, fmt.Errorf("indexer: search: %w", err)
				}
				lists[s][w][i] = pl
				counts[w][i] += pl.Count()
			}
		}
	}
	weights := make([][len(wordFields)]float64, len(p.words))
	sumSquares := 0.0
	for w := range p.words {
		for i, f := range wordFields {
			idf := 1 + math.Log(float64(docTotal)/float64(counts[w][i]+1))
			weights[w][i] = f.boost * idf * idf // queryWeight (without the norm) × idf
			sumSquares += (f.boost * idf) * (f.boost * idf)
		}
	}
	queryNorm := 1.0
	if sumSquares > 0 {
		queryNorm = 1 / math.Sqrt(sumSquares)
	}

	var total uint64
	for s, ss := range segs {
		allowed, err := filterBitmap(ss, p.filters)
		if err != nil {
			return 0, err
		}
		excluded, err := termsBitmap(ss, FieldBody, p.excluded)
		if err != nil {
			return 0, err
		}
		col := cols.cols[s]
		var werr error
		emit := func(doc uint64, score float64) bool {
			if excluded != nil && excluded.Contains(uint32(doc)) {
				return true
			}
			total++
			hc.add(col, doc, score*queryNorm)
			if total%4096 == 0 && ctx.Err() != nil {
				werr = ctx.Err()
				return false
			}
			return true
		}
		if len(p.words) == 0 {
			everyDoc(ss, allowed, emit)
		} else {
			words := make([]wordCursor, len(p.words))
			for w := range p.words {
				words[w].init(lists[s][w], weights[w])
			}
			conjoin(words, allowed, emit)
		}
		if werr != nil {
			return 0, werr
		}
	}
	return total, nil
}

// everyDoc hands emit every live document of a segment that allowed holds (every one
// when allowed is nil), with the score Bleve gives a match-all query.
func everyDoc(ss *scorch.SegmentSnapshot, allowed *roaring.Bitmap, emit func(uint64, float64) bool) {
	if allowed == nil {
		allowed = roaring.New()
		allowed.AddRange(0, ss.Segment().Count())
		if del := ss.Deleted(); del != nil {
			allowed.AndNot(del)
		}
	}
	it := allowed.Iterator()
	for it.HasNext() {
		if !emit(uint64(it.Next()), 1) {
			return
		}
	}
}

// termCursor walks the postings of one term of one field.
type termCursor struct {
	it     segment.PostingsIterator
	p      segment.Posting // the current posting, valid until the next move
	doc    uint64          // its document, math.MaxUint64 when done
	weight float64
}

func (c *termCursor) set(p segment.Posting, err error) {
	if err != nil || p == nil {
		c.doc, c.p = math.MaxUint64, nil
		return
	}
	c.doc, c.p = p.Number(), p
}

// moveTo moves the cursor to its first document at or after target.
func (c *termCursor) moveTo(target uint64) {
	if c.doc+1 == target {
		c.set(c.it.Next()) // the next posting: cheaper than a seek
		return
	}
	c.set(c.it.Advance(target))
}

// tfNorm is Bleve's sqrt(term frequency) × field-length norm of the current posting,
// from tables for the common small values.
func (c *termCursor) tfNorm() float64 {
	tf := c.p.Frequency()
	var sqrtTF float64
	if tf < uint64(len(sqrtTable)) {
		sqrtTF = sqrtTable[tf]
	} else {
		sqrtTF = math.Sqrt(float64(tf))
	}
	if zp, ok := c.p.(*zapx.Posting); ok {
		if n := zp.NormUint64(); n < uint64(len(normTable)) {
			return sqrtTF * normTable[n]
		}
	}
	return sqrtTF * c.p.Norm()
}

// sqrtTable and normTable hold sqrt(n) and zap's norm for a field of n terms,
// float32-rounded as zap rounds it.
var sqrtTable, normTable = func() (sq, nm [4096]float64) {
	for n := range sq {
		sq[n] = math.Sqrt(float64(n))
		nm[n] = float64(float32(1.0 / math.Sqrt(float64(n))))
	}
	return sq, nm
}()

// wordCursor walks the union of a word's fields.
type wordCursor struct {
	terms [len(wordFields)]termCursor
	doc   uint64 // the lowest current document of its terms
}

func (w *wordCursor) init(lists [len(wordFields)]segment.PostingsList, weights [len(wordFields)]float64) {
	for i, pl := range lists {
		t := &w.terms[i]
		t.weight = weights[i]
		t.doc = math.MaxUint64
		if pl == nil || pl.Count() == 0 {
			continue
		}
		t.it = pl.Iterator(true, true, false, nil)
		t.set(t.it.Next())
	}
	w.update()
}

func (w *wordCursor) update() {
	w.doc = math.MaxUint64
	for i := range w.terms {
		w.doc = min(w.doc, w.terms[i].doc)
	}
}

// advance moves every term to its first document at or after target.
func (w *wordCursor) advance(target uint64) {
	if w.doc >= target {
		return
	}
	for i := range w.terms {
		if t := &w.terms[i]; t.doc < target {
			t.moveTo(target)
		}
	}
	w.update()
}

// score is the word's share of the score of document w.doc, as Bleve's disjunction
// of the fields gives it: the sum of the matching fields' tf-idf scores times the
// share of fields that match.
func (w *wordCursor) score() float64 {
	sum, matched := 0.0, 0
	for i := range w.terms {
		t := &w.terms[i]
		if t.doc == w.doc {
			sum += t.weight * t.tfNorm()
			matched++
		}
	}
	return sum * float64(matched) / float64(len(w.terms))
}

// conjoin hands emit every document that every word matches and allowed holds (when
// not nil), in document order, with its score, until emit returns false.
func conjoin(words []wordCursor, allowed *roaring.Bitmap, emit func(uint64, float64) bool) {
	var bits roaring.IntPeekable
	if allowed != nil {
		bits = allowed.Iterator()
	}
	var target uint64
	for {
		// Leapfrog: raise the target until every word (and the filter) is on it.
		for agreed := false; !agreed; {
			agreed = true
			for i := range words {
				w := &words[i]
				w.advance(target)
				if w.doc == math.MaxUint64 {
					return
				}
				if w.doc > target {
					target, agreed = w.doc, false
				}
			}
			if bits != nil {
				bits.AdvanceIfNeeded(uint32(target))
				if !bits.HasNext() {
					return
				}
				if next := uint64(bits.PeekNext()); next > target {
					target, agreed = next, false
				}
			}
		}
		score := 0.0
		for i := range words {
			score += words[i].score()
		}
		if !emit(target, score) {
			return
		}
		target++
	}
}

// filterBitmap returns the documents of a segment that hold a term of every filter
// group, or nil when there are no filters.
func filterBitmap(ss *scorch.SegmentSnapshot, groups [][]termRef) (*roaring.Bitmap, error) {
	var out *roaring.Bitmap
	for _, g := range groups {
		var any []*roaring.Bitmap
		for _, t := range g {
			bm, err := termsBitmap(ss, t.field, []string{t.term})
			if err != nil {
				return nil, err
			}
			if bm != nil {
				any = append(any, bm)
			}
		}
		u := roaring.FastOr(any...)
		if out == nil {
			out = u
		} else {
			out.And(u)
		}
		if out.IsEmpty() {
			return out, nil
		}
	}
	return out, nil
}

// termsBitmap returns the live documents of a segment that hold any of the terms in
// field, or nil when there are no terms. The bitmap is the caller's to change.
func termsBitmap(ss *scorch.SegmentSnapshot, field string, terms []string) (*roaring.Bitmap, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	dict, err := ss.Segment().Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("indexer: search: %w", err)
	}
	out := roaring.New()
	for _, term := range terms {
		pl, err := dict.PostingsList([]byte(term), ss.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("indexer: search: %w", err)
		}
		if pl == nil || pl.Count() == 0 {
			continue
		}
		it := pl.Iterator(false, false, false, nil)
		if zi, ok := it.(*zapx.PostingsIterator); ok && zi.ActualBM != nil {
			out.Or(zi.ActualBM) // Or copies: the postings themselves stay untouched
			continue
		}
		for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
			if err != nil {
				return nil, fmt.Errorf("indexer: search: %w", err)
			}
			out.Add(uint32(p.Number()))
		}
	}
	return out, nil
}
