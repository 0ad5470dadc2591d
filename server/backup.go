package server

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

// backupWriter is a Library that can write a backup archive while it serves, as
// *indexer.Index does.
type backupWriter interface {
	Backup(ctx context.Context, w io.Writer) error
}

// backup streams a tar.gz archive of the corpus folder and the index generation in use
// (GET /api/v1/backup, with the ingest token): 'kennisbank backup' asks for it while a
// server holds the index.
func (s *Server) backup(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	b, ok := s.opts.Library.(backupWriter)
	if !ok {
		writeError(c, http.StatusNotImplemented, "not_implemented", "deze server kan geen reservekopie maken", "")
		return
	}
	c.Header("Content-Type", "application/gzip")
	c.Header("Content-Disposition", `attachment; filename="kennisbank-backup.tar.gz"`)
	c.Status(http.StatusOK)
	if err := b.Backup(c.Request.Context(), c.Writer); err != nil {
		s.failStream(c, "backup", err)
	}
}
