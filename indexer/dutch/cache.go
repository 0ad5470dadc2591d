package dutch

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
)

var (
	analyzerOnce sync.Once
	analyzerVal  analysis.Analyzer
)

// mustAnalyzer builds the Dutch analyser once, from the same definition the index uses.
func mustAnalyzer() analysis.Analyzer {
	analyzerOnce.Do(func() {
		m := mapping.NewIndexMapping()
		if err := AddAnalyzers(m); err != nil {
			panic("dutch: " + err.Error())
		}
		analyzerVal = m.AnalyzerNamed(Analyzer)
		if analyzerVal == nil {
			panic("dutch: analyser not registered")
		}
	})
	return analyzerVal
}
