package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"

	"kennisbank/indexer/dutch"
)

// fewHits is the number of hits below which a search also offers a spelling
// suggestion built from the index's own terms.
const fewHits = 3

// maxSpellings is how many spellings of a query a search tries before giving up.
const maxSpellings = 3

// spellingsFor returns up to maxSpellings other spellings of uq's words, best first: in
// each, the words that the index does not hold are replaced by close terms that it does
// hold ("jeugdzrg" → "jeugdzorg"). Terms come from the unstemmed body field, so a
// spelling is written as the reports write it: nearest by edit distance first, the
// more frequent first among equals.
func (sn *snap) spellingsFor(ctx context.Context, uq UserQuery) ([][]string, error) {
	r, err := sn.reader()
	if err != nil {
		return nil, fmt.Errorf("search: spelling: %w", err)
	}
	defer r.Close()
	fuzzy, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, nil
	}
	cands := make([][]string, len(uq.Words))
	changed := false
	for i, w := range uq.Words {
		cands[i] = []string{w}
		terms := dutch.ExactTerms(w)
		if len(terms) != 1 {
			continue // stop words and multi-part words are left as they are
		}
		term := terms[0]
		n := utf8.RuneCountInString(term)
		if n < 4 || n > 40 {
			continue // too short to correct with confidence, or not a word
		}
		if known, err := docFreq(ctx, r, term); err != nil {
			return nil, err
		} else if known > 0 {
			continue
		}
		fuzziness := 1
		if n >= 7 {
			fuzziness = 2
		}
		near, err := closestTerms(fuzzy, term, fuzziness, maxSpellings)
		if err != nil {
			return nil, err
		}
		if len(near) > 0 {
			cands[i] = near
			changed = true
		}
	}
	if !changed {
		return nil, nil
	}
	// The k-th spelling takes each word's k-th candidate (or its last).
	var out [][]string
	for k := 0; k < maxSpellings; k++ {
		words := make([]string, len(cands))
		fresh := false
		for i, c := range cands {
			words[i] = c[min(k, len(c)-1)]
			fresh = fresh || k < len(c)
		}
		if !fresh {
			break
		}
		out = append(out, words)
	}
	return out, nil
}

// docFreq returns how many passages hold term in the exact body field.
func docFreq(ctx context.Context, r index.IndexReader, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), FieldBodyExact, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("search: spelling: %w", err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// closestTerms returns up to n indexed terms within fuzziness edits of term, with the
// fewest edits first and, among equals, the most passages first.
func closestTerms(r index.IndexReaderFuzzy, term string, fuzziness, n int) ([]string, error) {
	dict, err := r.FieldDictFuzzy(FieldBodyExact, term, fuzziness, "")
	if err != nil {
		return nil, fmt.Errorf("search: spelling: %w", err)
	}
	defer dict.Close()
	var found []index.DictEntry
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: spelling: %w", err)
		}
		if e == nil {
			break
		}
		if e.Term == term || strings.ContainsAny(e.Term, "0123456789") {
			continue
		}
		found = append(found, *e)
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].EditDistance != found[j].EditDistance {
			return found[i].EditDistance < found[j].EditDistance
		}
		return found[i].Count > found[j].Count
	})
	var out []string
	for _, e := range found[:min(n, len(found))] {
		out = append(out, e.Term)
	}
	return out, nil
}

// String writes the query back in the search box syntax.
func (q UserQuery) String() string {
	var parts []string
	for _, w := range q.Words {
		if q.isRequired(w) {
			w = "+" + w
		}
		parts = append(parts, w)
	}
	for _, p := range q.Phrases {
		parts = append(parts, `"`+p+`"`)
	}
	for _, e := range q.Excluded {
		if strings.ContainsAny(e, " \t") {
			e = `"` + e + `"`
		}
		parts = append(parts, "-"+e)
	}
	return strings.Join(parts, " ")
}
