package server

import (
	"context"
	"io"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
)

// Searcher is what the API, the pages, the feed and the embed page read through:
// searches and suggestions, the reports with their passages, speakers and themes,
// and the state of the index. *indexer.Index is one; a second backend (say, a
// distributed engine for collections that outgrow one machine) can stand behind the
// same interface.
type Searcher interface {
	Search(ctx context.Context, r search.Request) (*search.Result, error)
	Suggest(ctx context.Context, prefix string, n int) ([]search.Suggestion, error)
	Report(id string) (indexer.ReportRecord, error)
	Reports() ([]indexer.ReportRecord, error)
	Passages(ctx context.Context, id string) ([]indexer.PassageRecord, error)
	Speakers() ([]indexer.SpeakerSummary, error)
	Themes() ([]indexer.ThemeSummary, error)
	SourcePath(id string) (string, error)
	Status() indexer.Status
	Ready() bool
}

// Library is what uploads, deletions, corrections and the review of held uploads
// write through. *indexer.Index is one.
type Library interface {
	Ingest(ctx context.Context, name string, r io.Reader, opts indexer.IngestOptions) (indexer.ReportRecord, error)
	Delete(ctx context.Context, id string) error
	Correct(ctx context.Context, id string, c indexer.Correction) (indexer.ReportRecord, error)
	Held(ctx context.Context) ([]indexer.HeldUpload, error)
	Release(ctx context.Context, file string, publish bool) (indexer.ReportRecord, error)
	// ThemeNames is the theme vocabulary: the themes a correction may give a report.
	ThemeNames() ([]string, error)
}

// The index serves both.
var (
	_ Searcher = (*indexer.Index)(nil)
	_ Library  = (*indexer.Index)(nil)
)
