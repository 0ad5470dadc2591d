package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/indexer/extract"
)

func TestMain(m *testing.M) {
	extract.RunChildIfRequested()
	os.Exit(m.Run())
}

// mustServer indexes the default corpus into a temporary index and serves it over
// real HTTP.
func mustServer(tb testing.TB, opts Options) *httptest.Server {
	tb.Helper()
	ix := mustIndex(tb)
	opts.Searcher, opts.Library = ix, ix
	ts := httptest.NewServer(checkedByOpenAPI(tb, New(opts).Handler()))
	tb.Cleanup(ts.Close)
	return ts
}

// mustIndex indexes the default corpus into a temporary index.
func mustIndex(tb testing.TB) *indexer.Index {
	tb.Helper()
	ix, _ := mustIndexIn(tb)
	return ix
}

// mustIndexIn is mustIndex that also returns the corpus folder.
func mustIndexIn(tb testing.TB) (*indexer.Index, string) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "corpus")
	if err := corpus.WriteTo(dir); err != nil {
		tb.Fatal(err)
	}
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(tb.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		tb.Fatal(err)
	}
	return ix, dir
}

func mustGet(tb testing.TB, ts *httptest.Server, path string, hdr ...string) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, body
}

func TestHealth(t *testing.T) {
	ts := mustServer(t, Options{})
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, body := mustGet(t, ts, path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d %s, want 200", path, resp.StatusCode, body)
		}
	}
}

func TestSearchAPI(t *testing.T) {
	ts := mustServer(t, Options{})
	resp, body := mustGet(t, ts, "/api/v1/search?q="+url.QueryEscape("gesloten jeugdzorg")+"&size=5")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var got SearchResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Total == 0 || got.Page != 1 || got.Size != 5 || len(got.Hits) == 0 || len(got.Hits) > 5 {
		t.Fatalf("response = %+v, want hits on page 1 of size 5", got)
	}
	h := got.Hits[0]
	if h.ReportID != "expertisecentrum-jeugdhulp-limburg" || !strings.HasPrefix(h.PassageID, h.ReportID+"#p") {
		t.Errorf("first hit = %+v, want a Limburg passage", h)
	}
	if !strings.Contains(h.Snippet, "<mark>") || h.URL != "/verslagen/"+h.ReportID+"#"+strings.TrimPrefix(h.PassageID, h.ReportID+"#") {
		t.Errorf("hit snippet %q url %q", h.Snippet, h.URL)
	}
	// The raw JSON has the contract's field names.
	for _, key := range []string{`"total"`, `"took_ms"`, `"hits"`, `"passage_id"`, `"report_title"`, `"snippet"`, `"facets"`, `"years"`} {
		if !strings.Contains(string(body), key) {
			t.Errorf("response lacks %s", key)
		}
	}
}

