package search

import (
	"context"
	"slices"
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
)

// hitCollector sees every matching passage of a search, as the word search
// (fastsearch.go) or Bleve finds it, and counts from the columns (see column.go) what
// the whole result needs: passages per report and per speaker for the facets, and the
// passages to show, in the requested order or grouped by report.
type hitCollector struct {
	cache *columnCache
	// passThrough hands every hit on to Bleve's own top-N collector (relevance order,
	// one hit per passage); otherwise the hits are kept here.
	passThrough bool
	order       string // SortRelevance, SortDateDesc or SortDateAsc: keep the first keep hits in that order
	group       bool   // keep the best passages of every report
	keep        int
	// filters select the passages on the Bleve path; the word search applies them
	// itself.
	filters []filterGroup

	cols          *snapColumns
	reportNames   []string
	reportCounts  []int32 // matching passages per report number
	touched       []int32 // the report numbers with a count, in the order found
	speakerCounts []int32 // matching passages per speaker number
	kept          []keptHit
	best          []reportBest // group: the matching reports
	bestAt        []int32      // group: by report number, 1 + its index in best, or 0
	hitsSeen      int
	// wordWeights are the weights of the words of a forgiving search (see
	// forgiving.go), nil in a strict one; reportMasks holds, by report number, the
	// words its matching passages hold together.
	wordWeights []float64
	reportMasks []uint64
	pooled      *counts // the arrays above that came from countsPool
}

// keptHit is a matching passage kept for the page.
type keptHit struct {
	report  int32
	passage int32
	date    int32
	seq     int32 // order in which it was found
	score   float64
}

// reportBest is what grouping keeps of one report.
type reportBest struct {
	report int32
	first  int32 // seq of its first match
	n      int32 // passages in top
	score  float64
	top    [GroupPassages]keptHit
}

// passages returns the best passages, best first.
func (b *reportBest) passages() []keptHit { return b.top[:b.n] }

// maker returns the document match handler Bleve calls for the hits of one search.
func (hc *hitCollector) maker(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
	cols, err := hc.cache.forReader(sctx.IndexReader)
	if err != nil {
		return nil, false, err
	}
	hc.start(cols)
	var next bsearch.DocumentMatchHandler
	if hc.passThrough {
		if next, _, err = collector.MakeTopNDocumentMatchHandler(sctx); err != nil {
			return nil, false, err
		}
	}
	var allowed []*roaring.Bitmap // by segment
	if len(hc.filters) > 0 {
		allowed = make([]*roaring.Bitmap, len(cols.segs))
		for i, ss := range cols.segs {
			if allowed[i], err = filterBitmap(ss, cols.cols[i], hc.filters); err != nil {
				return nil, false, err
			}
		}
	}
	hint := 0
	handle := func(d *bsearch.DocumentMatch) error {
		if d == nil {
			if next != nil {
				return next(nil)
			}
			return nil
		}
		col, local := cols.locate(d.IndexInternalID.Value(), &hint)
		if allowed != nil && !allowed[hint].Contains(uint32(local)) {
			sctx.DocumentMatchPool.Put(d)
			return nil
		}
		hc.add(col, local, d.Score)
		if next != nil {
			return next(d)
		}
		sctx.DocumentMatchPool.Put(d)
		return nil
	}
	return handle, false, nil
}

// start readies the collector for the hits of one snapshot.
func (hc *hitCollector) start(cols *snapColumns) {
	hc.cols = cols
	hc.reportNames = hc.cache.reports.values()
	hc.release()
	c, _ := countsPool.Get().(*counts)
	if c == nil {
		c = &counts{}
	}
	c.reports = zeroed(c.reports, len(hc.reportNames))
	c.speakers = zeroed(c.speakers, len(hc.cache.speakers.values()))
	hc.reportCounts, hc.speakerCounts, hc.touched = c.reports, c.speakers, c.touched[:0]
	if hc.group {
		c.bestAt = zeroed(c.bestAt, len(hc.reportNames))
		hc.bestAt, hc.best = c.bestAt, c.best[:0]
	}
	hc.pooled = c
}

// counts are the per-report and per-speaker arrays of a collector. They are pooled:
// at 20,000 reports they are most of the garbage a search leaves, and at 100,000 the
// list of reports found alone was a quarter of it.
type counts struct {
	reports, speakers, bestAt, touched []int32
	best                               []reportBest
}

var countsPool sync.Pool

