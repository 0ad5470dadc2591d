package search

// The word search: queries of words and phrases, with filters and excluded words,
// evaluated straight on the postings of the index segments.
//
// Bleve answers such a query with a tree of searchers, one per word and field, that
// hand each matching passage up as an allocated match, merge term locations and
// combine scores level by level. For a word found in 100,000 passages that is most of
// a search's time. The word search reads the same postings with one loop per
// segment: it leapfrogs the words and phrases over each other (a word is the union of
// its four fields, a phrase of its two exact fields, with its terms in a row), checks
// filters and exclusions against bitmaps, and scores each match with Bleve's own
// formula (BM25, see bm25.go, with the boosts and coordination of plan.bleveQuery), so
// the order is Bleve's. Words that analyse to more than one term, and excluded phrases, go to
// Bleve.

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// fastSearch runs plan p over the current snapshot of the index, handing every match
// to hc, and returns the number of matches.
func (sn *snap) fastSearch(ctx context.Context, p *fastPlan, hc *hitCollector, sp splitting) (uint64, error) {
	reader, err := sn.reader()
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	defer reader.Close()
	cols, err := hc.cache.forReader(reader)
	if err != nil {
		return 0, err
	}
	hc.start(cols)
	segs := cols.segs

	// Every term the query looks for (a leaf of Bleve's searcher tree), its postings in
	// every segment, and the weight Bleve gives it: idf over the whole snapshot, the
	// query norm over all terms.
	var leaves []leaf
	add := func(field, term string, boost float64, locs bool) int {
		leaves = append(leaves, leaf{field, term, boost, locs})
		return len(leaves) - 1
	}
	addWord := func(wp wordPlan) (ls [len(wordFields)]int) {
		for i, f := range wordFields {
			ls[i] = add(f.field, wp[i], f.boost, false)
		}
		return ls
	}
	addPhrase := func(pp phrasePlan) (ls [len(phraseFields)][]int) {
		for a, f := range phraseFields {
			for _, t := range pp {
				ls[a] = append(ls[a], add(f.field, t.term, f.boost, len(pp) > 1))
			}
		}
		return ls
	}
	partsLeaves := make([]partLeaves, len(p.parts))
	for k, part := range p.parts {
		for _, wp := range part.words {
			partsLeaves[k].words = append(partsLeaves[k].words, addWord(wp))
		}
		for _, pp := range part.phrases {
			partsLeaves[k].phrases = append(partsLeaves[k].phrases, addPhrase(pp))
		}
	}
	phraseLeaves := make([][len(phraseFields)][]int, len(p.phrases))
	for k, pp := range p.phrases {
		phraseLeaves[k] = addPhrase(pp)
	}
	docTotal, err := reader.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	lists := make([][]segment.PostingsList, len(segs))
	zdicts := make([][]*zapDictionary, len(segs))
	counts := make([]uint64, len(leaves))    // over all segments
	segCounts := make([][]uint64, len(segs)) // by segment
	for s, ss := range segs {
		lists[s] = make([]segment.PostingsList, len(leaves))
		segCounts[s] = make([]uint64, len(leaves))
		zdicts[s] = make([]*zapDictionary, len(leaves))
		dicts := map[string]segment.TermDictionary{}
		zs, persisted := ss.Segment().(*zapx.Segment)
		zds := map[string]*zapDictionary{}
		for i, l := range leaves {
			if persisted {
				zd, ok := zds[l.field]
				if !ok {
					// A dictionary that does not read leaves the field to zap's
					// iterator.
					zd, _ = openZapDictionary(zs, l.field)
					zds[l.field] = zd
				}
				zdicts[s][i] = zd
			}
			dict := dicts[l.field]
			if dict == nil {
				if dict, err = ss.Segment().Dictionary(l.field); err != nil {
					return 0, fmt.Errorf("search: %w", err)
				}
				dicts[l.field] = dict
			}
			pl, err := dict.PostingsList([]byte(l.term), ss.Deleted(), nil)
			if err != nil {
				return 0, fmt.Errorf("search: %w", err)
			}
			lists[s][i], segCounts[s][i] = pl, pl.Count()
			counts[i] += segCounts[s][i]
		}
	}
	idfs := make([]float64, len(leaves))
	sumSquares := 0.0
	for i, l := range leaves {
		idfs[i] = termIDF(cols.lengths.average(l.field), docTotal, counts[i])
		sumSquares += (l.boost * idfs[i]) * (l.boost * idfs[i])
	}
	queryNorm := 1 / math.Sqrt(sumSquares)
	// No passage scores more than maxScore: a term's BM25 part stays below k1, and
	// tf-idf's sqrt(tf) × norm is at most 1.
	maxScore := 0.0
	for i, l := range leaves {
		maxScore += l.boost * idfs[i] * queryNorm * idfs[i] * max(bsearch.BM25_k1, 1)
	}

	// A heavy search on an idle machine splits each large segment in two halves by
	// document number, each walked on its own processor into a collector of its own.
	var work uint64
	for _, n := range counts {
		work += n
	}
	split := sp.may && (work >= splitAbove || sp.always) && len(leaves) > 0

	var total uint64
	for s, ss := range segs {
		allowed, err := filterBitmap(ss, cols.cols[s], p.filters)
		if err != nil {
			return 0, err
		}
		excluded, err := termsBitmap(ss, FieldBody, p.excluded)
		if err != nil {
			return 0, err
		}
		col := cols.cols[s]
		// scan hands hc the matches among the segment's documents lo to hi
		// (exclusive) and returns how many there were.
		scan := func(hc *hitCollector, lo, hi uint64) (uint64, error) {
			var found uint64
			var werr error
			emitMasked := func(doc uint64, score float64, mask uint64) bool {
				if excluded != nil && excluded.Contains(uint32(doc)) {
					return true
				}
				found++
				hc.addMasked(col, doc, score, mask)
				if found%4096 == 0 && ctx.Err() != nil {
					werr = ctx.Err()
					return false
				}
				return true
			}
			emit := func(doc uint64, score float64) bool { return emitMasked(doc, score, 0) }
			if len(leaves) == 0 {
				everyDoc(ss, allowed, emit)
				return found, werr
			}
			term := func(i int) termCursor {
				z := zapPostingsOf(zdicts[s][i], leaves[i].term, ss.Deleted(), leaves[i].locs, segCounts[s][i])
				tc := newTermCursor(lists[s][i], z, idfs[i], leaves[i].boost*idfs[i]*queryNorm, leaves[i].locs)
				if n := ss.Segment().Count(); n > 0 {
					tc.density = float64(segCounts[s][i]) / float64(n)
				}
				if f := fieldIndex(leaves[i].field); f >= 0 && cols.lengths.den[f] != nil {
					tc.den, tc.avg = cols.lengths.den[f], cols.lengths.avg[f]
				}
				return tc
			}
			wordCur := func(ls [len(wordFields)]int) *wordCursor {
				wc := &wordCursor{}
				for i, l := range ls {
					wc.terms[i] = term(l)
				}
				wc.update()
				return wc
			}
			phraseCur := func(ls [len(phraseFields)][]int, pp phrasePlan) *phraseCursor {
				pc := &phraseCursor{}
				for a := range phraseFields {
					alt := &pc.alts[a]
					for i, l := range ls[a] {
						alt.terms = append(alt.terms, term(l))
						alt.rel = append(alt.rel, pp[i].pos)
					}
					alt.advance(lo)
				}
				pc.update()
				return pc
			}
			var cs, required, optional []cursor
			var df []uint64
			for k, part := range p.parts {
				var alts []cursor
				var n uint64 // the documents of its most frequent alternative
				for _, ls := range partsLeaves[k].words {
					alts = append(alts, wordCur(ls))
					n = max(n, counts[ls[0]])
				}
				for j, ls := range partsLeaves[k].phrases {
					alts = append(alts, phraseCur(ls, part.phrases[j]))
					n = max(n, counts[ls[0][0]])
				}
				var c cursor = alts[0]
				if len(alts) > 1 {
					ac := &anyCursor{alts: alts}
					ac.update()
					c = ac
				}
				cs = append(cs, c)
				if part.required {
					required = append(required, c)
				} else {
					optional = append(optional, c)
					df = append(df, n)
				}
			}
			for k, pp := range p.phrases {
				pc := phraseCur(phraseLeaves[k], pp)
				cs = append(cs, pc)
				required = append(required, pc)
			}
			if p.forgive && len(optional) > 0 {
				weights, drivers := forgivingWords(df, docTotal)
				hc.wordWeights = weights
				disjoin(optional, weights, drivers, required, forgivingBonus(maxScore, weights), allowed, lo, hi, emitMasked)
			} else if words, sizes := onlyWords(cs, partsLeaves, counts); words != nil {
				wordWindows(words, sizes, allowed, lo, hi, emit)
			} else {
				conjoin(cs, allowed, lo, hi, emit)
			}
			return found, werr
		}
		docs := ss.Segment().Count()
		if !split || (docs < 2*splitBelowDocs && !sp.always) || docs < 2 {
			n, err := scan(hc, 0, math.MaxUint64)
			if err != nil {
				return 0, err
			}
			total += n
			continue
		}
		mid := docs / 2
		other := hc.fork()
		var n2 uint64
		var err2 error
		done := make(chan struct{})
		go func() {
			defer close(done)
			n2, err2 = scan(other, mid, math.MaxUint64)
		}()
		n1, err1 := scan(hc, 0, mid)
		<-done
		if err1 == nil {
			err1 = err2
		}
		if err1 != nil {
			other.release()
			return 0, err1
		}
		hc.merge(other)
		other.release()
		total += n1 + n2
	}
	return total, nil
}

