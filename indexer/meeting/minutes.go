package meeting

import (
	_ "embed"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/minutes.yaml
var defaultMinutesData []byte

// Action statuses.
const (
	StatusOpen = "open" // not reported done
	StatusDone = "done" // reported done, in this report or the next of its series
)

// DueNextMeeting is the due of an action item that is due at the next meeting.
const DueNextMeeting = "volgende vergadering"

// Decision is something the meeting decided, agreed or concluded, in the words of the
// report.
type Decision struct {
	Text string
	// Passage is the index in Report.Passages of the passage the decision stands in.
	Passage int
}

// Action is an action item: what is to be done, by whom and by when.
type Action struct {
	Text string
	// Owner is the person who will do it, resolved to a person of the report where the
	// report names one ("Anja" → "Anja Krijnberg"), else as written ("secretaris");
	// empty when the report names nobody.
	Owner string
	// Due is a date (YYYY-MM-DD), DueNextMeeting, or a moment as written ("december");
	// empty when the report names none.
	Due string
	// Status is StatusOpen or StatusDone.
	Status string
	// Passage is the index in Report.Passages of the passage the action stands in.
	Passage int
	// Listed is true for an item of an action list ("Actielijst"): the next meeting's
	// list leaves it out when it is done.
	Listed bool
}

// Minutes is the vocabulary of decisions and action items. DefaultMinutes holds the
// built-in one (data/minutes.yaml); ParseMinutes extends it with a team's own file.
type Minutes struct {
	decisionLabels   map[string]bool
	decisionSections map[string]bool
	decisionPhrases  [][]string
	decisionVerbs    []verbCue
	bodies           map[string]bool
	notBodies        map[string]bool
	closings         [][]string
	actionLabels     map[string]bool
	actionSections   map[string]bool
	actionVerbs      map[string]string // folded finite form → particle it needs ("" none)
	notTasks         map[string]bool
	done             map[string]bool
	doneWords        *substrings // the words of done
	dueNext          [][]string
	series           []seriesBody
	seriesIgnore     map[string]bool

	actionLabelRe *regexp.Regexp // an action label
	actionStems   []string       // the action labels that do not start with another
}

// verbCue is a decision verb: its words, and a particle that must follow later.
type verbCue struct {
	words    []string
	particle string
}

type minutesFile struct {
	DecisionLabels   []string              `yaml:"decision_labels"`
	DecisionSections []string              `yaml:"decision_sections"`
	DecisionPhrases  []string              `yaml:"decision_phrases"`
	DecisionVerbs    []string              `yaml:"decision_verbs"`
	Bodies           []string              `yaml:"bodies"`
	NotBodies        []string              `yaml:"not_bodies"`
	Closings         []string              `yaml:"closings"`
	ActionLabels     []string              `yaml:"action_labels"`
	ActionSections   []string              `yaml:"action_sections"`
	ActionVerbs      []string              `yaml:"action_verbs"`
	NotTasks         []string              `yaml:"not_tasks"`
	Done             []string              `yaml:"done"`
	DueNext          []string              `yaml:"due_next"`
	Series           []map[string][]string `yaml:"series"`
	SeriesIgnore     []string              `yaml:"series_ignore"`
}

// DefaultMinutes is the built-in vocabulary of decisions and action items.
var DefaultMinutes = func() *Minutes {
	m, err := ParseMinutes(nil)
	if err != nil {
		panic(err)
	}
	return m
}()

// ParseMinutes reads a team's minutes.yaml (the form of data/minutes.yaml) and returns
// the built-in vocabulary extended with it.
func ParseMinutes(data []byte) (*Minutes, error) {
	m := &Minutes{
		decisionLabels: map[string]bool{}, decisionSections: map[string]bool{},
		bodies: map[string]bool{}, notBodies: map[string]bool{},
		actionLabels: map[string]bool{}, actionSections: map[string]bool{},
		actionVerbs: map[string]string{}, notTasks: map[string]bool{}, done: map[string]bool{},
		seriesIgnore: map[string]bool{},
	}
	for _, d := range [][]byte{defaultMinutesData, data} {
		var f minutesFile
		if err := yaml.Unmarshal(d, &f); err != nil {
			return nil, fmt.Errorf("meeting: minutes: %w", err)
		}
		m.add(f)
	}
	m.actionLabelRe = labelRegexp(m.actionLabels)
	m.doneWords = newSubstrings(slices.Collect(maps.Keys(m.done))...)
	for w := range m.actionLabels {
		stem := true
		for o := range m.actionLabels {
			if o != w && strings.HasPrefix(w, o) {
				stem = false
			}
		}
		if stem {
			m.actionStems = append(m.actionStems, w)
		}
	}
	return m, nil
}

func (m *Minutes) add(f minutesFile) {
	set := func(dst map[string]bool, words []string) {
		for _, w := range words {
			if w = fold(strings.TrimSpace(w)); w != "" {
				dst[w] = true
			}
		}
	}
	phrases := func(dst *[][]string, list []string) {
		for _, p := range list {
			if ws := strings.Fields(fold(p)); len(ws) > 0 {
				*dst = append(*dst, ws)
			}
		}
	}
	set(m.decisionLabels, f.DecisionLabels)
	set(m.decisionSections, f.DecisionSections)
	set(m.bodies, f.Bodies)
	set(m.notBodies, f.NotBodies)
	set(m.actionLabels, f.ActionLabels)
	set(m.actionSections, f.ActionSections)
	set(m.notTasks, f.NotTasks)
	set(m.done, f.Done)
	set(m.seriesIgnore, f.SeriesIgnore)
	phrases(&m.decisionPhrases, f.DecisionPhrases)
	phrases(&m.closings, f.Closings)
	phrases(&m.dueNext, f.DueNext)
	for _, entry := range f.Series {
		for name, words := range entry {
			b := seriesBody{name: strings.TrimSpace(name)}
			for _, w := range words {
				if ws := strings.Fields(fold(w)); len(ws) > 0 {
					b.words = append(b.words, ws)
				}
			}
			m.series = append(m.series, b)
		}
	}
	for _, v := range f.DecisionVerbs {
		before, after, split := strings.Cut(fold(v), "…")
		c := verbCue{words: strings.Fields(before)}
		if split {
			c.particle = strings.TrimSpace(after)
		}
		if len(c.words) > 0 {
			m.decisionVerbs = append(m.decisionVerbs, c)
		}
	}
	for _, v := range f.ActionVerbs {
		v = fold(strings.TrimSpace(v))
		particle, verb, sep := strings.Cut(v, "+")
		if !sep {
			verb, particle = v, ""
		}
		if verb == "" {
			continue
		}
		if have, ok := m.actionVerbs[verb]; ok && have == "" {
			continue // already a task on its own
		}
		m.actionVerbs[verb] = particle
	}
}

// labelRegexp matches one of the words as an action label: "Actie:", "Actie PPK",
// "(actie: secretaris)".
func labelRegexp(words map[string]bool) *regexp.Regexp {
	var alts []string
	for w := range words {
		alts = append(alts, regexp.QuoteMeta(w))
	}
	// Longer words first, so "besluiten" is not read as "besluit".
	sortByLenDesc(alts)
	return regexp.MustCompile(`(?i)(?:^|[\s(•\-–])(` + strings.Join(alts, "|") + `)\b\s*(:?)\s*`)
}

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || len(s[j]) == len(s[j-1]) && s[j] < s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// nextLabelRe finds where a labelled text ends: at the next label ("Noot:", "Griffier:",
// "Volgcommissie(s):").
var nextLabelRe = regexp.MustCompile(`(?:^|\s)\p{Lu}\p{Ll}{2,}(?:\(\p{Ll}+\))?\s*:\s`)

// numberedRe finds the number of an item in a numbered list ("1. ", "2. ").
var numberedRe = regexp.MustCompile(`(?:^|\s)(\d{1,2})[.)]\s+`)

// splitNumbered splits "1. a. 2. b. 3. c." into its items when the text opens with item
// 1 and the numbers follow each other; otherwise it returns the text as one item.
func splitNumbered(s string) []string {
	s = strings.TrimSpace(s)
	locs := numberedRe.FindAllStringSubmatchIndex(s, -1)
	if len(locs) < 2 || locs[0][0] != 0 || s[locs[0][2]:locs[0][3]] != "1" {
		return []string{s}
	}
	var starts [][2]int // [item start, text start]
	want := 1
	for _, l := range locs {
		if s[l[2]:l[3]] == fmt.Sprint(want) {
			starts = append(starts, [2]int{l[0], l[1]})
			want++
		}
	}
	if len(starts) < 2 {
		return []string{s}
	}
	var out []string
	for i, st := range starts {
		end := len(s)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		if item := strings.TrimSpace(s[st[1]:end]); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// quotedRanges returns the byte ranges of s inside quotation marks (“…”, "…", „…”).
func quotedRanges(s string) [][2]int {
	var out [][2]int
	open := -1
	for i, r := range s {
		switch r {
		case '“', '„':
			if open < 0 {
				open = i
			}
		case '”':
			if open >= 0 {
				out = append(out, [2]int{open, i})
				open = -1
			}
		case '"':
			if open < 0 {
				open = i
			} else {
				out = append(out, [2]int{open, i})
				open = -1
			}
		}
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(s)})
	}
	return out
}

func inRanges(rs [][2]int, at int) bool {
	for _, r := range rs {
		if at >= r[0] && at < r[1] {
			return true
		}
	}
	return false
}

// foldedWords are the folded words of a sentence, with the token index of each.
func foldedWords(toks []token) (words []string, idx []int) {
	for i, t := range toks {
		if t.punct {
			continue
		}
		words = append(words, t.folded())
		idx = append(idx, i)
	}
	return words, idx
}

// findPhrase returns the index in words where the phrase starts, or -1.
func findPhrase(words, phrase []string) int {
	for i := 0; i+len(phrase) <= len(words); i++ {
		ok := true
		for k, p := range phrase {
			if words[i+k] != p {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

func hasAnyPhrase(words []string, phrases [][]string) bool {
	for _, p := range phrases {
		if findPhrase(words, p) >= 0 {
			return true
		}
	}
	return false
}

// cleanItem trims list marks and white space from an item's text.
func cleanItem(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeft(s, "-–•* ")
	return strings.TrimSpace(s)
}

// applyMinutesFixes puts the corrected decisions and action items of o in place of
// what the text gave. A corrected item keeps the passage of the item it corrects: the
// one with the same text, else the one that shares most words with it, else the
// passage that does.
func applyMinutesFixes(r *Report, o Overrides) {
	var read []string
	var readAt []int
	for _, d := range r.Decisions {
		read, readAt = append(read, d.Text), append(readAt, d.Passage)
	}
	for _, a := range r.Actions {
		read, readAt = append(read, a.Text), append(readAt, a.Passage)
	}
	passageOf := func(text string) int {
		best, bestN := 0, 0
		words := ContentWords(text)
		score := func(s string) int {
			n := 0
			for _, w := range ContentWords(s) {
				if containsFold(words, w) {
					n++
				}
			}
			return n
		}
		for i, t := range read {
			if t == text {
				return readAt[i]
			}
			if n := score(t); n > bestN {
				best, bestN = readAt[i], n
			}
		}
		if bestN > 0 {
			return best
		}
		for i, p := range r.Passages {
			if n := score(p.Text); n > bestN {
				best, bestN = i, n
			}
		}
		return best
	}
	if o.Decisions != nil {
		ds := []Decision{}
		for _, t := range *o.Decisions {
			if t = strings.TrimSpace(t); t != "" {
				ds = append(ds, Decision{Text: t, Passage: passageOf(t)})
			}
		}
		r.Decisions = ds
	}
	if o.Actions != nil {
		as := []Action{}
		for _, f := range *o.Actions {
			t := strings.TrimSpace(f.Text)
			if t == "" {
				continue
			}
			status := StatusOpen
			if f.Status == StatusDone {
				status = StatusDone
			}
			as = append(as, Action{Text: t, Owner: strings.TrimSpace(f.Owner), Due: strings.TrimSpace(f.Due), Status: status, Passage: passageOf(t)})
		}
		r.Actions = as
	}
}
