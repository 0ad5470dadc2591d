package indexer

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	htmlhl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"kennisbank/indexer/dutch"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDateDesc  = "date_desc"
	SortDateAsc   = "date_asc"
)

// Limits on paging.
const (
	DefaultSize = 10
	MaxSize     = 50
	MaxResults  = 1000 // no page reaches beyond the first MaxResults hits
)

// Request is one search.
type Request struct {
	Query         string
	Speakers      []string
	Themes        []string
	Organisations []string
	Places        []string
	From, To      string // YYYY-MM-DD, inclusive; empty for open
	Sort          string // SortRelevance, SortDateDesc or SortDateAsc; empty for the default
	Page          int    // from 1; 0 means 1
	Size          int    // 1–MaxSize; 0 means DefaultSize
	// Group is GroupReport for one result per report (Result.Groups, paged by report)
	// or empty for one per passage.
	Group string
}

// RequestError is a request that cannot be answered as asked. Message is Dutch, for
// users; Field names the parameter.
type RequestError struct {
	Field   string
	Message string
}

func (e *RequestError) Error() string { return e.Field + ": " + e.Message }

// normalize fills defaults and checks every value.
func (r *Request) normalize() (from, to time.Time, err error) {
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page < 1 {
		return from, to, &RequestError{"page", "page moet 1 of hoger zijn"}
	}
	if r.Size < 1 || r.Size > MaxSize {
		return from, to, &RequestError{"size", fmt.Sprintf("size moet tussen 1 en %d liggen", MaxSize)}
	}
	if r.Page*r.Size > MaxResults {
		return from, to, &RequestError{"page", fmt.Sprintf("alleen de eerste %d resultaten zijn op te vragen; verfijn de zoekopdracht", MaxResults)}
	}
	if r.Group != "" && r.Group != GroupReport {
		return from, to, &RequestError{"group", "group kan alleen report zijn (één resultaat per verslag)"}
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
		if ParseQuery(r.Query).Empty() {
			r.Sort = SortDateDesc
		}
	case SortRelevance, SortDateDesc, SortDateAsc:
	default:
		return from, to, &RequestError{"sort", "sort moet relevance, date_desc of date_asc zijn"}
	}
	if r.From != "" {
		if from, err = time.Parse(time.DateOnly, r.From); err != nil {
			return from, to, &RequestError{"from", "from is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"}
		}
	}
	if r.To != "" {
		if to, err = time.Parse(time.DateOnly, r.To); err != nil {
			return from, to, &RequestError{"to", "to is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"}
		}
	}
	if r.From != "" && r.To != "" && from.After(to) {
		return from, to, &RequestError{"from", "from ligt na to"}
	}
	return from, to, nil
}

// Result is one page of search results.
type Result struct {
	Total  uint64
	Took   time.Duration
	Page   int
	Size   int
	Hits   []Hit
	Facets Facets
	// Groups holds, for a Request with Group set, one group per report (Hits is
	// empty), and TotalGroups how many reports match.
	Groups      []Group
	TotalGroups int
	// DidYouMean is the query with its unknown words spelt as the reports spell them,
	// offered when the query finds little; empty otherwise.
	DidYouMean string
	// Corrected is set when the query found nothing and the hits are those of
	// DidYouMean instead.
	Corrected bool
}

// Hit is one matching passage.
type Hit struct {
	PassageID   string
	ReportID    string
	ReportTitle string
	Date        string // YYYY-MM-DD, empty when unknown
	Section     string
	Speakers    []string
	Themes      []string
	// Snippet is HTML-escaped text in which only <mark> is markup.
	Snippet string
	Score   float64
}

// Facets count values over the whole result.
type Facets struct {
	Speakers      []FacetValue
	Themes        []FacetValue
	Organisations []FacetValue
	Places        []FacetValue
	Years         []FacetValue
}

// FacetValue is one value of a facet with the number of passages that have it.
type FacetValue struct {
	Value string
	Count int
}

const facetSize = 25

