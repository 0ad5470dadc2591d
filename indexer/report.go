package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"kennisbank/indexer/extract"
	"kennisbank/indexer/meeting"
)

// ErrNotFound is returned for a report id the index does not hold.
var ErrNotFound = errors.New("not found")

// ReportRecord is the metadata of one indexed report, kept in the index beside its
// passages.
type ReportRecord struct {
	ID              string            `json:"id"`
	Title           string            `json:"title"`
	Date            string            `json:"date,omitempty"`
	DateSource      string            `json:"date_source,omitempty"`
	NextMeetingDate string            `json:"next_meeting_date,omitempty"`
	SourceFile      string            `json:"source_file"`
	Format          string            `json:"format"`
	Places          []string          `json:"places"`
	Organisations   []string          `json:"organisations"`
	Speakers        []meeting.Speaker `json:"speakers"`
	Sections        []string          `json:"sections"`
	Themes          []string          `json:"themes"`
	Passages        int               `json:"passages"`
	Garbled         bool              `json:"garbled,omitempty"`
	Warnings        []string          `json:"warnings,omitempty"`
	IndexedAt       time.Time         `json:"indexed_at"`
}

func newRecord(id, rel string, doc extract.Document, rep meeting.Report) ReportRecord {
	return ReportRecord{
		ID:              id,
		Title:           rep.Title,
		Date:            rep.Date,
		DateSource:      rep.DateSource,
		NextMeetingDate: rep.NextMeetingDate,
		SourceFile:      rel,
		Format:          doc.Format,
		Places:          nonNil(rep.Places),
		Organisations:   nonNil(rep.Organisations),
		Speakers:        rep.Speakers,
		Sections:        nonNil(rep.Sections),
		Themes:          nonNil(rep.Themes),
		Passages:        len(rep.Passages),
		Warnings:        doc.Warnings,
		IndexedAt:       time.Now().UTC(),
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// PassageRecord is one passage of a report as stored in the index.
type PassageRecord struct {
	ID       string   `json:"id"`
	N        int      `json:"n"`
	Section  string   `json:"section,omitempty"`
	Text     string   `json:"text"`
	Speakers []string `json:"speakers"`
	Themes   []string `json:"themes"`
}

// Report returns the metadata of report id, or ErrNotFound.
func (ix *Index) Report(id string) (ReportRecord, error) {
	raw, err := ix.bleve.GetInternal([]byte(internalReport + id))
	if err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: read report %s: %w", id, err)
	}
	if len(raw) == 0 {
		return ReportRecord{}, ErrNotFound
	}
	var r ReportRecord
	if err := json.Unmarshal(raw, &r); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: decode report %s: %w", id, err)
	}
	return r, nil
}

// Reports returns the metadata of every indexed report, newest meeting first (reports
// without a date last, by title).
func (ix *Index) Reports() ([]ReportRecord, error) {
	ix.mu.RLock()
	ids := make([]string, 0, len(ix.manifest.Files))
	for _, e := range ix.manifest.Files {
		if e.ReportID != "" && e.Skip == "" {
			ids = append(ids, e.ReportID)
		}
	}
	ix.mu.RUnlock()
	out := make([]ReportRecord, 0, len(ids))
	for _, id := range ids {
		r, err := ix.Report(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date > out[j].Date
		}
		return out[i].Title < out[j].Title
	})
	return out, nil
}

// Passages returns the passages of report id in reading order.
func (ix *Index) Passages(ctx context.Context, id string) ([]PassageRecord, error) {
	q := bleve.NewTermQuery(id)
	q.SetField(FieldReportID)
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.Fields = []string{FieldSection, FieldBody, FieldPassageNo, FieldSpeakers, FieldThemes}
	req.SortByCustom(search.SortOrder{&search.SortField{Field: FieldPassageNo, Type: search.SortFieldAsNumber}})
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("indexer: passages of %s: %w", id, err)
	}
	out := make([]PassageRecord, 0, len(res.Hits))
	for _, h := range res.Hits {
		n, _ := h.Fields[FieldPassageNo].(float64)
		out = append(out, PassageRecord{
			ID:       h.ID,
			N:        int(n),
			Section:  str(h.Fields[FieldSection]),
			Text:     str(h.Fields[FieldBody]),
			Speakers: strs(h.Fields[FieldSpeakers]),
			Themes:   strs(h.Fields[FieldThemes]),
		})
	}
	return out, nil
}

// readOptions are the corpus-wide settings that reading a report depends on.
type readOptions struct {
	meeting meeting.Options
}

// loadReadOptions reads the corpus's vocabulary files and returns the options for
// meeting.Parse and a version string that changes whenever they change.
func loadReadOptions(corpusDir string) (readOptions, string, error) {
	h := sha256.New()
	h.Write([]byte(readVersion))
	var ro readOptions
	for _, name := range []string{"themes.yaml", "people.yaml"} {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return ro, "", fmt.Errorf("indexer: %w", err)
		}
		fmt.Fprintf(h, "\x00%s\x00", name)
		h.Write(data)
	}
	return ro, hex.EncodeToString(h.Sum(nil)[:8]), nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strs reads a stored multi-valued field, which Bleve returns as a string for one
// value and a slice for more.
func strs(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}
