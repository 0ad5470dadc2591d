package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// TestQueryLimits checks that searches over the limits are refused with 400, the
// parameter and a Dutch message, on the API, the pages and suggestions, and that
// searches at the limits are answered.
func TestQueryLimits(t *testing.T) {
	ts := mustServer(t, Options{})
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("zorg ", n)) }
	tests := []struct {
		name   string
		path   string
		status int
		field  string
	}{
		{"100 kB query", "/api/v1/search?q=" + strings.Repeat("a", 100<<10), 400, "q"},
		{"201 characters", "/api/v1/search?q=" + strings.Repeat("b", 201), 400, "q"},
		{"3000 terms", "/api/v1/search?q=" + url.QueryEscape(strings.Repeat("a ", 3000)), 400, "q"},
		{"21 words", "/api/v1/search?q=" + url.QueryEscape(words(21)), 400, "q"},
		{"phrase of 21 words", "/api/v1/search?q=" + url.QueryEscape(`"`+words(21)+`"`), 400, "q"},
		{"21 exclusions", "/api/v1/search?q=" + url.QueryEscape("zorg"+strings.Repeat(" -jeugd", 20)), 400, "q"},
		{"21 speakers", "/api/v1/search?" + strings.Repeat("speaker=A&", 21), 400, "speaker"},
		{"long theme", "/api/v1/search?theme=" + strings.Repeat("t", 201), 400, "theme"},
		{"long suggestion", "/api/v1/suggest?q=" + strings.Repeat("z", 101), 400, "q"},
		{"20 words", "/api/v1/search?q=" + url.QueryEscape(words(20)), 200, ""},
		{"200 characters", "/api/v1/search?q=" + strings.Repeat("c", 200), 200, ""},
		{"20 speakers", "/api/v1/search?" + strings.Repeat("speaker=A&", 20), 200, ""},
		{"search page", "/?q=" + url.QueryEscape(words(25)), 400, ""},
		{"embed page", "/embed?q=" + strings.Repeat("d", 300), 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := mustGet(t, ts, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tt.status, body)
			}
			if tt.status != 400 {
				return
			}
			if !strings.HasPrefix(tt.path, "/api/") {
				if !strings.Contains(string(body), "ten hoogste") {
					t.Errorf("page does not say what the limit is: %.500s", body)
				}
				return
			}
			var e apiError
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatal(err)
			}
			if e.Error.Field != tt.field || !strings.Contains(e.Error.Message, "ten hoogste") {
				t.Errorf("error %+v, want field %q and a message with the limit", e.Error, tt.field)
			}
		})
	}
}
