package dutch

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"kennisbank/corpus"
)

// TestMemoChainsMatchFilters checks that each memoising chain gives exactly the tokens
// (terms, positions, offsets) of its filters run one after the other, over the sample
// reports read twice (the second pass comes from the memo) and a few hard cases.
func TestMemoChainsMatchFilters(t *testing.T) {
	texts := []string{
		"De kinderen en hun kind, regio's en regio’s, ﬁnanciële suïcides.",
		"Jeugdhulpverlening, jeugdhulpstelsel en het jeugdhulpstelsel; de de de.",
		"",
		"   ",
		"2021 18 mei 4-1-2021 F-35 's-Hertogenbosch IJssel ĳssel",
	}
	for _, report := range sampleReports(t) {
		texts = append(texts, report, report)
	}
	m := mapping.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		memo    string
		filters []string
	}{
		{Analyzer, chainFilters(DecompoundFilter)},
		{QueryAnalyzer, chainFilters(DecompoundQueryFilter)},
	} {
		plain := "plain_" + c.memo
		filters := make([]any, len(c.filters))
		for i, f := range c.filters {
			filters[i] = f
		}
		if err := m.AddCustomAnalyzer(plain, map[string]any{
			"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters,
		}); err != nil {
			t.Fatal(err)
		}
		memo, direct := m.AnalyzerNamed(c.memo), m.AnalyzerNamed(plain)
		for i, text := range texts {
			got, want := memo.Analyze([]byte(text)), direct.Analyze([]byte(text))
			if d := diffTokens(got, want); d != "" {
				t.Errorf("%s, text %d: %s", c.memo, i, d)
			}
		}
	}
}

// sampleReports returns the text of the sample reports the binary carries.
func sampleReports(t *testing.T) []string {
	t.Helper()
	out, err := corpus.Reports()
	if err != nil || len(out) == 0 {
		t.Fatalf("sample reports: %d, %v", len(out), err)
	}
	return out
}

func diffTokens(got, want analysis.TokenStream) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d tokens, want %d: %s", len(got), len(want), strings.Join(termsOf(got), " "))
	}
	for i := range got {
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Position != w.Position || g.Start != w.Start || g.End != w.End {
			return fmt.Sprintf("token %d: got %s, want %s", i, g, w)
		}
	}
	return ""
}
