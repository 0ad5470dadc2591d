package search

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
	zapx "github.com/blevesearch/zapx/v17"
)

// Search runs a search. Bad parameters give a *RequestError; the search stops when
// ctx is done.
func (e *Engine) Search(ctx context.Context, r Request) (*Result, error) {
	from, to, err := r.normalize()
	if err != nil {
		return nil, err
	}
	sn, err := e.current()
	if err != nil {
		return nil, err
	}
	e.active.Add(1)
	defer e.active.Add(-1)
	uq := dropFillers(ParseQuery(r.Query))
	out, err := sn.searchAsked(ctx, uq, r, from, to)
	if err != nil {
		return nil, err
	}
	if out.strictTotal >= fewHits || len(uq.Words) == 0 {
		return out, nil
	}
	// Few or no hits: offer the query spelt as the index spells it, when that finds
	// more; when the query found nothing at all, answer that one instead.
	spellings, err := sn.spellingsFor(ctx, uq)
	if err != nil {
		return out, nil // a suggestion is a courtesy: never fail the search for it
	}
	for _, words := range spellings {
		fixed := uq
		fixed.Words = words
		alt, err := sn.search(ctx, fixed, r, from, to)
		if err != nil {
			return nil, err
		}
		if alt.strictTotal <= out.strictTotal {
			continue
		}
		if out.strictTotal == 0 {
			// Nothing holds every word as typed, something does as the reports
			// spell them: answer that.
			out = alt
			out.Corrected = true
		}
		out.DidYouMean = fixed.String()
		break
	}
	return out, nil
}

// searchAsked runs a query as it was asked: a speaker's name among its words limits
// it to that speaker's passages (see question.go), unless that finds nothing.
func (sn *snap) searchAsked(ctx context.Context, uq UserQuery, r Request, from, to time.Time) (*Result, error) {
	rest, names, err := sn.speakersIn(uq)
	if err != nil {
		return nil, err
	}
	if len(names) > 0 {
		byName := r
		byName.Speakers = append(append([]string(nil), r.Speakers...), names...)
		out, err := sn.search(ctx, rest, byName, from, to)
		if err != nil {
			return nil, err
		}
		if out.Total > 0 {
			return out, nil
		}
	}
	return sn.search(ctx, uq, r, from, to)
}

// forgiveBelow is the number of meetings below which a strict search of several words
// is followed by a forgiving one (see forgiving.go).
const forgiveBelow = 10

// forgivable reports whether a plan has words to forgive: two or more, not counting
// those written with a plus sign.
func forgivable(p *fastPlan) bool {
	n := 0
	for _, part := range p.parts {
		if !part.required {
			n++
		}
	}
	return n >= 2 && len(p.parts) <= 64
}

