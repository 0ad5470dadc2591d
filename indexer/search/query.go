package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UserQuery is a search box query taken apart: words that must all match, exact
// phrases, and excluded words and phrases.
type UserQuery struct {
	Words    []string
	Phrases  []string
	Excluded []string // words or phrases after a minus sign
	// Required are the words of Words written with a plus sign: a forgiving search
	// (see forgiving.go) still needs them in every passage it finds.
	Required []string
}

// isRequired reports whether word w was written with a plus sign.
func (q UserQuery) isRequired(w string) bool {
	for _, r := range q.Required {
		if r == w {
			return true
		}
	}
	return false
}

// Empty reports whether the query asks for nothing.
func (q UserQuery) Empty() bool {
	return len(q.Words) == 0 && len(q.Phrases) == 0
}

// maxQueryRunes bounds how much of a query is read.
const maxQueryRunes = 500

// ParseQuery reads the search box syntax: words (all wanted, see forgiving.go),
// +word (required), "…" an exact phrase, -word or -"…" excluded. It never fails: an unclosed quote runs to the end, stray
// punctuation is ignored, invalid UTF-8 is dropped, and only the first 500
// characters are read.
func ParseQuery(s string) UserQuery {
	s = sanitize(s)
	var q UserQuery
	rs := []rune(s)
	if len(rs) > maxQueryRunes {
		rs = rs[:maxQueryRunes]
	}
	i := 0
	for i < len(rs) {
		for i < len(rs) && unicode.IsSpace(rs[i]) {
			i++
		}
		if i >= len(rs) {
			break
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			neg = true
			i++
		}
		if isQuote(rs[i]) {
			j := i + 1
			for j < len(rs) && !isQuote(rs[j]) {
				j++
			}
			phrase := strings.Join(strings.Fields(string(rs[i+1:min(j, len(rs))])), " ")
			i = j + 1
			if !hasWordChar(phrase) {
				continue
			}
			if neg {
				q.Excluded = append(q.Excluded, phrase)
			} else {
				q.Phrases = append(q.Phrases, phrase)
			}
			continue
		}
		plus := rs[i] == '+'
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !isQuote(rs[j]) {
			j++
		}
		word := strings.Trim(string(rs[i:j]), "+*?~^()[]{}!:;,.\\/|&<>=")
		i = j
		if !hasWordChar(word) {
			continue
		}
		switch {
		case neg:
			q.Excluded = append(q.Excluded, word)
		case plus:
			q.Words = append(q.Words, word)
			q.Required = append(q.Required, word)
		default:
			q.Words = append(q.Words, word)
		}
	}
	return q
}

func isQuote(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„'
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// sanitize drops invalid UTF-8 and control characters.
func sanitize(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, " ") {
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}
