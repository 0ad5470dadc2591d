package search

import (
	"sort"
	"sync"
)

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
	sn.mu.RLock()
	t := sn.facetTab
	sn.mu.RUnlock()
	if t != nil {
		return t, nil
	}
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.facetTab != nil {
		return sn.facetTab, nil
	}
	recs, err := sn.reportList()
	if err != nil {
		return nil, err
	}
	t = &facetTable{reports: make(map[string][numReportFacets][]int32, len(recs)),
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
