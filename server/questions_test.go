package server

import (
	"net/url"
	"slices"
	"testing"
)

// TestEverydayQuestions asks the sample reports what people ask: in full sentences,
// with a speaker's name, with words spread over a report.
func TestEverydayQuestions(t *testing.T) {
	ts := mustServer(t, Options{})
	tests := []struct {
		query, group string
		speaker      string // the first hit's speaker, when set
	}{
		{query: "wat zei Peter Dijkshoorn over de jeugdhulpverlening", speaker: "Peter Dijkshoorn"},
		{query: "wanneer sprak Dijkshoorn over suïcides", speaker: "Peter Dijkshoorn"},
		{query: "wie sprak over stroomopwaarts"},
		{query: "praktijkondersteuner werkgroep ambassadeur expertisecentrum unieKJP", group: "report"},
	}
	for _, tt := range tests {
		v := url.Values{"q": {tt.query}}
		if tt.group != "" {
			v.Set("group", tt.group)
		}
		r := mustSearch(t, ts, v.Encode())
		if r.Total == 0 {
			t.Errorf("%q: nothing found", tt.query)
			continue
		}
		if tt.speaker != "" && (len(r.Hits) == 0 || !slices.Contains(r.Hits[0].Speakers, tt.speaker)) {
			t.Errorf("%q: first hit %+v, want a passage of %s", tt.query, r.Hits[0], tt.speaker)
		}
	}
}
