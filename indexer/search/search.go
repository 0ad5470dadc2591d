package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
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
func (e *Engine) Search(ctx context.Context, r Request) (*Result, error) {
	from, to, err := r.normalize()
	if err != nil {
		return nil, err
	}
	sn, err := e.current()
	if err != nil {
		return nil, err
	}
	uq := ParseQuery(r.Query)
	out, err := sn.search(ctx, uq, r, from, to)
	if err != nil {
		return nil, err
	}
	if out.Total >= fewHits || len(uq.Words) == 0 {
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

// search runs one parsed query with the request's filters, sort and page. Bleve
// matches and scores; a hitCollector sees every match and counts the facets. In
// relevance order Bleve keeps the page and highlights it in the same pass; in the
// date orders and for report grouping the collector keeps the page, and a second,
// small search fetches and highlights the passages shown.
func (sn *snap) search(ctx context.Context, uq UserQuery, r Request, from, to time.Time) (*Result, error) {
	start := time.Now()
	hc := &hitCollector{cache: sn.columns, order: r.Sort, group: r.Group == GroupReport, keep: r.Page * r.Size}
	out := &Result{Page: r.Page, Size: r.Size, Hits: []Hit{}}
	filters, err := sn.filters(r, from, to)
	if err != nil {
		return nil, err
	}
	p := newPlan(uq, filters)
	if p.fast != nil && !sn.bleveOnly {
		out.Total, err = sn.fastSearch(ctx, p.fast, hc)
		if err != nil {
			return nil, err
		}
		return sn.finish(uq, r, hc, out, nil, start)
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
	res, err := sn.Index.SearchInContext(withCollector(ctx, hc), req)
	if err != nil {
		return nil, fmt.Errorf("search: search: %w", err)
	}
	out.Total = uint64(hc.hitsSeen) // Bleve's own total counts the passages filtered out too
	return sn.finish(uq, r, hc, out, res.Hits, start)
}

// finish counts the facets of a search and fills in its page: the hits Bleve kept
// (page, in relevance order), or else those hc kept.
func (sn *snap) finish(uq UserQuery, r Request, hc *hitCollector, out *Result,
	page bsearch.DocumentMatchCollection, start time.Time) (*Result, error) {
	var err error
	if out.Facets, out.TotalGroups, err = sn.facetsOf(hc); err != nil {
		return nil, err
	}
	switch {
	case hc.group:
		err = sn.groupPage(uq, r, hc, out)
	case hc.passThrough:
		err = sn.scorePage(uq, page, out)
	default:
		err = sn.keptPage(uq, r, hc, out)
	}
	if err != nil {
		return nil, err
	}
	out.Took = time.Since(start)
	return out, nil
}

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
	m := newMarker(uq)
	for _, id := range ids {
		doc, err := sn.Index.Document(id)
		if err != nil {
			return nil, fmt.Errorf("search: load %s: %w", id, err)
		}
		if doc == nil {
			continue
		}
		h := Hit{PassageID: id}
		var body string
		doc.VisitFields(func(f index.Field) {
			v := string(f.Value())
			switch f.Name() {
			case FieldReportID:
				h.ReportID = v
			case FieldTitle:
				h.ReportTitle = v
			case FieldSection:
				h.Section = v
			case FieldBody:
				body = v
			case FieldDate:
				if len(v) >= 10 {
					h.Date = v[:10]
				}
			case FieldSpeakers:
				h.Speakers = append(h.Speakers, v)
			case FieldThemes:
				h.Themes = append(h.Themes, v)
			}
		})
		h.Snippet = m.snippet(body)
		hits[id] = h
	}
	return hits, nil
}

// facetsOf returns the facets of a search from the passages per speaker and per
// report that hc counted: the themes, organisations, places and year of a report
// count once for each of its matching passages. It also returns the number of
// reports that match.
func (sn *snap) facetsOf(hc *hitCollector) (Facets, int, error) {
	out := Facets{}
	speakers := hc.cache.speakers.values()
	counts := make([]int, len(hc.speakerCounts))
	for i, n := range hc.speakerCounts {
		counts[i] = int(n)
	}
	out.Speakers = topValues(speakers[:len(counts)], counts)
	table, err := sn.facets()
	if err != nil {
		return out, 0, err
	}
	byNumber := table.byNumber(hc.reportNames)
	all := make([]int, table.numValues)
	for _, rep := range hc.touched {
		n := int(hc.reportCounts[rep])
		for _, v := range byNumber[rep] {
			all[v] += n
		}
	}
	var byFacet [numReportFacets][]int
	for k := range byFacet {
		byFacet[k] = all[table.base[k] : table.base[k]+len(table.values[k])]
	}
	reports := len(hc.touched)
	out.Themes = topValues(table.values[facetTheme], byFacet[facetTheme])
	out.Organisations = topValues(table.values[facetOrganisation], byFacet[facetOrganisation])
	out.Places = topValues(table.values[facetPlace], byFacet[facetPlace])
	out.Years = topValues(table.values[facetYear], byFacet[facetYear])
	sort.Slice(out.Years, func(i, j int) bool { return out.Years[i].Value > out.Years[j].Value })
	return out, reports, nil
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
	numbers [numReportFacets]map[string]int32   // value → its number
	with    [numReportFacets][][]string         // by value number, the reports that have it (not for years: dates filter by term)
	records map[string]*Report                  // report id → its record

	// All values in one numbering: value v of facet k is base[k]+v.
	base      [numReportFacets]int
	numValues int

	mu  sync.Mutex
	num [][]int32 // the values of each report, by its number in the column cache
}

// byNumber returns the values of the reports (in the one numbering) by their number
// in the column cache: entry k is that of report names[k].
func (t *facetTable) byNumber(names []string) [][]int32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k := len(t.num); k < len(names); k++ {
		var flat []int32
		for f, vals := range t.reports[names[k]] {
			for _, v := range vals {
				flat = append(flat, int32(t.base[f])+v)
			}
		}
		t.num = append(t.num, flat)
	}
	return t.num[:len(names):len(names)]
}

// reportsWith returns the reports whose facet k has value v.
func (t *facetTable) reportsWith(k int, v string) []string {
	n, ok := t.numbers[k][v]
	if !ok {
		return nil
	}
	return t.with[k][n]
}

// facets returns the facet table of the snapshot's reports, built when first needed.
func (sn *snap) facets() (*facetTable, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.facetTab != nil {
		return sn.facetTab, nil
	}
	recs, err := sn.reportList()
	if err != nil {
		return nil, err
	}
	t := &facetTable{reports: make(map[string][numReportFacets][]int32, len(recs)),
		records: make(map[string]*Report, len(recs))}
	for k := range t.numbers {
		t.numbers[k] = map[string]int32{}
	}
	number := func(k int, v string) int32 {
		n, ok := t.numbers[k][v]
		if !ok {
			n = int32(len(t.values[k]))
			t.numbers[k][v] = n
			t.values[k] = append(t.values[k], v)
			t.with[k] = append(t.with[k], nil)
		}
		return n
	}
	for i := range recs {
		r := &recs[i]
		t.records[r.ID] = r
		var e [numReportFacets][]int32
		for k, vals := range [numReportFacets][]string{facetTheme: r.Themes, facetOrganisation: r.Organisations, facetPlace: r.Places} {
			for _, v := range vals {
				e[k] = append(e[k], number(k, v))
			}
		}
		if len(r.Date) >= 4 {
			e[facetYear] = []int32{number(facetYear, r.Date[:4])}
		}
		for k, nums := range e[:facetYear] {
			for _, n := range nums {
				if w := t.with[k][n]; len(w) == 0 || w[len(w)-1] != r.ID {
					t.with[k][n] = append(w, r.ID)
				}
			}
		}
		t.reports[r.ID] = e
	}
	for k := range t.values {
		t.base[k] = t.numValues
		t.numValues += len(t.values[k])
	}
	sn.facetTab = t
	return t, nil
}

// topValues returns the facetSize values with the highest counts (none of zero),
// highest first and by value among equals.
func topValues(values []string, counts []int) []FacetValue {
	// A heap of the best facetSize so far, the least of them on top.
	less := func(a, b FacetValue) bool { // a ranks below b
		if a.Count != b.Count {
			return a.Count < b.Count
		}
		return a.Value > b.Value
	}
	top := make([]FacetValue, 0, facetSize)
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(top) && less(top[l], top[m]) {
				m = l
			}
			if r := l + 1; r < len(top) && less(top[r], top[m]) {
				m = r
			}
			if m == i {
				return
			}
			top[i], top[m] = top[m], top[i]
			i = m
		}
	}
	for i, n := range counts {
		if n == 0 {
			continue
		}
		v := FacetValue{Value: values[i], Count: n}
		if len(top) < facetSize {
			top = append(top, v)
			for j := len(top) - 1; j > 0 && less(top[j], top[(j-1)/2]); j = (j - 1) / 2 {
				top[j], top[(j-1)/2] = top[(j-1)/2], top[j]
			}
		} else if less(top[0], v) {
			top[0] = v
			down(0)
		}
	}
	sort.Slice(top, func(i, j int) bool { return less(top[j], top[i]) })
	return top
}

