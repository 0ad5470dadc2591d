package dutch

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// TokenizerName names the tokenizer of the Dutch analysers: Bleve's Unicode word
// tokenizer (UAX #29 word boundaries), with a fast path for plain ASCII words.
//
// Reports are mostly ASCII, and for ASCII text the word boundaries are simple:
// letters and digits make words, and everything else separates them, except that a
// few marks join the characters on both sides ("regio's", "e.g", "12:30", "1.000",
// "1,5") and an underscore joins words. A stretch between two spaces that has none of
// those joins is split into runs of letters and digits here; any other stretch goes to
// the Unicode tokenizer. Whitespace always separates words, so both give the same
// tokens, with the same offsets, positions and types (a test compares them over the
// evaluation corpus).
const TokenizerName = "nl_unicode_fast"

func init() {
	err := registry.RegisterTokenizer(TokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return &fastTokenizer{slow: unicode.NewUnicodeTokenizer()}, nil
	})
	if err != nil {
		panic("dutch: " + err.Error())
	}
}

type fastTokenizer struct {
	slow analysis.Tokenizer
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// plain reports whether an ASCII stretch without spaces splits into its runs of
// letters and digits under UAX #29.
func plain(chunk []byte) bool {
	for i, c := range chunk {
		switch {
		case c >= 0x80 || c == '_':
			return false
		case c == '.' || c == '\'' || c == ':' || c == ',' || c == ';':
			if i == 0 || i == len(chunk)-1 {
				continue
			}
			a, b := chunk[i-1], chunk[i+1]
			if !isAlnum(a) || !isAlnum(b) {
				continue
			}
			letters := !isDigit(a) && !isDigit(b)
			digits := isDigit(a) && isDigit(b)
			joinsLetters := c == '.' || c == '\'' || c == ':'
			joinsDigits := c == '.' || c == '\'' || c == ',' || c == ';'
			if letters && joinsLetters || digits && joinsDigits {
				return false
			}
		}
	}
	return true
}

func (t *fastTokenizer) Tokenize(input []byte) analysis.TokenStream {
	guess := len(input)/6 + 1
	out := make(analysis.TokenStream, 0, guess)
	slab := make([]analysis.Token, guess) // tokens are allocated together
	t.visit(input, func(term []byte, start, end, pos int, typ analysis.TokenType) {
		if len(slab) == 0 {
			slab = make([]analysis.Token, guess/4+16)
		}
		tok := &slab[0]
		slab = slab[1:]
		*tok = analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ}
		out = append(out, tok)
	})
	return out
}

// visit hands fn the tokens of input in order, with their byte offsets, positions
// (from 1) and types, as Tokenize returns them.
func (t *fastTokenizer) visit(input []byte, fn func(term []byte, start, end, pos int, typ analysis.TokenType)) {
	pos := 1
	for i := 0; i < len(input); {
		if isSpace(input[i]) {
			i++
			continue
		}
		j := i
		for j < len(input) && !isSpace(input[j]) {
			j++
		}
		chunk := input[i:j]
		if !plain(chunk) {
			for _, tok := range t.slow.Tokenize(chunk) {
				fn(tok.Term, tok.Start+i, tok.End+i, pos, tok.Type)
				pos++
			}
			i = j
			continue
		}
		for k := 0; k < len(chunk); {
			if !isAlnum(chunk[k]) {
				k++
				continue
			}
			l, digits := k, true
			for l < len(chunk) && isAlnum(chunk[l]) {
				digits = digits && isDigit(chunk[l])
				l++
			}
			typ := analysis.AlphaNumeric
			if digits {
				typ = analysis.Numeric
			}
			fn(chunk[k:l], i+k, i+l, pos, typ)
			pos++
			k = l
		}
		i = j
	}
}
