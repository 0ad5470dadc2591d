package dutch

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"

	"kennisbank/corpus"
)

// TestVisitTermsAsTokens wants VisitTerms to hand out exactly the terms, offsets and
// positions of Tokens(Analyzer, …), on the sample reports and on text with accents,
// apostrophes, compounds, numbers and stop words, and to take its own road (the
// analyser's tokenizer and memo) rather than the token stream.
func TestVisitTermsAsTokens(t *testing.T) {
	texts := []string{
		"De jeugdhulpverlening in 's-Hertogenbosch: café, financiën en re-integratie (2020/21)!",
		"Wethouder Peter Dijkshoorn zei: \"De gesloten jeugdzorg moet 10% kleiner.\" — of niet?",
		"",
		"   ",
		"ouders' zorgen; kinder\u00adopvang; e-mail: info@example.nl; €1.250,-",
	}
	err := fs.WalkDir(corpus.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		data, err := corpus.FS.ReadFile(path)
		texts = append(texts, string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
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
	for _, text := range texts {
		var want, got []string
		for _, tok := range Tokens(Analyzer, []byte(text)) {
			want = append(want, fmt.Sprintf("%s@%d-%d#%d", tok.Term, tok.Start, tok.End, tok.Position))
		}
		VisitTerms([]byte(text), func(term []byte, start, end, pos int) {
			got = append(got, fmt.Sprintf("%s@%d-%d#%d", term, start, end, pos))
		})
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%.60q: visited\n%v\ntokens\n%v", text, head(got), head(want))
		}
	}
}

func head(s []string) []string { return s[:min(len(s), 40)] }
