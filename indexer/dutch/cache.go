package dutch

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
)

// analyzers builds the Dutch analysers once, from the same definitions the index uses.
var analyzers = sync.OnceValue(func() map[string]analysis.Analyzer {
	m := mapping.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		panic("dutch: " + err.Error())
	}
	out := map[string]analysis.Analyzer{}
	for _, name := range []string{Analyzer, ExactAnalyzer, QueryAnalyzer} {
		a := m.AnalyzerNamed(name)
		if a == nil {
			panic("dutch: analyser " + name + " not registered")
		}
		out[name] = a
	}
	return out
})

// ExactTerms analyses text with the exact chain (lower case, NFKC, folded; not
// stemmed) and returns the terms in order: the words as an exact field holds them.
func ExactTerms(text string) []string { return termsWith(ExactAnalyzer, text) }

// QueryTerms analyses text as a search query on a stemmed field is analysed: the full
// chain without compound parts, so "jeugdzorg" stays "jeugdzorg" and does not also ask
// for "jeugd" and "zorg".
func QueryTerms(text string) []string { return termsWith(QueryAnalyzer, text) }

// termsWith analyses text with the named analyser and returns the terms in order.
func termsWith(analyser, text string) []string {
	toks := analyzers()[analyser].Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}

// Tokens analyses text with the named analyser (Analyzer, ExactAnalyzer or
// QueryAnalyzer) and returns its tokens, with their byte offsets in text and their
// positions.
func Tokens(analyser string, text []byte) analysis.TokenStream {
	return analyzers()[analyser].Analyze(text)
}

// VisitTerms analyses text with the full chain (Analyzer) and hands fn its terms in
// order, each with the byte offsets of its token in text and its position: the terms,
// offsets and positions of Tokens(Analyzer, text), without building the token stream.
func VisitTerms(text []byte, fn func(term []byte, start, end, pos int)) {
	tok, memo := fullChain()
	if tok == nil || memo == nil {
		for _, t := range Tokens(Analyzer, text) {
			fn(t.Term, t.Start, t.End, t.Position)
		}
		return
	}
	var t analysis.Token
	tok.visit(text, func(term []byte, start, end, pos int, typ analysis.TokenType) {
		t = analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ}
		for _, out := range memo.terms(&t) {
			fn(out, start, end, pos)
		}
	})
}

// fullChain returns the tokenizer and the memoising filter that Analyzer is made of,
// or nils when it is made otherwise (VisitTerms then analyses through Tokens).
var fullChain = sync.OnceValues(func() (*fastTokenizer, *memoFilter) {
	a, ok := analyzers()[Analyzer].(*analysis.DefaultAnalyzer)
	if !ok || len(a.CharFilters) != 0 || len(a.TokenFilters) != 1 {
		return nil, nil
	}
	tok, _ := a.Tokenizer.(*fastTokenizer)
	memo, _ := a.TokenFilters[0].(*memoFilter)
	return tok, memo
})
