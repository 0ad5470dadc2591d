package dutch

import (
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// TestVisitTermsAsTokens wants VisitTerms to hand out exactly the terms, offsets and
// positions of Tokens(Analyzer, …), on the sample reports and on text with accents,
// apostrophes, compounds, numbers and stop words, and to take its own road (the
// analyser's tokenizer and memo) rather than the token stream.
func TestVisitTermsAsTokens(t *testing.T) {
	texts := append([]string{
		"De jeugdhulpverlening in 's-Hertogenbosch: café, financiën en re-integratie (2020/21)!",
		"Wethouder Peter Dijkshoorn zei: \"De gesloten jeugdzorg moet 10% kleiner.\" — of niet?",
		"",
		"   ",
		"ouders' zorgen; kinder\u00adopvang; e-mail: info@example.nl; €1.250,-",
	}, sampleReports(t)...)
	a, ok := analyzers()[Analyzer].(*analysis.DefaultAnalyzer)
	if !ok || len(a.TokenFilters) != 1 {
		t.Fatalf("the full analyser is not a tokenizer and one memo: %T", analyzers()[Analyzer])
	}
	if _, ok := a.Tokenizer.(*fastTokenizer); !ok {
		t.Fatalf("tokenizer %T", a.Tokenizer)
	}
	if _, ok := a.TokenFilters[0].(*memoFilter); !ok {
		t.Fatalf("filter %T", a.TokenFilters[0])
	}
	for i, text := range texts {
		var got analysis.TokenStream
		VisitTerms([]byte(text), func(term []byte, start, end, pos int) {
			got = append(got, &analysis.Token{Term: append([]byte(nil), term...), Start: start, End: end, Position: pos})
		})
		if d := diffTokens(got, Tokens(Analyzer, []byte(text))); d != "" {
			t.Errorf("text %d: %s", i, d)
		}
	}
}
