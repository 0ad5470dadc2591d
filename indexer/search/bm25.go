package search

// BM25: how both evaluators score a term in a passage.
//
// The index uses Bleve's BM25 model (the indexer's mapping sets it). Bleve scores a
// term in a document as
//
//	idf × (tf × k1) / (tf + k1 × (1 − b + b × fieldLength / avgLength))
//
// with idf = ln(1 + (N − n + 0.5) / (n + 0.5)) and tf the square root of the term's
// frequency, then multiplies by the query weight (boost × idf × query norm), as it
// does for tf-idf. Left to itself, Bleve 2.6.1 takes avgLength to be the number of
// distinct terms of the field divided by the number of documents: about 1 for the body
// of 200,000 passages, which makes every passage look 50 times longer than average
// and length, not the words, decide. So Kennisbank counts the terms each field really
// holds, per segment (segments never change, so once; see columnCache.read), and
// hands Bleve those figures through the search context (bleveStats), while the word
// search (fastsearch.go) reads the same figures: the two evaluators score alike.

import (
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// scoredFields are the fields a query scores terms in: those of wordFields and
// phraseFields.
var scoredFields = [...]string{FieldBody, FieldBodyExact, FieldSection, FieldTitle, FieldTitleExact}

// fieldLengths is what BM25 needs to know of the index: the average length of each
// scored field (in terms, rounded up as Bleve rounds it; 0 for a field no document
// holds) and, per field, the length part of the formula's denominator for the common
// field lengths.
type fieldLengths struct {
	avg [len(scoredFields)]float64
	den [len(scoredFields)]*lengthTable
}

// countNowBelow is the number of documents below which a segment's terms are counted
// before the search that first reads it goes on (a tenth of a second or less); a
// larger segment, such as the one a merge makes of a million passages (seconds), is
// counted in the background while searches use the averages of the others.
const countNowBelow = 50_000

// fieldCounts is what countTokens finds in a segment: the terms each scored field
// holds, in all documents together and per document (so that the deleted ones can be
// taken off: an average over the live passages does not change when a merge drops
// the deleted ones).
type fieldCounts struct {
	total  [len(scoredFields)]uint64
	perDoc [len(scoredFields)][]uint32
}

// countTokens counts the terms of each scored field of seg, whose columns c are,
// into c.tokens: at once for a small segment, else in the background, holding the
// index snapshot sn (so that the segment stays open) until done. Counts kept in the
// cache's store for the segment's file are read instead; new counts are kept there.
func (c *segColumns) countTokens(seg segment.Segment, sn *scorch.IndexSnapshot, cache *columnCache) {
	c.docs = seg.Count()
	c.counted = make(chan struct{})
	path, store := pathOf(seg), cache.store
	if fc := loadCounts(store, path, c.docs); fc != nil {
		c.tokens.Store(fc)
		close(c.counted)
		cache.countsLoaded.Add(1)
		return
	}
	cache.countsCounted.Add(1)
	count := func() {
		defer close(c.counted)
		fc := &fieldCounts{}
		for i, f := range scoredFields {
			fc.perDoc[i] = make([]uint32, c.docs)
			n, err := fieldTokens(seg, f, fc.perDoc[i])
			if err != nil {
				return // left uncounted: searches use the other segments' averages
			}
			fc.total[i] = n
		}
		c.tokens.Store(fc)
		if store != nil && path != "" {
			cache.saving.Go(func() { saveCounts(store, path, c.docs, fc) })
		}
	}
	if seg.Count() < countNowBelow || sn == nil {
		count()
		return
	}
	sn.AddRef()
	go func() {
		defer func() { _ = sn.DecRef() }()
		count()
	}()
}

// averageLengths returns the field lengths of the live passages of the segments
// whose columns are cols and whose deleted documents are deleted (nil: none).
// Segments whose terms are still being counted are left out, unless no segment is
// counted yet: then the first search waits.
func averageLengths(cols []*segColumns, deleted []*roaring.Bitmap) fieldLengths {
	var fl fieldLengths
	var tokens [len(scoredFields)]uint64
	var docs uint64
	counted := func() bool {
		tokens, docs = [len(scoredFields)]uint64{}, 0
		any := false
		for s, c := range cols {
			fc := c.tokens.Load()
			if fc == nil {
				continue
			}
			any = true
			docs += c.docs
			for i := range scoredFields {
				tokens[i] += fc.total[i]
			}
			if del := deleted[s]; del != nil {
				docs -= del.GetCardinality()
				it := del.Iterator()
				for it.HasNext() {
					d := it.Next()
					for i := range scoredFields {
						if int(d) < len(fc.perDoc[i]) {
							tokens[i] -= uint64(fc.perDoc[i][d])
						}
					}
				}
			}
		}
		return any
	}
	if !counted() {
		for _, c := range cols {
			<-c.counted
		}
		counted()
	}
	if docs == 0 {
		return fl
	}
	for i := range scoredFields {
		avg := math.Ceil(float64(tokens[i]) / float64(docs))
		fl.avg[i] = avg
		if avg == 0 {
			continue
		}
		fl.den[i] = lengthParts(avg)
	}
	return fl
}

// lengthTable holds, for every common field length n of fields of one average length,
// the length part of BM25's denominator (den) and the BM25 share of a term found once
// in the field, before idf and weight (once: k1 / (1 + den)), the most common case.
type lengthTable struct {
	den, once [len(normTable)]float64
}

// lengthTables holds the tables of lengthParts by average length: the averages of an
// index change seldom, and a table is 64 kB.
var lengthTables sync.Map // float64 → *lengthTable

// lengthParts returns the lengthTable of fields of average length avg.
func lengthParts(avg float64) *lengthTable {
	if t, ok := lengthTables.Load(avg); ok {
		return t.(*lengthTable)
	}
	lt := new(lengthTable)
	for n := range lt.den {
		lt.den[n] = lengthPart(fieldLengthOf(normTable[n]), avg)
		lt.once[n] = bsearch.BM25_k1 / (1 + lt.den[n])
	}
	t, _ := lengthTables.LoadOrStore(avg, lt)
	return t.(*lengthTable)
}

// fieldIndex returns the place of field in scoredFields, or -1.
func fieldIndex(field string) int {
	for i, f := range scoredFields {
		if f == field {
			return i
		}
	}
	return -1
}

// average returns the average length of field, 0 when unknown (then Bleve, and so
// the word search, falls back to tf-idf for it).
func (fl *fieldLengths) average(field string) float64 {
	if i := fieldIndex(field); i >= 0 {
		return fl.avg[i]
	}
	return 0
}

// bleveStats returns the figures Bleve's BM25 scorer reads from the search context
// for an index of docTotal live documents: Bleve divides each field's "cardinality"
// by the document count and rounds up, so the cardinality given is the average times
// the count.
func (fl *fieldLengths) bleveStats(docTotal uint64) *bsearch.BM25Stats {
	st := &bsearch.BM25Stats{DocCount: float64(docTotal), FieldCardinality: map[string]int{}}
	for i, f := range scoredFields {
		st.FieldCardinality[f] = int(fl.avg[i]) * int(docTotal)
	}
	return st
}

// fieldLengthOf is the field length Bleve recomputes from a posting's norm.
func fieldLengthOf(norm float64) float64 { return 1 / (norm * norm) }

// lengthPart is the length part of BM25's denominator, as Bleve computes it.
func lengthPart(fieldLength, avg float64) float64 {
	return bsearch.BM25_k1 * (1 - bsearch.BM25_b + (bsearch.BM25_b * fieldLength / avg))
}

// termIDF is the inverse document frequency of a term that docTerm of docTotal
// documents hold: BM25's where the field has an average length, else tf-idf's (as
// Bleve chooses).
func termIDF(avg float64, docTotal, docTerm uint64) float64 {
	if avg > 0 {
		return math.Log(1 + (float64(docTotal)-float64(docTerm)+0.5)/(float64(docTerm)+0.5))
	}
	return 1 + math.Log(float64(docTotal)/float64(docTerm+1))
}

// fieldTokens returns the number of terms field holds in the documents of seg
// together (the sum of the frequencies of its postings), and adds each document's to
// perDoc.
func fieldTokens(seg segment.Segment, field string, perDoc []uint32) (uint64, error) {
	dict, err := seg.Dictionary(field)
	if err != nil || dict == nil {
		return 0, err
	}
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	var total uint64
	for {
		entry, err := it.Next()
		if err != nil {
			return 0, err
		}
		if entry == nil {
			return total, nil
		}
		if pl, err = dict.PostingsList([]byte(entry.Term), nil, pl); err != nil {
			return 0, err
		}
		pi = pl.Iterator(true, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return 0, err
			}
			if p == nil {
				break
			}
			total += p.Frequency()
			if d := p.Number(); d < uint64(len(perDoc)) {
				perDoc[d] += uint32(p.Frequency())
			}
		}
	}
}
