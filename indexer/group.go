package indexer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// GroupReport groups search results by report.
const GroupReport = "report"

// groupPassages is how many of its best passages a report group shows.
const groupPassages = 3

// Group is one report in a grouped result: its best passages, best first.
type Group struct {
	ReportID    string
	ReportTitle string
	Date        string // YYYY-MM-DD, empty when unknown
	Speakers    []string
	Themes      []string
	Score       float64 // the best passage's
	Matches     int     // matching passages of this report among the first MaxResults hits
	Passages    []Hit
}

// searchGrouped answers r with one group per report. The first MaxResults matching
// passages, in the requested order, decide which reports come first; a second search
// fetches snippets for the passages shown.
func (ix *Index) searchGrouped(ctx context.Context, q query.Query, r Request) (*Result, error) {
	// Passage ids name their report ("<report>#p<n>"), so the ranking needs no stored
	// fields.
	req := bleve.NewSearchRequestOptions(q, MaxResults, 0, false)
	sortRequest(req, r.Sort)
	addFacets(req)
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("indexer: search: %w", err)
	}
	out := &Result{Total: res.Total, Took: res.Took, Page: r.Page, Size: r.Size, Hits: []Hit{}, Groups: []Group{}}
	if out.Facets, out.TotalGroups, err = ix.facetsOf(res); err != nil {
		return nil, err
	}

	// Reports in order of their best passage.
	type entry struct {
		id      string
		score   float64
		matches int
		best    []string // passage ids, best first
	}
	var order []*entry
	byReport := map[string]*entry{}
	for _, h := range res.Hits {
		id, _, _ := strings.Cut(h.ID, "#p")
		e := byReport[id]
		if e == nil {
			e = &entry{id: id, score: h.Score}
			byReport[id] = e
			order = append(order, e)
		}
		e.matches++
		if len(e.best) < groupPassages {
			e.best = append(e.best, h.ID)
		}
	}
	start := min((r.Page-1)*r.Size, len(order))
	page := order[start:min(start+r.Size, len(order))]
	if len(page) == 0 {
		return out, nil
	}

	// Snippets for the passages shown.
	var ids []string
	for _, e := range page {
		ids = append(ids, e.best...)
	}
	shown := bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids))
	sreq := bleve.NewSearchRequestOptions(shown, len(ids), 0, false)
	sreq.Fields = storedFields
	sreq.Highlight = bodyHighlight()
	sres, err := ix.bleve.SearchInContext(ctx, sreq)
	if err != nil {
		return nil, fmt.Errorf("indexer: search: %w", err)
	}
	hits := map[string]Hit{}
	for _, h := range sres.Hits {
		hits[h.ID] = toHit(h)
	}
	for _, e := range page {
		g := Group{ReportID: e.id, Score: e.score, Matches: e.matches, Speakers: []string{}, Themes: []string{}}
		for _, id := range e.best {
			if h, ok := hits[id]; ok {
				g.Passages = append(g.Passages, h)
			}
		}
		if len(g.Passages) > 0 {
			g.ReportTitle, g.Date = g.Passages[0].ReportTitle, g.Passages[0].Date
		}
		rec, err := ix.Report(e.id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil {
			g.ReportTitle, g.Date, g.Themes = rec.Title, rec.Date, nonNil(rec.Themes)
			for _, s := range rec.Speakers {
				g.Speakers = append(g.Speakers, s.Name)
			}
		}
		out.Groups = append(out.Groups, g)
	}
	return out, nil
}
