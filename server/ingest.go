package server

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
	"kennisbank/indexer/privacy"
)

// authorised checks the ingest token ("Authorization: Bearer …") in constant time.
// Uploads are off while no token is configured.
func (s *Server) authorised(c *gin.Context) bool {
	if s.opts.IngestToken == "" {
		writeError(c, http.StatusForbidden, "uploads_off", "uploaden staat uit: er is geen server.ingest_token ingesteld", "")
		return false
	}
	got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.IngestToken)) != 1 {
		c.Header("WWW-Authenticate", `Bearer realm="kennisbank"`)
		writeError(c, http.StatusUnauthorized, "unauthorized", "geen of een verkeerd toegangstoken (Authorization: Bearer …)", "")
		return false
	}
	return true
}

// uploadReport answers POST /api/v1/reports: a multipart form with the report in the
// field "file". The file is read as it arrives, never beyond the size limit, and
// answered with the report as it was read.
func (s *Server) uploadReport(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	limit := s.opts.MaxUploadBytes
	// Room for the multipart framing around the file.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit+1<<20)
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		writeError(c, http.StatusBadRequest, "bad_request", "stuur het verslag als multipart/form-data in het veld file", "file")
		return
	}
	mr, err := c.Request.MultipartReader()
	if err != nil {
		writeError(c, http.StatusBadRequest, "bad_request", "stuur het verslag als multipart/form-data in het veld file", "file")
		return
	}
	publish := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			writeError(c, http.StatusBadRequest, "bad_request", "het veld file met het verslag ontbreekt", "file")
			return
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.tooLarge(c)
			return
		}
		var pe textproto.ProtocolError
		if errors.As(err, &pe) {
			// A line break in a file name breaks the part's header.
			writeError(c, http.StatusBadRequest, "bad_file_name", fileNameMessage, "file")
			return
		}
		if err != nil {
			writeError(c, http.StatusBadRequest, "bad_request", "het formulier kon niet worden gelezen", "file")
			return
		}
		if part.FormName() == "" && namesFileField(part.Header.Get("Content-Disposition")) {
			// A quote in a file name makes the header unreadable, field name and all.
			part.Close()
			writeError(c, http.StatusBadRequest, "bad_file_name", fileNameMessage, "file")
			return
		}
		if part.FormName() == "publish" {
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			publish = isYes(string(v))
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		rec, err := s.opts.Library.Ingest(c.Request.Context(), part.FileName(), part,
			indexer.IngestOptions{Limit: limit, Publish: publish})
		part.Close()
		s.answerIngest(c, rec, err)
		return
	}
}

// fileNameMessage answers an upload whose file name cannot be read.
const fileNameMessage = "de bestandsnaam kan niet worden gelezen: gebruik een naam zonder aanhalingstekens (\") of regeleinden"

// namesFileField reports whether a Content-Disposition header that did not parse
// still names the field "file".
func namesFileField(cd string) bool {
	cd = strings.ToLower(cd)
	return strings.Contains(cd, `name="file"`) || strings.Contains(cd, "name=file;") || strings.HasSuffix(cd, "name=file")
}

func (s *Server) tooLarge(c *gin.Context) {
	writeError(c, http.StatusRequestEntityTooLarge, "too_large",
		fmt.Sprintf("het bestand is groter dan %d MB", s.opts.MaxUploadBytes>>20), "file")
}

// answerIngest maps the outcome of an upload onto its answer.
func (s *Server) answerIngest(c *gin.Context, rec indexer.ReportRecord, err error) {
	var dup *indexer.DuplicateError
	var bad *indexer.UnreadableError
	var held *indexer.HeldError
	var mbe *http.MaxBytesError
	switch {
	case err == nil:
		c.Header("Location", "/api/v1/reports/"+url.PathEscape(rec.ID))
		ps, perr := s.opts.Searcher.Passages(c.Request.Context(), rec.ID)
		if perr != nil {
			s.fail(c, perr)
			return
		}
		c.JSON(http.StatusCreated, newReportResponse(rec, ps))
	case errors.As(err, &held):
		c.JSON(http.StatusAccepted, HeldResponse{Status: "held", File: held.File,
			Message: "het verslag bevat mogelijk persoonsgegevens en is niet gepubliceerd; het wacht op controle in het beheer " +
				"(of stuur het opnieuw met publish=ja als het openbaar mag)", Findings: findingsJSON(held.Findings)})
	case errors.As(err, &dup) && dup.Held:
		writeError(c, http.StatusConflict, "duplicate",
			"dit verslag is al eerder gestuurd en wacht op controle in het beheer, als "+dup.File, "file")
	case errors.As(err, &dup):
		c.Header("Location", "/api/v1/reports/"+url.PathEscape(dup.ReportID))
		writeError(c, http.StatusConflict, "duplicate",
			"dit verslag staat er al in, als "+dup.ReportID+" ("+dup.File+")", "file")
	case errors.Is(err, indexer.ErrTooLarge), errors.As(err, &mbe):
		s.tooLarge(c)
	case errors.Is(err, indexer.ErrUnsupportedType):
		writeError(c, http.StatusUnsupportedMediaType, "unsupported_type", err.Error(), "file")
	case errors.As(err, &bad):
		writeError(c, http.StatusUnprocessableEntity, "unreadable", "het verslag kon niet worden gelezen: "+bad.Reason, "file")
	default:
		s.fail(c, err)
	}
}

