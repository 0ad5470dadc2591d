package search_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
	"kennisbank/internal/corpusgen"
	"kennisbank/internal/sharedtest"
)

// TestWordSearchAgreesWithBleve answers the same requests (words and phrases, with and
// without filters) with the word search (fastsearch.go) and with Bleve's searchers,
// over an index of several segments, and checks that totals, facets, groups and pages
// agree, in relevance order down to the scores.
func TestWordSearchAgreesWithBleve(t *testing.T) {
	shared := sharedtest.Dir(t)
	ix, indexDir := segmentedIndex(t, shared)
	// The evaluators agree on strict searches; only the word search forgives.
	ix.Searcher().SetStrict(true)
	ctx := context.Background()
	all, err := ix.Search(ctx, search.Request{Query: "jeugd", Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	pick := func(fv []search.FacetValue, i int) string {
		if len(fv) == 0 {
			t.Fatal("a facet is empty: the corpus cannot test filters")
		}
		return fv[i%len(fv)].Value
	}
	data, err := os.ReadFile(filepath.Join(shared, "bench", "queries-mix.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var requests []search.Request
	n := 0
	for _, q := range strings.Split(string(data), "\n") {
		q = strings.TrimSpace(q)
		if q == "" {
			continue
		}
		n++
		if n%3 != 0 {
			continue // every third query of the mix is enough
		}
		requests = append(requests,
			search.Request{Query: q},
			search.Request{Query: q, Page: 2, Size: 5},
			search.Request{Query: q, Group: search.GroupReport},
			search.Request{Query: q, Sort: search.SortDateAsc, Size: 20},
		)
	}
	requests = append(requests,
		search.Request{Query: "gemeente -wethouder"},
		search.Request{Query: `"de gemeente" jeugd`},
		search.Request{Query: `"jeugdhulp in de regio" -school`, Sort: search.SortDateDesc},
		search.Request{Query: "kinderen -ouders -school", Group: search.GroupReport},
		search.Request{Query: "gemeente", Speakers: []string{pick(all.Facets.Speakers, 0)}},
		search.Request{Query: "gemeente", Themes: []string{pick(all.Facets.Themes, 1)}, Sort: search.SortDateDesc},
		search.Request{Query: "de", Organisations: []string{pick(all.Facets.Organisations, 0)}},
		search.Request{Query: "kinderen", Places: []string{pick(all.Facets.Places, 0)}, Group: search.GroupReport},
		search.Request{Query: "overleg", From: "2015-03-10", To: "2021-06-30"},
		search.Request{From: "2016-01-01", To: "2019-12-31"},
		search.Request{Themes: []string{pick(all.Facets.Themes, 0)}, Group: search.GroupReport},
		search.Request{},
		search.Request{Query: "onbekendwoordxyz"},
	)
	for _, r := range requests {
		fast, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		ix.Searcher().SetBleveOnly(true)
		slow, err := ix.Search(ctx, r)
		ix.Searcher().SetBleveOnly(false)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if fast.Total != slow.Total || fast.TotalGroups != slow.TotalGroups {
			t.Errorf("%+v: total %d, %d groups; Bleve %d, %d groups", r, fast.Total, fast.TotalGroups, slow.Total, slow.TotalGroups)
			continue
		}
		if !reflect.DeepEqual(fast.Facets, slow.Facets) {
			t.Errorf("%+v: facets differ:\n%+v\nBleve:\n%+v", r, fast.Facets, slow.Facets)
		}
		if r.Sort == search.SortDateAsc || r.Sort == search.SortDateDesc {
			if got, want := passageIDs(fast), passageIDs(slow); !reflect.DeepEqual(got, want) {
				t.Errorf("%+v: page\n%v\nBleve:\n%v", r, got, want)
			}
			continue
		}
		// Relevance order: the same scores in the same places; hits of equal score
		// may come in another order (the sums are added in another order, so equal
		// scores can differ in their last bits), and where such a run is cut off by
		// the page, other hits of that score may be on it.
		got, want := scored(fast), scored(slow)
		if len(got) != len(want) {
			t.Errorf("%+v: %d hits on the page, Bleve %d", r, len(got), len(want))
			continue
		}
		for i := range got {
			if !near(got[i].score, want[i].score) {
				t.Errorf("%+v: hit %d (%s) scores %.17g, Bleve %.17g (%s)", r, i, got[i].id, got[i].score, want[i].score, want[i].id)
				break
			}
		}
		for i := 0; i < len(got); {
			j := i
			for j < len(got) && near(got[j].score, got[i].score) {
				j++
			}
			// A run that ends on the page holds the same hits, unless it began on the
			// page before: then which of its hits fell there is a tie as well.
			if j < len(got) && !(i == 0 && r.Page > 1) {
				if a, b := idSet(got[i:j]), idSet(want[i:j]); !reflect.DeepEqual(a, b) {
					t.Errorf("%+v: hits %d–%d are %v, Bleve %v", r, i, j-1, a, b)
				}
			}
			i = j
		}
	}
	// The exclusions above must exclude something, or they test nothing.
	for _, q := range []string{"gemeente -wethouder", "kinderen -ouders -school"} {
		with, err1 := ix.Search(ctx, search.Request{Query: q})
		without, err2 := ix.Search(ctx, search.Request{Query: strings.Fields(q)[0]})
		if err1 != nil || err2 != nil || with.Total == 0 || with.Total >= without.Total {
			t.Errorf("%q: %d hits, without exclusions %d (%v, %v)", q, with.Total, without.Total, err1, err2)
		}
	}
	// Merged into one segment, the index answers the same.
	before, err := ix.Search(ctx, search.Request{Query: "gemeente jeugd", Group: search.GroupReport})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Compact(ctx); err != nil {
		t.Fatalf("Compact: %v", err)
	} else if n < 2 {
		t.Logf("Bleve's merger had merged the index into %d segment before Compact", n)
	}
	if n, err := ix.Segments(); err != nil || n > indexer.CompactAbove {
		t.Errorf("after Compact: %d segments (%v), want at most %d", n, err, indexer.CompactAbove)
	}
	// Compact waits a while for Bleve to remove the merged-away files; on a loaded
	// machine Bleve may take longer, so the check is that they do go.
	files := zapFiles(t, indexDir)
	for tries := 0; files > indexer.CompactAbove && tries < 600; tries++ {
		time.Sleep(200 * time.Millisecond)
		files = zapFiles(t, indexDir)
	}
	if files > indexer.CompactAbove {
		t.Errorf("after Compact: %d segment files on disk, want at most %d", files, indexer.CompactAbove)
	}
	after, err := ix.Search(ctx, search.Request{Query: "gemeente jeugd", Group: search.GroupReport})
	if err != nil {
		t.Fatal(err)
	}
	if before.Total != after.Total || before.TotalGroups != after.TotalGroups || !reflect.DeepEqual(before.Facets, after.Facets) {
		t.Errorf("after Compact: %d hits in %d reports, before %d in %d", after.Total, after.TotalGroups, before.Total, before.TotalGroups)
	}
	// The same scores in the same places (equal scores may swap: merging renumbers).
	if a, b := scored(after), scored(before); len(a) != len(b) {
		t.Errorf("after Compact: %d groups on the page, before %d", len(a), len(b))
	} else {
		for i := range a {
			if !near(a[i].score, b[i].score) {
				t.Errorf("after Compact: group %d scores %g, before %g", i, a[i].score, b[i].score)
			}
		}
	}
	if len(requests) < 50 {
		t.Fatalf("only %d requests compared", len(requests))
	}
}

// scoredHit is a hit or group of a result page, by its id and score.
type scoredHit struct {
	id    string
	score float64
}

// scored lists the hits of a page, or its groups.
func scored(r *search.Result) []scoredHit {
	var out []scoredHit
	for _, h := range r.Hits {
		out = append(out, scoredHit{h.PassageID, h.Score})
	}
	for _, g := range r.Groups {
		out = append(out, scoredHit{g.ReportID, g.Score})
	}
	return out
}

func idSet(hs []scoredHit) map[string]bool {
	out := map[string]bool{}
	for _, h := range hs {
		out[h.id] = true
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }

// passageIDs lists the passages of a result page, by group when grouped.
func passageIDs(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.PassageID)
	}
	for _, g := range r.Groups {
		out = append(out, "["+g.ReportID+"]")
		for _, h := range g.Passages {
			out = append(out, h.PassageID)
		}
	}
	return out
}

// segmentedIndex indexes 1.5 MB of text recombined from the shared reports in small
// batches, then deletes a few reports and changes others, so that the index has
// several segments with deleted passages in them.
func segmentedIndex(t *testing.T, shared string) (ix *indexer.Index, indexDir string) {
	t.Helper()
	src, err := corpusgen.ReadSources(context.Background(), corpusgen.SharedDirs(shared)...)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := src.Write(dir, corpusgen.Options{Bytes: 1_500_000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	indexDir = filepath.Join(t.TempDir(), "index")
	ix, err = indexer.Open(indexer.Options{Dir: indexDir, CorpusDir: dir, BatchSize: 150})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	mustSync(t, ix)
	// Delete some reports and change others: their old passages stay in the old
	// segments, marked deleted.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries[:5] {
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entries[5:40] {
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, "\n\nNaschrift: het verslag is later aangevuld.\n"...)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustSync(t, ix)
	if n, err := ix.Segments(); err != nil || n < 2 {
		t.Fatalf("the index has %d segment(s) (%v); the test needs several", n, err)
	}
	return ix, indexDir
}

// TestReportFiltersFollowRecords checks the filters on report values (organisations,
// places, themes), which the passages do not carry, against the report records: a
// filter alone finds every passage of the reports that have the value (for a theme,
// also the passages filed under it elsewhere), and with query words only passages of
// such reports. Both the word search and Bleve's searchers are checked.
func TestReportFiltersFollowRecords(t *testing.T) {
	ix, _ := segmentedIndex(t, sharedtest.Dir(t))
	ctx := context.Background()
	recs, err := ix.Reports()
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.Search(ctx, search.Request{})
	if err != nil {
		t.Fatal(err)
	}
	type filter struct {
		name string
		req  func(v string) search.Request
		has  func(r indexer.ReportRecord, v string) int // passages of r that pass
	}
	whole := func(list func(indexer.ReportRecord) []string) func(indexer.ReportRecord, string) int {
		return func(r indexer.ReportRecord, v string) int {
			if slices.Contains(list(r), v) {
				return r.Passages
			}
			return 0
		}
	}
	filters := []struct {
		filter
		values []search.FacetValue
	}{
		{filter{"organisation", func(v string) search.Request { return search.Request{Organisations: []string{v}} },
			whole(func(r indexer.ReportRecord) []string { return r.Organisations })}, all.Facets.Organisations},
		{filter{"place", func(v string) search.Request { return search.Request{Places: []string{v}} },
			whole(func(r indexer.ReportRecord) []string { return r.Places })}, all.Facets.Places},
		{filter{"theme", func(v string) search.Request { return search.Request{Themes: []string{v}} },
			// A theme selects the passages about it, not every passage of a report about it.
			func(r indexer.ReportRecord, v string) int { return r.ThemePassages.Get(v) }}, all.Facets.Themes},
	}
	for _, f := range filters {
		if len(f.values) < 3 {
			t.Fatalf("only %d %s values: the corpus cannot test the filter", len(f.values), f.name)
		}
		for _, fv := range f.values[:3] {
			want, wantReports := 0, 0
			for _, r := range recs {
				if n := f.has(r, fv.Value); n > 0 {
					want += n
					wantReports++
				}
			}
			for _, bleveOnly := range []bool{false, true} {
				ix.Searcher().SetBleveOnly(bleveOnly)
				got, err := ix.Search(ctx, f.req(fv.Value))
				if err != nil {
					t.Fatal(err)
				}
				if int(got.Total) != want || got.TotalGroups != wantReports {
					t.Errorf("%s %q (Bleve only: %v): %d passages in %d reports, want %d in %d",
						f.name, fv.Value, bleveOnly, got.Total, got.TotalGroups, want, wantReports)
				}
				r := f.req(fv.Value)
				r.Query, r.Size = "jeugd", search.MaxSize
				words, err := ix.Search(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				if words.Total == 0 && f.name != "theme" || words.Total > got.Total {
					t.Errorf("%s %q (Bleve only: %v) with words: %d passages of %d", f.name, fv.Value, bleveOnly, words.Total, got.Total)
				}
				for _, h := range words.Hits {
					rec, err := ix.Report(h.ReportID)
					if err != nil {
						t.Fatal(err)
					}
					if f.has(rec, fv.Value) == 0 {
						t.Errorf("%s %q (Bleve only: %v): hit %s of a report without it", f.name, fv.Value, bleveOnly, h.PassageID)
					}
				}
			}
			ix.Searcher().SetBleveOnly(false)
		}
	}
}

// zapFiles counts the segment files under dir.
func zapFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".zap") {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSplitSearchAgreesWithWhole checks that a search walked in two halves of each
// segment at once, each into a collector of its own, answers exactly as the search
// walked whole: totals, facets, pages, groups, scores and order, forgiving searches
// included.
func TestSplitSearchAgreesWithWhole(t *testing.T) {
	shared := sharedtest.Dir(t)
	ix, _ := segmentedIndex(t, shared)
	ctx := context.Background()
	// Merged first, so that Bleve's merger does not renumber the passages between
	// the two searches compared (equal scores keep the index's order).
	if _, err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(shared, "bench", "queries-mix.txt"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.Search(ctx, search.Request{Query: "jeugd"})
	if err != nil || len(all.Facets.Places) == 0 || len(all.Facets.Speakers) == 0 {
		t.Fatalf("no facets to filter on (%v)", err)
	}
	var requests []search.Request
	for i, q := range strings.Split(string(data), "\n") {
		if q = strings.TrimSpace(q); q == "" || i%4 != 0 {
			continue
		}
		requests = append(requests,
			search.Request{Query: q},
			search.Request{Query: q, Group: search.GroupReport, Page: 2, Size: 5},
			search.Request{Query: q, Sort: search.SortDateAsc},
		)
	}
	requests = append(requests,
		search.Request{Query: "jeugd gemeente onbekendwoordxyz wethouder"}, // forgiving
		search.Request{Query: "jeugd gemeente onbekendwoordxyz wethouder", Group: search.GroupReport},
		search.Request{Query: "+gemeente jeugd onderwijs overleg"},
		search.Request{Query: "kinderen", Places: []string{all.Facets.Places[0].Value}, Group: search.GroupReport},
		search.Request{Query: "gemeente", Speakers: []string{all.Facets.Speakers[0].Value}},
		search.Request{Query: `"de gemeente" -wethouder`},
	)
	split := func(s search.Splitting, r search.Request) *search.Result {
		ix.Searcher().SetSplitting(s)
		defer ix.Searcher().SetSplitting(search.SplitWhenIdle)
		res, err := ix.Search(ctx, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		res.Took = 0
		return res
	}
	forgiving := 0
	for _, r := range requests {
		whole, halves := split(search.SplitNever, r), split(search.SplitAlways, r)
		if whole.Forgiving {
			forgiving++
		}
		if !reflect.DeepEqual(whole, halves) {
			t.Errorf("%+v: split search answers\n%+v\nwhole:\n%+v", r, halves, whole)
		}
	}
	if forgiving == 0 {
		t.Error("no forgiving search among the requests: the check misses them")
	}
}
