package server

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
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

// TestSynonymsOfTheField searches by abbreviations and everyday words for what the
// sample reports call otherwise.
func TestSynonymsOfTheField(t *testing.T) {
	ts := mustServer(t, Options{})
	for _, q := range []string{"POH", "zelfmoord", "poh werkgroep"} {
		if r := mustSearch(t, ts, url.Values{"q": {q}}.Encode()); r.Total == 0 {
			t.Errorf("%q: nothing found", q)
		}
	}
}

// TestSynonymsFileApplies puts a team's own synonyms.yaml in the corpus folder: the
// next sync uses it without reading the reports again.
func TestSynonymsFileApplies(t *testing.T) {
	ix, dir := mustIndexIn(t)
	ts := httptest.NewServer(New(Options{Searcher: ix, Library: ix}).Handler())
	defer ts.Close()
	q := url.Values{"q": {"gezant"}}.Encode()
	if r := mustSearch(t, ts, q); r.Total != 0 {
		t.Fatalf("gezant before the file: %d hits, want none", r.Total)
	}
	if err := os.WriteFile(filepath.Join(dir, "synonyms.yaml"), []byte("synonyms:\n  - [gezant, ambassadeur]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := ix.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Indexed != 0 {
		t.Errorf("a synonyms file re-read %d reports, want none", sum.Indexed)
	}
	if r := mustSearch(t, ts, q); r.Total == 0 {
		t.Errorf("gezant after the file: nothing found")
	}
}
