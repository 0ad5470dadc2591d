package dutch

import (
	"slices"
	"strings"
	"sync"
)

// Decompounder limits. A token is split only when parts of at least minPartLen
// letters cover it entirely; anything longer than maxCompoundLen is glued text
// (a PDF without spaces), not a word, and is left alone.
const (
	minCompoundLen = 8
	minPartLen     = 4
	maxCompoundLen = 40
	maxSplitDepth  = 3
)

// noSplit lists lexicalised words that the hunspell parts would split but whose
// parts mislead: belangrijk is not about rijk, leeftijd not about leef.
var noSplit = map[string]bool{
	"belangrijk": true, "belangrijke": true, "belangrijker": true, "belangrijkst": true, "belangrijkste": true,
	"leeftijd": true, "leeftijden": true,
}

// compoundLinks are the linking elements allowed between two parts, in the order
// tried: none, then the linking s (samenwerking+s+verband), e and en (boek+en+kast).
var compoundLinks = [...]string{"", "s", "e", "en"}

// pluralSuffixes may follow the last part of a compound (zorg+aanbieder+s).
var pluralSuffixes = [...]string{"s", "en", "n", "es"}

// leaf is one part of a segmentation: word[start:end] is its surface form and
// base its dictionary form, which differs only for a last part in the plural
// (aanbieders → aanbieder, gezinnen → gezin, afspraken → afspraak).
type leaf struct {
	start, end int
	base       string
}

// memoVariants is the number of (depth, role, final) combinations of a cover call.
const memoVariants = maxSplitDepth * 2 * 2

// splitter segments one word. It is reused through splitterPool.
type splitter struct {
	parts  map[string]uint8
	word   string
	leaves []leaf
	nodes  [][2]int // inner compounds as surface spans, e.g. jeugdhulp in jeugdhulpverlening
	// failed memoises cover attempts that failed, so that glued or unknown words do
	// not make the search exponential: an entry equal to gen marks a failure for
	// the current word, so the table never needs clearing.
	failed [maxCompoundLen + 1][maxCompoundLen + 1][memoVariants]uint32
	gen    uint32
}

var splitterPool = sync.Pool{New: func() any { return new(splitter) }}

// memo returns the memo slot of a cover call.
func (s *splitter) memo(start, end int, role uint8, final bool, depth int) *uint32 {
	v := (depth-1)*4 + int(role-1)*2
	if final {
		v++
	}
	return &s.failed[start][end][v]
}

// compoundParts holds the result of decompounding one word.
type compoundParts struct {
	// parts are the forms to index at the word's position, dictionary forms first
	// by position, inner compounds included; the word itself is not among them.
	parts []string
	// singular is the word with a plural "-s" after a final "-e" removed
	// (zorgorganisaties → zorgorganisatie), or "" when there is nothing to remove.
	singular string
}

// isCompoundCandidate reports whether w is long enough and made of a–z only.
func isCompoundCandidate(w []byte) bool {
	if len(w) < minCompoundLen || len(w) > maxCompoundLen {
		return false
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// decompound splits word (lower-case, folded) into compound parts from the
// hunspell-nl list. It returns ok=false when word is not a compound: too short,
// not plain letters, or not covered entirely by known parts.
//
// The split is binary and prefers the longest head, so jeugdhulpverlening becomes
// jeugdhulp + verlening; a head or tail that is itself a compound is split again,
// up to maxSplitDepth levels, which adds jeugd and hulp. Every part of four or more
// letters must be listed; the head parts must be allowed to begin a compound and
// the last part to end one.
func decompound(parts map[string]uint8, word string) (compoundParts, bool) {
	if !isCompoundCandidate([]byte(word)) || noSplit[word] {
		return compoundParts{}, false
	}
	s := splitterPool.Get().(*splitter)
	defer func() {
		s.leaves, s.nodes, s.word, s.parts = s.leaves[:0], s.nodes[:0], "", nil
		splitterPool.Put(s)
	}()
	s.parts, s.word = parts, word
	s.gen++
	if s.gen == 0 { // wrapped: stale marks could match again
		s.failed = [maxCompoundLen + 1][maxCompoundLen + 1][memoVariants]uint32{}
		s.gen = 1
	}
	if !s.split(0, len(word), roleEnd, true, 1) {
		return compoundParts{}, false
	}
	return s.result(), true
}

// result turns the recorded segmentation into the forms to emit.
func (s *splitter) result() compoundParts {
	slices.SortFunc(s.leaves, func(a, b leaf) int { return a.start - b.start })
	var out compoundParts
	seen := map[string]bool{s.word: true}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out.parts = append(out.parts, w)
		}
	}
	for _, n := range s.nodes {
		add(s.form(n[0], n[1]))
	}
	for _, l := range s.leaves {
		add(l.base)
	}
	// Spans of adjacent parts that are words themselves: hulpverlening in
	// jeugdhulpverlening, even though the split took jeugdhulp + verlening.
	for i := range s.leaves {
		for j := i + 1; j < len(s.leaves); j++ {
			if i == 0 && j == len(s.leaves)-1 {
				continue // the whole word
			}
			if w := s.form(s.leaves[i].start, s.leaves[j].end); s.parts[w] != 0 {
				add(w)
			}
		}
	}
	last := s.leaves[len(s.leaves)-1]
	if last.base+"s" == s.word[last.start:] && last.base[len(last.base)-1] == 'e' {
		out.singular = s.word[:len(s.word)-1]
	}
	return out
}

