package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"kennisbank/indexer/search"
)

// metrics are the server's Prometheus metrics, in a registry of the server's own (not
// the global default), so that a process may hold many servers, as the tests do.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	searches *prometheus.HistogramVec
}

// latencyBuckets are the histogram buckets of request and search latency, in seconds:
// from a cached suggestion (under a millisecond) to a search at its deadline.
var latencyBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// newMetrics registers the request, search and index metrics of s, and the Go
// runtime's and the process's own.
func newMetrics(s *Server) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kennisbank_http_requests_total",
			Help: "HTTP requests answered, by method, route template and status code.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kennisbank_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method and route template.",
			Buckets: latencyBuckets,
		}, []string{"method", "route"}),
		searches: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kennisbank_search_duration_seconds",
			Help: "Time of one search or suggestion, without the wait for its turn. kind: api, page, embed, feed, suggest; " +
				"answer: ok, forgiving (most of the words), corrected (the query as the reports spell it), error.",
			Buckets: latencyBuckets,
		}, []string{"kind", "answer"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.searches,
		&indexCollector{searcher: s.opts.Searcher, library: s.opts.Library},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the metrics in the Prometheus text format.
func (m *metrics) handler() gin.HandlerFunc {
	return gin.WrapH(promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
}

// measure counts every request and times it under its route template ("/verslagen/:id",
// never the path asked for, so that the number of series stays bounded); a request that
// matched no route counts as "unmatched".
func (m *metrics) measure() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		method := c.Request.Method
		if !knownMethods[method] {
			method = "other" // a client may send any word as a method
		}
		m.requests.WithLabelValues(method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.latency.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	}
}

// knownMethods are the HTTP methods counted by name.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

// observeSearch records one search of a request to route (its template).
func (m *metrics) observeSearch(route string, res *search.Result, err error, took time.Duration) {
	answer := "ok"
	switch {
	case err != nil:
		answer = "error"
	case res.Corrected:
		answer = "corrected"
	case res.Forgiving:
		answer = "forgiving"
	}
	m.searches.WithLabelValues(searchKind(route), answer).Observe(took.Seconds())
}

// observeSuggest records one suggestion.
func (m *metrics) observeSuggest(err error, took time.Duration) {
	answer := "ok"
	if err != nil {
		answer = "error"
	}
	m.searches.WithLabelValues("suggest", answer).Observe(took.Seconds())
}

// searchKind names what asked for a search, by the route template of its request.
func searchKind(route string) string {
	switch route {
	case "/api/v1/search":
		return "api"
	case "/embed":
		return "embed"
	case "/feed.atom":
		return "feed"
	default:
		return "page"
	}
}

// indexCollector reads the state of the index when the metrics are scraped.
type indexCollector struct {
	searcher Searcher
	library  Library // nil when uploads are off
}

var (
	descIndexSize = prometheus.NewDesc("kennisbank_index_size_bytes",
		"Size of the index folder on disk.", nil, nil)
	descReports = prometheus.NewDesc("kennisbank_reports",
		"Reports in the index.", nil, nil)
	descPassages = prometheus.NewDesc("kennisbank_passages",
		"Passages in the index.", nil, nil)
	descSkipped = prometheus.NewDesc("kennisbank_skipped_files",
		"Files of the corpus folder that could not be indexed.", nil, nil)
	descHeld = prometheus.NewDesc("kennisbank_held_reports",
		"Uploads waiting in the review queue.", nil, nil)
	descLastSync = prometheus.NewDesc("kennisbank_last_sync_duration_seconds",
		"Duration of the last sync (indexing run) or rebuild.", nil, nil)
	descLastSyncTime = prometheus.NewDesc("kennisbank_last_sync_timestamp_seconds",
		"When the last sync or rebuild ended (Unix time); 0 before the first.", nil, nil)
	descReady = prometheus.NewDesc("kennisbank_index_ready",
		"1 when the index is open and in line with the corpus folder, else 0.", nil, nil)
)

// Describe implements prometheus.Collector.
func (ic *indexCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descIndexSize, descReports, descPassages, descSkipped, descHeld, descLastSync, descLastSyncTime, descReady} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (ic *indexCollector) Collect(ch chan<- prometheus.Metric) {
	st := ic.searcher.Status()
	gauge := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v)
	}
	gauge(descIndexSize, float64(st.SizeBytes))
	gauge(descReports, float64(st.Reports))
	gauge(descPassages, float64(st.Passages))
	gauge(descSkipped, float64(len(st.Skipped)))
	gauge(descLastSync, st.LastSyncDuration.Seconds())
	var last float64
	if !st.LastSync.IsZero() {
		last = float64(st.LastSync.UnixNano()) / 1e9
	}
	gauge(descLastSyncTime, last)
	ready := 0.0
	if ic.searcher.Ready() {
		ready = 1
	}
	gauge(descReady, ready)
	held := 0
	if ic.library != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		list, err := ic.library.Held(ctx)
		cancel()
		if err != nil {
			ch <- prometheus.NewInvalidMetric(descHeld, err)
			return
		}
		held = len(list)
	}
	gauge(descHeld, float64(held))
}

// metricsRoute is where the metrics are served, on the server's own address.
const metricsRoute = "/metrics"
