// Package search is the read side of Kennisbank's index: it parses a search box
// query, plans it (one table of fields and boosts, see fields.go), evaluates the plan
// with the word search on the index segments or with Bleve's searchers, collects the
// hits with their facets, date orders and report groups, marks snippets, and offers
// spellings and suggestions. It works on a Snapshot that the indexer hands it after
// each commit and knows nothing of corpus files.
package search

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// Report is what the search side knows of one indexed report: the values its
// report filters, facets, groups and suggestions read.
type Report struct {
	ID            string
	Title         string
	Date          string // YYYY-MM-DD, empty when unknown
	Speakers      []string
	Themes        []string
	Organisations []string
	Places        []string
	// SpeakerPassages and ThemePassages count the report's passages per speaker and
	// per theme.
	SpeakerPassages PassageCounts
	ThemePassages   PassageCounts
}

// Snapshot is the index as one commit left it, as the indexer hands it over.
type Snapshot struct {
	// Index holds the passages. It may be an alias that a rebuild swaps behind.
	Index bleve.Index
	// Reports lists the indexed reports. It is called when a search first needs them,
	// at most once per snapshot unless it fails.
	Reports func() ([]Report, error)
	// Synonyms are the synonyms of the field for this snapshot's searches, or nil.
	Synonyms *Synonyms
}

// Engine answers searches and suggestions on the latest snapshot. It keeps what is
// worth keeping between searches: the columns of the index segments (which outlive
// a snapshot, as segments do) and, per snapshot, the facet table and the names to
// suggest. It is safe for concurrent use.
type Engine struct {
	columns columnCache
	active  atomic.Int32 // searches running

	mu        sync.RWMutex
	cur       *snap
	bleveOnly bool
	strict    bool
	splitting Splitting
}

// Splitting says when the word search walks a large segment in two halves at once,
// on two processors (see fastsearch.go).
type Splitting int

const (
	// SplitWhenIdle splits heavy searches while no more searches run than half the
	// processors: a lone search then takes about half the time, and under load every
	// processor already has a search of its own. It is the default.
	SplitWhenIdle Splitting = iota
	// SplitNever never splits.
	SplitNever
	// SplitAlways splits every search with words, however small its segments, for
	// checks that compare split and whole searches.
	SplitAlways
)

// SetSplitting sets when searches are split (SplitWhenIdle unless set).
func (e *Engine) SetSplitting(s Splitting) {
	e.mu.Lock()
	e.splitting = s
	e.mu.Unlock()
}

// split reports whether a search now may be split, and whether its segments may be
// split however small.
func (e *Engine) split() (may, always bool) {
	e.mu.RLock()
	s := e.splitting
	e.mu.RUnlock()
	switch s {
	case SplitNever:
		return false, false
	case SplitAlways:
		return true, true
	}
	return int(e.active.Load())*2 <= runtime.NumCPU(), false
}

// NewEngine returns an engine without a snapshot; searches fail until Update.
func NewEngine() *Engine { return &Engine{} }

// Update makes s the snapshot that searches from now on read.
func (e *Engine) Update(s Snapshot) {
	e.mu.Lock()
	e.cur = &snap{Snapshot: s, columns: &e.columns, bleveOnly: e.bleveOnly, strict: e.strict, engine: e}
	e.mu.Unlock()
}

// SetBleveOnly sends every search through Bleve's searchers, never the word search
// (see fastsearch.go), for checks that compare the two evaluators.
func (e *Engine) SetBleveOnly(on bool) {
	e.mu.Lock()
	e.bleveOnly = on
	if e.cur != nil {
		e.cur = &snap{Snapshot: e.cur.Snapshot, columns: &e.columns, bleveOnly: on, strict: e.strict, engine: e}
	}
	e.mu.Unlock()
}

// SetStrict makes every search strict: only passages that hold every word, never the
// forgiving search (see forgiving.go), which the word search alone evaluates. It is
// for checks that compare the two evaluators.
func (e *Engine) SetStrict(on bool) {
	e.mu.Lock()
	e.strict = on
	if e.cur != nil {
		e.cur = &snap{Snapshot: e.cur.Snapshot, columns: &e.columns, bleveOnly: e.bleveOnly, strict: on, engine: e}
	}
	e.mu.Unlock()
}

// errNoSnapshot is returned before the indexer has handed over a snapshot.
var errNoSnapshot = errors.New("search: no index snapshot yet")

func (e *Engine) current() (*snap, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.cur == nil {
		return nil, errNoSnapshot
	}
	return e.cur, nil
}

// Warm reads what the first search would otherwise wait for: the report table behind
// the facets, the suggestion lists and the columns of the current segments (about a
// second for 20,000 reports).
func (e *Engine) Warm() error {
	sn, err := e.current()
	if err != nil {
		return err
	}
	if _, err := sn.facets(); err != nil {
		return err
	}
	if _, err := sn.suggestEntries(); err != nil {
		return err
	}
	r, err := sn.reader()
	if err != nil {
		return fmt.Errorf("search: warm: %w", err)
	}
	defer r.Close()
	_, err = sn.columns.forReader(r)
	return err
}

// snap is one snapshot with what the engine derives from it.
type snap struct {
	Snapshot
	engine    *Engine
	columns   *columnCache
	bleveOnly bool
	strict    bool

	mu       sync.RWMutex // guards the fields below, each built when first needed
	reports  []Report
	facetTab *facetTable
	suggest  []suggestEntry
	byTail   map[string][]string // folded surname or whole name → speakers (see speakersNamed)

	reportFilters     sync.Map     // filter key → *reportFilter (see reportFilterOf)
	reportFilterCount atomic.Int32 // filters made, kept or not
}

// reportList returns the snapshot's reports; the caller holds sn.mu.
func (sn *snap) reportList() ([]Report, error) {
	if sn.reports != nil {
		return sn.reports, nil
	}
	if sn.Reports == nil {
		return nil, nil
	}
	recs, err := sn.Reports()
	if err != nil {
		return nil, err
	}
	if recs == nil {
		recs = []Report{}
	}
	sn.reports = recs
	return recs, nil
}

// reader opens a reader of the index, for term dictionaries and segments; the caller
// closes it.
func (sn *snap) reader() (index.IndexReader, error) {
	adv, err := sn.Index.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}
