package server

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kennisbank/indexer/search"
)

// failingSearcher answers every search with err.
type failingSearcher struct {
	Searcher
	err error
}

func (f failingSearcher) Search(context.Context, search.Request) (*search.Result, error) {
	return nil, f.err
}

// TestEmbedSearchFailures checks that the embed page answers a bad request with 400,
// and a search that ran out of time or failed on the server's side with 503 or 500,
// logged.
func TestEmbedSearchFailures(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantLog    string
	}{
		{"bad request", &search.RequestError{Field: "from", Message: "from ligt na to"}, http.StatusBadRequest, ""},
		{"timeout", context.DeadlineExceeded, http.StatusServiceUnavailable, "embed search timed out"},
		{"internal", errors.New("segment unreadable"), http.StatusInternalServerError, "embed search"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			srv := New(Options{Searcher: failingSearcher{err: tt.err}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/embed?q=jeugdzorg", nil))
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if tt.wantLog != "" && !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log %q lacks %q", logs.String(), tt.wantLog)
			}
			if strings.Contains(rec.Body.String(), "segment unreadable") {
				t.Error("the page shows an internal error text")
			}
		})
	}
}
