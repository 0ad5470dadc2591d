package meeting

import (
	"slices"
	"strings"
	"testing"

	"kennisbank/indexer/dutch"
)

// TestSentenceTermsFromPassageTokens checks what themesIn relies on: the terms of a
// sentence, taken from its passage's tokens by byte range, are those of the sentence
// analysed alone. It runs over every paragraph of the shared reports.
func TestSentenceTermsFromPassageTokens(t *testing.T) {
	sentencesSeen := 0
	for _, text := range sharedParagraphs(t) {
		toks := dutch.Tokens(dutch.Analyzer, []byte(text))
		for _, sp := range sentenceSpans(text) {
			var got []string
			for _, tok := range toks {
				if tok.Start >= sp[0] && tok.Start < sp[1] {
					got = append(got, string(tok.Term))
				}
			}
			want := dutch.Terms(text[sp[0]:sp[1]])
			if !slices.Equal(got, want) {
				t.Fatalf("sentence %q: terms from the passage %v, alone %v", text[sp[0]:sp[1]], got, want)
			}
			sentencesSeen++
		}
	}
	if sentencesSeen < 1000 {
		t.Fatalf("only %d sentences", sentencesSeen)
	}
}

// sharedParagraphs returns the paragraphs (blocks between blank lines) of the shared
// evaluation and seed reports.
func sharedParagraphs(t *testing.T) []string {
	t.Helper()
	var out []string
	var block []string
	for _, l := range append(sharedLines(t), "") {
		if strings.TrimSpace(l) == "" {
			if len(block) > 0 {
				out = append(out, strings.Join(block, "\n"))
			}
			block = block[:0]
			continue
		}
		block = append(block, l)
	}
	return out
}
