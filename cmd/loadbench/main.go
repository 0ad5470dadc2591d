// Command loadbench puts a running Kennisbank server under a mixed search load for a
// fixed time and prints throughput and latency percentiles per kind of request.
//
//	go run ./cmd/loadbench --url http://127.0.0.1:8080 --clients 8 --duration 20s
//
// Each client has its own keep-alive connection and cycles, from its own offset,
// through a mix built from the benchmark queries (../shared/bench/queries-mix.txt by
// default): plain words, phrases, queries with a facet filter taken from the server's
// own facets, date ranges, report grouping, and suggestions for a prefix of each query.
// One warm-up pass of the whole mix comes first. Every request asks for the top 10 with
// facets and highlighted snippets, as the search page does.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"kennisbank/internal/modroot"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// request is one request of the mix.
type request struct {
	kind string // search, phrase, filter, range, group, suggest
	path string
}

func run() error {
	base := flag.String("url", "http://127.0.0.1:8080", "address of the running server")
	clients := flag.Int("clients", 8, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "how long to measure, after the warm-up")
	queries := flag.String("queries", "", "file of queries, one a line (default: ../shared/bench/queries-mix.txt beside the module)")
	flag.Parse()
	if *clients < 1 {
		return errors.New("--clients must be at least 1")
	}
	if *queries == "" {
		shared, err := modroot.Shared()
		if err != nil {
			return fmt.Errorf("shared benchmark material not found beside the repository (%w); give --queries", err)
		}
		*queries = filepath.Join(shared, "bench", "queries-mix.txt")
	}
	qs, err := readLines(*queries)
	if err != nil {
		return err
	}
	httpc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}
	mix, err := buildMix(httpc, *base, qs)
	if err != nil {
		return err
	}
	fmt.Printf("%d requests in the mix, %d clients, %s after a warm-up pass\n", len(mix), *clients, *duration)
	for _, r := range mix {
		if _, err := do(httpc, *base+r.path); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}

	type sample struct {
		kind string
		d    time.Duration
	}
	results := make([][]sample, *clients)
	var failures sync.Map
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			tr := &http.Transport{MaxIdleConnsPerHost: 1}
			cl := &http.Client{Timeout: 30 * time.Second, Transport: tr}
			for i := c * len(mix) / *clients; ctx.Err() == nil; i++ {
				r := mix[i%len(mix)]
				t0 := time.Now()
				if _, err := do(cl, *base+r.path); err != nil {
					if ctx.Err() == nil {
						failures.Store(r.path, err)
					}
					continue
				}
				results[c] = append(results[c], sample{r.kind, time.Since(t0)})
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)

	byKind := map[string][]time.Duration{}
	var all []time.Duration
	for _, rs := range results {
		for _, s := range rs {
			byKind[s.kind] = append(byKind[s.kind], s.d)
			all = append(all, s.d)
		}
	}
	fmt.Printf("%-8s %8s %9s %8s %8s %8s\n", "kind", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms")
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range append(kinds, "all") {
		ds := byKind[k]
		if k == "all" {
			ds = all
		}
		p50, p95, p99 := percentiles(ds)
		fmt.Printf("%-8s %8d %9.1f %8.2f %8.2f %8.2f\n", k, len(ds), float64(len(ds))/elapsed.Seconds(), p50, p95, p99)
	}
	n := 0
	failures.Range(func(k, v any) bool {
		if n < 5 {
			fmt.Printf("failed: %s: %v\n", k, v)
		}
		n++
		return true
	})
	if n > 0 {
		return fmt.Errorf("%d requests failed", n)
	}
	return nil
}

// buildMix makes the request mix from the queries, with filter values taken from the
// server's facets so that filtered searches find something.
func buildMix(c *http.Client, base string, qs []string) ([]request, error) {
	body, err := do(c, base+"/api/v1/search?size=1")
	if err != nil {
		return nil, fmt.Errorf("first search: %w", err)
	}
	var probe struct {
		Facets map[string][]struct {
			Value string `json:"value"`
		} `json:"facets"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("first search: %w", err)
	}
	var filters []string
	for param, facet := range map[string]string{"speaker": "speakers", "theme": "themes", "place": "places", "organisation": "organisations"} {
		for i, v := range probe.Facets[facet] {
			if i == 5 {
				break
			}
			filters = append(filters, param+"="+url.QueryEscape(v.Value))
		}
	}
	sort.Strings(filters)
	var mix []request
	for i, q := range qs {
		kind := "search"
		if strings.HasPrefix(q, `"`) {
			kind = "phrase"
		}
		v := "/api/v1/search?q=" + url.QueryEscape(q)
		mix = append(mix, request{kind, v})
		switch {
		case i%4 == 0 && len(filters) > 0:
			mix = append(mix, request{"filter", v + "&" + filters[(i/4)%len(filters)]})
		case i%4 == 1:
			mix = append(mix, request{"range", v + "&from=2012-01-01&to=2020-12-31&sort=date_desc"})
		case i%4 == 2:
			mix = append(mix, request{"group", v + "&group=report"})
		}
		if p := prefix(strings.Trim(q, `"`), 4); p != "" {
			mix = append(mix, request{"suggest", "/api/v1/suggest?q=" + url.QueryEscape(p)})
		}
	}
	return mix, nil
}

// prefix returns the first n characters of s, or "" when s is shorter.
func prefix(s string, n int) string {
	if utf8.RuneCountInString(s) < n {
		return ""
	}
	return string([]rune(s)[:n])
}

func do(c *http.Client, u string) ([]byte, error) {
	resp, err := c.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: status %d: %.200s", u, resp.StatusCode, body)
	}
	return body, nil
}

// percentiles returns p50, p95 and p99 of ds in milliseconds.
func percentiles(ds []time.Duration) (float64, float64, float64) {
	if len(ds) == 0 {
		return 0, 0, 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(p float64) float64 {
		i := int(p * float64(len(ds)-1))
		return float64(ds[i].Microseconds()) / 1000
	}
	return at(0.50), at(0.95), at(0.99)
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no queries", path)
	}
	return out, nil
}
