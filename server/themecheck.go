package server

import (
	"fmt"
	"slices"
	"strings"

	"kennisbank/indexer/search"
	"kennisbank/internal/editdist"
)

// checkThemes refuses themes that are neither in the vocabulary nor already the
// report's own (a sidecar may have given it one), so that a typo in the management
// page ("gesloten jeugzorg") does not make a new theme. The message is Dutch and
// names the theme that was probably meant.
func checkThemes(themes, vocabulary, current []string) error {
	for _, th := range themes {
		name := strings.TrimSpace(th)
		if slices.Contains(vocabulary, name) || slices.Contains(current, name) {
			continue
		}
		msg := fmt.Sprintf("het thema „%s” staat niet in de lijst van thema's (themes.yaml); kies een thema uit de lijst", name)
		if near := nearest(name, vocabulary); near != "" {
			msg += fmt.Sprintf(", bijvoorbeeld „%s”", near)
		}
		return &search.RequestError{Field: "themes", Message: msg}
	}
	return nil
}

// nearest returns the word of words that is within a few edits of w, or "".
func nearest(w string, words []string) string {
	best, bestDist := "", 4
	for _, c := range words {
		if d := editdist.Levenshtein(w, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// checkCorrectedThemes checks the themes of a correction of report id against the
// vocabulary (see checkThemes).
func (s *Server) checkCorrectedThemes(id string, themes []string) error {
	vocabulary, err := s.opts.Library.ThemeNames()
	if err != nil {
		return err
	}
	var current []string
	if rec, err := s.opts.Searcher.Report(id); err == nil {
		current = rec.Themes
	}
	return checkThemes(themes, vocabulary, current)
}
