package dutch

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"

	"kennisbank/indexer/dutch/internal/lex"
)

// Names of the token filters this package registers with Bleve. They are stored in
// an index's mapping, so any program that opens the index must import this package.
const (
	// FoldFilter removes diacritics per token (coördinatie → coordinatie). Unlike
	// Bleve's asciifolding char filter it keeps the byte offsets of the original text.
	FoldFilter = "nl_fold"
	// NFKCFilter applies Unicode NFKC per token: PDF ligatures (ﬁ, ĳ) become letters.
	NFKCFilter = "nl_nfkc"
	// ESPluralFilter maps a plural "Xes" to "Xe" when Xe is a word whose plural that is
	// (organisaties → organisatie), which the Snowball stemmer does not do.
	ESPluralFilter = "nl_es_plural"
	// DecompoundFilter adds the parts of a compound at the compound's position and offsets.
	DecompoundFilter = "nl_decompound"
	// DecompoundQueryFilter normalises compounds like DecompoundFilter but adds no
	// parts: for query analysis, so that a query for a compound stays precise.
	DecompoundQueryFilter = "nl_decompound_query"
	// StemFilter is the Snowball Dutch stemmer (the algorithm behind Bleve's
	// stemmer_nl_snowball) followed by a stem override table and spelling fixes
	// (irregular plurals, doubled consonants, z/s and v/f; see normaliseStem). It
	// stems each distinct term once per token stream and drops a token that repeats
	// the term of another token at the same position.
	StemFilter = "nl_stem"
	// PositionsOnlyFilter sets every token's byte offsets to zero and keeps its
	// position. A field indexed with term vectors stores each token's offsets beside
	// its position; where only positions are read (phrases), zero offsets take one
	// byte each instead of two or three.
	PositionsOnlyFilter = "nl_positions_only"
)

func init() {
	register(FoldFilter, func() (analysis.TokenFilter, error) { return foldFilter{}, nil })
	register(NFKCFilter, func() (analysis.TokenFilter, error) {
		f, err := unicodenorm.NewUnicodeNormalizeFilter(unicodenorm.NFKC)
		if err != nil {
			return nil, fmt.Errorf("nfkc filter: %w", err)
		}
		return f, nil
	})
	register(ESPluralFilter, func() (analysis.TokenFilter, error) {
		l, err := loadLists()
		if err != nil {
			return nil, err
		}
		return esPluralFilter{base: l.esBase, lexicon: l.lexicon}, nil
	})
	register(DecompoundFilter, func() (analysis.TokenFilter, error) {
		l, err := loadLists()
		if err != nil {
			return nil, err
		}
		return decompoundFilter{parts: l.parts, emitParts: true}, nil
	})
	register(DecompoundQueryFilter, func() (analysis.TokenFilter, error) {
		l, err := loadLists()
		if err != nil {
			return nil, err
		}
		return decompoundFilter{parts: l.parts}, nil
	})
	register(StemFilter, func() (analysis.TokenFilter, error) {
		return stemFilter{overrides: stemOverrides}, nil
	})
	register(PositionsOnlyFilter, func() (analysis.TokenFilter, error) { return positionsOnlyFilter{}, nil })
}

// register adds a configuration-free token filter to Bleve's registry. It panics on
// a duplicate name, which can only be a programming error at start-up.
func register(name string, build func() (analysis.TokenFilter, error)) {
	err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		f, err := build()
		if err != nil {
			return nil, fmt.Errorf("dutch: token filter %s: %w", name, err)
		}
		return f, nil
	})
	if err != nil {
		panic(fmt.Sprintf("dutch: register token filter %s: %v", name, err))
	}
}

// foldFilter folds diacritics token by token; see FoldFilter.
type foldFilter struct{}

// Filter implements analysis.TokenFilter.
func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Term = lex.Fold(t.Term)
	}
	return input
}

// positionsOnlyFilter implements PositionsOnlyFilter.
type positionsOnlyFilter struct{}

// Filter implements analysis.TokenFilter.
func (positionsOnlyFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		t.Start, t.End = 0, 0
	}
	return input
}

// esPluralFilter implements ESPluralFilter.
type esPluralFilter struct {
	base    map[string]struct{}
	lexicon *lex.Bloom
}

// minESFallback is the shortest "Xes" word that the lexicon fallback rewrites.
const minESFallback = 7

// Filter implements analysis.TokenFilter. Besides the list of known -es plurals it
// handles plurals missing from wdutch (suïcides): when Xes is not a known word but
// Xe is, Xes is taken for its plural.
func (f esPluralFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		n := len(t.Term)
		if n <= 4 || t.Term[n-2] != 'e' || t.Term[n-1] != 's' {
			continue
		}
		if _, ok := f.base[string(t.Term[:n-1])]; ok {
			t.Term = t.Term[:n-1]
			continue
		}
		if n >= minESFallback && !f.lexicon.Has(t.Term) && f.lexicon.Has(t.Term[:n-1]) {
			t.Term = t.Term[:n-1]
		}
	}
	return input
}

