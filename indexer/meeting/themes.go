package meeting

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"gopkg.in/yaml.v3"

	"kennisbank/indexer/dutch"
)

// Vocabulary is the team's list of themes with the words that signal each.
type Vocabulary struct {
	Themes []Theme
}

// Theme is one subject reports are filed under.
type Theme struct {
	// Name is the theme as shown and filtered on, in lower case ("gesloten jeugdzorg").
	Name string
	// Triggers are words or phrases that signal the theme. They are matched through the
	// Dutch analyser, so inflections count ("samenwerken" matches "samenwerking" only
	// when both are listed, "werkgroep" matches "werkgroepen"). A phrase matches its
	// words in order with at most two words between them; "a + b" matches when both
	// occur in the same passage.
	Triggers []string

	compiled [][][]string // trigger → parts (split at "+") → analysed terms
}

type themesFile struct {
	Themes []struct {
		Name     string   `yaml:"name"`
		Triggers []string `yaml:"triggers"`
	} `yaml:"themes"`
}

// ParseThemes reads a theme vocabulary in YAML:
//
//	themes:
//	  - name: gesloten jeugdzorg
//	    triggers: [gesloten jeugdzorg, jeugdzorgplus, gesloten plaatsing]
//
// A theme without triggers is triggered by its own name.
func ParseThemes(data []byte) (Vocabulary, error) {
	var f themesFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return Vocabulary{}, fmt.Errorf("meeting: themes: %w", err)
	}
	var v Vocabulary
	seen := map[string]bool{}
	for i, t := range f.Themes {
		name := strings.TrimSpace(strings.ToLower(t.Name))
		if name == "" {
			return Vocabulary{}, fmt.Errorf("meeting: themes: entry %d has no name", i+1)
		}
		if seen[name] {
			return Vocabulary{}, fmt.Errorf("meeting: themes: %q is listed twice", name)
		}
		seen[name] = true
		th := Theme{Name: name, Triggers: t.Triggers}
		if len(th.Triggers) == 0 {
			th.Triggers = []string{name}
		}
		v.Themes = append(v.Themes, th)
	}
	v.compile()
	return v, nil
}

func (v *Vocabulary) compile() {
	for i := range v.Themes {
		t := &v.Themes[i]
		if t.compiled != nil {
			continue
		}
		for _, trig := range t.Triggers {
			var parts [][]string
			for _, part := range strings.Split(trig, "+") {
				terms := analyse(part)
				if len(terms) > 0 {
					parts = append(parts, terms)
				}
			}
			if len(parts) > 0 {
				t.compiled = append(t.compiled, parts)
			}
		}
	}
}

// analyse gives the folded analysed terms of a text. Of the parts of a compound the
// analyser adds after the whole word, only the head (the last part: "techniek" in
// "communicatietechniek") is kept: a compound is a kind of its head, not of its first
// part, so "communicatietechnieken" is not about communicatie.
func analyse(s string) []string { return compoundHeads(dutch.Terms(s)) }

// compoundHeads drops from analysed terms the parts of a compound other than its
// head (see analyse).
func compoundHeads(ts []string) []string {
	return appendCompoundHeads(make([]string, 0, len(ts)), ts)
}

// appendCompoundHeads appends compoundHeads(ts) to out.
func appendCompoundHeads(out, ts []string) []string {
	// The analyser's terms are lower-cased and folded already.
	for i, t := range ts {
		part := false
		head := false
		for j := i - 1; j >= 0 && j >= i-5; j-- {
			w := ts[j]
			if len(w) > len(t) && strings.Contains(w, t) {
				part = true
				head = strings.HasSuffix(w, t)
				break
			}
		}
		if part && !head {
			continue
		}
		out = append(out, t)
	}
	return out
}

// splitList splits a sentence into the items of an enumeration: at commas, slashes,
// semicolons and brackets, and at the words "en" and "of" between other words. It is
// listSepRe.Split(s, -1) for
//
//	\s*(?:,|/|;|\(|\)|\s+en\s+|\s+of\s+)\s*
//
// up to white space within an item.
func splitList(s string) []string {
	var items []string
	start := 0
	cut := func(end, next int) {
		items = append(items, strings.TrimSpace(s[start:end]))
		start = next
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '/', ';', '(', ')':
			cut(i, i+1)
		case ' ', '\t', '\n':
			// " en " / " of ": a conjunction between white space, after some text.
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
				j++
			}
			if j+2 < len(s) && (s[j:j+2] == "en" || s[j:j+2] == "of") &&
				(s[j+2] == ' ' || s[j+2] == '\t' || s[j+2] == '\n') && strings.TrimSpace(s[start:i]) != "" {
				cut(i, j+2)
				i = j + 1
			}
		}
	}
	items = append(items, strings.TrimSpace(s[start:]))
	return items
}