// deleteReport answers DELETE /api/v1/reports/{id}: the report's file moves to the
// trash folder of the corpus and leaves the index.
func (s *Server) deleteReport(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	if err := s.opts.Library.Delete(c.Request.Context(), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// maxCorrectionBytes bounds the JSON body of a correction.
const maxCorrectionBytes = 64 << 10

// correctReport answers PATCH /api/v1/reports/{id} with a JSON body of the fields to
// correct (title, date, speakers, themes, decisions, actions): they are written to the report's sidecar
// file, so the correction survives every re-index, and the report is answered as read
// now.
func (s *Server) correctReport(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxCorrectionBytes))
	dec.DisallowUnknownFields()
	var corr indexer.Correction
	if err := dec.Decode(&corr); err != nil {
		field := ""
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			field = ute.Field
		} else if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			field = strings.Trim(name, `"`)
		}
		writeError(c, http.StatusBadRequest, "bad_request",
			"stuur een JSON-object met title, date (JJJJ-MM-DD), speakers, themes, decisions en/of actions", field)
		return
	}
	if corr.Themes != nil {
		if err := s.checkCorrectedThemes(c.Param("id"), *corr.Themes); err != nil {
			s.fail(c, err)
			return
		}
	}
	rec, err := s.opts.Library.Correct(c.Request.Context(), c.Param("id"), corr)
	if err != nil {
		s.fail(c, err)
		return
	}
	ps, err := s.opts.Searcher.Passages(c.Request.Context(), rec.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newReportResponse(rec, ps))
}

// isYes reads a form value that confirms.
func isYes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "ja", "yes", "on":
		return true
	}
	return false
}

// HeldResponse answers an upload held for review (202).
type HeldResponse struct {
	Status   string        `json:"status"` // "held"
	File     string        `json:"file"`
	Message  string        `json:"message"`
	Findings []FindingJSON `json:"findings"`
}

// FindingJSON is one piece of likely personal data, its value masked.
type FindingJSON struct {
	Kind    string `json:"kind"`
	Masked  string `json:"masked"`
	Context string `json:"context"`
}

func findingsJSON(fs []privacy.Finding) []FindingJSON {
	out := make([]FindingJSON, 0, len(fs))
	for _, f := range fs {
		out = append(out, FindingJSON{Kind: f.Kind, Masked: f.Masked, Context: f.Context})
	}
	return out
}

// HeldListResponse is the JSON answer of GET /api/v1/review.
type HeldListResponse struct {
	Held []HeldUploadJSON `json:"held"`
}

// HeldUploadJSON is one upload waiting for review.
type HeldUploadJSON struct {
	File     string        `json:"file"`
	Size     int64         `json:"size"`
	HeldAt   time.Time     `json:"held_at"`
	Findings []FindingJSON `json:"findings"`
}

// heldUploads answers GET /api/v1/review: the uploads waiting for review.
func (s *Server) heldUploads(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	list, err := s.opts.Library.Held(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := HeldListResponse{Held: make([]HeldUploadJSON, 0, len(list))}
	for _, h := range list {
		out.Held = append(out.Held, HeldUploadJSON{File: h.File, Size: h.Size, HeldAt: h.HeldAt, Findings: findingsJSON(h.Findings)})
	}
	c.JSON(http.StatusOK, out)
}

// publishHeld answers POST /api/v1/review/{file}: the reviewer publishes a held upload.
func (s *Server) publishHeld(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	rec, err := s.opts.Library.Release(c.Request.Context(), c.Param("file"), true)
	s.answerIngest(c, rec, err)
}

// discardHeld answers DELETE /api/v1/review/{file}: the upload goes to the trash folder.
func (s *Server) discardHeld(c *gin.Context) {
	if !s.authorised(c) {
		return
	}
	if _, err := s.opts.Library.Release(c.Request.Context(), c.Param("file"), false); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