// Search runs a search. Bad parameters give a *RequestError; the search stops when
// ctx is done.
func (ix *Index) Search(ctx context.Context, r Request) (*Result, error) {
	from, to, err := r.normalize()
	if err != nil {
		return nil, err
	}
	uq := ParseQuery(r.Query)
	out, err := ix.search(ctx, uq, r, from, to)
	if err != nil {
		return nil, err
	}
	if out.Total >= fewHits || len(uq.Words) == 0 {
		return out, nil
	}
	// Few or no hits: offer the query spelt as the index spells it, when that finds
	// more; when the query found nothing at all, answer that one instead.
	spellings, err := ix.spellingsFor(ctx, uq)
	if err != nil {
		return out, nil // a suggestion is a courtesy: never fail the search for it
	}
	for _, words := range spellings {
		fixed := uq
		fixed.Words = words
		alt, err := ix.search(ctx, fixed, r, from, to)
		if err != nil {
			return nil, err
		}
		if alt.Total <= out.Total {
			continue
		}
		if out.Total == 0 {
			out = alt
			out.Corrected = true
		}
		out.DidYouMean = fixed.String()
		break
	}
	return out, nil
}

// search runs one parsed query with the request's filters, sort and page.
func (ix *Index) search(ctx context.Context, uq UserQuery, r Request, from, to time.Time) (*Result, error) {
	q := buildQuery(uq, r, from, to)
	if r.Group == GroupReport {
		return ix.searchGrouped(ctx, q, r)
	}

	req := bleve.NewSearchRequestOptions(q, r.Size, (r.Page-1)*r.Size, false)
	req.Fields = storedFields
	req.Highlight = bodyHighlight()
	sortRequest(req, r.Sort)
	addFacets(req)

	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("indexer: search: %w", err)
	}
	out := &Result{Total: res.Total, Took: res.Took, Page: r.Page, Size: r.Size, Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, toHit(h))
	}
	if out.Facets, out.TotalGroups, err = ix.facetsOf(res); err != nil {
		return nil, err
	}
	return out, nil
}

// bodyHighlight marks the query's terms in the body, as HTML.
func bodyHighlight() *bleve.HighlightRequest {
	hl := bleve.NewHighlightWithStyle(htmlhl.Name)
	hl.AddField(FieldBody)
	return hl
}

// sortRequest orders req's hits. Relevance ties keep the index's own order, which
// is stable for a given index, so paging is stable; date orders keep reading order
// within a meeting. Every sort key but the score costs a doc-value read for each
// matching passage, so there are as few as that allows.
func sortRequest(req *bleve.SearchRequest, order string) {
	switch order {
	case SortDateDesc:
		req.SortBy([]string{"-" + FieldSortDesc})
	case SortDateAsc:
		req.SortBy([]string{FieldSortAsc})
	default:
		req.SortBy([]string{"-_score"})
	}
}

// The facets of a search are counted from two doc values of each matching passage:
// its speakers, and its report, whose themes, organisations, places and year are looked
// up in the report records. Reading the report-level values from every passage instead
// would cost a doc-value read of each of them per matching passage.
const (
	facetSpeakers = "speakers"
	facetReports  = "reports"
)

// maxGroupsCounted bounds the reports counted in one search (facets, TotalGroups).
const maxGroupsCounted = 20000

// addFacets asks for the facets that every search shows.
func addFacets(req *bleve.SearchRequest) {
	req.AddFacet(facetSpeakers, bleve.NewFacetRequest(FieldSpeakers, facetSize))
	req.AddFacet(facetReports, bleve.NewFacetRequest(FieldReportID, maxGroupsCounted))
}

// facetsOf counts the facets of a search result; it also returns the number of
// reports that match.
func (ix *Index) facetsOf(res *bleve.SearchResult) (Facets, int, error) {
	out := Facets{Speakers: []FacetValue{}, Themes: []FacetValue{}, Organisations: []FacetValue{},
		Places: []FacetValue{}, Years: []FacetValue{}}
	if f := res.Facets[facetSpeakers]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out.Speakers = append(out.Speakers, FacetValue{Value: t.Term, Count: t.Count})
		}
	}
	f := res.Facets[facetReports]
	if f == nil || f.Terms == nil {
		return out, 0, nil
	}
	table, err := ix.facets()
	if err != nil {
		return out, 0, err
	}
	var counts [numReportFacets][]int
	for k := range counts {
		counts[k] = make([]int, len(table.values[k]))
	}
	reports := f.Terms.Terms()
	for _, t := range reports {
		for k, vals := range table.reports[t.Term] {
			for _, v := range vals {
				counts[k][v] += t.Count
			}
		}
	}
	out.Themes = topValues(table.values[facetTheme], counts[facetTheme])
	out.Organisations = topValues(table.values[facetOrganisation], counts[facetOrganisation])
	out.Places = topValues(table.values[facetPlace], counts[facetPlace])
	out.Years = topValues(table.values[facetYear], counts[facetYear])
	sort.Slice(out.Years, func(i, j int) bool { return out.Years[i].Value > out.Years[j].Value })
	return out, len(reports), nil
}