// onlyWords returns the cursors of a query of words alone (not more than
// windowWords, each without alternatives) with each word's number of postings in the
// body, or nil.
func onlyWords(cs []cursor, partsLeaves []partLeaves, counts []uint64) ([]*wordCursor, []uint64) {
	if len(cs) > windowWords || len(cs) != len(partsLeaves) {
		return nil, nil
	}
	words := make([]*wordCursor, len(cs))
	sizes := make([]uint64, len(cs))
	for i, c := range cs {
		wc, ok := c.(*wordCursor)
		if !ok || len(partsLeaves[i].words) != 1 {
			return nil, nil
		}
		words[i], sizes[i] = wc, counts[partsLeaves[i].words[0][0]]
	}
	return words, sizes
}

// splitting says whether a search may be split (see Engine.split).
type splitting struct{ may, always bool }

// splitAbove is the number of postings a search reads above which it is split over
// two processors when the machine has them idle (see Engine.Search); splitBelowDocs
// is the least number of documents of each half of a segment.
const (
	splitAbove     = 40_000
	splitBelowDocs = 10_000
)

// partLeaves holds the leaves of one part of a query: of each of its words and
// phrases (the alternatives of the part).
type partLeaves struct {
	words   [][len(wordFields)]int
	phrases [][len(phraseFields)][]int
}

