package search

import (
	"strconv"
	"strings"
)

// Field names in the index, as the indexer's mapping writes them (see
// indexer/mapping.go for what each holds and how it is analysed).
const (
	FieldReportID   = "report_id"
	FieldTitle      = "report_title"
	FieldTitleExact = "title_exact"
	FieldSection    = "section"
	FieldBody       = "body"
	FieldBodyExact  = "body_exact"
	FieldPassageNo  = "passage_no"
	FieldDate       = "date"
	FieldYear       = "year"
	FieldMonth      = "month"
	FieldSpeakers   = "speakers"
	FieldThemes     = "themes"
	FieldKind       = "kind"
)

// Kinds of passage a search can be limited to (Request.Kinds), as the kind field holds
// them: a passage that records a decision or an action item.
const (
	KindDecision = "decision"
	KindAction   = "action"
)

// The one table of fields and boosts: both evaluators of a plan (Bleve's searchers,
// see bleveQuery, and the word search, see fastsearch.go) look a query's words and
// phrases up in these fields with these boosts, so that they score alike.

// wordFields are the fields a word is looked for in, with their boosts; exact fields
// are searched with the exact analyser, the others with the query analyser.
//
// A word in the body matches both body fields (stemmed and exact), so a title or
// heading must outweigh the two together to rank first. BM25 measures each field
// against its own average length, so a short title gets no lift from its shortness
// (as it did under tf-idf): its boost alone must do it. A match in one of the four
// fields counts a quarter (Bleve's coordination), in both body fields a half, so the
// title's boost must exceed twice the body fields' together.
var wordFields = [...]struct {
	field string
	boost float64
	exact bool
}{
	{FieldBody, 1, false},
	{FieldBodyExact, 1.5, true},
	{FieldSection, 6, false},
	{FieldTitle, 8, false},
}

// phraseFields are the fields a quoted phrase is looked for in (exact wording), with
// their boosts.
var phraseFields = [...]struct {
	field string
	boost float64
}{
	{FieldBodyExact, 1},
	{FieldTitleExact, 2},
}

// ReportOf returns the id of the report that passage passageID ("<report id>#p<n>")
// belongs to.
func ReportOf(passageID string) string {
	if i := strings.LastIndex(passageID, "#p"); i >= 0 {
		return passageID[:i]
	}
	return passageID
}

// PassageNumber returns n of passage passageID ("<report id>#p<n>"), or 0 when it has
// none.
func PassageNumber(passageID string) int {
	i := strings.LastIndex(passageID, "#p")
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(passageID[i+2:])
	if err != nil {
		return 0
	}
	return n
}
