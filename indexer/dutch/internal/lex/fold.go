// Package lex holds the word-level helpers that both the Dutch analysers and the
// word-list generator need, so that lists are built with exactly the normalisation
// that is applied at analysis time: diacritic folding and a compact Bloom filter.
package lex

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsASCII reports whether b holds only ASCII bytes.
func IsASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Fold removes diacritics from a single word: it decomposes b (NFD), drops the
// non-spacing marks (unicode.Mn) and recomposes the rest (NFC), so that "coördinatie"
// becomes "coordinatie" and "ideeën" becomes "ideeen". Letters without a decomposition
// (ø, ł, ß) are left alone. Pure-ASCII input is returned as is, without copying;
// b itself is never modified.
func Fold(b []byte) []byte {
	if IsASCII(b) {
		return b
	}
	return foldSlow(b)
}

func foldSlow(b []byte) []byte {
	d := norm.NFD.Bytes(b)
	// A fresh buffer: norm may hand back its input unchanged, and b must not be modified.
	out := make([]byte, 0, len(d))
	changed := false
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRune(d[i:])
		if unicode.Is(unicode.Mn, r) {
			changed = true
			i += size
			continue
		}
		out = append(out, d[i:i+size]...)
		i += size
	}
	if !changed {
		// Nothing was dropped: the NFC of the decomposition is the NFC of the input.
		return norm.NFC.Bytes(b)
	}
	return norm.NFC.Bytes(out)
}

// FoldString is Fold for strings.
func FoldString(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return string(foldSlow([]byte(s)))
		}
	}
	return s
}
