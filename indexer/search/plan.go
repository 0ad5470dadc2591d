package search

// A query plan: a search box query ready for evaluation, with the filters of its
// request. Both evaluators take the one plan: the word search (fastsearch.go) when
// it can answer, Bleve's searchers otherwise. Both look a word up in the fields of
// wordFields and a phrase in those of phraseFields, with their boosts (fields.go), so
// that they find and score alike.

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"kennisbank/indexer/dutch"
)

// plan is one query with its filters.
type plan struct {
	uq      UserQuery
	filters []filterGroup // a passage must pass every one
	// fast is the plan as the word search runs it, nil when only Bleve can answer.
	fast *fastPlan
}

// newPlan plans query uq with filters.
func newPlan(uq UserQuery, filters []filterGroup, syn *Synonyms) *plan {
	p := &plan{uq: uq, filters: filters}
	if fp, ok := planFast(uq, syn); ok {
		fp.filters = filters
		p.fast = fp
	}
	return p
}

// bleveQuery turns the plan's query into a Bleve query, for Bleve's searchers; the
// filters select in the collector.
func (p *plan) bleveQuery() query.Query {
	uq := p.uq
	var must []query.Query
	for _, w := range uq.Words {
		if len(dutch.Terms(w)) == 0 {
			continue // a stop word on its own asks for nothing
		}
		must = append(must, wordQuery(w))
	}
	for _, ph := range uq.Phrases {
		must = append(must, phraseQuery(ph))
	}
	if len(uq.Words) > 0 && len(must) == 0 && len(uq.Phrases) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	scored := len(must) > 0

	var excluded []query.Query
	for _, e := range uq.Excluded {
		// One word is excluded in all its forms; a phrase in its exact wording (the
		// stemmed body keeps no positions).
		if len(dutch.QueryTerms(e)) > 1 {
			pq := bleve.NewMatchPhraseQuery(e)
			pq.SetField(FieldBodyExact)
			pq.Analyzer = dutch.ExactAnalyzer
			excluded = append(excluded, pq)
			continue
		}
		mq := bleve.NewMatchQuery(e)
		mq.SetField(FieldBody)
		mq.Analyzer = dutch.QueryAnalyzer
		excluded = append(excluded, mq)
	}

	if !scored {
		// Without words every passage scores alike; the filters select in the
		// collector (see filterGroup).
		must = append([]query.Query{bleve.NewMatchAllQuery()}, must...)
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	if len(excluded) > 0 {
		b.AddMustNot(excluded...)
	}
	return b
}

// wordQuery matches one word in the fields of wordFields, with their boosts:
// stemmed and decompounded in the body, boosted where the exact wording, a section
// heading or the title has it.
func wordQuery(w string) query.Query {
	var alts []query.Query
	for _, f := range wordFields {
		m := bleve.NewMatchQuery(w)
		m.SetField(f.field)
		// Queries on stemmed fields use the query chain, which does not add compound
		// parts: "jeugdhulp" then finds jeugdhulpverlening without also matching
		// every text about jeugd or hulp.
		m.Analyzer = dutch.QueryAnalyzer
		if f.exact {
			m.Analyzer = dutch.ExactAnalyzer
		}
		m.SetOperator(query.MatchQueryOperatorAnd)
		m.SetBoost(f.boost)
		alts = append(alts, m)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// phraseQuery matches a quoted phrase in its exact wording in the fields of
// phraseFields, with their boosts.
func phraseQuery(ph string) query.Query {
	var alts []query.Query
	for _, f := range phraseFields {
		// The exact fields are second mappings of a property, so Bleve cannot find
		// their analyser by path: name it.
		m := bleve.NewMatchPhraseQuery(ph)
		m.SetField(f.field)
		m.Analyzer = dutch.ExactAnalyzer
		if f.boost != 1 {
			m.SetBoost(f.boost)
		}
		alts = append(alts, m)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// termRef is one term of one field.
type termRef struct{ field, term string }

// wordPlan is a query word as the terms it is looked for, one per field of wordFields.
type wordPlan [len(wordFields)]string

// phrasePlan is a quoted phrase as its exact terms, each with its position after the
// first (stop words and punctuation the analyser drops leave gaps).
type phrasePlan []phraseTerm

// partPlan is one word of a query as the word search looks for it: the word itself,
// and its synonyms (see synonyms.go), each a word or a phrase. A passage holds the
// part when it holds one of them.
type partPlan struct {
	words    []wordPlan
	phrases  []phrasePlan
	required bool // written with a plus sign
}

// fastPlan is a query the word search can answer.
type fastPlan struct {
	parts   []partPlan
	phrases []phrasePlan // quoted: required
	// forgive asks for the passages that hold most of the parts, not all of them (see
	// forgiving.go).
	forgive  bool
	filters  []filterGroup // a passage must pass every one
	excluded []string      // body terms a passage must not hold
}

// wordPlanOf plans a word of one term, or false.
func wordPlanOf(w string) (wordPlan, bool) {
	var wp wordPlan
	stemmed, exact := dutch.QueryTerms(w), dutch.ExactTerms(w)
	if len(stemmed) != 1 || len(exact) != 1 {
		return wp, false
	}
	for i, f := range wordFields {
		wp[i] = stemmed[0]
		if f.exact {
			wp[i] = exact[0]
		}
	}
	return wp, true
}

// addAlternative adds a word or phrase to a part: a word of one term as a word, more
// terms as a phrase.
func (pp *partPlan) addAlternative(s string) bool {
	if wp, ok := wordPlanOf(s); ok {
		pp.words = append(pp.words, wp)
		return true
	}
	if ph, ok := phraseOf(s); ok && len(ph) > 1 {
		pp.phrases = append(pp.phrases, ph)
		return true
	}
	return false
}

// phraseOf plans a phrase as its exact terms in a row, or false when Bleve must
// answer it (two terms at one position, nothing to look for).
func phraseOf(ph string) (phrasePlan, bool) {
	toks := dutch.Tokens(dutch.ExactAnalyzer, []byte(ph))
	if len(toks) == 0 {
		return nil, false
	}
	var pp phrasePlan
	for i, t := range toks {
		rel := t.Position - toks[0].Position
		if i > 0 && rel <= pp[len(pp)-1].pos {
			return nil, false // two terms at one position: Bleve's multi-phrase
		}
		pp = append(pp, phraseTerm{string(t.Term), rel})
	}
	return pp, true
}

// planFast returns the word search plan for a query, or false when Bleve must
// answer it: words of several terms, excluded phrases, nothing but stop words. A word
// that begins a synonym group (syn may be nil) is looked for as any of the group.
func planFast(uq UserQuery, syn *Synonyms) (*fastPlan, bool) {
	p := &fastPlan{}
	for _, ph := range uq.Phrases {
		pp, ok := phraseOf(ph)
		if !ok {
			return nil, false
		}
		p.phrases = append(p.phrases, pp)
	}
	for i := 0; i < len(uq.Words); {
		w := uq.Words[i]
		if g, n := syn.at(uq.Words, i); g >= 0 && !uq.isRequired(w) {
			var part partPlan
			for _, m := range syn.groups[g] {
				part.addAlternative(m)
			}
			part.addAlternative(strings.Join(uq.Words[i:i+n], " ")) // as typed, when the group spells it otherwise
			if len(part.words)+len(part.phrases) > 0 {
				p.parts = append(p.parts, part)
			}
			i += n
			continue
		}
		i++
		if len(dutch.Terms(w)) == 0 {
			continue // a stop word on its own asks for nothing (as in buildQuery)
		}
		stemmed, exact := dutch.QueryTerms(w), dutch.ExactTerms(w)
		if len(stemmed) != len(exact) || len(stemmed) == 0 || len(stemmed) > 1 && !strings.ContainsAny(w, "-/") {
			return nil, false
		}
		part := partPlan{required: uq.isRequired(w)}
		// "Wmo-Raad", "e-mail": the parts of a word joined by a hyphen or a slash are
		// looked for as a phrase, in a row.
		if !part.addAlternative(w) {
			return nil, false
		}
		p.parts = append(p.parts, part)
	}
	if len(uq.Words) > 0 && len(p.parts) == 0 && len(p.phrases) == 0 {
		return nil, false
	}
	for _, e := range uq.Excluded {
		terms := dutch.QueryTerms(e)
		if len(terms) != 1 {
			return nil, false
		}
		p.excluded = append(p.excluded, terms[0])
	}
	return p, true
}