// The report-level facets, as indexes into facetTable.values.
const (
	facetTheme = iota
	facetOrganisation
	facetPlace
	facetYear
	numReportFacets
)

// facetTable holds the report-level facet values of every report as small integers,
// so that counting a search's facets is adding up arrays.
type facetTable struct {
	values  [numReportFacets][]string           // the value of each number
	reports map[string][numReportFacets][]int32 // report id → its values' numbers
}

// facets returns the facet table of the reports, cached with Reports.
func (ix *Index) facets() (*facetTable, error) {
	ix.mu.RLock()
	t := ix.facetTab
	ix.mu.RUnlock()
	if t != nil {
		return t, nil
	}
	recs, err := ix.Reports()
	if err != nil {
		return nil, err
	}
	t = &facetTable{reports: make(map[string][numReportFacets][]int32, len(recs))}
	var numbers [numReportFacets]map[string]int32
	for k := range numbers {
		numbers[k] = map[string]int32{}
	}
	number := func(k int, v string) int32 {
		n, ok := numbers[k][v]
		if !ok {
			n = int32(len(t.values[k]))
			numbers[k][v] = n
			t.values[k] = append(t.values[k], v)
		}
		return n
	}
	for _, r := range recs {
		var e [numReportFacets][]int32
		for k, vals := range [numReportFacets][]string{facetTheme: r.Themes, facetOrganisation: r.Organisations, facetPlace: r.Places} {
			for _, v := range vals {
				e[k] = append(e[k], number(k, v))
			}
		}
		if len(r.Date) >= 4 {
			e[facetYear] = []int32{number(facetYear, r.Date[:4])}
		}
		t.reports[r.ID] = e
	}
	ix.mu.Lock()
	ix.facetTab = t
	ix.mu.Unlock()
	return t, nil
}

