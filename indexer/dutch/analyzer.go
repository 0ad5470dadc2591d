// Package dutch holds Kennisbank's Dutch analysers for Bleve and their embedded
// word lists.
//
// Importing this package registers its token filters with Bleve, together with the
// Bleve analysis packages the analysers use. Every program that opens an index built
// with these analysers must import it; otherwise bleve.Open fails with
// "no token filter with name or type …".
package dutch

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"

	// Registered by import only: the token map behind stop_nl and the NFKC filter.
	_ "github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenmap"
)

// Analyser names as registered in an index mapping.
const (
	// Analyzer is the full Dutch chain: folding, stop words, decompounding, stemming.
	// Compound parts are indexed at the compound's position, so a search for
	// jeugdhulp finds jeugdhulpverlening.
	Analyzer = "nl_kb"
	// ExactAnalyzer lower-cases and folds but does not stem: for phrases and exact wording.
	ExactAnalyzer = "nl_exact"
	// ExactIndexAnalyzer is ExactAnalyzer for fields whose term vectors serve phrases
	// alone: it gives the same terms and positions, and zero byte offsets, which the
	// index stores in a third of the space (snippets are marked from the stored
	// text, not from term vectors).
	ExactIndexAnalyzer = "nl_exact_index"
	// QueryAnalyzer is Analyzer without the compound parts, for analysing queries on a
	// field indexed with Analyzer: a query for jeugdzorg then matches jeugdzorg (and
	// compounds that contain it) rather than everything with jeugd or zorg in it.
	QueryAnalyzer = "nl_kb_query"
)

// chainFilters returns the token filters of the full analyser, with decompound as
// the decompounding step.
func chainFilters(decompound string) []string {
	return []string{
		lowercase.Name,
		NFKCFilter,
		apostrophe.Name,
		FoldFilter,
		nl.StopName,
		ESPluralFilter,
		decompound,
		StemFilter, // Snowball Dutch plus overrides
	}
}

// AddAnalyzers registers Analyzer, QueryAnalyzer, ExactAnalyzer and ExactIndexAnalyzer in m. The first two
// run their filters through a memoising chain (see memo.go), which gives the same
// tokens as the filters one after the other.
func AddAnalyzers(m *mapping.IndexMappingImpl) error {
	defs := []struct {
		name    string
		filters []any
	}{
		{Analyzer, []any{chainFullFilter}},
		{QueryAnalyzer, []any{chainQueryFilter}},
		// Three cheap filters: a memo would cost more than it saves.
		{ExactAnalyzer, []any{lowercase.Name, NFKCFilter, FoldFilter}},
		{ExactIndexAnalyzer, []any{lowercase.Name, NFKCFilter, FoldFilter, PositionsOnlyFilter}},
	}
	for _, d := range defs {
		err := m.AddCustomAnalyzer(d.name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     TokenizerName,
			"token_filters": d.filters,
		})
		if err != nil {
			return fmt.Errorf("dutch: add analyser %s: %w", d.name, err)
		}
	}
	return nil
}

// Terms analyses text with the full Dutch chain and returns the terms in order,
// compound parts included. It is what the index stores for a body field, so callers
// can match vocabulary (themes) the way search matches it.
func Terms(text string) []string { return termsWith(Analyzer, text) }
