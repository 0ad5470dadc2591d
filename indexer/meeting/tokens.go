package meeting

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of a sentence, with its byte offsets.
type token struct {
	text       string
	low        string // text in lower case
	start, end int
	punct      bool
}

// lower returns the token in lower case, as strings.ToLower(t.text) does.
func (t token) lower() string { return t.low }

// folded returns fold(t.text) without allocating for a word of ASCII letters, whose
// fold is its lower case.
func (t token) folded() string {
	for i := 0; i < len(t.text); i++ {
		if t.text[i] >= utf8.RuneSelf {
			return fold(t.text)
		}
	}
	return t.low
}

func (t token) cap() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return !t.punct && unicode.IsUpper(r)
}

// tokenize splits a sentence into words and punctuation. A period stays with a word
// when the word is an abbreviation or initials ("prof.", "E.M.", "o.a.").
func tokenize(s string) []token {
	return appendTokens(make([]token, 0, len(s)/5+1), s) // Dutch words average some five bytes with their space
}

// appendTokens appends the tokens of s (see tokenize) to toks: a caller that reads
// many texts one after the other can reuse one slice for all of them.
func appendTokens(toks []token, s string) []token {
	// Every token is looked at in lower case, most of them more than once: each is
	// lowered here once (strings.ToLower allocates only for a word with a capital), or
	// not at all when the scan saw only ASCII without capitals.
	lowered := func(i, j int) string { return strings.ToLower(s[i:j]) }
	i := 0
	for i < len(s) {
		if c := s[i]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++ // the common white space, sooner than below
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if isWordRune(r) {
			j := i
			plain := true // s[i:j] is ASCII without capitals: its own lower case
			for j < len(s) {
				// Small letters and digits, the bulk of a word, go sooner than below.
				if c := s[j]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
					j++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				plain = plain && r2 < utf8.RuneSelf && !('A' <= r2 && r2 <= 'Z')
				if isWordRune(r2) || (r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '+' || r2 == '&') && j > i && j+s2 < len(s) && nextIsWord(s[j+s2:]) {
					j += s2
					continue
				}
				if r2 == '+' && j > i { // "UMC+"
					j += s2
					continue
				}
				if r2 == '.' && j+1 < len(s) && isLetterByte(s, j+1) && (j-i <= 3) {
					// "o.a", "E.M", "m.b.t": keep inner periods of short parts
					j += s2
					continue
				}
				break
			}
			end := j
			low := s[i:end]
			if !plain {
				low = lowered(i, end)
			}
			if end < len(s) && s[end] == '.' {
				if isAbbreviation(low, s[:i], s[end+1:]) || isInitials(s[i:end+1]) || titleAbbrev[low] {
					end++
					low = s[i:end]
					if !plain {
						low = lowered(i, end)
					}
				}
			}
			toks = append(toks, token{text: s[i:end], low: low, start: i, end: end})
			i = end
			continue
		}
		// "’t", "'s", "'n": an elided article is one word ("Kees in ’t Veld").
		if (r == '\'' || r == '’') && i+size < len(s) && strings.IndexByte("tsn", s[i+size]) >= 0 &&
			(i+size+1 == len(s) || !isLetterByte(s, i+size+1)) && (i == 0 || s[i-1] == ' ') {
			toks = append(toks, token{text: s[i : i+size+1], low: lowered(i, i+size+1), start: i, end: i + size + 1})
			i += size + 1
			continue
		}
		low := s[i : i+size]
		if r >= utf8.RuneSelf {
			low = lowered(i, i+size) // punctuation of ASCII has no case
		}
		toks = append(toks, token{text: s[i : i+size], low: low, start: i, end: i + size, punct: true})
		i += size
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '@'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func isLetterByte(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

var titleAbbrev = map[string]bool{"dhr": true, "mw": true, "mevr": true, "prof": true, "dr": true, "drs": true, "mr": true, "ir": true, "ing": true}
