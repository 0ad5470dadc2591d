package indexer

// Passage documents are built here by hand, field by field as NewMapping maps a
// passageDoc (TestPassageDocumentsMatchMapping holds the two to the same result):
// Bleve's mapping walks every document by reflection.

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"kennisbank/indexer/dutch"
	"kennisbank/indexer/search"
)

// fieldSpec is one index field of a passageDoc property, as NewMapping maps it.
type fieldSpec struct {
	name     string
	options  index.FieldIndexingOptions
	analyzer string
}

// passageFields returns the index fields of every passageDoc property, by its name.
var passageFields = sync.OnceValue(func() map[string][]fieldSpec {
	m, err := NewMapping()
	if err != nil {
		panic("indexer: " + err.Error())
	}
	out := map[string][]fieldSpec{}
	for prop, sub := range m.DefaultMapping.Properties {
		for _, fm := range sub.Fields {
			f := fieldSpec{name: fm.Name, options: fm.Options(), analyzer: fm.Analyzer}
			if f.name == "" {
				f.name = prop
			}
			if f.analyzer == "" {
				f.analyzer = m.DefaultAnalyzer
			}
			out[prop] = append(out[prop], f)
		}
	}
	return out
})

// passageDocument returns the Bleve document of passage d, its fields analysed with
// the analysers of m.
func passageDocument(m mapping.IndexMapping, id string, d *passageDoc) *document.Document {
	specs := passageFields()
	doc := document.NewDocument(id)
	// Mapping a document gives every field an array position per list it is in: none
	// for a single value, the index in the list for a list's values.
	none := []uint64{}
	add := func(prop, value string, pos []uint64) {
		for _, f := range specs[prop] {
			a := m.AnalyzerNamed(f.analyzer)
			if prop == search.FieldBody && f.analyzer == dutch.Analyzer && d.bodyTokens != nil {
				a = analysed(d.bodyTokens)
			}
			doc.AddField(document.NewTextFieldCustom(f.name, pos, []byte(value), f.options, a))
		}
	}
	list := func(prop string, values []string) {
		for i, v := range values {
			add(prop, v, append(none, uint64(i)))
		}
	}
	// In the order of passageDoc's fields, as the mapping walks them.
	add(search.FieldReportID, d.ReportID, none)
	add(search.FieldTitle, d.Title, none)
	add(search.FieldTitleExact, d.TitleExact, none)
	add(search.FieldSection, d.Section, none)
	add(search.FieldBody, d.Body, none)
	add(search.FieldPassageNo, d.PassageNo, none)
	add(search.FieldDate, d.Date, none)
	add(search.FieldYear, d.Year, none)
	add(search.FieldMonth, d.Month, none)
	list(search.FieldSpeakers, d.Speakers)
	list(search.FieldThemes, d.Themes)
	list(search.FieldKind, d.Kinds)
	return doc
}

// analysed is an analyser that has already analysed the one text it is given: the
// body of a passage, whose tokens the parse kept (passageDoc.bodyTokens).
type analysed analysis.TokenStream

// Analyze returns the tokens kept; text is the value they were made from.
func (a analysed) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(a) }
