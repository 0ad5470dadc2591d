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
func newPlan(uq UserQuery, filters []filterGroup) *plan {
	p := &plan{uq: uq, filters: filters}
	if fp, ok := planFast(uq); ok {
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

// fastPlan is a query the word search can answer.
type fastPlan struct {
	words    []wordPlan
	required []bool // by word: written with a plus sign
	// forgive asks for the passages that hold most of the words, not all of them (see
	// forgiving.go).
	forgive  bool
	phrases  []phrasePlan
	filters  []filterGroup // a passage must pass every one
	excluded []string      // body terms a passage must not hold
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

// planFast returns the word search plan for a query, or false when Bleve must answer
// it: words of several terms, excluded phrases, nothing but stop words.
func planFast(uq UserQuery) (*fastPlan, bool) {
	p := &fastPlan{}
	for _, ph := range uq.Phrases {
		pp, ok := phraseOf(ph)
		if !ok {
			return nil, false
		}
		p.phrases = append(p.phrases, pp)
	}
	for _, w := range uq.Words {
		if len(dutch.Terms(w)) == 0 {
			continue // a stop word on its own asks for nothing (as in buildQuery)
		}
		stemmed, exact := dutch.QueryTerms(w), dutch.ExactTerms(w)
		if len(stemmed) != len(exact) || len(stemmed) == 0 || len(stemmed) > 1 && !strings.ContainsAny(w, "-/") {
			return nil, false
		}
		if len(stemmed) > 1 {
			// "Wmo-Raad", "e-mail": the parts of a word joined by a hyphen or a slash
			// are looked for as a phrase, in a row.
			pp, ok := phraseOf(w)
			if !ok {
				return nil, false
			}
			p.phrases = append(p.phrases, pp)
			continue
		}
		var wp wordPlan
		for i, f := range wordFields {
			wp[i] = stemmed[0]
			if f.exact {
				wp[i] = exact[0]
			}
		}
		p.words = append(p.words, wp)
		p.required = append(p.required, uq.isRequired(w))
	}
	if len(uq.Words) > 0 && len(p.words) == 0 && len(p.phrases) == 0 {
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
