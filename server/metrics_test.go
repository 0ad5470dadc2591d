package server

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestMetrics serves a real index over HTTP, makes requests of every kind and checks
// that /metrics names the series and that they counted the requests.
func TestMetrics(t *testing.T) {
	ts := mustServer(t, Options{})
	// A second server in the same process has a registry of its own.
	other := mustServer(t, Options{})

	for _, path := range []string{
		"/api/v1/search?q=jeugdzorg",
		"/api/v1/search?q=jeugdzorg",
		"/api/v1/search?q=jeugdzorg&page=0", // 400
		"/?q=samenwerking",
		"/api/v1/suggest?q=jeu",
		"/api/v1/reports/verslag-dat-niet-bestaat",
		"/bestaat/niet",
	} {
		mustGet(t, ts, path)
	}
	mustGet(t, other, "/api/v1/search?q=jeugdzorg")
	req, err := http.NewRequest("BLAH", ts.URL+"/api/v1/search", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := ts.Client().Do(req); err == nil {
		resp.Body.Close()
	}

	families := scrape(t, ts)
	tests := []struct {
		name    string
		labels  map[string]string
		atLeast float64 // the counter's value, the histogram's count or the gauge's value
	}{
		{"kennisbank_http_requests_total", map[string]string{"method": "GET", "route": "/api/v1/search", "status": "200"}, 2},
		{"kennisbank_http_requests_total", map[string]string{"method": "GET", "route": "/api/v1/search", "status": "400"}, 1},
		{"kennisbank_http_requests_total", map[string]string{"method": "GET", "route": "/api/v1/reports/:id", "status": "404"}, 1},
		{"kennisbank_http_requests_total", map[string]string{"method": "GET", "route": "unmatched", "status": "404"}, 1},
		{"kennisbank_http_requests_total", map[string]string{"method": "other"}, 1},
		{"kennisbank_http_request_duration_seconds", map[string]string{"method": "GET", "route": "/api/v1/search"}, 3},
		{"kennisbank_http_request_duration_seconds", map[string]string{"method": "GET", "route": "/"}, 1},
		{"kennisbank_search_duration_seconds", map[string]string{"kind": "api", "answer": "ok"}, 2},
		{"kennisbank_search_duration_seconds", map[string]string{"kind": "page", "answer": "ok"}, 1},
		{"kennisbank_search_duration_seconds", map[string]string{"kind": "suggest", "answer": "ok"}, 1},
		{"kennisbank_reports", nil, 1},
		{"kennisbank_passages", nil, 1},
		{"kennisbank_index_size_bytes", nil, 1},
		{"kennisbank_last_sync_duration_seconds", nil, 1e-9},
		{"kennisbank_last_sync_timestamp_seconds", nil, 1},
		{"kennisbank_index_ready", nil, 1},
		{"kennisbank_skipped_files", nil, 0},
		{"kennisbank_held_reports", nil, 0},
		{"go_goroutines", nil, 1},
	}
	for _, tt := range tests {
		got, ok := metricValue(families[tt.name], tt.labels)
		if !ok {
			t.Errorf("%s%v: no such series", tt.name, tt.labels)
			continue
		}
		if got < tt.atLeast {
			t.Errorf("%s%v = %v, want at least %v", tt.name, tt.labels, got, tt.atLeast)
		}
	}

	// The other server counted its own request only.
	got, _ := metricValue(scrape(t, other)["kennisbank_http_requests_total"],
		map[string]string{"method": "GET", "route": "/api/v1/search", "status": "200"})
	if got != 1 {
		t.Errorf("second server counted %v searches, want 1", got)
	}
}

// scrape reads the server's /metrics and parses the text format.
func scrape(t *testing.T, ts *httptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	resp, body := mustGet(t, ts, "/metrics")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return parseMetrics(t, body)
}

// metricValue finds the series of f whose labels include want and returns its value:
// a counter's or gauge's value, a histogram's sample count.
func metricValue(f *dto.MetricFamily, want map[string]string) (float64, bool) {
	if f == nil {
		return 0, false
	}
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range want {
			if have[k] != v {
				match = false
			}
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// parseMetrics parses the Prometheus text format.
func parseMetrics(t *testing.T, body []byte) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("/metrics is not the Prometheus text format: %v", err)
	}
	return families
}