// weakTerms returns the terms of a sentence that stand only in a long enumeration
// ("gemeenten, onderwijs, jeugdhulporganisaties, sportverenigingen, …"): a reader does
// not file a report under each item of such a list.
func weakTerms(sentence string) map[string]int {
	if strings.Count(sentence, ",")+strings.Count(sentence, " en ")+strings.Count(sentence, " of ")+
		strings.Count(sentence, "/")+strings.Count(sentence, ";")+strings.Count(sentence, "(")+
		strings.Count(sentence, ")") < 2 {
		return nil // fewer than three items: no enumeration
	}
	items := splitList(sentence)
	weak := map[string]int{}
	run := []string{}
	flush := func() {
		if len(run) >= 3 {
			for _, it := range run {
				for _, t := range analyse(it) {
					weak[t]++
				}
			}
		}
		run = run[:0]
	}
	for _, it := range items {
		n := len(strings.Fields(it))
		if n >= 1 && n <= 3 {
			run = append(run, it)
			continue
		}
		flush()
	}
	flush()
	return weak
}

// themesOf returns the themes a text discusses.
func themesOf(text string, v *Vocabulary) []string {
	return themesIn(text, dutch.Tokens(dutch.Analyzer, []byte(text)), v, &themeScratch{})
}

// themeScratch holds what themesIn works with, for a caller to pass to each text in
// turn: growing a new map and slice of terms for every passage was a tenth of the
// reader's garbage.
type themeScratch struct {
	terms, sentTerms []string
	strong           map[string]int
}

// themesIn returns the themes a text discusses, given its analysed tokens.
func themesIn(text string, toks analysis.TokenStream, v *Vocabulary, scratch *themeScratch) []string {
	terms, sentTerms := scratch.terms[:0], scratch.sentTerms[:0]
	defer func() { scratch.terms, scratch.sentTerms = terms[:0], sentTerms[:0] }()
	// Every term, with the times it is used strongly (weak terms stay at zero).
	if scratch.strong == nil {
		scratch.strong = map[string]int{}
	}
	strong := scratch.strong
	clear(strong)
	next := 0 // the first token not yet in a sentence
	for _, sp := range sentenceSpans(text) {
		// The sentence's terms: the text's tokens within it, as analysing the
		// sentence alone would give them (tokens never cross white space).
		for next < len(toks) && toks[next].Start < sp[0] {
			next++
		}
		sentTerms = sentTerms[:0]
		for next < len(toks) && toks[next].Start < sp[1] {
			sentTerms = append(sentTerms, string(toks[next].Term))
			next++
		}
		s := text[sp[0]:sp[1]]
		n := len(terms)
		terms = appendCompoundHeads(terms, sentTerms)
		ts := terms[n:]
		weak := weakTerms(s)
		for _, t := range ts {
			if weak[t] > 0 {
				weak[t]--
				if _, ok := strong[t]; !ok {
					strong[t] = 0 // in terms, but not strong (yet)
				}
				continue
			}
			strong[t]++
		}
	}
	var out []string
	for _, th := range v.Themes {
		for _, trig := range th.compiled {
			ok := true
			for _, part := range trig {
				if !matchPart(part, terms, strong) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, th.Name)
				break
			}
		}
	}
	return out
}

// matchPart reports whether the text's terms hold the trigger part: one term used
// strongly, or the terms of a phrase in order and close together.
// strong holds every term of terms, counted as used strongly or not.
func matchPart(part, terms []string, strong map[string]int) bool {
	if len(part) == 1 {
		return strong[part[0]] > 0
	}
	if _, ok := strong[part[0]]; !ok {
		return false // most phrases do not start with a term of the text
	}
	for i, t := range terms {
		if t != part[0] {
			continue
		}
		k, j := 1, i+1
		for k < len(part) && j < len(terms) && j-i <= len(part)+2 {
			if terms[j] == part[k] {
				k++
			}
			j++
		}
		if k == len(part) {
			return true
		}
	}
	return false
}

// readThemes files each passage and the report under the themes they discuss; it
// tells analysed (when not nil) the tokens of each passage text (see Options.Analysed).
func readThemes(r *Report, v Vocabulary, analysed func(string, analysis.TokenStream)) {
	if len(v.Themes) == 0 {
		return
	}
	for _, t := range v.Themes {
		if t.compiled == nil {
			// Compile a private copy: the caller's vocabulary may be shared.
			v.Themes = append([]Theme(nil), v.Themes...)
			v.compile()
			break
		}
	}
	seen := map[string]bool{}
	add := func(ts []string) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				r.Themes = append(r.Themes, t)
			}
		}
	}
	add(themesOf(r.Title, &v))
	var scratch themeScratch
	for i := range r.Passages {
		p := &r.Passages[i]
		toks := dutch.Tokens(dutch.Analyzer, []byte(p.Text))
		p.Themes = themesIn(p.Text, toks, &v, &scratch)
		if analysed != nil {
			analysed(p.Text, toks)
		}
		add(p.Themes)
	}
	for _, s := range r.Sections {
		add(themesOf(s, &v))
	}
	// Report themes in vocabulary order, so they read the same in every report.
	var ordered []string
	for _, th := range v.Themes {
		if seen[th.Name] {
			ordered = append(ordered, th.Name)
		}
	}
	r.Themes = ordered
}
