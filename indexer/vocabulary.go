package indexer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"kennisbank/corpus"
	"kennisbank/indexer/meeting"
)

// ThemeNames returns the names of the themes in the corpus's vocabulary
// (themes.yaml in the corpus folder, or the shipped one when there is none), in the
// order of the file: the themes a correction may give a report.
func (ix *Index) ThemeNames() ([]string, error) {
	data, err := os.ReadFile(filepath.Join(ix.opts.CorpusDir, "themes.yaml"))
	if errors.Is(err, os.ErrNotExist) || ix.opts.CorpusDir == "" {
		data, err = corpus.FS.ReadFile("themes.yaml")
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: themes: %w", err)
	}
	v, err := meeting.ParseThemes(data)
	if err != nil {
		return nil, fmt.Errorf("indexer: themes.yaml: %w", err)
	}
	names := make([]string, 0, len(v.Themes))
	for _, t := range v.Themes {
		names = append(names, t.Name)
	}
	return names, nil
}