// zeroed returns s with length n, all zero, reusing its array when it is large
// enough.
func zeroed(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// release hands the collector's counts back to the pool; the collector must not be
// read afterwards.
func (hc *hitCollector) release() {
	if hc.pooled == nil {
		return
	}
	if cap(hc.best) > cap(hc.pooled.best) {
		hc.pooled.best = hc.best[:0]
	}
	if cap(hc.touched) > cap(hc.pooled.touched) {
		hc.pooled.touched = hc.touched[:0]
	}
	countsPool.Put(hc.pooled)
	hc.pooled, hc.reportCounts, hc.speakerCounts, hc.bestAt, hc.best, hc.touched = nil, nil, nil, nil, nil, nil
}

// fork returns an empty collector like hc, for the matches of another part of the
// same segments (see fastSearch), to be merged into hc.
func (hc *hitCollector) fork() *hitCollector {
	o := &hitCollector{cache: hc.cache, order: hc.order, group: hc.group, keep: hc.keep, filters: hc.filters,
		cols: hc.cols, reportNames: hc.reportNames}
	c, _ := countsPool.Get().(*counts)
	if c == nil {
		c = &counts{}
	}
	c.reports = zeroed(c.reports, len(hc.reportCounts))
	c.speakers = zeroed(c.speakers, len(hc.speakerCounts))
	o.reportCounts, o.speakerCounts, o.touched = c.reports, c.speakers, c.touched[:0]
	if o.group {
		c.bestAt = zeroed(c.bestAt, len(hc.bestAt))
		o.bestAt, o.best = c.bestAt, c.best[:0]
	}
	o.pooled = c
	return o
}

// merge adds what o collected to hc, as if hc had seen o's matches after its own:
// o must have collected the documents that follow hc's.
func (hc *hitCollector) merge(o *hitCollector) {
	for _, rep := range o.touched {
		if hc.reportCounts[rep] == 0 {
			hc.touched = append(hc.touched, rep)
		}
		hc.reportCounts[rep] += o.reportCounts[rep]
		if o.reportMasks != nil {
			if hc.reportMasks == nil {
				hc.reportMasks = make([]uint64, len(hc.reportNames))
			}
			hc.reportMasks[rep] |= o.reportMasks[rep]
		}
	}
	if o.wordWeights != nil {
		hc.wordWeights = o.wordWeights
	}
	for sp, n := range o.speakerCounts {
		hc.speakerCounts[sp] += n
	}
	off := int32(hc.hitsSeen)
	hc.hitsSeen += o.hitsSeen
	if !hc.group {
		for _, h := range o.kept {
			h.seq += off
			hc.keepInOrder(h)
		}
		return
	}
	for i := range o.best {
		b := o.best[i]
		b.first += off
		for j := range b.n {
			b.top[j].seq += off
		}
		at := hc.bestAt[b.report]
		if at == 0 {
			hc.best = append(hc.best, b)
			hc.bestAt[b.report] = int32(len(hc.best))
			continue
		}
		e := &hc.best[at-1]
		e.score = max(e.score, b.score)
		for _, h := range b.passages() {
			hc.insertTop(e, h)
		}
	}
}

// add counts one matching passage, document local of a segment with columns col,
// and keeps it when it may be shown (unless Bleve keeps the page).
func (hc *hitCollector) add(col *segColumns, local uint64, score float64) {
	hc.addMasked(col, local, score, 0)
}

// addMasked is add for a passage of a forgiving search that holds the words of mask.
func (hc *hitCollector) addMasked(col *segColumns, local uint64, score float64, mask uint64) {
	rep := col.report[local]
	if rep >= 0 {
		if hc.reportCounts[rep] == 0 {
			hc.touched = append(hc.touched, rep)
		}
		hc.reportCounts[rep]++
		if mask != 0 {
			if hc.reportMasks == nil {
				hc.reportMasks = make([]uint64, len(hc.reportNames))
			}
			hc.reportMasks[rep] |= mask
		}
	}
	for _, sp := range col.speakers(local) {
		hc.speakerCounts[sp]++
	}
	hc.hitsSeen++
	if hc.passThrough || rep < 0 {
		return
	}
	if !hc.group && hc.order == SortRelevance && hc.keep > 0 && len(hc.kept) == hc.keep && score <= hc.kept[0].score {
		return // keepInOrder would drop it: found later, and no higher than the last kept
	}
	h := keptHit{report: rep, passage: col.passage[local], date: col.date[local], score: score, seq: int32(hc.hitsSeen)}
	if hc.group {
		hc.keepForGroup(h)
	} else {
		hc.keepInOrder(h)
	}
}

// before reports whether a comes before b in the collector's order. In relevance
// order that is the higher score, then the order found (the index's own, as Bleve
// breaks ties). In the date orders it is the meeting date, then the report, then
// reading order; undated passages last.
func (hc *hitCollector) before(a, b keptHit) bool {
	if hc.order == SortRelevance {
		if a.score != b.score {
			return a.score > b.score
		}
		return a.seq < b.seq
	}
	if a.date != b.date {
		if a.date == 0 || b.date == 0 {
			return b.date == 0
		}
		if hc.order == SortDateAsc {
			return a.date < b.date
		}
		return a.date > b.date
	}
	if a.report != b.report {
		return hc.reportNames[a.report] < hc.reportNames[b.report]
	}
	return a.passage < b.passage
}

// keepInOrder keeps the first hc.keep hits in the collector's order. The kept hits form a heap
// with the last of them on top, so a hit that comes after it is dropped at once.
func (hc *hitCollector) keepInOrder(h keptHit) {
	if len(hc.kept) < hc.keep {
		hc.kept = append(hc.kept, h)
		hc.up(len(hc.kept) - 1)
		return
	}
	if hc.keep == 0 || !hc.before(h, hc.kept[0]) {
		return
	}
	hc.kept[0] = h
	hc.down(0)
}

// The heap orders by "after": the parent comes after its children.
func (hc *hitCollector) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !hc.before(hc.kept[p], hc.kept[i]) {
			return
		}
		hc.kept[p], hc.kept[i] = hc.kept[i], hc.kept[p]
		i = p
	}
}

