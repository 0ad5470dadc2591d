package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kennisbank/indexer"
	"kennisbank/internal/sharedtest"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/search-golden.json from the current answers")

// goldenEnvDump names a folder into which TestSearchAnswersGolden writes every answer
// in full, so that two runs can be compared line by line when a hash differs.
const goldenEnvDump = "KENNISBANK_GOLDEN_DUMP"

// goldenQueries are the searches whose answers must not change. {speaker0},
// {speaker1}, {organisation0}, {place0} and {theme0} stand for the most frequent
// facet values of the whole index, so that the list names no one.
var goldenQueries = []string{
	"",
	"size=50",
	"sort=date_asc",
	"page=2&size=5",
	"q=jeugdzorg",
	"q=gemeente",
	"q=gemeente&page=3",
	"q=gemeente&sort=date_desc",
	"q=gemeente&sort=date_asc&size=20",
	"q=gemeente&group=report",
	"q=gemeente&group=report&sort=date_desc&page=2&size=3",
	"q=samenwerking+gemeente",
	"q=wachtlijst",
	"q=jeugdhulp",
	"q=zorg+kinderen",
	"q=%22gesloten+jeugdzorg%22",
	"q=%22de+gemeente%22",
	"q=%22gemeente%22",
	"q=gemeente+-zorg",
	"q=gemeente+-%22de+raad%22",
	"q=het+de",
	"q=de",
	"q=e-mail",
	"q=covid-19",
	"q=jeugdzrg",
	"q=samenwerkng",
	"q=gemeenteraad+begrotng",
	"q=xyzzyqwv",
	"q=Gemeente",
	"q=gemeenten",
	"q=overheid&from=2020-01-01",
	"q=overheid&to=2019-12-31",
	"q=overheid&from=2018-03-15&to=2021-07-04",
	"from=2020-01-01&to=2020-12-31",
	"from=2019-02-03&to=2019-02-03",
	"from=2021-01-01&sort=date_asc",
	"speaker={speaker0}",
	"speaker={speaker1}&q=gemeente",
	"speaker={speaker0}&speaker={speaker1}",
	"theme={theme0}",
	"theme={theme0}&q=zorg&group=report",
	"organisation={organisation0}",
	"organisation={organisation0}&q=gemeente&sort=date_desc",
	"place={place0}",
	"place={place0}&from=2019-01-01&to=2022-12-31",
	"speaker={speaker0}&theme={theme0}",
	"q=college&group=report&size=50",
	"q=besluit&size=50&page=2",
	"q=%22hoogte+gesteld%22&group=report",
	"q=visser+besluit",
	"q=jaarstukken",
	"q=activiteit&sort=date_desc&group=report",
	"sort=relevance",
	"group=report",
	"group=report&sort=date_asc&page=2",
	"q=gemeente&page=101",
	"q=gemeente&size=51",
	"q=gemeente&sort=nieuw",
	"from=2020-13-01",
	"from=2021-01-01&to=2020-01-01",
	"bogus=1",
	"q=a&q=b",
	"group=speaker",
	"speaker={speaker1}",
	"q=gemeente&speaker={speaker0}",
	"organisation={organisation0}&q=zorg",
	"place={place0}&from=2015-01-01",
	"q=jeugdhulpverlening",
	"q=overheid+-%22de+raad%22&sort=date_desc",
	"q=e-mail&group=report",
	"q=e-mail&sort=date_asc",
	"q=e-mail&theme={theme0}",
}

