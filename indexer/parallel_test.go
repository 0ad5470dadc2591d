package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"kennisbank/indexer/search"
	"kennisbank/internal/corpusgen"
	"kennisbank/internal/sharedtest"
)

// TestParallelSyncMatchesSequential indexes one corpus with one reader and with
// several, and asks both indexes the same searches: however the reading is
// scheduled, the index must answer alike: the same totals and facets, the same
// scores in the same order, and the same hits for each score. Within a run of equal
// scores the order is Bleve's internal document order, which differs from one run to
// the next even with one reader (its analysis workers and merges finish in their own
// time), so a tie is compared as a set, and the tie a page ends in is left out.
func TestParallelSyncMatchesSequential(t *testing.T) {
	shared := sharedtest.Dir(t)
	src, err := corpusgen.ReadSources(context.Background(), corpusgen.SharedDirs(shared)...)
	if err != nil {
		t.Fatalf("read sources: %v", err)
	}
	dir := t.TempDir()
	if _, err := src.Write(dir, corpusgen.Options{Bytes: 400_000, Seed: 7}); err != nil {
		t.Fatalf("write corpus: %v", err)
	}

	open := func(workers int) *Index {
		t.Helper()
		// Small batches, so that the index is made of several segments.
		ix, err := Open(Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir, Workers: workers, BatchSize: 150})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		t.Cleanup(func() { ix.Close() })
		mustSync(t, ix)
		return ix
	}
	sequential, parallel := open(1), open(4)

	queries := []search.Request{
		{Query: "jeugdzorg"},
		{Query: "vergadering", Size: 50},
		{Query: "gemeente budget"},
		{Query: `"de gemeente"`, Size: 50},
		{Query: "jeugdhulp", Sort: search.SortDateDesc},
		{Query: "besluit", Kinds: []string{search.KindDecision}},
		{Query: "overleg", Group: search.GroupReport},
		{Query: "zorg", Page: 2},
	}
	for _, q := range queries {
		t.Run(fmt.Sprintf("%s/%s/%d", q.Query, q.Sort+q.Group, q.Page), func(t *testing.T) {
			want, err := sequential.Search(context.Background(), q)
			if err != nil {
				t.Fatalf("sequential: %v", err)
			}
			got, err := parallel.Search(context.Background(), q)
			if err != nil {
				t.Fatalf("parallel: %v", err)
			}
			if want.Total == 0 {
				t.Fatalf("no hits for %q: the comparison would prove nothing", q.Query)
			}
			if got.Total != want.Total || got.TotalGroups != want.TotalGroups {
				t.Errorf("total %d (%d groups), want %d (%d groups)", got.Total, got.TotalGroups, want.Total, want.TotalGroups)
			}
			if g, w := hitTies(got.Hits), hitTies(want.Hits); !reflect.DeepEqual(g, w) {
				t.Errorf("hits differ:\n got %v\nwant %v", g, w)
			}
			if g, w := groupTies(got.Groups), groupTies(want.Groups); !reflect.DeepEqual(g, w) {
				t.Errorf("groups differ:\n got %v\nwant %v", g, w)
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("facets differ:\n got %+v\nwant %+v", got.Facets, want.Facets)
			}
		})
	}
}

// tie is a run of equal scores in a result page: the score and its hits, sorted.
type tie struct {
	score float64
	items []string
}

// ties splits a page of scored items into runs of equal scores, each run's items
// rendered by render and sorted. The last run is left out: the page may end inside it.
func ties(n int, score func(i int) float64, render func(i int) string) []tie {
	var out []tie
	for i := 0; i < n; i++ {
		if len(out) == 0 || out[len(out)-1].score != score(i) {
			out = append(out, tie{score: score(i)})
		}
		out[len(out)-1].items = append(out[len(out)-1].items, render(i))
	}
	for _, t := range out {
		slices.Sort(t.items)
	}
	if len(out) > 0 {
		out = out[:len(out)-1]
	}
	return out
}

func hitTies(hits []search.Hit) []tie {
	return ties(len(hits), func(i int) float64 { return hits[i].Score },
		func(i int) string { return fmt.Sprintf("%+v", hits[i]) })
}

func groupTies(groups []search.Group) []tie {
	return ties(len(groups), func(i int) float64 { return groups[i].Score },
		func(i int) string { return fmt.Sprintf("%+v", groups[i]) })
}
