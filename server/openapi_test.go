package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	openAPIOnce   sync.Once
	openAPIRouter routers.Router
	openAPIErr    error
)

// openAPIRoutes loads and checks the OpenAPI description once.
func openAPIRoutes(tb testing.TB) routers.Router {
	tb.Helper()
	openAPIOnce.Do(func() {
		doc, err := openapi3.NewLoader().LoadFromData(openAPI)
		if err != nil {
			openAPIErr = err
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			openAPIErr = err
			return
		}
		doc.Servers = openapi3.Servers{{URL: "/"}}
		openAPIRouter, openAPIErr = legacy.NewRouter(doc)
	})
	if openAPIErr != nil {
		tb.Fatalf("OpenAPI description: %v", openAPIErr)
	}
	return openAPIRouter
}

// checkedByOpenAPI wraps h so that every answer it gives in a test is checked against
// the OpenAPI description: its route, status, content type and body.
func checkedByOpenAPI(tb testing.TB, h http.Handler) http.Handler {
	router := openAPIRoutes(tb)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())

		if r.Method == http.MethodOptions || !isAPIPath(r.URL.Path) {
			return // CORS preflight and pages: not part of the API
		}
		route, params, err := router.FindRoute(r)
		if err != nil {
			if rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
				tb.Errorf("%s %s answered %d but is not in the OpenAPI description: %v", r.Method, r.URL, rec.Code, err)
			}
			return
		}
		in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
			Options: &openapi3filter.Options{IncludeResponseStatus: true}}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code,
			Header: rec.Header(), Body: io.NopCloser(bytes.NewReader(rec.Body.Bytes())), Options: in.Options}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			tb.Errorf("%s %s: answer %d does not match the OpenAPI description: %v\n%.300s", r.Method, r.URL, rec.Code, err, rec.Body.String())
		}
	})
}

// isAPIPath reports whether path belongs to the HTTP API (rather than the pages).
func isAPIPath(path string) bool {
	return strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/readyz"
}

// TestOpenAPICoversRoutes checks that the description and the server have the same
// routes, and that the server serves the description.
func TestOpenAPICoversRoutes(t *testing.T) {
	ts := mustServer(t, Options{BaseURL: "https://kennisbank.example.nl"})
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	param := regexp.MustCompile(`:([a-z]+)`)
	served := map[string]bool{}
	for _, r := range New(Options{}).engine.Routes() {
		served[r.Method+" "+param.ReplaceAllString(r.Path, "{$1}")] = true
	}
	for k := range served {
		if !described[k] && isAPIPath(strings.SplitN(k, " ", 2)[1]) && !strings.HasPrefix(k, "OPTIONS") {
			t.Errorf("route %s is not in the OpenAPI description", k)
		}
	}
	var missing []string
	for k := range described {
		if !served[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("described but not served: %v", missing)
	}

	resp, body := mustGet(t, ts, "/api/v1/openapi.json")
	var got struct {
		OpenAPI string `json:"openapi"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
	}
	if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("openapi.json: status %d, %v", resp.StatusCode, err)
	}
	if !strings.HasPrefix(got.OpenAPI, "3.") || len(got.Servers) != 1 || got.Servers[0].URL != "https://kennisbank.example.nl" {
		t.Errorf("openapi.json = %+v, want OpenAPI 3 with the base URL as server", got)
	}
}
