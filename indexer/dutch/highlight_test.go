package dutch

import (
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

const highlightText = "Café coördinatie ideeën over jeugdzorg en jeugdhulpverlening"

// openTestIndex builds an on-disk index with body (Analyzer) and body_exact
// (ExactAnalyzer), indexes one document, and reopens the index so that the
// analysers are rebuilt from the stored mapping, as a server would.
func openTestIndex(t *testing.T, body string) bleve.Index {
	t.Helper()
	m := bleve.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		t.Fatal(err)
	}
	field := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = true
		f.IncludeTermVectors = true
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("body", field(Analyzer))
	exact := field(ExactAnalyzer)
	exact.Name = "body_exact"
	doc.AddFieldMappingsAt("body", exact)
	m.DefaultMapping = doc

	path := filepath.Join(t.TempDir(), "index")
	idx, err := bleve.New(path, m)
	if err != nil {
		t.Fatalf("create index: %v", err)
	}
	if err := idx.Index("d1", map[string]any{"body": body}); err != nil {
		t.Fatalf("index: %v", err)
	}
	if err := idx.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	idx, err = bleve.Open(path)
	if err != nil {
		t.Fatalf("reopen index: %v", err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	return idx
}

func searchFragment(t *testing.T, idx bleve.Index, q query.Query, field string) string {
	t.Helper()
	req := bleve.NewSearchRequest(q)
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(field)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("%d hits, want 1", len(res.Hits))
	}
	frags := res.Hits[0].Fragments[field]
	if len(frags) != 1 {
		t.Fatalf("fragments %v, want one", frags)
	}
	return frags[0]
}

func TestHighlightOffsets(t *testing.T) {
	idx := openTestIndex(t, highlightText)
	tests := []struct {
		query, analyzer, want string
	}{
		{"jeugdzorg", QueryAnalyzer, "Café coördinatie ideeën over <mark>jeugdzorg</mark> en jeugdhulpverlening"},
		{"jeugdhulp", QueryAnalyzer, "Café coördinatie ideeën over jeugdzorg en <mark>jeugdhulpverlening</mark>"},
		{"coordinatie", QueryAnalyzer, "Café <mark>coördinatie</mark> ideeën over jeugdzorg en jeugdhulpverlening"},
		{"cafe ideeen", QueryAnalyzer, "<mark>Café</mark> coördinatie <mark>ideeën</mark> over jeugdzorg en jeugdhulpverlening"},
		// With the index analyser the query is decompounded too, so jeugd also
		// matches jeugdzorg; each mark still covers exactly one whole word.
		{"jeugdhulp", Analyzer, "Café coördinatie ideeën over <mark>jeugdzorg</mark> en <mark>jeugdhulpverlening</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.analyzer, func(t *testing.T) {
			q := bleve.NewMatchQuery(tt.query)
			q.SetField("body")
			q.Analyzer = tt.analyzer
			q.SetOperator(query.MatchQueryOperatorAnd)
			if got := searchFragment(t, idx, q, "body"); got != tt.want {
				t.Errorf("fragment\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestExactFieldPhrase(t *testing.T) {
	idx := openTestIndex(t, highlightText)
	q := bleve.NewMatchPhraseQuery("ideeën over jeugdzorg en")
	q.SetField("body_exact")
	// Bleve resolves a renamed field (body_exact on property body) in the default
	// mapping to the default analyser ("standard", English stop words), so the
	// query must name its analyser.
	q.Analyzer = ExactAnalyzer
	want := "Café coördinatie <mark>ideeën</mark> <mark>over</mark> <mark>jeugdzorg</mark> <mark>en</mark> jeugdhulpverlening"
	if got := searchFragment(t, idx, q, "body_exact"); got != want {
		t.Errorf("fragment\n got %s\nwant %s", got, want)
	}
}
