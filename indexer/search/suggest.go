package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"kennisbank/indexer/dutch"
)

// Kinds of suggestion.
const (
	SuggestSpeaker = "speaker"
	SuggestTheme   = "theme"
	SuggestTerm    = "term"
)

// MaxSuggestions bounds how many suggestions Suggest returns.
const MaxSuggestions = 20

// suggestScan bounds how many dictionary terms one suggestion looks at, so a one- or
// two-letter prefix answers as fast as a long one.
const suggestScan = 20000

// Suggestion is one completion of what a user is typing.
type Suggestion struct {
	Text string
	Kind string // SuggestSpeaker, SuggestTheme or SuggestTerm
}

// suggestEntry is a speaker or theme name with what completes it.
type suggestEntry struct {
	text   string
	kind   string
	folded []string // the folded words of text
	weight int      // passages
}

// Suggest completes prefix, the text in a search box: speaker names and themes of which
// a word starts with the last word typed (or the whole text), then frequent words of the
// reports that start with it. At most n (1–MaxSuggestions) suggestions come back; a
// term suggestion repeats the words typed before the last.
func (e *Engine) Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error) {
	n = max(1, min(n, MaxSuggestions))
	prefix = strings.Join(strings.Fields(sanitize(prefix)), " ")
	if prefix == "" || utf8.RuneCountInString(prefix) > 100 {
		return []Suggestion{}, nil
	}
	whole := foldWords(prefix)
	if len(whole) == 0 {
		return []Suggestion{}, nil
	}
	sn, err := e.current()
	if err != nil {
		return nil, err
	}
	last := whole[len(whole)-1]
	entries, err := sn.suggestEntries()
	if err != nil {
		return nil, err
	}
	out := []Suggestion{}
	seen := map[string]bool{}
	for _, e := range entries {
		if len(out) >= n {
			break
		}
		if matchesPrefix(e.folded, whole) && !seen[e.text] {
			seen[e.text] = true
			out = append(out, Suggestion{Text: e.text, Kind: e.kind})
		}
	}
	if len(out) >= n || utf8.RuneCountInString(last) < 2 || ctx.Err() != nil {
		return out, ctx.Err()
	}
	terms, err := sn.frequentTerms(last, n-len(out))
	if err != nil {
		return nil, err
	}
	lead := ""
	if i := strings.LastIndexByte(prefix, ' '); i >= 0 {
		lead = prefix[:i+1]
	}
	for _, t := range terms {
		text := lead + t
		if !seen[text] {
			seen[text] = true
			out = append(out, Suggestion{Text: text, Kind: SuggestTerm})
		}
	}
	return out, nil
}

// matchesPrefix reports whether the words typed (the last one maybe unfinished) fit
// a name: each typed word but the last is a word of the name, and the last starts one.
func matchesPrefix(name, typed []string) bool {
	last := typed[len(typed)-1]
	for _, t := range typed[:len(typed)-1] {
		found := false
		for _, w := range name {
			found = found || w == t
		}
		if !found {
			return false
		}
	}
	for _, w := range name {
		if strings.HasPrefix(w, last) {
			return true
		}
	}
	return false
}

// foldWords splits s into words, lower-cased and without diacritics.
func foldWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if t := dutch.ExactTerms(w); len(t) > 0 {
			out = append(out, strings.Join(t, ""))
		}
	}
	return out
}

// suggestEntries returns the speakers and themes to complete, most passages first,
// built when first needed. Among equals, speakers come before themes; speakers are
// then in order of name, themes in order of the number of their reports, then name.
func (sn *snap) suggestEntries() ([]suggestEntry, error) {
	sn.mu.RLock()
	cached := sn.suggest
	sn.mu.RUnlock()
	if cached != nil {
		return cached, nil
	}
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.suggest != nil {
		return sn.suggest, nil
	}
	recs, err := sn.reportList()
	if err != nil {
		return nil, err
	}
	type name struct {
		text             string
		passages, shared int // shared: in how many reports
	}
	speakers, themes := map[string]*name{}, map[string]*name{}
	count := func(by map[string]*name, text string, passages int, lastReport map[string]string, id string) {
		n := by[text]
		if n == nil {
			n = &name{text: text}
			by[text] = n
		}
		n.passages += passages
		if lastReport[text] != id {
			lastReport[text] = id
			n.shared++
		}
	}
	lastSp, lastTh := map[string]string{}, map[string]string{}
	for _, r := range recs {
		for _, sp := range r.Speakers {
			count(speakers, sp, r.SpeakerPassages.Get(sp), lastSp, r.ID)
		}
		for _, th := range r.Themes {
			count(themes, th, r.ThemePassages.Get(th), lastTh, r.ID)
		}
	}
	sorted := func(by map[string]*name, byReports bool) []*name {
		out := make([]*name, 0, len(by))
		for _, n := range by {
			out = append(out, n)
		}
		sort.Slice(out, func(i, j int) bool {
			a, b := out[i], out[j]
			if byReports && a.shared != b.shared {
				return a.shared > b.shared
			}
			if !byReports && a.passages != b.passages {
				return a.passages > b.passages
			}
			return a.text < b.text
		})
		return out
	}
	out := make([]suggestEntry, 0, len(speakers)+len(themes))
	for _, s := range sorted(speakers, false) {
		out = append(out, suggestEntry{text: s.text, kind: SuggestSpeaker, folded: foldWords(s.text), weight: s.passages})
	}
	for _, t := range sorted(themes, true) {
		out = append(out, suggestEntry{text: t.text, kind: SuggestTheme, folded: foldWords(t.text), weight: t.passages})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	sn.suggest = out
	return out, nil
}

// frequentTerms returns up to n words of the reports (unstemmed) that start with
// prefix, those in the most passages first.
func (sn *snap) frequentTerms(prefix string, n int) ([]string, error) {
	r, err := sn.reader()
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	defer r.Close()
	dict, err := r.FieldDictPrefix(FieldBodyExact, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	defer dict.Close()
	type termCount struct {
		term  string
		count uint64
	}
	var found []termCount
	for i := 0; i < suggestScan; i++ {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: suggest: %w", err)
		}
		if e == nil {
			break
		}
		if utf8.RuneCountInString(e.Term) < 3 || strings.ContainsAny(e.Term, "0123456789") {
			continue
		}
		found = append(found, termCount{e.Term, e.Count})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].count > found[j].count })
	out := make([]string, 0, n)
	for _, f := range found[:min(n, len(found))] {
		out = append(out, f.term)
	}
	return out, nil
}