// topValues returns the facetSize values with the highest counts (none of zero),
// highest first and by value among equals.
func topValues(values []string, counts []int) []FacetValue {
	out := []FacetValue{}
	for i, n := range counts {
		if n > 0 {
			out = append(out, FacetValue{Value: values[i], Count: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	return out[:min(len(out), facetSize)]
}

// buildQuery turns the user's query and filters into a Bleve query.
func buildQuery(uq UserQuery, r Request, from, to time.Time) query.Query {
	var must []query.Query
	var should []query.Query
	for _, w := range uq.Words {
		if len(dutch.Terms(w)) == 0 {
			continue // a stop word on its own asks for nothing
		}
		must = append(must, wordQuery(w))
	}
	for _, p := range uq.Phrases {
		// The exact fields are second mappings of a property, so Bleve cannot find
		// their analyser by path: name it.
		exact := bleve.NewMatchPhraseQuery(p)
		exact.SetField(FieldBodyExact)
		exact.Analyzer = dutch.ExactAnalyzer
		exactTitle := bleve.NewMatchPhraseQuery(p)
		exactTitle.SetField(FieldTitleExact)
		exactTitle.Analyzer = dutch.ExactAnalyzer
		exactTitle.SetBoost(2)
		must = append(must, bleve.NewDisjunctionQuery(exact, exactTitle))
		// The same phrase on the highlighted field, so the snippet marks it.
		hl := bleve.NewMatchPhraseQuery(p)
		hl.SetField(FieldBody)
		hl.Analyzer = dutch.QueryAnalyzer
		hl.SetBoost(0.1)
		should = append(should, hl)
	}
	if len(uq.Words) > 0 && len(must) == 0 && len(uq.Phrases) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	must = append(must, filterQueries(r, from, to)...)

	var excluded []query.Query
	for _, e := range uq.Excluded {
		mq := bleve.NewMatchPhraseQuery(e)
		mq.SetField(FieldBody)
		mq.Analyzer = dutch.QueryAnalyzer
		excluded = append(excluded, mq)
	}

	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	if len(should) > 0 {
		b.AddShould(should...)
	}
	if len(excluded) > 0 {
		b.AddMustNot(excluded...)
	}
	return b
}

// wordQuery matches one word: stemmed and decompounded in the body, boosted where the
// exact wording, a section heading or the title has it.
func wordQuery(w string) query.Query {
	field := func(f string, boost float64) query.Query {
		m := bleve.NewMatchQuery(w)
		m.SetField(f)
		// Queries on stemmed fields use the query chain, which does not add compound
		// parts: "jeugdhulp" then finds jeugdhulpverlening without also matching
		// every text about jeugd or hulp.
		m.Analyzer = dutch.QueryAnalyzer
		if f == FieldBodyExact || f == FieldTitleExact {
			m.Analyzer = dutch.ExactAnalyzer
		}
		m.SetOperator(query.MatchQueryOperatorAnd)
		m.SetBoost(boost)
		return m
	}
	return bleve.NewDisjunctionQuery(
		// A word in the body matches both body fields (stemmed and exact), so a title
		// or heading must outweigh the two together to rank first.
		field(FieldBody, 1),
		field(FieldBodyExact, 1.5),
		field(FieldSection, 3),
		field(FieldTitle, 4),
	)
}

func filterQueries(r Request, from, to time.Time) []query.Query {
	var out []query.Query
	terms := func(field string, values []string) {
		for _, v := range values {
			t := bleve.NewTermQuery(v)
			t.SetField(field)
			out = append(out, t)
		}
	}
	terms(FieldSpeakers, r.Speakers)
	terms(FieldOrganisations, r.Organisations)
	terms(FieldPlaces, r.Places)
	for _, th := range r.Themes {
		a := bleve.NewTermQuery(th)
		a.SetField(FieldThemes)
		b := bleve.NewTermQuery(th)
		b.SetField(FieldReportThemes)
		out = append(out, bleve.NewDisjunctionQuery(a, b))
	}
	if !from.IsZero() || !to.IsZero() {
		out = append(out, dateRangeQuery(from, to))
	}
	return out
}

// Bounds of the meeting dates a range query looks at.
var (
	firstDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dateRangeQuery matches passages whose meeting date lies in [from, to] (a zero time is
// open). The range is written with as few terms as the year, month and date fields
// allow: whole years, then whole months, then single days at the edges, so that a
// range of ten years takes some dozens of terms rather than thousands of dates.
func dateRangeQuery(from, to time.Time) query.Query {
	if from.IsZero() || from.Before(firstDate) {
		from = firstDate
	}
	if to.IsZero() || to.After(lastDate) {
		to = lastDate
	}
	term := func(field, value string) query.Query {
		q := bleve.NewTermQuery(value)
		q.SetField(field)
		return q
	}
	var parts []query.Query
	for cur := from; !cur.After(to); {
		switch {
		case cur.YearDay() == 1 && !cur.AddDate(1, 0, -1).After(to):
			parts = append(parts, term(FieldYear, cur.Format("2006")))
			cur = cur.AddDate(1, 0, 0)
		case cur.Day() == 1 && !cur.AddDate(0, 1, -1).After(to):
			parts = append(parts, term(FieldMonth, cur.Format("2006-01")))
			cur = cur.AddDate(0, 1, 0)
		default:
			parts = append(parts, term(FieldDate, cur.Format(time.DateOnly)))
			cur = cur.AddDate(0, 0, 1)
		}
	}
	if len(parts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(parts...)
}

func toHit(h *search.DocumentMatch) Hit {
	hit := Hit{
		PassageID:   h.ID,
		ReportID:    str(h.Fields[FieldReportID]),
		ReportTitle: str(h.Fields[FieldTitle]),
		Section:     str(h.Fields[FieldSection]),
		Speakers:    strs(h.Fields[FieldSpeakers]),
		Themes:      strs(h.Fields[FieldThemes]),
		Score:       h.Score,
	}
	if d := str(h.Fields[FieldDate]); len(d) >= 10 {
		hit.Date = d[:10]
	}
	if frags := h.Fragments[FieldBody]; len(frags) > 0 {
		hit.Snippet = frags[0]
	} else {
		hit.Snippet = html.EscapeString(leadText(str(h.Fields[FieldBody]), 240))
	}
	return hit
}

// leadText returns the start of s, cut at a word boundary near n bytes.
func leadText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + " …"
}
