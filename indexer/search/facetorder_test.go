package search

import (
	"slices"
	"testing"
)

func TestFacetValuesRenumberedByFrequency(t *testing.T) {
	// Three reports; the organisations in the order first seen: A (1 report),
	// B (3 reports), C (2 reports).
	t0 := &facetTable{reports: map[string][numReportFacets][]int32{}}
	for k := range t0.numbers {
		t0.numbers[k] = map[string]int32{}
	}
	orgs := map[string][]string{"r1": {"A", "B"}, "r2": {"B", "C"}, "r3": {"C", "B"}}
	t0.ids = []string{"r1", "r2", "r3"}
	for i, id := range t0.ids {
		var e [numReportFacets][]int32
		for _, v := range orgs[id] {
			n, ok := t0.numbers[facetOrganisation][v]
			if !ok {
				n = int32(len(t0.values[facetOrganisation]))
				t0.numbers[facetOrganisation][v] = n
				t0.values[facetOrganisation] = append(t0.values[facetOrganisation], v)
				t0.with[facetOrganisation] = append(t0.with[facetOrganisation], nil)
			}
			t0.with[facetOrganisation][n] = append(t0.with[facetOrganisation][n], int32(i))
			e[facetOrganisation] = append(e[facetOrganisation], n)
		}
		t0.reports[id] = e
	}
	t0.byFrequency()

	if got, want := t0.values[facetOrganisation], []string{"B", "C", "A"}; !slices.Equal(got, want) {
		t.Fatalf("values %v, want %v", got, want)
	}
	for n, v := range t0.values[facetOrganisation] {
		if t0.numbers[facetOrganisation][v] != int32(n) {
			t.Errorf("%s has number %d, want %d", v, t0.numbers[facetOrganisation][v], n)
		}
	}
	if got := t0.reportsWith(facetOrganisation, "C"); !slices.Equal(got, []string{"r2", "r3"}) {
		t.Errorf("reports with C: %v", got)
	}
	for id, want := range orgs {
		var got []string
		for _, n := range t0.reports[id][facetOrganisation] {
			got = append(got, t0.values[facetOrganisation][n])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s has %v, want %v", id, got, want)
		}
	}
}
