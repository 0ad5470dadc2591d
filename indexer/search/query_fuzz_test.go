package search

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"gesloten jeugdzorg", `"beweging van 0" -Limburg`, `-"a b"`, `"`, "*", "\xff", "a\x00b",
		strings.Repeat("x ", 600), "'s-Hertogenbosch", "(jeugd) [zorg] {x}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		for _, part := range [][]string{q.Words, q.Phrases, q.Excluded} {
			for _, w := range part {
				if w == "" || !utf8.ValidString(w) || strings.ContainsFunc(w, unicode.IsControl) {
					t.Fatalf("ParseQuery(%q) gave bad part %q", s, w)
				}
			}
		}
		if n := len(q.Words) + len(q.Phrases) + len(q.Excluded); n > maxQueryRunes {
			t.Fatalf("ParseQuery(%q) gave %d parts", s, n)
		}
	})
}
