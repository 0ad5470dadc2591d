package search

import (
	"slices"
	"testing"
)

func TestFacetValuesRenumberedByFrequency(t *testing.T) {
	// Three reports; the organisations in the order first seen: A (1 report),
	// B (3 reports), C (2 reports).
	orgs := map[string][]string{"r1": {"A", "B"}, "r2": {"B", "C"}, "r3": {"C", "B"}}
	var recs []Report
	for _, id := range []string{"r1", "r2", "r3"} {
		recs = append(recs, Report{ID: id, Organisations: orgs[id]})
	}
	t0 := newFacetTable(recs)

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