// form returns the dictionary form of the span word[start:end]: the span itself,
// unless it ends the word, where the last part's plural is replaced by its base.
func (s *splitter) form(start, end int) string {
	last := s.leaves[len(s.leaves)-1]
	if end != len(s.word) || last.base == s.word[last.start:] {
		return s.word[start:end]
	}
	return s.word[start:last.start] + last.base
}

// split covers word[start:end] with a head and a tail joined by an optional link.
// role is what the last part must allow; final says whether word[start:end] ends
// the whole word, which is where a plural ending may occur.
func (s *splitter) split(start, end int, role uint8, final bool, depth int) bool {
	for h := end - minPartLen; h >= start+minPartLen; h-- { // longest head first
		for _, link := range compoundLinks {
			t := h + len(link)
			if end-t < minPartLen || s.word[h:t] != link {
				continue
			}
			nl, nn := len(s.leaves), len(s.nodes)
			if s.cover(t, end, role, final, depth) && s.cover(start, h, roleBegin, false, depth) {
				return true
			}
			s.leaves, s.nodes = s.leaves[:nl], s.nodes[:nn]
		}
	}
	return false
}

// cover records word[start:end] as one part, a part with a plural ending, or a
// compound of its own (depth permitting). It records nothing when it fails.
func (s *splitter) cover(start, end int, role uint8, final bool, depth int) bool {
	memo := s.memo(start, end, role, final, depth)
	if *memo == s.gen {
		return false
	}
	w := s.word[start:end]
	base, ok := "", false
	if s.parts[w]&role != 0 {
		base, ok = w, true
	} else if final {
		base, ok = s.pluralBase(w, role)
	}
	if ok {
		// A listed part may be a compound too (jeugdhulp): split it for the extra
		// parts, but it stands on its own when that fails.
		nl := len(s.leaves)
		if base == w && s.subSplit(start, end, role, depth) {
			return true
		}
		if base != w && strings.HasPrefix(w, base) && s.subSplit(start, start+len(base), role, depth) {
			s.leaves[s.lastLeafFrom(nl)].end = end // the plural ending belongs to the last part
			return true
		}
		s.leaves = append(s.leaves, leaf{start: start, end: end, base: base})
		return true
	}
	if end-start >= minCompoundLen && depth < maxSplitDepth {
		nl := len(s.leaves)
		if s.split(start, end, role, final, depth+1) {
			s.nodes = append(s.nodes, [2]int{start, s.leaves[s.lastLeafFrom(nl)].end})
			return true
		}
	}
	*memo = s.gen
	return false
}

// pluralBase finds the listed singular of a plural w: aanbieder+s, gemeente+n,
// verlening+en, and the spelling changes before -en: gezinnen → gezin,
// afspraken → afspraak, huizen → huis, brieven → brief.
func (s *splitter) pluralBase(w string, role uint8) (string, bool) {
	var buf [maxCompoundLen + 1]byte
	try := func(b []byte) (string, bool) {
		if len(b) >= minPartLen && s.parts[string(b)]&role != 0 {
			return string(b), true
		}
		return "", false
	}
	for _, suf := range pluralSuffixes {
		if !strings.HasSuffix(w, suf) {
			continue
		}
		stem := w[:len(w)-len(suf)]
		if b, ok := try(append(buf[:0], stem...)); ok {
			return b, ok
		}
		if suf != "en" || len(stem) < minPartLen-1 {
			continue
		}
		n := len(stem)
		last := stem[n-1]
		if isConsonant(last) && stem[n-2] == last { // gezinn → gezin
			if b, ok := try(append(buf[:0], stem[:n-1]...)); ok {
				return b, ok
			}
			continue
		}
		switch last { // huiz → huis, briev → brief
		case 'z':
			last = 's'
		case 'v':
			last = 'f'
		}
		b := append(append(buf[:0], stem[:n-1]...), last)
		if last != stem[n-1] {
			if r, ok := try(b); ok {
				return r, ok
			}
		}
		// afsprak → afspraak: a single vowel between consonants was long.
		if v := stem[n-2]; isConsonant(last) && strings.IndexByte("aeou", v) >= 0 && isConsonant(stem[n-3]) {
			b = append(append(append(buf[:0], stem[:n-1]...), v), last)
			if r, ok := try(b); ok {
				return r, ok
			}
		}
	}
	return "", false
}

// isConsonant reports whether c is a consonant letter (y counts as a vowel).
func isConsonant(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return false
	}
	return 'a' <= c && c <= 'z'
}

// subSplit tries to split a listed part further and records it as an inner compound.
func (s *splitter) subSplit(start, end int, role uint8, depth int) bool {
	if end-start < minCompoundLen || depth >= maxSplitDepth {
		return false
	}
	if !s.split(start, end, role, false, depth+1) {
		return false
	}
	s.nodes = append(s.nodes, [2]int{start, end})
	return true
}

// lastLeafFrom returns the index of the leaf that starts last among leaves[from:].
func (s *splitter) lastLeafFrom(from int) int {
	best := from
	for i := from + 1; i < len(s.leaves); i++ {
		if s.leaves[i].start > s.leaves[best].start {
			best = i
		}
	}
	return best
}