// TestSearchAnswersGolden holds the answers of GET /api/v1/search over the shared
// reports to those recorded in testdata/search-golden.json (without took_ms, which
// measures time). The golden file keeps a hash of each answer, not the answer: the
// reports name private people, and their text stays out of the repository. Run with
// -update-golden to record new answers, and with KENNISBANK_GOLDEN_DUMP=folder to
// see them in full.
func TestSearchAnswersGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes the shared reports")
	}
	shared := sharedtest.Dir(t)
	corpusDir := filepath.Join(t.TempDir(), "corpus")
	for _, src := range []string{"seed-reports", filepath.Join("eval-corpus", "reports"), filepath.Join("eval-corpus", "dev")} {
		copyFolder(t, filepath.Join(shared, src), filepath.Join(corpusDir, filepath.Base(src)))
	}
	// One reader and one batch: the passages enter the index in one order, so that
	// equal scores keep one order.
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: corpusDir,
		Workers: 1, BatchSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(Options{Searcher: ix, Library: ix}).Handler())
	t.Cleanup(ts.Close)

	var all SearchResponse
	getJSON(t, ts, "/api/v1/search?size=1", &all)
	facetValue := func(vals []FacetJSON, i int) string {
		if i >= len(vals) {
			t.Fatalf("the index has only %d values of a facet, want %d", len(vals), i+1)
		}
		return url.QueryEscape(vals[i].Value)
	}
	fill := strings.NewReplacer(
		"{speaker0}", facetValue(all.Facets.Speakers, 0),
		"{speaker1}", facetValue(all.Facets.Speakers, 1),
		"{theme0}", facetValue(all.Facets.Themes, 0),
		"{organisation0}", facetValue(all.Facets.Organisations, 0),
		"{place0}", facetValue(all.Facets.Places, 0),
	)

	type answer struct {
		Query  string `json:"query"`
		Status int    `json:"status"`
		SHA256 string `json:"sha256"`
	}
	dump := os.Getenv(goldenEnvDump)
	var got []answer
	for i, q := range goldenQueries {
		resp, body := mustGet(t, ts, "/api/v1/search?"+fill.Replace(q))
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		delete(v, "took_ms")
		settleTies(v, fill.Replace(q))
		canon, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(canon)
		got = append(got, answer{Query: q, Status: resp.StatusCode, SHA256: hex.EncodeToString(sum[:])})
		if dump != "" {
			if err := os.MkdirAll(dump, 0o755); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dump, fmt.Sprintf("%02d.json", i))
			if err := os.WriteFile(name, append([]byte(q+"\n"), canon...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	path := filepath.Join("testdata", "search-golden.json")
	if *updateGolden {
		raw, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(raw, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []answer
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%d answers recorded, %d queries now", len(want), len(got))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%q: status %d, hash %.12s; recorded status %d, hash %.12s", got[i].Query,
				got[i].Status, got[i].SHA256, want[i].Status, want[i].SHA256)
		}
	}
}

// settleTies rewrites an answer in relevance order so that it no longer depends on
// the order of passages of equal score, which is the order in which they entered the
// index (Bleve analyses a batch's documents concurrently). Hits and groups of one
// score are listed by id; a run of equal scores at the edge of a page, which the page
// may cut anywhere, is kept as its score and length only.
func settleTies(v map[string]any, query string) {
	params, _ := url.ParseQuery(query)
	sort := params.Get("sort")
	if sort != "relevance" && (sort != "" || strings.TrimSpace(params.Get("q")) == "") {
		return
	}
	size := 10
	if n, err := strconv.Atoi(params.Get("size")); err == nil {
		size = n
	}
	laterPage := params.Get("page") != "" && params.Get("page") != "1"
	for key, id := range map[string]string{"hits": "passage_id", "groups": "report_id"} {
		list, _ := v[key].([]any)
		if len(list) == 0 {
			continue
		}
		score := func(i int) float64 { return list[i].(map[string]any)["score"].(float64) }
		var out []any
		for start := 0; start < len(list); {
			end := start + 1
			for end < len(list) && score(end) == score(start) {
				end++
			}
			run := list[start:end]
			if end == len(list) && len(list) == size || start == 0 && laterPage {
				out = append(out, map[string]any{"tied": len(run), "score": score(start)})
			} else {
				slices.SortStableFunc(run, func(a, b any) int {
					return strings.Compare(a.(map[string]any)[id].(string), b.(map[string]any)[id].(string))
				})
				out = append(out, run...)
			}
			start = end
		}
		v[key] = out
	}
}

// copyFolder copies the regular files of src (not its subfolders) into dst, a
// temporary folder.
func copyFolder(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
