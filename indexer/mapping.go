package indexer

// The index holds one Bleve document per passage. A passage document carries the
// fields of its report, so that a search can filter, facet and sort on report values
// without a join:
//
//	id             "<report id>#p<n>"
//	report_id      keyword               the report's slug
//	report_title   nl_kb                 the report's title
//	title_exact    nl_exact_index, term vectors (positions; offsets zero)   the title unstemmed, in the first passage only
//	section        nl_kb, stored         the heading the passage stands under
//	body           nl_kb, stored (snippets are marked from the stored text; see search/snippet.go)
//	body_exact     nl_exact_index, term vectors (positions; offsets zero): exact wording and phrases
//	passage_no     keyword               reading order within the report, zero-padded
//	date           keyword YYYY-MM-DD    the meeting date, absent when unknown
//	year, month    keyword               the meeting year and YYYY-MM, for date ranges
//	speakers       keyword, stored       who speaks in this passage
//	themes         keyword, stored       themes of this passage
//	kind           keyword               "decision", "action" when the passage records one
//
// Only what a hit shows of its passage is stored (section, body, speakers, themes):
// the report id and the passage number are in the passage's id, and the title and
// date are in the report's record, so storing them in every passage would only make
// the index larger (by 5% on the benchmark corpus).
//
// The report's own themes, organisations and places are not repeated in its
// passages (that cost a tenth of the indexing time): filters on them select the
// reports from their records and then those reports' passages (see search/filter.go).
//
// No field has doc values: facets, date orders and grouping read report_id,
// passage_no, date and speakers from the term dictionaries once per segment (see
// search/column.go). Beside the Bleve index, records.db holds one record per report (its
// metadata) and the sync manifest (which file became which report, with its content
// hash), so the index can be brought in line with the corpus folder without reading
// unchanged files.

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"kennisbank/indexer/dutch"
	"kennisbank/indexer/search"
)

// passageDoc is the shape of one indexed passage.
type passageDoc struct {
	ReportID   string   `json:"report_id"`
	Title      string   `json:"report_title"`
	TitleExact string   `json:"title_exact,omitempty"` // the first passage only
	Section    string   `json:"section,omitempty"`
	Body       string   `json:"body"`
	PassageNo  string   `json:"passage_no"` // passageNo(n)
	Date       string   `json:"date,omitempty"`
	Year       string   `json:"year,omitempty"`
	Month      string   `json:"month,omitempty"` // YYYY-MM
	Speakers   []string `json:"speakers,omitempty"`
	Themes     []string `json:"themes,omitempty"`
	Kinds      []string `json:"kind,omitempty"`

	// bodyTokens, when not nil, are the tokens of Body as the Dutch analyser
	// (dutch.Analyzer) gives them, kept from the parse (meeting.Options.Analysed).
	bodyTokens analysis.TokenStream
}

// passageNo writes passage number n (from 1) as the passage_no field holds it.
func passageNo(n int) string { return fmt.Sprintf("%06d", n) }

// NewMapping returns the index mapping described at the top of this file.
func NewMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := dutch.AddAnalyzers(m); err != nil {
		return nil, fmt.Errorf("indexer: add analysers: %w", err)
	}
	m.DefaultAnalyzer = dutch.Analyzer
	m.DefaultField = search.FieldBody
	// BM25 ranking; the search side supplies the field lengths it needs (see
	// indexer/search/bm25.go).
	m.ScoringModel = index.BM25Scoring
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false

	text := func(name, analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	// Keyword fields, stored when hits show them. Every field left out makes indexing
	// cheaper.
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(search.FieldReportID, kw(false))
	// Title and section words count in every passage (without positions: only the
	// body is highlighted); the title's exact wording, for phrases, is in the first
	// passage alone.
	doc.AddFieldMappingsAt(search.FieldTitle, text(search.FieldTitle, dutch.Analyzer, false, false))
	doc.AddFieldMappingsAt(search.FieldTitleExact, text(search.FieldTitleExact, dutch.ExactIndexAnalyzer, false, true))
	doc.AddFieldMappingsAt(search.FieldSection, text(search.FieldSection, dutch.Analyzer, true, false))
	doc.AddFieldMappingsAt(search.FieldBody,
		text(search.FieldBody, dutch.Analyzer, true, false),
		text(search.FieldBodyExact, dutch.ExactIndexAnalyzer, false, true))

	// Reading order as a zero-padded keyword: one term, where a number field would
	// index sixteen terms for range queries never asked.
	doc.AddFieldMappingsAt(search.FieldPassageNo, kw(false))

	// The meeting date as a YYYY-MM-DD keyword; date ranges ask for whole years and
	// months where they can (see dateRangeTerms).
	doc.AddFieldMappingsAt(search.FieldDate, kw(false))

	doc.AddFieldMappingsAt(search.FieldSpeakers, kw(true))
	doc.AddFieldMappingsAt(search.FieldThemes, kw(true))
	doc.AddFieldMappingsAt(search.FieldKind, kw(false))
	for _, f := range []string{search.FieldYear, search.FieldMonth} {
		doc.AddFieldMappingsAt(f, kw(false)) // date ranges
	}

	// No field goes into Bleve's catch-all "_all" field: leave it out altogether.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	return m, nil
}
