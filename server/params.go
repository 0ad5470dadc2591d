package server

import (
	"strings"

	"kennisbank/indexer/search"
)

// filterParam is one value filter of a search, as the API, the pages, the feed and
// the embed page all read it: its query parameter (repeatable), where its values go
// in a search.Request, and the facet that offers them.
type filterParam struct {
	name  string // the query parameter
	title string // Dutch title of its facet on the search page
	field func(r *search.Request) *[]string
	facet func(f *search.Facets) []search.FacetValue
}

// filterParams are the value filters, in the order the pages show them. A new
// filter is a row here (and a field of search.Request that the search side reads).
var filterParams = []filterParam{
	{"speaker", "Sprekers",
		func(r *search.Request) *[]string { return &r.Speakers },
		func(f *search.Facets) []search.FacetValue { return f.Speakers }},
	{"theme", "Thema's",
		func(r *search.Request) *[]string { return &r.Themes },
		func(f *search.Facets) []search.FacetValue { return f.Themes }},
	{"organisation", "Organisaties",
		func(r *search.Request) *[]string { return &r.Organisations },
		func(f *search.Facets) []search.FacetValue { return f.Organisations }},
	{"place", "Plaatsen",
		func(r *search.Request) *[]string { return &r.Places },
		func(f *search.Facets) []search.FacetValue { return f.Places }},
}

// rangeParams bound a search by meeting date; singleParams are the search parameters
// that may appear once.
var (
	rangeParams  = []string{"from", "to"}
	singleParams = []string{"q", "from", "to", "sort", "page", "size", "group", "kind"}
)

// searchParams are the parameters GET /api/v1/search accepts, and searchParamsHint
// lists them in Dutch.
var searchParams, searchParamsHint = func() (map[string]bool, string) {
	names := []string{"q"}
	for _, f := range filterParams {
		names = append(names, f.name)
	}
	names = append(names, rangeParams...)
	names = append(names, "sort", "page", "size", "group", "kind")
	allowed := map[string]bool{}
	for _, n := range names {
		allowed[n] = true
	}
	return allowed, strings.Join(names[:len(names)-1], ", ") + " of " + names[len(names)-1]
}()

// filterNames returns the names of the value filters followed by extra.
func filterNames(extra ...string) []string {
	out := make([]string, 0, len(filterParams)+len(extra))
	for _, f := range filterParams {
		out = append(out, f.name)
	}
	return append(out, extra...)
}

// hasValueFilter reports whether r is narrowed by any value filter.
func hasValueFilter(r *search.Request) bool {
	for _, f := range filterParams {
		if len(*f.field(r)) > 0 {
			return true
		}
	}
	return false
}