// decompoundFilter implements DecompoundFilter and DecompoundQueryFilter.
type decompoundFilter struct {
	parts     map[string]uint8
	emitParts bool
}

// Filter implements analysis.TokenFilter. Parts get the compound's Position, Start
// and End, so phrase queries treat them as alternatives and highlights cover the
// whole compound.
func (f decompoundFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	type result struct {
		cp compoundParts
		ok bool
	}
	var (
		out  analysis.TokenStream // allocated on the first compound only
		seen map[string]result    // words already looked at in this stream
	)
	for i, t := range input {
		var r result
		if isCompoundCandidate(t.Term) {
			var hit bool
			if r, hit = seen[string(t.Term)]; !hit {
				if seen == nil {
					seen = make(map[string]result)
				}
				r.cp, r.ok = decompound(f.parts, string(t.Term))
				seen[string(t.Term)] = r
			}
		}
		if !r.ok {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if r.cp.singular != "" {
			t.Term = []byte(r.cp.singular)
		}
		if !f.emitParts {
			continue // input is modified in place; nothing is added
		}
		if out == nil {
			out = make(analysis.TokenStream, i, len(input)+len(input)/4+len(r.cp.parts))
			copy(out, input[:i])
		}
		out = append(out, t)
		for _, p := range r.cp.parts {
			out = append(out, &analysis.Token{
				Term:     []byte(p),
				Start:    t.Start,
				End:      t.End,
				Position: t.Position,
				Type:     t.Type,
			})
		}
	}
	if out == nil {
		return input
	}
	return out
}

// stemOverrides maps Snowball stems to the stem of a related form, for irregular
// plurals that Snowball leaves apart. kind→kinder, ei→eier and fiets are Lucene's
// DutchAnalyzer defaults; the rest were checked by hand against Snowball's output.
var stemOverrides = map[string]string{
	"kind":   "kinder", // kind / kinderen
	"ei":     "eier",   // ei / eieren
	"fiet":   "fiets",  // fiets / fietsen
	"led":    "lid",    // lid / leden
	"sted":   "stad",   // stad / steden
	"uren":   "uur",    // uur / uren
	"crises": "crisis", // crisis / crises
	"musea":  "museum", // museum / musea
}

// stemSuffixes rewrite the end of a stem where Snowball keeps a long vowel after
// another vowel: sociaal/sociale, financieel/financiële, individueel/individuele.
var stemSuffixes = [...][2]string{{"iaal", "ial"}, {"ieel", "iel"}, {"ueel", "uel"}}

// normaliseStem applies stemOverrides and the Dutch spelling alternations that
// Snowball's Porter-style stemmer does not undo: a doubled final consonant
// (gezinn → gezin, casuss → casus, overlegg → overleg) and a final z or v that is
// s or f in the singular (huiz → huis, briev → brief). It returns term itself or
// a shorter slice of it when no new bytes are needed; term itself is never modified.
func normaliseStem(stems map[string]string, term []byte) []byte {
	if s, ok := stems[string(term)]; ok {
		return []byte(s)
	}
	n := len(term)
	if n < 4 {
		return term
	}
	if last := term[n-1]; isConsonant(last) && term[n-2] == last {
		return term[:n-1]
	}
	// Terms may share memory with the analysed text, so changes go to a copy.
	switch term[n-1] {
	case 'z':
		return append(slices.Clip(term[:n-1]), 's')
	case 'v':
		return append(slices.Clip(term[:n-1]), 'f')
	}
	for _, sr := range stemSuffixes {
		if bytes.HasSuffix(term, []byte(sr[0])) {
			return append(slices.Clip(term[:n-len(sr[0])]), sr[1]...)
		}
	}
	return term
}

// stemFilter implements StemFilter.
type stemFilter struct{ overrides map[string]string }

// Filter implements analysis.TokenFilter. Tokens with the same term share one
// stem slice; no later filter modifies terms in place.
func (f stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	stems := make(map[string][]byte, len(input)/4+1)
	out := input[:0]
	for _, t := range input {
		stem, ok := stems[string(t.Term)]
		if !ok {
			env := snowballstem.NewEnv(string(t.Term))
			dutch.Stem(env)
			stem = normaliseStem(f.overrides, []byte(env.Current()))
			stems[string(t.Term)] = stem
		}
		t.Term = stem
		if duplicateAtPosition(out, t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// duplicateAtPosition reports whether a token already kept (out) shares t's position
// and term. Tokens at one position are adjacent, so only the tail of out is checked.
func duplicateAtPosition(out analysis.TokenStream, t *analysis.Token) bool {
	for j := len(out) - 1; j >= 0 && out[j].Position == t.Position; j-- {
		if string(out[j].Term) == string(t.Term) {
			return true
		}
	}
	return false
}
