package dutch

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kennisbank/indexer/dutch/internal/lex"
)

// maxAcronymLen is the longest all-capitals word that KnownWordShare skips as an
// acronym (GGD, WMO, MVS) instead of counting it.
const maxAcronymLen = 5

// knownCacheSize is the number of answers KnownWordShare remembers.
const knownCacheSize = 1024

// KnownWordShare returns the share (0–1) of the words in text that are known Dutch
// words; a low share says the text is garbled (a broken PDF font, say, or words
// glued together without spaces).
//
// A word is a run of two or more letters; digits, punctuation and single letters
// (initials, i.v.m.) are skipped, and so are short all-capitals acronyms. A word is
// known when its lower-case, folded form is in the embedded OpenTaal lexicon (a
// Bloom filter with about 0.5% false positives) or is a compound of known parts.
// Text without any word gives 0.
func KnownWordShare(text string) float64 {
	l := mustLists()
	var (
		known, total int
		word         = make([]byte, 0, 64)
		ascii        = true // word holds ASCII only
		upper        = 0    // capitals in word
		runes        = 0
	)
	// Most words of a text come again: each answer is remembered by the word's hash,
	// in a table of the last word of each hash slot. Two words of one 64-bit hash are
	// one to the lexicon's filter anyway.
	var seen [knownCacheSize]struct {
		hash  uint64
		known bool
	}
	flush := func() {
		if runes >= 2 && !(upper == runes && runes <= maxAcronymLen) {
			total++
			w := word
			if !ascii {
				w = lex.Fold(norm.NFKC.Bytes(w))
			}
			h := lex.Hash(w)
			e := &seen[h%knownCacheSize]
			if e.hash != h || h == 0 {
				e.hash = h
				e.known = l.lexicon.HasHash(h)
				if !e.known {
					_, e.known = decompound(l.parts, string(w))
				}
			}
			if e.known {
				known++
			}
		}
		word, ascii, upper, runes = word[:0], true, 0, 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z':
				word = append(word, c)
			case 'A' <= c && c <= 'Z':
				word = append(word, c+'a'-'A')
				upper++
			default:
				flush()
				continue
			}
			runes++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) {
				upper++
			}
			word = utf8.AppendRune(word, unicode.ToLower(r))
			ascii = false
			runes++
		case unicode.Is(unicode.Mn, r): // a combining accent stays with its letter
			word = utf8.AppendRune(word, r)
			ascii = false
		default:
			flush()
		}
	}
	flush()
	if total == 0 {
		return 0
	}
	return float64(known) / float64(total)
}