func TestSearchAPIDidYouMean(t *testing.T) {
	ts := mustServer(t, Options{})
	resp, body := mustGet(t, ts, "/api/v1/search?q="+url.QueryEscape("gesloten jeugdzrg"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got SearchResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.DidYouMean != "gesloten jeugdzorg" || !got.Corrected || got.Total == 0 {
		t.Fatalf("did_you_mean %q corrected %v total %d, want the hits of \"gesloten jeugdzorg\"", got.DidYouMean, got.Corrected, got.Total)
	}
	if !strings.Contains(string(body), `"did_you_mean":"gesloten jeugdzorg"`) {
		t.Errorf("response lacks did_you_mean: %s", body)
	}
}

func TestSearchAPIGrouped(t *testing.T) {
	ts := mustServer(t, Options{})
	resp, body := mustGet(t, ts, "/api/v1/search?q=jeugdhulp&group=report&size=1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got SearchResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.TotalGroups == nil || *got.TotalGroups < 2 || len(got.Groups) != 1 || len(got.Hits) != 0 {
		t.Fatalf("grouped response = %+v, want 1 of several groups and no flat hits", got)
	}
	g := got.Groups[0]
	if g.URL != "/verslagen/"+g.ReportID || len(g.Passages) == 0 || g.Passages[0].ReportID != g.ReportID || g.Matches < len(g.Passages) {
		t.Errorf("group = %+v", g)
	}
	for _, key := range []string{`"groups"`, `"total_groups"`, `"matches"`, `"passages"`} {
		if !strings.Contains(string(body), key) {
			t.Errorf("response lacks %s", key)
		}
	}
	resp, body = mustGet(t, ts, "/api/v1/search?q=jeugdhulp&group=speaker")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"field":"group"`) {
		t.Errorf("group=speaker: status %d body %s, want 400 on field group", resp.StatusCode, body)
	}
}

func TestSuggestAPI(t *testing.T) {
	ts := mustServer(t, Options{})
	resp, body := mustGet(t, ts, "/api/v1/suggest?q="+url.QueryEscape("Peter Dijk"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got SuggestResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Suggestions) == 0 || got.Suggestions[0] != (SuggestionJSON{Text: "Peter Dijkshoorn", Kind: "speaker"}) {
		t.Fatalf("suggestions = %+v, want Peter Dijkshoorn (speaker) first", got.Suggestions)
	}
	resp, body = mustGet(t, ts, "/api/v1/suggest?q=")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"suggestions":[]`) {
		t.Errorf("empty prefix: status %d body %s, want an empty list", resp.StatusCode, body)
	}
	for _, tc := range []struct{ query, field string }{
		{"q=jeu&size=0", "size"},
		{"q=jeu&size=21", "size"},
		{"q=jeu&kind=x", "kind"},
	} {
		resp, body := mustGet(t, ts, "/api/v1/suggest?"+tc.query)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"field":"`+tc.field+`"`) {
			t.Errorf("%s: status %d body %s, want 400 on field %s", tc.query, resp.StatusCode, body, tc.field)
		}
	}
}

func TestSearchAPIErrors(t *testing.T) {
	ts := mustServer(t, Options{})
	tests := []struct {
		query string
		field string
	}{
		{"q=jeugd&size=0", "size"},
		{"q=jeugd&size=51", "size"},
		{"q=jeugd&size=tien", "size"},
		{"q=jeugd&page=0", "page"},
		{"q=jeugd&page=1000", "page"},
		{"q=jeugd&from=gisteren", "from"},
		{"q=jeugd&from=2021-06-01&to=2021-01-01", "from"},
		{"q=jeugd&sort=willekeurig", "sort"},
		{"q=jeugd&kleur=rood", "kleur"},
		{"q=a&q=b", "q"},
	}
	for _, tt := range tests {
		resp, body := mustGet(t, ts, "/api/v1/search?"+tt.query)
		var e apiError
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("%s: body %q: %v", tt.query, body, err)
		}
		if resp.StatusCode != http.StatusBadRequest || e.Error.Field != tt.field || e.Error.Message == "" || e.Error.Code == "" {
			t.Errorf("GET ?%s = %d %+v, want 400 on field %s", tt.query, resp.StatusCode, e, tt.field)
		}
	}
}

func TestSearchAPINastyInput(t *testing.T) {
	ts := mustServer(t, Options{})
	nasty := []string{
		"", `"`, `"""`, "*", "***", "-", "--jeugd", "(jeugd", "jeugd)", "/[a-z/", "a~2", "^2", "\x00\x01\x1b",
		"\xff\xfe", strings.Repeat("jeugdzorg ", 20), "de het een", `"de het"`, "<script>alert(1)</script>",
		"title:jeugd", "+", "%", "speaker:x",
	}
	for _, q := range nasty {
		resp, body := mustGet(t, ts, "/api/v1/search?q="+url.QueryEscape(q))
		if resp.StatusCode != http.StatusOK {
			t.Errorf("q=%q: status %d %s, want 200", q, resp.StatusCode, body)
			continue
		}
		if strings.Contains(string(body), "<script>") {
			t.Errorf("q=%q: response contains unescaped markup", q)
		}
	}
}

func TestReportsAPI(t *testing.T) {
	ts := mustServer(t, Options{})
	resp, body := mustGet(t, ts, "/api/v1/reports")
	var list ReportsResponse
	if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/reports = %d %s", resp.StatusCode, body)
	}
	if list.Total != 2 || len(list.Reports) != 2 {
		t.Fatalf("reports = %+v, want the 2 sample reports", list)
	}
	for _, path := range []string{"/api/v1/speakers", "/api/v1/themes"} {
		resp, body := mustGet(t, ts, path)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "{\""+strings.TrimPrefix(path, "/api/v1/")+"\":[") {
			t.Errorf("GET %s = %d %s", path, resp.StatusCode, body)
		}
	}
	resp, body = mustGet(t, ts, "/api/v1/reports/mvs-terugkoppelbijeenkomst")
	var rep ReportResponse
	if err := json.Unmarshal(body, &rep); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET report = %d %s", resp.StatusCode, body)
	}
	if rep.Format != "txt" || rep.SourceFile != "mvs-terugkoppelbijeenkomst.txt" || len(rep.Passages) < 5 {
		t.Errorf("report = %+v", rep)
	}
	for i, p := range rep.Passages {
		if want := "mvs-terugkoppelbijeenkomst#p" + strconv.Itoa(i+1); p.ID != want {
			t.Errorf("passage %d id = %q, want %q", i, p.ID, want)
		}
	}
	resp, body = mustGet(t, ts, "/api/v1/reports/mvs-terugkoppelbijeenkomst/source")
	want, err := corpus.FS.ReadFile("mvs-terugkoppelbijeenkomst.txt")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || string(body) != string(want) {
		t.Errorf("GET source = %d, %d bytes; want the original %d bytes", resp.StatusCode, len(body), len(want))
	}
	resp, _ = mustGet(t, ts, "/api/v1/reports/bestaat-niet")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown report = %d, want 404", resp.StatusCode)
	}
}

func TestStatusAndCORS(t *testing.T) {
	ts := mustServer(t, Options{CORSOrigins: []string{"https://www.jeugdhulp.example.nl"}})
	resp, body := mustGet(t, ts, "/api/v1/status", "Origin", "https://www.jeugdhulp.example.nl")
	var st StatusResponse
	if err := json.Unmarshal(body, &st); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET status = %d %s", resp.StatusCode, body)
	}
	if st.Reports != 2 || st.Passages == 0 || st.LastSync == nil || st.IndexSizeBytes == 0 {
		t.Errorf("status = %+v", st)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "https://www.jeugdhulp.example.nl" {
		t.Errorf("allowed origin got CORS header %q", got)
	}
	resp, _ = mustGet(t, ts, "/api/v1/status", "Origin", "https://kwaadwillend.example.com")
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("other origin got CORS header %q, want none", got)
	}
}

func TestNotFoundIsJSON(t *testing.T) {
	ts := mustServer(t, Options{})
	resp, body := mustGet(t, ts, "/api/v1/bestaat-niet")
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != http.StatusNotFound || e.Error.Message == "" {
		t.Errorf("GET unknown = %d %s", resp.StatusCode, body)
	}
}

func TestSearchTurns(t *testing.T) {
	s := New(Options{Searcher: mustIndex(t), MaxSearches: 1})
	release, err := s.searchTurn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.searchTurn(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second search while one runs: %v, want to wait until the deadline", err)
	}
	release()
	again, err := s.searchTurn(context.Background())
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}
