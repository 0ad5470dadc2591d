package search

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// facetsOf returns the facets of a search from the passages per speaker and per
// report that hc counted: the themes, organisations, places and year of a report
// count once for each of its matching passages. It also returns the number of
// reports that match.
func (sn *snap) facetsOf(hc *hitCollector) (Facets, int, error) {
	out := Facets{}
	speakers := hc.cache.speakers.values()
	out.Speakers = topValues(speakers[:len(hc.speakerCounts)], hc.speakerCounts)
	table, err := sn.facets()
	if err != nil {
		return out, 0, err
	}
	flat, off := table.byNumber(hc.reportNames)
	all := make([]int32, table.numValues)
	for _, rep := range hc.touched {
		n := hc.reportCounts[rep]
		for _, v := range flat[off[rep]:off[rep+1]] {
			all[v] += n
		}
	}
	var byFacet [numReportFacets][]int32
	for k := range byFacet {
		byFacet[k] = all[table.base[k] : table.base[k]+len(table.values[k])]
	}
	reports := len(hc.touched)
	out.Themes = topValues(table.values[facetTheme], byFacet[facetTheme])
	out.Organisations = topValues(table.values[facetOrganisation], byFacet[facetOrganisation])
	out.Places = topValues(table.values[facetPlace], byFacet[facetPlace])
	out.Years = topValues(table.values[facetYear], byFacet[facetYear])
	slices.SortFunc(out.Years, func(a, b FacetValue) int { return strings.Compare(b.Value, a.Value) })
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
	with    [numReportFacets][][]int32          // by value number, the reports that have it, as indices in list (not for years: dates filter by term)
	list    []Report                            // the snapshot's reports
	records map[string]*Report                  // report id → its record

	// All values in one numbering: value v of facet k is base[k]+v.
	base      [numReportFacets]int
	numValues int

	// The values of each report in the column cache's numbering, end to end: those
	// of report n are flat[off[n]:off[n+1]]. Counting a search's facets walks them
	// for every report it found, so they are kept in one array.
	mu   sync.Mutex
	flat []int32
	off  []int32
}

// byNumber returns the values of the reports (in the one numbering) by their number
// in the column cache: those of report names[n] are flat[off[n]:off[n+1]].
func (t *facetTable) byNumber(names []string) (flat, off []int32) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.off == nil {
		t.off = []int32{0}
	}
	for n := len(t.off) - 1; n < len(names); n++ {
		for f, vals := range t.reports[names[n]] {
			for _, v := range vals {
				t.flat = append(t.flat, int32(t.base[f])+v)
			}
		}
		t.off = append(t.off, int32(len(t.flat)))
	}
	return t.flat[:t.off[len(names)]], t.off[:len(names)+1]
}

// reportsWith returns the reports whose facet k has value v.
func (t *facetTable) reportsWith(k int, v string) []string {
	n, ok := t.numbers[k][v]
	if !ok {
		return nil
	}
	ids := make([]string, len(t.with[k][n]))
	for i, r := range t.with[k][n] {
		ids[i] = t.list[r].ID
	}
	return ids
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
	t = newFacetTable(recs)
	sn.facetTab = t
	return t, nil
}

// newFacetTable returns the facet table of the reports recs.
func newFacetTable(recs []Report) *facetTable {
	t := &facetTable{reports: make(map[string][numReportFacets][]int32, len(recs)),
		records: make(map[string]*Report, len(recs)), list: recs}
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
				if w := t.with[k][n]; len(w) == 0 || w[len(w)-1] != int32(i) {
					t.with[k][n] = append(w, int32(i))
				}
			}
		}
		t.reports[r.ID] = e
	}
	t.byFrequency()
	for k := range t.values {
		t.base[k] = t.numValues
		t.numValues += len(t.values[k])
	}
	return t
}

// byFrequency renumbers the values of each facet (but years) from the one most
// reports have down. A search's facet counts then fall mostly in the first few
// thousand entries of its counting array, which stay in the processor's cache; in
// the order first seen, a rare organisation or place was a cache miss in every
// count.
func (t *facetTable) byFrequency() {
	for k := range t.values[:facetYear] {
		order := make([]int32, len(t.values[k])) // new number → old number
		for i := range order {
			order[i] = int32(i)
		}
		with := t.with[k]
		sort.SliceStable(order, func(a, b int) bool { return len(with[order[a]]) > len(with[order[b]]) })
		renumber := make([]int32, len(order)) // old number → new number
		values := make([]string, len(order))
		newWith := make([][]int32, len(order))
		for n, old := range order {
			renumber[old] = int32(n)
			values[n], newWith[n] = t.values[k][old], with[old]
			t.numbers[k][values[n]] = int32(n)
		}
		t.values[k], t.with[k] = values, newWith
		for _, e := range t.reports {
			for i, old := range e[k] {
				e[k][i] = renumber[old]
			}
		}
	}
}

// topValues returns the facetSize values with the highest counts (none of zero),
// highest first and by value among equals.
func topValues(values []string, counts []int32) []FacetValue {
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
		v := FacetValue{Value: values[i], Count: int(n)}
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
	slices.SortFunc(top, byLess(func(a, b FacetValue) bool { return less(b, a) })) // best first
	return top
}
