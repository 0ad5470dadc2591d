package server

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
)

// The formats of an export.
const (
	ExportNDJSON = "ndjson"
	ExportCSV    = "csv"
)

// ExportSource is what an export reads: the reports, and the passages of one report at
// a time. A Searcher is one, and so is *indexer.Index.
type ExportSource interface {
	Reports() ([]indexer.ReportRecord, error)
	Passages(ctx context.Context, id string) ([]indexer.PassageRecord, error)
}

// ExportRow is one passage of an export with the metadata of its report: a line of
// ndjson, a row of csv (lists joined by "; ").
type ExportRow struct {
	ReportID       string   `json:"report_id"`
	ReportTitle    string   `json:"report_title"`
	Date           string   `json:"date,omitempty"`
	SourceFile     string   `json:"source_file"`
	ReportSpeakers []string `json:"report_speakers"`
	ReportThemes   []string `json:"report_themes"`
	Organisations  []string `json:"organisations"`
	Places         []string `json:"places"`
	Section        string   `json:"section,omitempty"`
	Passage        int      `json:"passage"`
	PassageID      string   `json:"passage_id"`
	Text           string   `json:"text"`
	// Speakers and Themes are the passage's own.
	Speakers []string `json:"speakers"`
	Themes   []string `json:"themes"`
}

// ExportColumns is the header row of a csv export, in the order of ExportRow.
var ExportColumns = []string{"report_id", "report_title", "date", "source_file", "report_speakers", "report_themes",
	"organisations", "places", "section", "passage", "passage_id", "text", "speakers", "themes"}

// csvListSep joins the values of a list in one csv cell.
const csvListSep = "; "

func (r ExportRow) csvRecord() []string {
	return []string{r.ReportID, r.ReportTitle, r.Date, r.SourceFile, strings.Join(r.ReportSpeakers, csvListSep),
		strings.Join(r.ReportThemes, csvListSep), strings.Join(r.Organisations, csvListSep), strings.Join(r.Places, csvListSep),
		r.Section, strconv.Itoa(r.Passage), r.PassageID, r.Text, strings.Join(r.Speakers, csvListSep), strings.Join(r.Themes, csvListSep)}
}

// CheckExportFormat returns a *search.RequestError (field format) for a format that is
// neither ndjson nor csv.
func CheckExportFormat(format string) error {
	if format != ExportNDJSON && format != ExportCSV {
		return &search.RequestError{Field: "format", Message: "format moet ndjson of csv zijn"}
	}
	return nil
}

// WriteExport writes every passage of src with its report's metadata to w in format
// (ndjson or csv), report by report, newest meeting first, passages in reading order.
// It holds the passages of one report at a time, whatever the size of the collection.
func WriteExport(ctx context.Context, w io.Writer, src ExportSource, format string) error {
	if err := CheckExportFormat(format); err != nil {
		return err
	}
	reports, err := src.Reports()
	if err != nil {
		return fmt.Errorf("export: list reports: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	write := ndjsonWriter(bw)
	var cw *csv.Writer
	if format == ExportCSV {
		cw = csv.NewWriter(bw)
		if err := cw.Write(ExportColumns); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		write = func(r ExportRow) error { return cw.Write(r.csvRecord()) }
	}
	for _, rep := range reports {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		passages, err := src.Passages(ctx, rep.ID)
		if err != nil {
			return fmt.Errorf("export: passages of %s: %w", rep.ID, err)
		}
		row := reportRow(rep)
		for _, p := range passages {
			row.Section, row.Passage, row.PassageID, row.Text = p.Section, p.N, p.ID, p.Text
			row.Speakers, row.Themes = nonNil(p.Speakers), nonNil(p.Themes)
			if err := write(row); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	if cw != nil {
		if cw.Flush(); cw.Error() != nil {
			return fmt.Errorf("export: %w", cw.Error())
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// ndjsonWriter writes rows as JSON lines.
func ndjsonWriter(w io.Writer) func(ExportRow) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return func(r ExportRow) error { return enc.Encode(r) }
}

// reportRow is the part of an export row that every passage of rep shares.
func reportRow(rep indexer.ReportRecord) ExportRow {
	speakers := make([]string, len(rep.Speakers))
	for i, sp := range rep.Speakers {
		speakers[i] = sp.Name
	}
	return ExportRow{ReportID: rep.ID, ReportTitle: rep.Title, Date: rep.Date, SourceFile: rep.SourceFile,
		ReportSpeakers: speakers, ReportThemes: nonNil(rep.Themes), Organisations: nonNil(rep.Organisations), Places: nonNil(rep.Places)}
}

// exportContentTypes are the media types of the export formats.
var exportContentTypes = map[string]string{
	ExportNDJSON: "application/x-ndjson; charset=utf-8",
	ExportCSV:    "text/csv; charset=utf-8",
}

// export streams every passage with its report's metadata (GET /api/v1/export). One
// export runs at a time; another asked meanwhile is answered 503.
func (s *Server) export(c *gin.Context) {
	v := c.Request.URL.Query()
	if err := knownParams(v, "format", map[string]bool{"format": true}); err != nil {
		s.fail(c, err)
		return
	}
	format := v.Get("format")
	if format == "" {
		format = ExportNDJSON
	}
	if err := CheckExportFormat(format); err != nil {
		s.fail(c, err)
		return
	}
	select {
	case s.exports <- struct{}{}:
		defer func() { <-s.exports }()
	default:
		writeError(c, http.StatusServiceUnavailable, "busy", "er loopt al een export; probeer het over een paar minuten opnieuw", "")
		return
	}
	c.Header("Content-Type", exportContentTypes[format])
	c.Header("Content-Disposition", `attachment; filename="kennisbank-export.`+format+`"`)
	c.Status(http.StatusOK)
	if err := WriteExport(c.Request.Context(), c.Writer, s.opts.Searcher, format); err != nil {
		s.failStream(c, "export", err)
	}
}

// failStream ends a streamed download that failed: with an error answer while nothing
// has been written, else by cutting the connection, so that the client sees an
// incomplete download rather than a short file that looks whole.
func (s *Server) failStream(c *gin.Context, what string, err error) {
	if errors.Is(err, context.Canceled) {
		c.Abort() // the client went away
		return
	}
	if !c.Writer.Written() {
		c.Writer.Header().Del("Content-Type")
		c.Writer.Header().Del("Content-Disposition")
		s.fail(c, err)
		return
	}
	s.opts.Logger.Error(what+" failed after the answer began", "err", err)
	panic(http.ErrAbortHandler)
}
