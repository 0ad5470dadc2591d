package server

import (
	"net/url"
	"reflect"
	"testing"

	"kennisbank/indexer/search"
)

// TestSearchRequestFilters checks that every value filter of the table reaches its
// field of the request, repeated values and all, and that the hint of an unknown
// parameter lists every parameter.
func TestSearchRequestFilters(t *testing.T) {
	tests := []struct {
		query string
		want  search.Request
	}{
		{"speaker=A&speaker=B", search.Request{Speakers: []string{"A", "B"}}},
		{"theme=jeugdzorg", search.Request{Themes: []string{"jeugdzorg"}}},
		{"organisation=GGD", search.Request{Organisations: []string{"GGD"}}},
		{"place=Venlo&q=zorg&from=2020-01-01&to=2020-12-31", search.Request{Query: "zorg", Places: []string{"Venlo"},
			From: "2020-01-01", To: "2020-12-31"}},
		{"kind=decision&q=inkoop", search.Request{Query: "inkoop", Kinds: []string{"decision"}}},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := searchRequest(v)
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.query, got, tt.want)
		}
	}
	if want := "q, speaker, theme, organisation, place, from, to, sort, page, size, group of kind"; searchParamsHint != want {
		t.Errorf("hint %q, want %q", searchParamsHint, want)
	}
}