// leaf is one term the query looks for in one field.
type leaf struct {
	field, term string
	boost       float64
	locs        bool // its positions are needed (a phrase of several words)
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

// cursor walks the documents one part of a query matches (a word, a phrase), in
// document order.
type cursor interface {
	current() uint64       // the current document, math.MaxUint64 when done
	advance(target uint64) // to the first match at or after target
	score() float64        // the part's share of the current document's score
}

// termCursor walks the postings of one term of one field: read straight from a
// persisted segment's bytes (z, see zapread.go), or through zap's iterator (it) for a
// segment still in memory and for the terms of a phrase, whose positions it needs.
type termCursor struct {
	z   *zapPostings
	it  segment.PostingsIterator
	p   segment.Posting // it's current posting, valid until the next move
	doc uint64          // the current document, math.MaxUint64 when done
	// The positions of the term in document posOf, from it.
	pos   []uint64
	posOf uint64
	// The term's score in a document is BM25's (see bm25.go) times weight, as
	// Bleve's term scorer computes it: weight is boost × idf × the query norm. den
	// holds the length part of BM25's denominator by field length, for a field of
	// average length avg; without it, the score is tf-idf's: tf × norm × idf × weight.
	idf, weight float64
	w           float64 // idf × weight
	density     float64 // the share of the segment's documents the term is in
	den         *lengthTable
	avg         float64
}

// newTermCursor returns a cursor on the first posting of z or, when z is nil, of pl
// (which may be nil too: a term the segment does not hold).
func newTermCursor(pl segment.PostingsList, z *zapPostings, idf, weight float64, locs bool) termCursor {
	t := termCursor{doc: math.MaxUint64, idf: idf, weight: weight, w: idf * weight, posOf: math.MaxUint64}
	if z != nil {
		t.z = z
		t.doc = z.advance(0)
		return t
	}
	if pl == nil || pl.Count() == 0 {
		return t
	}
	t.it = pl.Iterator(true, true, locs, nil)
	t.set(t.it.Next())
	return t
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
	if c.doc < target {
		c.move(target)
	}
}

// move is moveTo for a cursor before target.
func (c *termCursor) move(target uint64) {
	if c.z != nil {
		c.doc = c.z.advance(target)
		return
	}
	if c.doc+1 == target {
		c.set(c.it.Next()) // the next posting: cheaper than a seek
		return
	}
	c.set(c.it.Advance(target))
}

// positions returns the term's positions in the current document, valid until the
// cursor moves.
func (c *termCursor) positions() []uint64 {
	if c.z != nil {
		return c.z.positions()
	}
	if c.posOf != c.doc {
		c.posOf, c.pos = c.doc, c.pos[:0]
		for _, l := range c.p.Locations() {
			c.pos = append(c.pos, l.Pos())
		}
	}
	return c.pos
}

// freqLength returns the current posting's term frequency and the length of its field
// (zap's norm bits).
func (c *termCursor) freqLength() (freq, length uint64) {
	if c.z != nil {
		return c.z.freqLength()
	}
	if zp, ok := c.p.(*zapx.Posting); ok {
		return zp.Frequency(), zp.NormUint64()
	}
	return c.p.Frequency(), uint64(math.Round(fieldLengthOf(c.p.Norm())))
}

// score is the term's score in the current document.
func (c *termCursor) score() float64 {
	return c.scoreOf(c.freqLength())
}

// scoreOf is the term's score in a document where it is found freq times in a field
// of length terms.
func (c *termCursor) scoreOf(freq, length uint64) float64 {
	if c.den != nil && freq == 1 && length < uint64(len(c.den.once)) {
		return c.w * c.den.once[length]
	}
	return c.scoreRare(freq, length)
}

// scoreRare is scoreOf beyond its common case.
func (c *termCursor) scoreRare(freq, length uint64) float64 {
	if c.den == nil {
		return sqrtOf(freq) * normOf(length) * c.idf * c.weight
	}
	if freq == 1 && length < uint64(len(c.den.once)) {
		return c.w * c.den.once[length]
	}
	tf := sqrtOf(freq)
	var lp float64
	if length < uint64(len(c.den.den)) {
		lp = c.den.den[length]
	} else {
		lp = lengthPart(fieldLengthOf(normOf(length)), c.avg)
	}
	return c.idf * (tf * bsearch.BM25_k1) / (tf + lp) * c.weight
}

// sqrtOf is the square root of a term frequency, from a table for the common ones.
func sqrtOf(freq uint64) float64 {
	if freq < uint64(len(sqrtTable)) {
		return sqrtTable[freq]
	}
	return math.Sqrt(float64(freq))
}

// normOf is zap's norm of a field of length terms (1/sqrt(length), rounded to
// float32), from a table for the common lengths.
func normOf(length uint64) float64 {
	if length < uint64(len(normTable)) {
		return normTable[length]
	}
	return float64(float32(1.0 / math.Sqrt(float64(length))))
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

func (w *wordCursor) current() uint64 { return w.doc }

func (w *wordCursor) update() {
	w.doc = math.MaxUint64
	for i := range w.terms {
		w.doc = min(w.doc, w.terms[i].doc)
	}
}

func (w *wordCursor) advance(target uint64) {
	if w.doc >= target {
		return
	}
	for i := range w.terms {
		w.terms[i].moveTo(target)
	}
	w.update()
}

// score is the word's share of the score, as Bleve's disjunction of the fields gives
// it: the sum of the matching fields' tf-idf scores times the share of fields that
// match.
func (w *wordCursor) score() float64 {
	sum, matched := 0.0, 0
	for i := range w.terms {
		t := &w.terms[i]
		if t.doc == w.doc {
			sum += t.score()
			matched++
		}
	}
	return sum * wordShares[matched]
}

// wordShares holds the share of a word's fields that match, by the number that do.
var wordShares = func() (s [len(wordFields) + 1]float64) {
	for n := range s {
		s[n] = float64(n) / float64(len(wordFields))
	}
	return s
}()

// phraseAlt walks the documents where a phrase stands in one field: all its terms,
// at positions in a row.
type phraseAlt struct {
	terms []termCursor
	rel   []int // each term's position after the first's
	doc   uint64
}

func (a *phraseAlt) advance(target uint64) {
	for {
		// Leapfrog the terms onto one document.
		for agreed := false; !agreed; {
			agreed = true
			for i := range a.terms {
				t := &a.terms[i]
				t.moveTo(target)
				if t.doc == math.MaxUint64 {
					a.doc = math.MaxUint64
					return
				}
				if t.doc > target {
					target, agreed = t.doc, false
				}
			}
		}
		if a.inRow() {
			a.doc = target
			return
		}
		target++
	}
}

// inRow reports whether the terms, all on one document, stand in a row there.
func (a *phraseAlt) inRow() bool {
	if len(a.terms) == 1 {
		return true
	}
	for _, first := range a.terms[0].positions() {
		ok := true
		for i := 1; i < len(a.terms) && ok; i++ {
			want := first + uint64(a.rel[i])
			ok = false
			for _, pos := range a.terms[i].positions() {
				if pos == want {
					ok = true
					break
				}
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (a *phraseAlt) score() float64 {
	sum := 0.0
	for i := range a.terms {
		sum += a.terms[i].score()
	}
	return sum
}

// phraseCursor walks the documents where a phrase stands in the body or the title.
type phraseCursor struct {
	alts [len(phraseFields)]phraseAlt
	doc  uint64
}

func (p *phraseCursor) current() uint64 { return p.doc }

func (p *phraseCursor) update() {
	p.doc = math.MaxUint64
	for i := range p.alts {
		p.doc = min(p.doc, p.alts[i].doc)
	}
}

func (p *phraseCursor) advance(target uint64) {
	if p.doc >= target {
		return
	}
	for i := range p.alts {
		if p.alts[i].doc < target {
			p.alts[i].advance(target)
		}
	}
	p.update()
}

// score is the phrase's share of the score, as Bleve's disjunction of the two fields
// gives it.
func (p *phraseCursor) score() float64 {
	sum, matched := 0.0, 0
	for i := range p.alts {
		if p.alts[i].doc == p.doc {
			sum += p.alts[i].score()
			matched++
		}
	}
	return sum * (float64(matched) / float64(len(p.alts)))
}

// anyCursor walks the documents where one of several alternatives matches (a word and
// its synonyms); its score is the best alternative's.
type anyCursor struct {
	alts []cursor
	doc  uint64
}

func (a *anyCursor) current() uint64 { return a.doc }

func (a *anyCursor) update() {
	a.doc = math.MaxUint64
	for _, c := range a.alts {
		a.doc = min(a.doc, c.current())
	}
}

func (a *anyCursor) advance(target uint64) {
	if a.doc >= target {
		return
	}
	for _, c := range a.alts {
		if c.current() < target {
			c.advance(target)
		}
	}
	a.update()
}

func (a *anyCursor) score() float64 {
	best := 0.0
	for _, c := range a.alts {
		if c.current() == a.doc {
			best = max(best, c.score())
		}
	}
	return best
}

// conjoin hands emit every document from lo up to hi (exclusive) that every cursor
// matches and allowed holds (when not nil), in document order, with its score, until
// emit returns false.
func conjoin(cs []cursor, allowed *roaring.Bitmap, lo, hi uint64, emit func(uint64, float64) bool) {
	var bits roaring.IntPeekable
	if allowed != nil {
		bits = allowed.Iterator()
	}
	target := lo
	for {
		// Leapfrog: raise the target until every cursor (and the filter) is on it.
		for agreed := false; !agreed; {
			agreed = true
			for _, c := range cs {
				c.advance(target)
				doc := c.current()
				if doc == math.MaxUint64 {
					return
				}
				if doc > target {
					target, agreed = doc, false
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
		if target >= hi {
			return
		}
		score := 0.0
		for _, c := range cs {
			score += c.score()
		}
		if !emit(target, score) {
			return
		}
		target++
	}
}