// search runs one parsed query with the request's filters, sort and page. Bleve
// matches and scores; a hitCollector sees every match and counts the facets. In
// relevance order Bleve keeps the page and highlights it in the same pass; in the
// date orders and for report grouping the collector keeps the page, and a second,
// small search fetches and highlights the passages shown.
func (sn *snap) search(ctx context.Context, uq UserQuery, r Request, from, to time.Time) (*Result, error) {
	start := time.Now()
	var made []*hitCollector
	defer func() {
		for _, hc := range made {
			hc.release()
		}
	}()
	collector := func() *hitCollector {
		hc := &hitCollector{cache: sn.columns, order: r.Sort, group: r.Group == GroupReport, keep: r.Page * r.Size}
		made = append(made, hc)
		return hc
	}
	hc := collector()
	out := &Result{Page: r.Page, Size: r.Size, Hits: []Hit{}}
	filters, err := sn.filters(r, from, to)
	if err != nil {
		return nil, err
	}
	syn := sn.Synonyms
	if sn.strict {
		syn = nil
	}
	p := newPlan(uq, filters, syn)
	split := splitting{}
	if sn.engine != nil {
		split.may, split.always = sn.engine.split()
	}
	if p.fast != nil && !sn.bleveOnly {
		out.Total, err = sn.fastSearch(ctx, p.fast, hc, split)
		if err != nil {
			return nil, err
		}
		out.strictTotal = out.Total
		if !sn.strict && forgivable(p.fast) && len(hc.touched) < forgiveBelow {
			// Few meetings hold every word: look for those that hold most of them.
			hc = collector()
			p.fast.forgive = true
			if out.Total, err = sn.fastSearch(ctx, p.fast, hc, split); err != nil {
				return nil, err
			}
			out.Forgiving = out.Total > out.strictTotal
		}
		return sn.finish(uq, r, hc, out, nil, start, split.may)
	}

	q := p.bleveQuery()
	hc.filters = p.filters
	hc.passThrough = !hc.group && r.Sort == SortRelevance
	var req *bleve.SearchRequest
	if hc.passThrough {
		// No stored fields and no highlighting here: asking for them makes Bleve read
		// every matching passage's term positions, not just the page's.
		req = bleve.NewSearchRequestOptions(q, r.Size, (r.Page-1)*r.Size, false)
	} else {
		req = bleve.NewSearchRequestOptions(q, 0, 0, false)
		if !hc.group {
			req.Score = bleve.ScoreNone // the date decides the order; the page is scored when fetched
		}
	}
	// Relevance ties keep the index's own order, which is stable for a given index,
	// so paging is stable.
	req.SortBy([]string{"-_score"})
	stats, err := sn.bm25Stats()
	if err != nil {
		return nil, err
	}
	res, err := sn.Index.SearchInContext(withCollector(context.WithValue(ctx, bsearch.BM25StatsKey, stats), hc), req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out.Total = uint64(hc.hitsSeen) // Bleve's own total counts the passages filtered out too
	out.strictTotal = out.Total     // Bleve's searches are always strict
	return sn.finish(uq, r, hc, out, res.Hits, start, false)
}

// finish counts the facets of a search and fills in its page: the hits Bleve kept
// (page, in relevance order), or else those hc kept.
func (sn *snap) finish(uq UserQuery, r Request, hc *hitCollector, out *Result,
	page bsearch.DocumentMatchCollection, start time.Time, together bool) (*Result, error) {
	// On an idle machine (together) the facets of a search that found many
	// meetings are counted on another processor while the page is read.
	var facetsErr error
	counted := make(chan struct{})
	count := func() {
		defer close(counted)
		out.Facets, out.TotalGroups, facetsErr = sn.facetsOf(hc)
	}
	if together && len(hc.touched) >= facetsApartAbove {
		go count()
	} else {
		count()
	}
	var err error
	switch {
	case hc.group:
		err = sn.groupPage(uq, r, hc, out)
	case hc.passThrough:
		err = sn.scorePage(uq, page, out)
	default:
		err = sn.keptPage(uq, r, hc, out)
	}
	<-counted
	if err == nil {
		err = facetsErr
	}
	if err != nil {
		return nil, err
	}
	out.Took = time.Since(start)
	return out, nil
}

// facetsApartAbove is the number of meetings found above which a search on an idle
// machine counts its facets beside reading its page (see finish).
const facetsApartAbove = 500

// scorePage fills out.Hits with the page Bleve found in relevance order.
func (sn *snap) scorePage(uq UserQuery, page bsearch.DocumentMatchCollection, out *Result) error {
	ids := make([]string, len(page))
	for i, h := range page {
		ids[i] = h.ID
	}
	hits, err := sn.loadHits(uq, ids)
	if err != nil {
		return err
	}
	for _, h := range page {
		if hit, ok := hits[h.ID]; ok {
			hit.Score = h.Score
			out.Hits = append(out.Hits, hit)
		}
	}
	return nil
}

// keptPage fills out.Hits with the page of the hits hc kept.
func (sn *snap) keptPage(uq UserQuery, r Request, hc *hitCollector, out *Result) error {
	kept := hc.inOrder()
	kept = kept[min((r.Page-1)*r.Size, len(kept)):]
	ids := make([]string, len(kept))
	for i, h := range kept {
		ids[i] = hc.passageID(h)
	}
	hits, err := sn.loadHits(uq, ids)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if h, ok := hits[id]; ok {
			if hc.order == SortRelevance {
				h.Score = kept[i].score
			}
			out.Hits = append(out.Hits, h)
		}
	}
	return nil
}

