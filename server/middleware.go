package server

import (
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// recovery answers 500 for a panic in a handler and logs it; it is the last line of
// defence, not the design.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v) // a handler cutting its answer short on purpose
				}
				s.opts.Logger.Error("panic in handler", "path", c.Request.URL.Path, "panic", v, "stack", string(debug.Stack()))
				writeError(c, http.StatusInternalServerError, "internal", "er ging iets mis aan onze kant; probeer het later opnieuw", "")
			}
		}()
		c.Next()
	}
}

// accessLog logs each request at debug level, and slow or failed ones at info level.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		d := time.Since(start)
		status := c.Writer.Status()
		if status >= 500 || d > time.Second {
			s.opts.Logger.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path, "status", status, "duration", d)
		}
	}
}

// preflight answers CORS preflight requests for the API, which match no route.
func (s *Server) preflight() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Method == http.MethodOptions && strings.HasPrefix(c.Request.URL.Path, "/api/v1/") {
			s.setCORS(c)
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// cors allows browser calls to the API from the configured origins only.
func (s *Server) cors() gin.HandlerFunc {
	return func(c *gin.Context) {
		s.setCORS(c)
		c.Next()
	}
}

// setCORS sets the CORS headers when the request's origin is allowed.
func (s *Server) setCORS(c *gin.Context) {
	origin := c.GetHeader("Origin")
	c.Header("Vary", "Origin")
	if origin != "" && slices.Contains(s.opts.CORSOrigins, origin) {
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "GET, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type")
		h.Set("Access-Control-Max-Age", "600")
	}
}

// noSniff tells browsers to take every answer for the type it says it is — JSON, Atom,
// pages, scripts and downloads alike — and not to guess another from its content.
func noSniff() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("X-Content-Type-Options", "nosniff")
		c.Next()
	}
}