// filterGroup is one filter of a search. A passage passes it when it holds one of
// terms, or when its report is marked in reports (by report number in the column
// cache).
type filterGroup struct {
	terms   []termRef
	reports []bool
}

// filters returns the filters of r; a passage must pass every one. Every speaker,
// organisation and place asked for is a filter of its own; a theme is one of the
// passage or of its report; a date range is its years, months and days. The values
// of a report (its themes, organisations and places) are looked up in the report
// records, as its facets are: the passages do not repeat them.
func (sn *snap) filters(r Request, from, to time.Time) ([]filterGroup, error) {
	var out []filterGroup
	for _, sp := range r.Speakers {
		out = append(out, filterGroup{terms: []termRef{{FieldSpeakers, sp}}})
	}
	if len(r.Organisations)+len(r.Places)+len(r.Themes) > 0 {
		table, err := sn.facets()
		if err != nil {
			return nil, err
		}
		reports := func(k int, v string) []bool {
			ids := table.reportsWith(k, v)
			nums := make([]int32, len(ids))
			for i, id := range ids {
				nums[i] = sn.columns.reports.number(id)
			}
			marked := make([]bool, len(sn.columns.reports.values()))
			for _, n := range nums {
				marked[n] = true
			}
			return marked
		}
		for _, o := range r.Organisations {
			out = append(out, filterGroup{reports: reports(facetOrganisation, o)})
		}
		for _, p := range r.Places {
			out = append(out, filterGroup{reports: reports(facetPlace, p)})
		}
		for _, th := range r.Themes {
			out = append(out, filterGroup{terms: []termRef{{FieldThemes, th}}, reports: reports(facetTheme, th)})
		}
	}
	if !from.IsZero() || !to.IsZero() {
		out = append(out, filterGroup{terms: dateRangeTerms(from, to)})
	}
	return out, nil
}

// Bounds of the meeting dates a range query looks at.
var (
	firstDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dateRangeTerms returns the terms of the passages whose meeting date lies in
// [from, to] (a zero time is open). The range is written with as few terms as the
// year, month and date fields allow: whole years, then whole months, then single days
// at the edges, so that a range of ten years takes some dozens of terms rather than
// thousands of dates.
func dateRangeTerms(from, to time.Time) []termRef {
	if from.IsZero() || from.Before(firstDate) {
		from = firstDate
	}
	if to.IsZero() || to.After(lastDate) {
		to = lastDate
	}
	var parts []termRef
	for cur := from; !cur.After(to); {
		switch {
		case cur.YearDay() == 1 && !cur.AddDate(1, 0, -1).After(to):
			parts = append(parts, termRef{FieldYear, cur.Format("2006")})
			cur = cur.AddDate(1, 0, 0)
		case cur.Day() == 1 && !cur.AddDate(0, 1, -1).After(to):
			parts = append(parts, termRef{FieldMonth, cur.Format("2006-01")})
			cur = cur.AddDate(0, 1, 0)
		default:
			parts = append(parts, termRef{FieldDate, cur.Format(time.DateOnly)})
			cur = cur.AddDate(0, 0, 1)
		}
	}
	return parts
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
