package dutch

import (
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names of the memoising chains: each runs a fixed list of this package's and Bleve's
// token filters, one token at a time, and remembers what each distinct word became.
// Every filter in the lists works on one token alone (parts and stems take the
// position and offsets of their word), so the result is exactly that of running the
// filters one after the other over the stream, at a fraction of the cost: most words of
// a text are words already seen.
const (
	chainFullFilter  = "nl_chain_full"
	chainQueryFilter = "nl_chain_query"
)

// memoLimit bounds the words one chain remembers; past it, new words are analysed
// each time they occur.
const memoLimit = 1 << 18

func init() {
	for name, filters := range map[string][]string{
		chainFullFilter:  chainFilters(DecompoundFilter),
		chainQueryFilter: chainFilters(DecompoundQueryFilter),
	} {
		err := registry.RegisterTokenFilter(name, func(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
			m := &memoFilter{}
			for _, f := range filters {
				tf, err := cache.TokenFilterNamed(f)
				if err != nil {
					return nil, fmt.Errorf("dutch: chain %s: %w", name, err)
				}
				m.filters = append(m.filters, tf)
			}
			return m, nil
		})
		if err != nil {
			panic(fmt.Sprintf("dutch: register token filter %s: %v", name, err))
		}
	}
}

// memoFilter runs filters one token at a time and remembers the terms each word
// becomes (none for a stop word; the word and its parts for a compound).
type memoFilter struct {
	filters []analysis.TokenFilter
	shards  [memoShards]memoShard
	size    atomic.Int64
}

// memoShards spreads the memo over locks, so analysis goroutines rarely meet.
const memoShards = 16

type memoShard struct {
	mu    sync.RWMutex
	terms map[string][][]byte
}

var memoSeed = maphash.MakeSeed()

// Filter implements analysis.TokenFilter. The terms handed out are shared between
// streams and must not be modified in place; no filter after the chain does.
func (m *memoFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0:0]
	for _, t := range input {
		terms := m.terms(t)
		for i, term := range terms {
			if i == 0 {
				t.Term = term
				out = append(out, t)
				continue
			}
			out = append(out, &analysis.Token{Term: term, Start: t.Start, End: t.End,
				Position: t.Position, Type: t.Type, KeyWord: t.KeyWord})
		}
	}
	return out
}

// analyse runs the filters over t alone and remembers the result under t's term.
// terms returns what the chain makes of token t: its term, or its terms (a compound
// and its parts), or none (a stop word).
func (m *memoFilter) terms(t *analysis.Token) [][]byte {
	sh := &m.shards[maphash.Bytes(memoSeed, t.Term)%memoShards]
	sh.mu.RLock()
	terms, ok := sh.terms[string(t.Term)]
	sh.mu.RUnlock()
	if !ok {
		terms = m.analyse(sh, t)
	}
	return terms
}

func (m *memoFilter) analyse(sh *memoShard, t *analysis.Token) [][]byte {
	key := string(t.Term)
	one := analysis.TokenStream{&analysis.Token{Term: []byte(key), Start: t.Start, End: t.End,
		Position: t.Position, Type: t.Type, KeyWord: t.KeyWord}}
	for _, f := range m.filters {
		one = f.Filter(one)
	}
	terms := make([][]byte, len(one))
	for i, tok := range one {
		terms[i] = append([]byte(nil), tok.Term...)
	}
	if m.size.Load() < memoLimit {
		sh.mu.Lock()
		if sh.terms == nil {
			sh.terms = make(map[string][][]byte)
		}
		if _, ok := sh.terms[key]; !ok {
			sh.terms[key] = terms
			m.size.Add(1)
		}
		sh.mu.Unlock()
	}
	return terms
}
