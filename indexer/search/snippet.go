package search

import (
	"cmp"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"kennisbank/indexer/dutch"
)

// Snippets: the passage text around the query's words, with the words marked.
//
// The words are found the way the index finds them: the stored body is analysed with
// the body's own analyser, and a word is marked where one of its terms is what the
// query asked for (stemmed, so "samenwerking" marks "samenwerkingen"; the exact
// wording has the same stem, so it is marked too); a phrase is marked where its words
// stand in a row. Only the page's
// passages are analysed, so the search itself needs no term positions.

// marker knows the terms of a query to mark.
type marker struct {
	stemmed map[string]bool // body terms of the query's words
	phrases [][]phraseTerm  // the stemmed terms of each phrase, with their offsets
}

type phraseTerm struct {
	term string
	pos  int // position after the phrase's first term
}

// newMarker returns the marker for a parsed query.
func newMarker(uq UserQuery) *marker {
	m := &marker{stemmed: map[string]bool{}}
	for _, w := range uq.Words {
		for _, t := range dutch.QueryTerms(w) {
			m.stemmed[t] = true
		}
	}
	for _, p := range uq.Phrases {
		toks := dutch.Tokens(dutch.QueryAnalyzer, []byte(p))
		if len(toks) == 0 {
			continue
		}
		var pt []phraseTerm
		for _, t := range toks {
			pt = append(pt, phraseTerm{string(t.Term), t.Position - toks[0].Position})
		}
		m.phrases = append(m.phrases, pt)
	}
	return m
}

// span is a marked stretch of text, in bytes.
type span struct{ start, end int }

// markTerm is one term of a text, with its token's bytes and position.
type markTerm struct {
	term            []byte
	start, end, pos int
}

// marks returns the stretches of text to mark, in order and not overlapping.
func (m *marker) marks(text string) []span {
	var out []span
	var toks []markTerm // for phrases
	dutch.VisitTerms([]byte(text), func(term []byte, start, end, pos int) {
		if m.stemmed[string(term)] {
			out = append(out, span{start, end})
		}
		if len(m.phrases) > 0 {
			toks = append(toks, markTerm{term, start, end, pos})
		}
	})
	if len(m.phrases) > 0 {
		byPos := map[int][]int{} // position → terms
		for i, t := range toks {
			byPos[t.pos] = append(byPos[t.pos], i)
		}
		at := func(pos int, term string) (int, bool) {
			for _, i := range byPos[pos] {
				if string(toks[i].term) == term {
					return i, true
				}
			}
			return 0, false
		}
		for _, p := range m.phrases {
			for i, t := range toks {
				if string(t.term) != p[0].term {
					continue
				}
				found := []span{{t.start, t.end}}
				for _, pt := range p[1:] {
					j, ok := at(toks[i].pos+pt.pos, pt.term)
					if !ok {
						found = nil
						break
					}
					found = append(found, span{toks[j].start, toks[j].end})
				}
				out = append(out, found...)
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	merged := out[:0]
	for _, s := range out {
		if s.start < 0 || s.end > len(text) || s.start >= s.end {
			continue
		}
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// snippetSize is about how many bytes of text a snippet shows.
const snippetSize = 240

// snippet returns HTML for the part of text with the most marks: the text escaped,
// the marks in <mark>, and "…" where text is left out. Without marks it is the start
// of the text.
func (m *marker) snippet(text string) string {
	marks := m.marks(text)
	if len(marks) == 0 {
		return html.EscapeString(leadText(text, snippetSize))
	}
	// The window of snippetSize bytes that holds the most different query words, then
	// the most marks, starting a little before its first one.
	bestFirst, bestScore := 0, 0
	for i := range marks {
		n := 0
		seen := map[string]bool{}
		for j := i; j < len(marks) && marks[j].end-marks[i].start <= snippetSize; j++ {
			n++
			seen[strings.ToLower(text[marks[j].start:marks[j].end])] = true
		}
		if score := len(seen)*1000 + n; score > bestScore {
			bestFirst, bestScore = i, score
		}
	}
	start := max(0, marks[bestFirst].start-snippetSize/6)
	// A window that runs past the end of the text starts earlier, so that a mark near
	// the end still comes with its context ("… kinderen!" alone is no snippet).
	if len(text)-start < snippetSize {
		start = max(0, len(text)-snippetSize)
	}
	if start > 0 {
		// From the start of a word: the first after start, never past the mark.
		if sp := strings.IndexByte(text[start:marks[bestFirst].start], ' '); sp >= 0 {
			start += sp + 1
		} else {
			start = marks[bestFirst].start
		}
	}
	end := min(len(text), start+snippetSize)
	if end < len(text) {
		if sp := strings.LastIndexByte(text[:end], ' '); sp > marks[bestFirst].end {
			end = sp
		}
	}
	for end < len(text) && end > 0 && !isRuneStart(text[end]) {
		end++
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, s := range marks {
		if s.end <= start || s.start >= end {
			continue
		}
		ms, me := max(s.start, pos), min(s.end, end)
		b.WriteString(html.EscapeString(text[pos:ms]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[ms:me]))
		b.WriteString("</mark>")
		pos = me
	}
	b.WriteString(html.EscapeString(text[pos:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// leadText returns the start of s, cut at a word boundary near n bytes.
func leadText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut] + " …"
}

// Highlighter marks the words of a query in whole texts, as snippets mark them: for
// a report page that shows a hit's passage among the others.
type Highlighter struct {
	m     *marker
	empty bool
}

// NewHighlighter returns the highlighter of a search box query.
func NewHighlighter(query string) *Highlighter {
	m := newMarker(ParseQuery(query))
	return &Highlighter{m: m, empty: len(m.stemmed) == 0 && len(m.phrases) == 0}
}

// Mark returns text HTML-escaped, with the query's words in <mark>: safe as HTML.
func (h *Highlighter) Mark(text string) string {
	if h.empty {
		return html.EscapeString(text)
	}
	var b strings.Builder
	pos := 0
	for _, s := range h.m.marks(text) {
		b.WriteString(html.EscapeString(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String()
}
