package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzAPIParameters sends arbitrary query strings to the search, suggest and reports
// endpoints: every answer must be 200 or a 400 that names the offending field, as JSON,
// never a 500. Run longer with
//
//	go test ./server -run '^$' -fuzz FuzzAPIParameters -fuzztime 60s
func FuzzAPIParameters(f *testing.F) {
	for _, s := range []string{
		"q=jeugdzorg", "q=%22gesloten+jeugdzorg%22&sort=date_asc", "q=x&size=0", "q=x&size=51", "page=1001&size=1",
		"from=2021-02-30", "from=2022-01-01&to=2021-01-01", "q=a&q=b", "speaker=Peter+Dijkshoorn&theme=onderwijs",
		"group=report&page=2&size=1", "group=speaker", "nope=1", "q=%ff%fe", "q=%00", "q=" + strings.Repeat("a", 3000),
		"size=-1", "size=1e3", "page=%20", "sort=", "q=jeugdzrg", "q=*&size=50", "q==&&&=",
	} {
		f.Add("/api/v1/search", s)
		f.Add("/api/v1/suggest", s)
	}
	f.Add("/api/v1/reports", "page=2&size=100")
	handler := New(Options{Searcher: mustIndex(f)}).Handler()
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		switch path {
		case "/api/v1/search", "/api/v1/suggest", "/api/v1/reports":
		default:
			path = "/api/v1/search"
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path, req.URL.RawQuery = path, rawQuery
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		var body struct {
			Error *struct {
				Code, Message, Field string
			} `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s?%s: %d, body is no JSON: %v", path, rawQuery, rec.Code, err)
		}
		switch rec.Code {
		case http.StatusOK:
		case http.StatusBadRequest:
			if body.Error == nil || body.Error.Message == "" || body.Error.Field == "" {
				t.Fatalf("%s?%s: 400 without message and field: %s", path, rawQuery, rec.Body)
			}
		default:
			t.Fatalf("%s?%s: status %d: %s", path, rawQuery, rec.Code, rec.Body)
		}
	})
}
