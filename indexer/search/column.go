package search

// Columns: what facets, date orders and report grouping need of every matching
// passage, as plain arrays per index segment.
//
// A search that counts facets, sorts by date or groups by report needs, for each
// matching passage, its report, its speakers, its date and its place in the report.
// Bleve would read those from doc values, decoding compressed chunks per search and
// calling back per value: on an index of 200,000 passages that was half of the time
// of a search. A Bleve segment never changes once written, so the values are read
// once per segment, from its term dictionaries, into arrays indexed by the segment's
// own document numbers; a search then looks each matching passage up by number.

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// numbering gives each distinct value (a report id, a speaker) a small number, so
// that counting is adding up arrays. Numbers are never reused while the process
// runs.
type numbering struct {
	mu   sync.RWMutex
	num  map[string]int32
	vals []string
}

func (n *numbering) number(v string) int32 {
	n.mu.RLock()
	k, ok := n.num[v]
	n.mu.RUnlock()
	if ok {
		return k
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if k, ok := n.num[v]; ok {
		return k
	}
	if n.num == nil {
		n.num = map[string]int32{}
	}
	k = int32(len(n.vals))
	n.num[v] = k
	n.vals = append(n.vals, v)
	return k
}

// values returns the values numbered so far; value k is at index k.
func (n *numbering) values() []string {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.vals[:len(n.vals):len(n.vals)]
}

// segColumns holds the values of every document of one segment, by document number.
type segColumns struct {
	report  []int32  // report number, -1 for a document without one
	passage []int32  // passage number within the report, from 1
	date    []int32  // meeting date as YYYYMMDD, 0 when unknown
	spStart []uint32 // the speakers of document d are spVals[spStart[d]:spStart[d+1]]
	spVals  []int32  // speaker numbers
	// tokens is the number of terms each scored field holds in the segment's
	// documents together (see scoredFields), for BM25's average field length; nil
	// until counted (see countTokens). counted is closed once it is set or failed.
	tokens  atomic.Pointer[fieldCounts]
	counted chan struct{}
	docs    uint64 // the segment's documents, deleted ones included
}

func (c *segColumns) speakers(d uint64) []int32 { return c.spVals[c.spStart[d]:c.spStart[d+1]] }

// snapColumns is the columns of every segment of one index snapshot, with the
// offset at which each segment's document numbers start.
type snapColumns struct {
	segs    []*scorch.SegmentSnapshot
	offsets []uint64
	cols    []*segColumns // of segs[i]
	lengths fieldLengths  // of the scored fields over every segment
}

// locate returns the columns and the segment's own number of a document of the
// snapshot. hint is the segment found last: matches come in document order, so it
// is usually right.
func (s *snapColumns) locate(doc uint64, hint *int) (*segColumns, uint64) {
	i := *hint
	if i >= len(s.offsets) || doc < s.offsets[i] || (i+1 < len(s.offsets) && doc >= s.offsets[i+1]) {
		lo, hi := 0, len(s.offsets)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if s.offsets[mid] <= doc {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		i = lo
		*hint = i
	}
	return s.cols[i], doc - s.offsets[i]
}

// segmentsOf returns the segments of an index snapshot.
func segmentsOf(r index.IndexReader) ([]*scorch.SegmentSnapshot, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("search: unexpected index reader %T", r)
	}
	return snap.Segments(), nil
}

// columnCache keeps the columns of the segments in use and numbers their values.
type columnCache struct {
	reports, speakers numbering
	store             CountStore // where term counts are kept between runs, or nil
	// Segments whose term counts were read from the store, and counted.
	countsLoaded, countsCounted atomic.Int64
	// saving holds the counts being written to the store: writing waits for the
	// store's one writer (a sync's records), which a search must not.
	saving sync.WaitGroup

	mu   sync.Mutex
	segs map[segment.Segment]*segEntry
	// The field lengths worked out last (see lengthsOf).
	lastKey     []segKey
	lastCounted int
	lastLengths fieldLengths
}

// lengthsOf returns the field lengths of the segments segs, with columns cols: those
// worked out last when the segments, their deletions and the segments counted are
// the same (they are, for every search between two commits or merges).
func (c *columnCache) lengthsOf(segs []*scorch.SegmentSnapshot, cols []*segColumns) fieldLengths {
	key := make([]segKey, len(segs))
	deleted := make([]*roaring.Bitmap, len(segs))
	counted := 0
	for i, ss := range segs {
		deleted[i] = ss.Deleted()
		key[i] = segKey{ss.Segment(), deleted[i]}
		if cols[i].tokens.Load() != nil {
			counted++
		}
	}
	c.mu.Lock()
	if slices.Equal(key, c.lastKey) && counted == c.lastCounted && counted > 0 {
		fl := c.lastLengths
		c.mu.Unlock()
		return fl
	}
	c.mu.Unlock()
	fl := averageLengths(cols, deleted)
	c.mu.Lock()
	c.lastKey, c.lastCounted, c.lastLengths = key, counted, fl
	c.mu.Unlock()
	return fl
}

type segEntry struct {
	once sync.Once
	cols *segColumns
	err  error
}

// forReader returns the columns of the snapshot r, reading those of segments not
// seen before.
func (c *columnCache) forReader(r index.IndexReader) (*snapColumns, error) {
	segs, err := segmentsOf(r)
	if err != nil {
		return nil, err
	}
	out := &snapColumns{segs: segs, offsets: make([]uint64, len(segs)), cols: make([]*segColumns, len(segs))}
	entries := make([]*segEntry, len(segs))
	c.mu.Lock()
	if c.segs == nil {
		c.segs = map[segment.Segment]*segEntry{}
	}
	for i, ss := range segs {
		e := c.segs[ss.Segment()]
		if e == nil {
			e = &segEntry{}
			c.segs[ss.Segment()] = e
		}
		entries[i] = e
	}
	if len(c.segs) > 2*len(segs)+8 {
		// Merged-away segments: keep only those of this snapshot.
		keep := make(map[segment.Segment]*segEntry, len(segs))
		for i, ss := range segs {
			keep[ss.Segment()] = entries[i]
		}
		c.segs = keep
	}
	c.mu.Unlock()
	var running uint64
	for i, ss := range segs {
		e := entries[i]
		e.once.Do(func() {
			if e.cols, e.err = c.read(ss.Segment()); e.err == nil {
				e.cols.countTokens(ss.Segment(), r.(*scorch.IndexSnapshot), c)
			}
		})
		if e.err != nil {
			return nil, e.err
		}
		out.offsets[i] = running
		out.cols[i] = e.cols
		running += ss.Segment().Count()
	}
	out.lengths = c.lengthsOf(segs, out.cols)
	return out, nil
}

// read reads the columns of one segment from its term dictionaries.
func (c *columnCache) read(seg segment.Segment) (*segColumns, error) {
	n := int(seg.Count())
	col := &segColumns{report: make([]int32, n), passage: make([]int32, n), date: make([]int32, n),
		spStart: make([]uint32, n+1)}
	for i := range col.report {
		col.report[i] = -1
	}
	err := eachPosting(seg, FieldReportID, func(term string) func(uint64) {
		k := c.reports.number(term)
		return func(d uint64) { col.report[d] = k }
	})
	if err == nil {
		err = eachPosting(seg, FieldPassageNo, func(term string) func(uint64) {
			k, _ := strconv.Atoi(term)
			return func(d uint64) { col.passage[d] = int32(k) }
		})
	}
	if err == nil {
		err = eachPosting(seg, FieldDate, func(term string) func(uint64) {
			k := dateNumber(term)
			return func(d uint64) { col.date[d] = k }
		})
	}
	// Speakers: count per document first, then fill.
	type pair struct {
		doc uint32
		sp  int32
	}
	var pairs []pair
	if err == nil {
		err = eachPosting(seg, FieldSpeakers, func(term string) func(uint64) {
			k := c.speakers.number(term)
			return func(d uint64) {
				col.spStart[d+1]++
				pairs = append(pairs, pair{uint32(d), k})
			}
		})
	}
	if err != nil {
		return nil, fmt.Errorf("search: read columns: %w", err)
	}
	for d := 1; d <= n; d++ {
		col.spStart[d] += col.spStart[d-1]
	}
	col.spVals = make([]int32, len(pairs))
	fill := make([]uint32, n)
	copy(fill, col.spStart[:n])
	for _, p := range pairs {
		col.spVals[fill[p.doc]] = p.sp
		fill[p.doc]++
	}
	return col, nil
}

// eachPosting calls perTerm once for every term of field in seg, and the function it
// returns for every document that holds the term.
func eachPosting(seg segment.Segment, field string, perTerm func(term string) func(doc uint64)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return err
	}
	if dict == nil {
		return nil
	}
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	for {
		entry, err := it.Next()
		if err != nil {
			return err
		}
		if entry == nil {
			return nil
		}
		pl, err = dict.PostingsList([]byte(entry.Term), nil, pl)
		if err != nil {
			return err
		}
		fn := perTerm(entry.Term)
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return err
			}
			if p == nil {
				break
			}
			fn(p.Number())
		}
	}
}

// dateNumber turns YYYY-MM-DD into YYYYMMDD, or 0.
func dateNumber(s string) int32 {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0
	}
	n, err := strconv.Atoi(s[:4] + s[5:7] + s[8:10])
	if err != nil {
		return 0
	}
	return int32(n)
}
