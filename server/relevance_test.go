package server

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/internal/sharedtest"
)

// Floors of the relevance test over the dev set's queries.
const (
	floorDevTop3 = 0.97 // queries whose report comes among the first three meetings
	floorDevMRR  = 0.90
)

// TestRelevanceDevQueries searches the three queries of each report of
// shared/eval-corpus/dev in an index of every shared report (the samples, the reports
// set and the dev set) and counts how often that report comes among the first three
// meetings (group=report), as a professional who remembers a few words of it would
// look. Run with -v to see each miss:
//
//	go test ./server -run TestRelevanceDevQueries -v
func TestRelevanceDevQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("relevance over the shared reports skipped in -short mode")
	}
	dev := sharedtest.Path(t, "eval-corpus", "dev")
	reports := sharedtest.Path(t, "eval-corpus", "reports")
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := corpus.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	copyDir := func(src, prefix string, keep func(string) bool) {
		entries, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || !keep(e.Name()) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, prefix+e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	copyDir(reports, "", func(string) bool { return true })
	copyDir(dev, "dev-", func(n string) bool { return strings.HasPrefix(n, "d-") && strings.HasSuffix(n, ".txt") })

	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(Options{Searcher: ix, Library: ix}).Handler())
	defer ts.Close()

	var list ReportsResponse
	getJSON(t, ts, "/api/v1/reports?size=100", &list)
	idOf := map[string]string{}
	for _, r := range list.Reports {
		var full ReportResponse
		getJSON(t, ts, "/api/v1/reports/"+url.PathEscape(r.ID), &full)
		idOf[full.SourceFile] = r.ID
	}

	data, err := os.ReadFile(filepath.Join(dev, "gold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Reports []struct {
			File    string   `yaml:"file"`
			Queries []string `yaml:"queries"`
		} `yaml:"reports"`
	}
	if err := yaml.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	var n, top3 int
	var rr float64
	for _, g := range gold.Reports {
		want := idOf["dev-"+g.File]
		if want == "" {
			t.Fatalf("%s was not indexed", g.File)
		}
		for _, q := range g.Queries {
			n++
			var res SearchResponse
			getJSON(t, ts, "/api/v1/search?"+url.Values{"q": {q}, "group": {"report"}, "size": {"10"}}.Encode(), &res)
			rank := 0
			for i, gr := range res.Groups {
				if gr.ReportID == want {
					rank = i + 1
					break
				}
			}
			if rank > 0 {
				rr += 1 / float64(rank)
			}
			if rank > 0 && rank <= 3 {
				top3++
				continue
			}
			t.Logf("%s %q: rank %d of %d reports", g.File, q, rank, len(res.Groups))
		}
	}
	share, mrr := float64(top3)/float64(n), rr/float64(n)
	t.Logf("DEV QUERIES top 3 %d/%d = %.2f  MRR %.2f", top3, n, share, mrr)
	if share < floorDevTop3 || mrr < floorDevMRR {
		t.Errorf("top 3 %.2f, MRR %.2f below floors %.2f/%.2f", share, mrr, floorDevTop3, floorDevMRR)
	}
}
