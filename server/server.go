// Package server is Kennisbank's HTTP face on Gin: the JSON API, health checks, the
// Dutch pages, the embed page and widget, and the Atom feeds. Handlers are thin: they
// read the request, make one call through the Searcher or the Library (backend.go)
// and render the result.
package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer/search"
)

// Options configure a Server.
type Options struct {
	// Searcher answers searches and serves the reports. Required.
	Searcher Searcher
	// Library takes uploads, deletions and corrections; without it (or without an
	// IngestToken) they are off.
	Library Library
	// CORSOrigins may call the API from a browser and embed the search box.
	CORSOrigins []string
	// BaseURL is the server's public address, for links in feeds and the embed snippet.
	BaseURL string
	// SearchTimeout bounds one search (default 5 s).
	SearchTimeout time.Duration
	// Logger receives request and error logs (default slog.Default()).
	Logger *slog.Logger
	// MaxSearches is how many searches run at once (default: the number of CPUs the
	// process may use). Further searches wait their turn, within their deadline, so
	// that light requests such as suggestions are not stuck behind a crowd of heavy
	// ones and every search has a CPU to itself.
	MaxSearches int
	// IngestToken authorises uploads and deletions; empty switches them off.
	IngestToken string
	// MaxUploadBytes is the largest report accepted (default 50 MB).
	MaxUploadBytes int64
}

// Server serves Kennisbank over HTTP.
type Server struct {
	opts     Options
	engine   *gin.Engine
	searches chan struct{} // one token per running search
	metrics  *metrics
	exports  chan struct{} // one token for the export that runs
}

// New builds a Server and its routes.
func New(opts Options) *Server {
	if opts.SearchTimeout <= 0 {
		opts.SearchTimeout = 5 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 50 << 20
	}
	if opts.Library == nil {
		opts.IngestToken = ""
	}
	if opts.MaxSearches <= 0 {
		opts.MaxSearches = min(runtime.NumCPU(), runtime.GOMAXPROCS(0))
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{opts: opts, engine: gin.New(), searches: make(chan struct{}, opts.MaxSearches), exports: make(chan struct{}, 1)}
	s.metrics = newMetrics(s)
	s.engine.Use(s.metrics.measure(), s.recovery(), s.accessLog(), noSniff(), s.preflight())
	s.routes()
	return s
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

// routes lists every route in one place.
func (s *Server) routes() {
	r := s.engine
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET(metricsRoute, s.metrics.handler())

	api := r.Group("/api/v1", s.cors())
	api.GET("/search", s.search)
	api.GET("/status", s.status)
	api.GET("/reports", s.reports)
	api.GET("/reports/:id", s.report)
	api.POST("/reports", s.uploadReport)
	api.DELETE("/reports/:id", s.deleteReport)
	api.PATCH("/reports/:id", s.correctReport)
	api.GET("/review", s.heldUploads)
	api.POST("/review/:file", s.publishHeld)
	api.DELETE("/review/:file", s.discardHeld)
	api.GET("/reports/:id/source", s.reportSource)
	api.GET("/speakers", s.speakers)
	api.GET("/themes", s.themes)
	api.GET("/decisions", s.decisions)
	api.GET("/actions", s.actions)
	api.GET("/suggest", s.suggest)
	api.GET("/openapi.json", s.openAPIDoc)
	api.GET("/export", s.export)
	api.GET("/backup", s.backup)

	s.pageRoutes(r)

	r.NoRoute(s.notFound)
	r.NoMethod(func(c *gin.Context) {
		writeError(c, http.StatusMethodNotAllowed, "method_not_allowed", "deze methode is hier niet toegestaan", "")
	})
	r.HandleMethodNotAllowed = true
}

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *Server) readyz(c *gin.Context) {
	if !s.opts.Searcher.Ready() {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "indexing"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

// searchContext bounds a search by the request's context and the configured timeout.
func (s *Server) searchContext(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), s.opts.SearchTimeout)
}

// runSearch runs one search for a request: within the request's deadline, and in turn
// with the other searches (see searchTurn). The API, the pages, the feed and the embed
// page all search through it.
func (s *Server) runSearch(c *gin.Context, req search.Request) (*search.Result, error) {
	ctx, cancel := s.searchContext(c)
	defer cancel()
	release, err := s.searchTurn(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	start := time.Now()
	res, err := s.opts.Searcher.Search(ctx, req)
	s.metrics.observeSearch(c.FullPath(), res, err, time.Since(start))
	return res, err
}

// searchTurn waits until fewer than MaxSearches searches run, or ctx ends; the caller
// runs its search and then calls the returned release.
func (s *Server) searchTurn(ctx context.Context) (release func(), err error) {
	select {
	case s.searches <- struct{}{}:
		return func() { <-s.searches }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// ShutdownTimeout is how long Serve, once its context is done, lets running requests
// finish before it closes their connections. A service manager's stop timeout must
// leave room for it (deploy/kennisbank.service).
const ShutdownTimeout = 10 * time.Second

// Serve serves on ln until ctx is done, then shuts down gracefully, letting running
// requests finish for at most ShutdownTimeout.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdownCtx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
		defer cancel()
		return srv.Shutdown(shutdownCtx)
	}
}