func (hc *hitCollector) down(i int) {
	n := len(hc.kept)
	for {
		l, last := 2*i+1, i
		if l < n && hc.before(hc.kept[last], hc.kept[l]) {
			last = l
		}
		if r := l + 1; r < n && hc.before(hc.kept[last], hc.kept[r]) {
			last = r
		}
		if last == i {
			return
		}
		hc.kept[i], hc.kept[last] = hc.kept[last], hc.kept[i]
		i = last
	}
}

// inOrder returns the kept hits, first first.
func (hc *hitCollector) inOrder() []keptHit {
	out := append([]keptHit(nil), hc.kept...)
	slices.SortFunc(out, byLess(hc.before))
	return out
}

// byLess turns an order given as "a comes before b" into a comparison for
// slices.SortFunc.
func byLess[T any](before func(a, b T) bool) func(a, b T) int {
	return func(a, b T) int {
		switch {
		case before(a, b):
			return -1
		case before(b, a):
			return 1
		}
		return 0
	}
}

// keepForGroup keeps, per report, its best score and its GroupPassages best
// passages (by score, or reading order in the date orders).
func (hc *hitCollector) keepForGroup(h keptHit) {
	at := hc.bestAt[h.report]
	if at == 0 {
		hc.best = append(hc.best, reportBest{report: h.report, score: h.score, first: h.seq})
		at = int32(len(hc.best))
		hc.bestAt[h.report] = at
	}
	b := &hc.best[at-1]
	b.score = max(b.score, h.score)
	hc.insertTop(b, h)
}

// insertTop puts h among the best passages of its report, b, if it is one of them.
func (hc *hitCollector) insertTop(b *reportBest, h keptHit) {
	better := func(x, y *keptHit) bool {
		if hc.order == SortRelevance && x.score != y.score {
			return x.score > y.score
		}
		return x.passage < y.passage
	}
	i := b.n
	if i == GroupPassages {
		if !better(&h, &b.top[i-1]) {
			return
		}
		i--
	} else {
		b.n++
	}
	for i > 0 && better(&h, &b.top[i-1]) {
		b.top[i] = b.top[i-1]
		i--
	}
	b.top[i] = h
}

// groups returns the first n reports that match, in the collector's order: by best
// score (relevance), or by meeting date.
func (hc *hitCollector) groups(n int) []*reportBest {
	out := make([]*reportBest, len(hc.best))
	for i := range hc.best {
		out[i] = &hc.best[i]
	}
	return firstN(out, n, func(a, b *reportBest) bool {
		if hc.order == SortRelevance {
			if hc.reportMasks != nil {
				// A forgiving search: the report covering more of the query first.
				ca, cb := coverage(hc.reportMasks[a.report], hc.wordWeights), coverage(hc.reportMasks[b.report], hc.wordWeights)
				if ca != cb {
					return ca > cb
				}
			}
			if a.score != b.score {
				return a.score > b.score
			}
			return a.first < b.first
		}
		return hc.before(a.top[0], b.top[0])
	})
}

// passageID returns the id of a kept hit.
func (hc *hitCollector) passageID(h keptHit) string {
	return hc.reportNames[h.report] + "#p" + strconv.Itoa(int(h.passage))
}

// withCollector returns ctx carrying hc, for Bleve to hand it every hit.
func withCollector(ctx context.Context, hc *hitCollector) context.Context {
	return context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(hc.maker))
}
