package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/internal/sharedtest"
)

// evalServer serves an index of the default corpus plus the real reports of
// ../shared/eval-corpus/reports (read in place, copied only into a temporary folder).
func evalServer(t *testing.T) *httptest.Server {
	t.Helper()
	src := sharedtest.Path(t, "eval-corpus", "reports")
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := corpus.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	sum, err := ix.Sync(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 + len(entries); sum.Indexed != want {
		t.Fatalf("indexed %d reports, want %d (skipped %d)", sum.Indexed, want, sum.Skipped)
	}
	ts := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: ix, Library: ix}).Handler()))
	t.Cleanup(ts.Close)
	return ts
}

func getJSON(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, body := mustGet(t, ts, path)
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("%s: %v in %.200s", path, err, body)
	}
	return resp.StatusCode
}

func mustSearch(t *testing.T, ts *httptest.Server, query string) SearchResponse {
	t.Helper()
	var r SearchResponse
	if status := getJSON(t, ts, "/api/v1/search?"+query, &r); status != http.StatusOK {
		t.Fatalf("search %s: status %d", query, status)
	}
	return r
}

// TestAPIOverEvalCorpus checks the API field by field over 34 real reports: reports and
// their order, filters, facets against the hits, sorting, paging, grouping, errors.
func TestAPIOverEvalCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation corpus skipped in -short mode")
	}
	ts := evalServer(t)

	// Reports: all of them, newest meeting first, undated last.
	var reports ReportsResponse
	getJSON(t, ts, "/api/v1/reports?size=100", &reports)
	if reports.Total != 34 || len(reports.Reports) != 34 {
		t.Fatalf("reports total %d (%d listed), want 34", reports.Total, len(reports.Reports))
	}
	for i := 1; i < len(reports.Reports); i++ {
		a, b := reports.Reports[i-1].Date, reports.Reports[i].Date
		if a == "" && b != "" || a != "" && b != "" && a < b {
			t.Errorf("reports not newest first: %q before %q", a, b)
		}
	}
	dateOf := map[string]string{}
	for _, r := range reports.Reports {
		dateOf[r.ID] = r.Date
	}

	t.Run("facets count the whole result", func(t *testing.T) {
		// A word found 5 to 50 times, so that one page holds the whole result.
		var r SearchResponse
		word := ""
		for _, w := range []string{"kascommissie", "penningmeester", "begroting", "wethouder", "maatjes"} {
			if r = mustSearch(t, ts, "q="+w+"&size=50"); r.Total >= 5 && r.Total <= 50 {
				word = w
				break
			}
		}
		if word == "" {
			t.Fatal("no word with 5–50 hits")
		}
		years, speakers := map[string]int{}, map[string]int{}
		for _, h := range r.Hits {
			if h.Date != "" {
				years[h.Date[:4]]++
			}
			for _, s := range h.Speakers {
				speakers[s]++
			}
		}
		for _, f := range r.Facets.Years {
			if years[f.Value] != f.Count {
				t.Errorf("year facet %s = %d, hits say %d", f.Value, f.Count, years[f.Value])
			}
			delete(years, f.Value)
		}
		if len(years) > 0 {
			t.Errorf("years missing from the facet: %v", years)
		}
		for _, f := range r.Facets.Speakers {
			if speakers[f.Value] != f.Count {
				t.Errorf("speaker facet %s = %d, hits say %d", f.Value, f.Count, speakers[f.Value])
			}
		}
		// Paging does not change the facets.
		p2 := mustSearch(t, ts, "q="+word+"&size=5&page=2")
		if !slices.Equal(p2.Facets.Years, r.Facets.Years) || p2.Total != r.Total {
			t.Errorf("page 2 facets %v total %d, want %v %d", p2.Facets.Years, p2.Total, r.Facets.Years, r.Total)
		}
	})

	t.Run("date range", func(t *testing.T) {
		r := mustSearch(t, ts, "from=2009-01-01&to=2009-12-31&size=50")
		if r.Total == 0 {
			t.Fatal("nothing in 2009")
		}
		for _, h := range r.Hits {
			if !strings.HasPrefix(h.Date, "2009-") {
				t.Errorf("hit %s dated %q, outside 2009", h.PassageID, h.Date)
			}
		}
		if len(r.Facets.Years) != 1 || r.Facets.Years[0].Value != "2009" || r.Facets.Years[0].Count != int(r.Total) {
			t.Errorf("years facet %v, want only 2009 with all %d passages", r.Facets.Years, r.Total)
		}
	})

	t.Run("speaker filter", func(t *testing.T) {
		var sp SpeakersResponse
		getJSON(t, ts, "/api/v1/speakers", &sp)
		if len(sp.Speakers) == 0 {
			t.Fatal("no speakers")
		}
		name := sp.Speakers[0].Name
		r := mustSearch(t, ts, "speaker="+url.QueryEscape(name)+"&size=50")
		if r.Total == 0 || int(r.Total) != sp.Speakers[0].Passages {
			t.Errorf("speaker %s: %d passages found, /speakers says %d", name, r.Total, sp.Speakers[0].Passages)
		}
		for _, h := range r.Hits {
			if !slices.Contains(h.Speakers, name) {
				t.Errorf("hit %s speakers %v lack %s", h.PassageID, h.Speakers, name)
			}
		}
	})

	t.Run("theme filter", func(t *testing.T) {
		var th ThemesResponse
		getJSON(t, ts, "/api/v1/themes", &th)
		if len(th.Themes) == 0 {
			t.Fatal("no themes")
		}
		theme := th.Themes[0]
		r := mustSearch(t, ts, "theme="+url.QueryEscape(theme.Name)+"&group=report&size=50")
		if r.TotalGroups == nil || *r.TotalGroups != len(theme.Reports) {
			t.Errorf("theme %s: %v reports found, /themes says %d", theme.Name, r.TotalGroups, len(theme.Reports))
		}
		for _, g := range r.Groups {
			if !slices.Contains(theme.Reports, g.ReportID) || !slices.Contains(g.Themes, theme.Name) {
				t.Errorf("group %s (themes %v) is not a report of theme %s", g.ReportID, g.Themes, theme.Name)
			}
		}
	})

	t.Run("sorting", func(t *testing.T) {
		for _, tc := range []struct {
			sort string
			ok   func(a, b string) bool
		}{
			{"date_asc", func(a, b string) bool { return b == "" || a != "" && a <= b }},
			{"date_desc", func(a, b string) bool { return b == "" || a != "" && a >= b }},
		} {
			r := mustSearch(t, ts, "q=bestuur&size=50&sort="+tc.sort)
			for i := 1; i < len(r.Hits); i++ {
				if !tc.ok(r.Hits[i-1].Date, r.Hits[i].Date) {
					t.Errorf("%s: %q before %q", tc.sort, r.Hits[i-1].Date, r.Hits[i].Date)
				}
			}
			for _, h := range r.Hits {
				if h.Date != dateOf[h.ReportID] {
					t.Errorf("hit %s dated %q, its report %q", h.PassageID, h.Date, dateOf[h.ReportID])
				}
			}
		}
	})

	t.Run("paging is stable", func(t *testing.T) {
		all := mustSearch(t, ts, "q=notulen&size=15")
		var paged []string
		for p := 1; p <= 3; p++ {
			r := mustSearch(t, ts, "q=notulen&size=5&page="+string(rune('0'+p)))
			for _, h := range r.Hits {
				paged = append(paged, h.PassageID)
			}
		}
		for i, h := range all.Hits {
			if i >= len(paged) || paged[i] != h.PassageID {
				t.Fatalf("paged order %v differs from one page %v", paged, all.Hits)
			}
		}
	})

	t.Run("grouping", func(t *testing.T) {
		flat := mustSearch(t, ts, "q=bestuur&size=50")
		g := mustSearch(t, ts, "q=bestuur&group=report&size=50")
		ids := map[string]bool{}
		for _, h := range flat.Hits {
			ids[h.ReportID] = true
		}
		if flat.Total <= 50 && (g.TotalGroups == nil || *g.TotalGroups != len(ids) || len(g.Groups) != len(ids)) {
			t.Errorf("groups %d (total %v), want one for each of %d reports", len(g.Groups), g.TotalGroups, len(ids))
		}
	})

	t.Run("errors name the field", func(t *testing.T) {
		for _, tc := range []struct{ query, field string }{
			{"from=2021-01-01&to=2020-01-01", "from"},
			{"from=2021-13-01", "from"},
			{"to=gisteren", "to"},
			{"size=51", "size"},
			{"page=0", "page"},
			{"page=101&size=10", "page"},
			{"sort=score", "sort"},
			{"group=speaker", "group"},
			{"zoek=jeugd", "zoek"},
			{"q=a&q=b", "q"},
		} {
			var e struct {
				Error struct{ Code, Message, Field string } `json:"error"`
			}
			status := getJSON(t, ts, "/api/v1/search?"+tc.query, &e)
			if status != http.StatusBadRequest || e.Error.Field != tc.field || e.Error.Code != "bad_request" || e.Error.Message == "" {
				t.Errorf("%s: status %d error %+v, want 400 on field %s", tc.query, status, e.Error, tc.field)
			}
		}
	})
}
