package server

import (
	_ "embed"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPI is the OpenAPI 3 description of the HTTP API. The tests check every route
// and every answer they get against it.
//
//go:embed openapi.json
var openAPI []byte

// openAPIDoc serves openAPI with the server's public address as its server URL.
func (s *Server) openAPIDoc(c *gin.Context) {
	var doc map[string]any
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		s.fail(c, err)
		return
	}
	if s.opts.BaseURL != "" {
		doc["servers"] = []map[string]string{{"url": s.opts.BaseURL}}
	}
	c.JSON(http.StatusOK, doc)
}
