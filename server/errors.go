package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
)

// apiError is the body of every error answer.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"` // Dutch, for users
	Field   string `json:"field,omitempty"`
}

func writeError(c *gin.Context, status int, code, message, field string) {
	c.AbortWithStatusJSON(status, apiError{apiErrorBody{Code: code, Message: message, Field: field}})
}

// fail maps an error from the indexer onto a status and a Dutch message. Unexpected
// errors are logged and answered without their text.
func (s *Server) fail(c *gin.Context, err error) {
	var re *search.RequestError
	switch {
	case errors.As(err, &re):
		writeError(c, http.StatusBadRequest, "bad_request", re.Message, re.Field)
	case errors.Is(err, indexer.ErrNotFound):
		writeError(c, http.StatusNotFound, "not_found", "niet gevonden", "")
	case errors.Is(err, context.DeadlineExceeded):
		writeError(c, http.StatusServiceUnavailable, "timeout", "de zoekopdracht duurde te lang; probeer een specifiekere zoekopdracht", "")
	case indexer.IsDiskFull(err):
		s.opts.Logger.Error("disk full", "path", c.Request.URL.Path, "err", err)
		writeError(c, http.StatusInsufficientStorage, "disk_full",
			"de schijf van de server is (bijna) vol, dus er is niets opgeslagen; probeer het later opnieuw of vraag de beheerder ruimte vrij te maken", "")
	case errors.Is(err, context.Canceled):
		c.Abort() // the client went away
	default:
		s.opts.Logger.Error("request failed", "path", c.Request.URL.Path, "err", err)
		writeError(c, http.StatusInternalServerError, "internal", "er ging iets mis aan onze kant; probeer het later opnieuw", "")
	}
}