// loadHits returns the stored passages ids as hits, with snippets marked for uq.
// Passages no longer in the index are left out.
func (sn *snap) loadHits(uq UserQuery, ids []string) (map[string]Hit, error) {
	hits := make(map[string]Hit, len(ids))
	if len(ids) == 0 {
		return hits, nil
	}
	// The report's id is in the passage's; its title and date are in its record.
	tab, err := sn.facets()
	if err != nil {
		return nil, err
	}
	m := newMarker(uq)
	reader, err := sn.reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer reader.Close()
	segs, err := segmentsOf(reader)
	if err != nil {
		return nil, err
	}
	idDicts := make([]*zapDictionary, len(segs))
	for _, id := range ids {
		h := Hit{PassageID: id, ReportID: ReportOf(id)}
		if r := tab.records[h.ReportID]; r != nil {
			h.ReportTitle, h.Date = r.Title, r.Date
		}
		var body string
		field := func(name string, value []byte) {
			v := string(value)
			switch name {
			case FieldSection:
				h.Section = v
			case FieldBody:
				body = v
			case FieldSpeakers:
				h.Speakers = append(h.Speakers, v)
			case FieldThemes:
				h.Themes = append(h.Themes, v)
			}
		}
		found, err := visitStored(reader, segs, idDicts, id, field)
		if err != nil {
			return nil, fmt.Errorf("search: load %s: %w", id, err)
		}
		if !found {
			continue
		}
		h.Snippet = m.snippet(body)
		hits[id] = h
	}
	return hits, nil
}

// visitStored hands field the stored fields of the passage with id: straight from the
// persisted segment that holds it, its id looked up in the segment's dictionary of
// ids (idDicts, by segment, opened as needed), or through Bleve's reader when a
// segment in memory may hold it. It reports whether the passage was found.
func visitStored(reader index.IndexReader, segs []*scorch.SegmentSnapshot, idDicts []*zapDictionary, id string, field func(name string, value []byte)) (bool, error) {
	inMemory := false
	for s, ss := range segs {
		zs, ok := ss.Segment().(*zapx.Segment)
		if !ok {
			inMemory = true
			continue
		}
		if idDicts[s] == nil {
			d, err := openZapDictionary(zs, "_id")
			if err != nil {
				return false, err
			}
			idDicts[s] = d
		}
		z, err := idDicts[s].postings(id, ss.Deleted(), false)
		if err != nil {
			return false, err
		}
		if z == nil {
			continue
		}
		doc := z.advance(0)
		if doc == math.MaxUint64 {
			continue // deleted here
		}
		err = zs.VisitStoredFields(doc, func(name string, _ byte, value []byte, _ []uint64) bool {
			if name != "_id" {
				field(name, value)
			}
			return true
		})
		return err == nil, err
	}
	if !inMemory {
		return false, nil
	}
	doc, err := reader.Document(id)
	if err != nil || doc == nil {
		return false, err
	}
	doc.VisitFields(func(f index.Field) { field(f.Name(), f.Value()) })
	return true, nil
}

// bm25Stats returns the field lengths of the current segments as Bleve's BM25 scorer
// reads them from the search context (see bm25.go).
func (sn *snap) bm25Stats() (*bsearch.BM25Stats, error) {
	reader, err := sn.reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer reader.Close()
	cols, err := sn.columns.forReader(reader)
	if err != nil {
		return nil, err
	}
	docs, err := reader.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return cols.lengths.bleveStats(docs), nil
}
