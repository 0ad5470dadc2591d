package indexer

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"kennisbank/indexer/extract"
	"kennisbank/indexer/meeting"
	"kennisbank/internal/corpusgen"
	"kennisbank/internal/sharedtest"
)

// TestPassageDocumentsMatchMapping builds the passage documents of the seed and
// evaluation reports by hand (passageDocument) and through Bleve's mapping, and
// checks that every field is the same: name, array positions, options, value and
// analysed terms with their positions. The body is analysed by the parse (for its
// themes), and passageDocument takes those tokens, as a sync does.
func TestPassageDocumentsMatchMapping(t *testing.T) {
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	ro, _, err := loadReadOptions(filepath.Join("..", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range corpusgen.SharedDirs(sharedtest.Dir(t)) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if extract.Supported(e.Name()) && filepath.Ext(e.Name()) != ".pdf" {
				files = append(files, filepath.Join(dir, e.Name()))
			}
		}
	}
	passages, withTokens := 0, 0
	for _, path := range files {
		doc, err := extract.File(context.Background(), path, extract.Options{})
		if err != nil {
			continue
		}
		// As parseOne does: the body takes the tokens the parse analysed it into.
		kept := keptTokens{}
		opts := ro.meeting
		opts.Analysed = kept.keep
		rep := meeting.Parse(meeting.Input{Name: filepath.Base(path), Format: doc.Format, Text: doc.Text}, opts)
		rec := newRecord("verslag", filepath.Base(path), doc, rep)
		for i, d := range passageDocs(rec, rep) {
			if d.bodyTokens = kept[d.Body]; d.bodyTokens != nil {
				withTokens++
			}
			id := PassageID(rec.ID, i+1)
			want := document.NewDocument(id)
			if err := m.MapDocument(want, d); err != nil {
				t.Fatal(err)
			}
			got := passageDocument(m, id, d)
			passages++
			if len(got.Fields) != len(want.Fields) || len(got.CompositeFields) != len(want.CompositeFields) {
				t.Fatalf("%s: %d fields and %d composite, the mapping %d and %d", id,
					len(got.Fields), len(got.CompositeFields), len(want.Fields), len(want.CompositeFields))
			}
			for k, g := range got.Fields {
				w := want.Fields[k]
				g.Analyze()
				w.Analyze()
				if g.Name() != w.Name() || !reflect.DeepEqual(g.ArrayPositions(), w.ArrayPositions()) ||
					g.Options() != w.Options() || string(g.Value()) != string(w.Value()) {
					t.Fatalf("%s field %d: %s %v %v %q, the mapping %s %v %v %q", id, k,
						g.Name(), g.ArrayPositions(), g.Options(), g.Value(), w.Name(), w.ArrayPositions(), w.Options(), w.Value())
				}
				if g.AnalyzedLength() != w.AnalyzedLength() || !reflect.DeepEqual(freqs(g.AnalyzedTokenFrequencies()), freqs(w.AnalyzedTokenFrequencies())) {
					t.Fatalf("%s field %s: terms %v, the mapping %v", id, g.Name(),
						freqs(g.AnalyzedTokenFrequencies()), freqs(w.AnalyzedTokenFrequencies()))
				}
			}
		}
	}
	if passages < 500 {
		t.Fatalf("%d passages: too few to compare", passages)
	}
	if withTokens != passages {
		t.Errorf("%d of %d passages took the tokens of the parse, want all", withTokens, passages)
	}
}

// freqs is a comparable copy of token frequencies.
func freqs(tf index.TokenFrequencies) map[string]index.TokenFreq {
	out := make(map[string]index.TokenFreq, len(tf))
	for term, f := range tf {
		c := *f
		c.Locations = nil
		for _, l := range f.Locations {
			c.Locations = append(c.Locations, &index.TokenLocation{Field: l.Field, ArrayPositions: l.ArrayPositions,
				Start: l.Start, End: l.End, Position: l.Position})
		}
		out[term] = c
	}
	return out
}
