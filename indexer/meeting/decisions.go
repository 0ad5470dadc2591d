package meeting

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// negations before a decision word undo it ("Er is niets afgesproken").
var negations = map[string]bool{"niet": true, "niets": true, "geen": true, "nooit": true}

// articles before "besluit" make it a noun ("het besluit van de raad").
var nounMarkers = map[string]bool{"het": true, "dit": true, "dat": true, "een": true, "deze": true, "elk": true, "ieder": true}

// readDecisions finds the decisions of the report: labelled ones ("Besluit: …"),
// passages under a heading of decisions, and sentences that record one ("Besloten
// wordt …", "De raad besluit unaniem: …", "De agenda wordt vastgesteld").
// lowers are the passages in lower case.
func readDecisions(r *Report, lowers []string, mv *Minutes) {
	// Passages run under one section after another: its heading is read once.
	section, decisionSection := "", false
	for pi, p := range r.Passages {
		if pi == 0 || p.Section != section {
			section = p.Section
			decisionSection = mv.decisionSections[fold(strings.TrimSpace(strings.TrimRight(section, ":")))]
		}
		if decisionSection {
			if t := cleanItem(p.Text); t != "" {
				r.Decisions = append(r.Decisions, Decision{Text: t, Passage: pi})
			}
			continue
		}
		text := p.Text
		if !mayDecide(lowers[pi]) {
			continue
		}
		quotes := quotedRanges(text)
		var taken [][2]int // byte ranges already read as decisions
		for _, loc := range findLabels(text, mv.decisionLabels) {
			if inRanges(quotes, loc[0]) || inRanges(taken, loc[0]) {
				continue
			}
			start := loc[1]
			end := len(text)
			if next := nextLabelRe.FindStringIndex(text[start:]); next != nil {
				end = start + next[0]
			}
			for _, item := range splitNumbered(text[start:end]) {
				if t := cleanItem(item); len(t) > 2 {
					r.Decisions = append(r.Decisions, Decision{Text: t, Passage: pi})
				}
			}
			taken = append(taken, [2]int{loc[0], end})
		}
		for _, sp := range sentenceSpans(text) {
			if overlaps(taken, sp) || inRanges(quotes, sp[0]) {
				continue
			}
			s := text[sp[0]:sp[1]]
			ls := lowers[pi]
			if len(ls) == len(text) {
				ls = ls[sp[0]:sp[1]] // lower case kept every byte offset
			} else {
				ls = strings.ToLower(s)
			}
			if strings.HasSuffix(s, "?") || !mayDecide(ls) {
				continue
			}
			cue := mv.decisionCue(s)
			if cue < 0 || inRanges(quotes, sp[0]+cue) {
				continue
			}
			// "De raad besluit unaniem: 1. … 2. …": the numbered list is the decision.
			if colon := strings.IndexByte(s[cue:], ':'); colon >= 0 {
				rest := text[sp[0]+cue+colon+1:]
				end := len(rest)
				if next := nextLabelRe.FindStringIndex(rest); next != nil {
					end = next[0]
				}
				if items := splitNumbered(rest[:end]); len(items) > 1 {
					for _, item := range items {
						r.Decisions = append(r.Decisions, Decision{Text: cleanItem(item), Passage: pi})
					}
					taken = append(taken, [2]int{sp[0], sp[0] + cue + colon + 1 + end})
					continue
				}
			}
			r.Decisions = append(r.Decisions, Decision{Text: cleanItem(s), Passage: pi})
		}
	}
}

// mayDecide is a cheap test for a word that may record a decision in the lower-case
// text l.
func mayDecide(l string) bool { return decisionWords.in(l) }

var decisionWords = newSubstrings("beslo", "beslui", "vastgest", " vast", "akkoord", "afgespro", "afspra",
	"goedgek", "keur", "ingestemd", "stemt", "stemmen", "conclu", "spreekt af", "spreken af")

// decisionCue returns the byte offset in s of the words that make it a decision, or -1.
func (mv *Minutes) decisionCue(s string) int {
	toks := tokenize(s)
	words, idx := foldedWords(toks)
	if hasAnyPhrase(words, mv.closings) {
		return -1
	}
	negated := func(at int) bool {
		for k := max(0, at-3); k < at; k++ {
			if negations[words[k]] {
				return true
			}
		}
		return false
	}
	for _, ph := range mv.decisionPhrases {
		if at := findPhrase(words, ph); at >= 0 && !negated(at) && !mv.notBodyAround(words, at, at+len(ph)) {
			return toks[idx[at]].start
		}
	}
	for _, v := range mv.decisionVerbs {
		at := findPhrase(words, v.words)
		if at < 0 || negated(at) {
			continue
		}
		if at > 0 && nounMarkers[words[at-1]] {
			continue
		}
		end := at + len(v.words)
		if v.particle != "" {
			found := false
			for k := end; k < len(words); k++ {
				if words[k] == v.particle {
					// "stelt vast dat" is a finding, not a decision.
					found = k+1 >= len(words) || words[k+1] != "dat"
					break
				}
			}
			if !found {
				continue
			}
		}
		if !mv.bodyAround(words, at, end) {
			continue
		}
		return toks[idx[at]].start
	}
	return -1
}

// bodyAround reports whether a deciding body is the subject of the verb at words[at:end]:
// named before it ("De raad besluit") or right after it ("besluiten we", "besluit de
// commissie"), and no part of the meeting deciding for itself ("de fractie").
func (mv *Minutes) bodyAround(words []string, at, end int) bool {
	if mv.notBodyAround(words, at, end) {
		return false
	}
	for k := max(0, at-6); k < at; k++ {
		if mv.bodies[words[k]] {
			return true
		}
	}
	for k := end; k < min(len(words), end+2); k++ {
		if mv.bodies[words[k]] {
			return true
		}
	}
	return false
}

// notBodyAround reports whether a part of the meeting that decides for itself ("de
// fractie", "de volgende fracties") stands near the words at words[at:end].
func (mv *Minutes) notBodyAround(words []string, at, end int) bool {
	for k := max(0, at-4); k < min(len(words), end+3); k++ {
		if mv.notBodies[words[k]] {
			return true
		}
	}
	return false
}

// overlaps reports whether the span sp shares bytes with one of the ranges.
func overlaps(rs [][2]int, sp [2]int) bool {
	for _, r := range rs {
		if sp[0] < r[1] && r[0] < sp[1] {
			return true
		}
	}
	return false
}

// findLabels finds the labels of text: a word of labels right before a colon
// ("Besluit:", "Afspraken :"), at the start or after a space, bracket or list mark. It
// returns the byte range from the label to the text after the colon and its spaces.
func findLabels(text string, labels map[string]bool) [][2]int {
	var out [][2]int
	for off := 0; off < len(text); {
		c := strings.IndexByte(text[off:], ':')
		if c < 0 {
			break
		}
		colon := off + c
		off = colon + 1
		end := colon
		for end > 0 && text[end-1] == ' ' {
			end--
		}
		start := end
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if !unicode.IsLetter(r) {
				break
			}
			start -= size
		}
		if start == end || end-start > 20 {
			continue
		}
		if start > 0 {
			r, _ := utf8.DecodeLastRuneInString(text[:start])
			if !unicode.IsSpace(r) && !strings.ContainsRune("(•-–*", r) {
				continue
			}
		}
		if !labels[fold(text[start:end])] {
			continue
		}
		after := colon + 1
		for after < len(text) && (text[after] == ' ' || text[after] == '\t') {
			after++
		}
		out = append(out, [2]int{start, after})
	}
	return out
}
