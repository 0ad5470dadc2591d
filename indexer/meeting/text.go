package meeting

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// block is one paragraph of the report: the lines between blank lines.
type block struct {
	lines   []string
	heading bool // a heading the source marked ("# …") or a plain-text heading
	level   int  // number of "#" for marked headings, 0 for plain ones
	list    bool // every line is a list item
}

// text joins the lines of a block: prose lines with spaces, list items with newlines.
func (b block) text() string {
	if b.list {
		return strings.Join(b.lines, "\n")
	}
	return strings.Join(b.lines, " ")
}

// markedHeading is markHeadingRe.FindStringSubmatch(line) for a line that starts with
// "#", and nil for others.
func markedHeading(line string) []string {
	if !strings.HasPrefix(line, "#") {
		return nil
	}
	return markHeadingRe.FindStringSubmatch(line)
}

// trimBullet is bulletRe.ReplaceAllString(s, ""), which only a text that starts with
// one of its bullets can change: ReplaceAllString copies the text even when nothing
// matches.
func trimBullet(s string) string {
	for _, b := range []string{"-", "*", "•", "·", "–"} {
		if strings.HasPrefix(s, b) {
			return bulletRe.ReplaceAllString(s, "")
		}
	}
	return s
}

var (
	pageFurnitureRe = regexp.MustCompile(`(?i)^(pagina\s+\d+\s+van\s+\d+|\[[^\]]*\.(docx?|pdf)\]|-\s*\d+\s*-)$`)
	listItemRe      = regexp.MustCompile(`^([-*•·–]\s+|\d{1,2}[.)]\s+)`)
	bulletRe        = regexp.MustCompile(`^[-*•·–]\s+`)
	markHeadingRe   = regexp.MustCompile(`^(#{1,6})\s*(.*?)\s*#*$`)
)

// normalise repairs what survives extraction: odd line ends, non-breaking spaces,
// soft hyphens, zero-width characters and form feeds.
func normalise(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	r := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n\n", "\u00ad", "", "\u200b", "",
		"\u200c", "", "\u200d", "", "\ufeff", "", "\u2028", "\n", "\u2029", "\n\n")
	s = r.Replace(s)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	return s
}

// splitBlocks cuts the text into blocks at blank lines. Marked headings ("# …") are
// blocks of their own. Words hyphenated across lines are joined again.
func splitBlocks(text string) []block {
	var blocks []block
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, block{lines: cur})
			cur = nil
		}
	}
	for _, raw := range strings.Split(normalise(text), "\n") {
		line := strings.TrimSpace(collapseSpace(raw))
		if line == "" {
			flush()
			continue
		}
		// Page furniture starts with "p", "[" or "-", a heading with "#": most lines
		// need neither pattern.
		if strings.IndexByte("pP[-", line[0]) >= 0 && pageFurnitureRe.MatchString(line) {
			continue
		}
		if m := markedHeading(line); m != nil {
			flush()
			if m[2] != "" {
				blocks = append(blocks, block{lines: []string{m[2]}, heading: true, level: len(m[1])})
			}
			continue
		}
		if n := len(cur); n > 0 && endsInWordHyphen(cur[n-1]) && startsLower(line) && !startsWithConjunction(line) {
			prev := cur[n-1]
			cur[n-1] = prev[:len(prev)-1] + line
			continue
		}
		cur = append(cur, line)
	}
	flush()
	for i := range blocks {
		b := &blocks[i]
		if b.heading || len(b.lines) < 2 {
			continue
		}
		items, rows := 0, 0
		for _, l := range b.lines {
			if listItemRe.MatchString(l) {
				items++
			}
			if strings.Contains(l, "|") {
				rows++ // a table row: "Offertes opvragen | Karin | 1 april"
			}
		}
		// A list, a table, a list of people under its label, or lines of labels and
		// their values keeps its lines apart.
		b.list = items == len(b.lines) || rows == len(b.lines) || rosterBlock(b.lines) || labelBlock(b.lines)
	}
	return repairBlocks(blocks)
}

// labelBlock reports whether every line of a block is a label and its value, as a
// report's head often is ("Datum: …" / "Spreker: …" / "Gespreksleider: …"): each line
// says something of its own.
func labelBlock(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if strings.IndexByte(l, ':') < 0 || !labelLineRe.MatchString(l) {
			return false
		}
	}
	return true
}

// repairBlocks joins a block to the next when it stops mid-sentence and the next goes
// on in lower case: web exports and PDFs break sentences over blank lines.
func repairBlocks(in []block) []block {
	var out []block
	for _, b := range in {
		if n := len(out); n > 0 && !b.heading && !out[n-1].heading && !out[n-1].list && !b.list {
			prev := &out[n-1]
			last := prev.lines[len(prev.lines)-1]
			first := b.lines[0]
			switch {
			case endsInWordHyphen(last) && !startsWithConjunction(first):
				if startsLower(first) {
					prev.lines[len(prev.lines)-1] = last[:len(last)-1] + first
				} else {
					prev.lines[len(prev.lines)-1] = last + first
				}
				prev.lines = append(prev.lines, b.lines[1:]...)
				continue
			case !endsSentence(last) && startsLower(first):
				prev.lines = append(prev.lines, b.lines...)
				continue
			}
		}
		out = append(out, b)
	}
	return out
}

func endsInWordHyphen(s string) bool {
	if !strings.HasSuffix(s, "-") || len(s) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	return unicode.IsLetter(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func startsWithConjunction(s string) bool {
	for _, c := range []string{"en ", "of ", "en/of "} {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends like a finished sentence.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(`.!?:;"”’'»)…`, r)
}

// plainHeading reports whether a one-line block reads as a heading in plain text.
func plainHeading(b block) bool {
	if b.heading {
		return true
	}
	if len(b.lines) != 1 {
		return false
	}
	l := b.lines[0]
	return headingShaped(l, ".,;:!?") && !strings.Contains(l, ": ")
}

// headingShaped reports whether a line has the shape of a heading: short (at most 90
// characters and 12 words), opening with a capital or a digit, and not ending in one of
// enders (the marks that end a sentence or a label).
func headingShaped(l, enders string) bool {
	if n := utf8.RuneCountInString(l); n == 0 || n > 90 || len(strings.Fields(l)) > 12 {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune(enders, r) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l)
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

// Sentences.

var abbreviations = map[string]bool{
	"dr": true, "drs": true, "prof": true, "dhr": true, "mw": true, "mevr": true, "mr": true, "ir": true,
	"ing": true, "o.a": true, "m.b.t": true, "i.v.m": true, "bijv": true, "mn": true, "m.n": true, "a.s": true,
	"as": false, "jl": true, "etc": true, "nr": true, "e.d": true, "o.i.d": true, "z.s.m": true, "evt": true,
	"tov": true, "t.o.v": true, "n.a.v": true, "i.o": true, "ca": true, "vs": true, "resp": true, "incl": true,
	"excl": true, "jan": true, "feb": true, "mrt": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"okt": true, "nov": true, "dec": true, "blz": true, "p": true, "st": true, "e.a": true, "c.q": true,
	"d.w.z": true, "m.a.w": true, "i.p.v": true, "t.a.v": true, "t.b.v": true, "m.i.v": true,
}

// phraseFinal are the abbreviations that close a phrase ("op 24 oktober jl.", "koffie,
// thee e.d."): a capital after one starts a new sentence, as after any word ("… verslag
// van 24/10 jl. Geeft Geertje aan dat …").
var phraseFinal = map[string]bool{"jl": true, "etc": true, "e.d": true, "e.a": true, "o.i.d": true}

// monthAbbrevs are the abbreviations that are months. They are abbreviations only
// beside a day or a year ("15 jan. 2021"); elsewhere the period ends a sentence, as
// after a name in "… vertelde Jan. We gaan …".
var monthAbbrevs = map[string]bool{"jan": true, "feb": true, "mrt": true, "apr": true, "aug": true,
	"sept": true, "sep": true, "okt": true, "nov": true, "dec": true}

// isAbbreviation reports whether word (lower case), followed by a period, is an
// abbreviation; before and after are the text before the word and after its period.
func isAbbreviation(word, before, after string) bool {
	if !abbreviations[word] {
		return false
	}
	if !monthAbbrevs[word] {
		return true
	}
	before = strings.TrimRight(before, " \t")
	after = strings.TrimLeft(after, " \t")
	return before != "" && isDigit(before[len(before)-1]) || after != "" && isDigit(after[0])
}

// sentences cuts a text into sentences. It keeps abbreviations ("prof. dr.", "o.a.")
// and initials ("E.M. Krijns") inside their sentence.
func sentences(p string) []string {
	spans := sentenceSpans(p)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = p[sp[0]:sp[1]]
	}
	return out
}

// sentenceSpans returns the byte ranges of the sentences of p, without the white
// space around them. The result is shared (see spanCache): callers only read it.
func sentenceSpans(p string) [][2]int {
	if len(p) > maxCachedText {
		return cutSentences(p)
	}
	if out, ok := spanCache.get(p); ok {
		return out
	}
	out := cutSentences(p)
	spanCache.put(strings.Clone(p), out)
	return out
}

// spanCache remembers the sentences of the texts cut last: a parse cuts each passage
// into sentences four times or more (people, themes, decisions, actions), and cutting
// was 4% of the CPU of indexing.
var spanCache = &sentenceCache{spans: map[string][][2]int{}}

// sentenceCache is a map of texts to their sentence spans, emptied when it holds
// maxCachedTexts, safe for concurrent use.
type sentenceCache struct {
	mu    sync.Mutex
	spans map[string][][2]int
}

// maxCachedTexts and maxCachedText bound spanCache: the passages of the reports being
// read, a few megabytes at most (a key is a copy, not a slice of a whole report).
const (
	maxCachedTexts = 1024
	maxCachedText  = 8 << 10
)

func (c *sentenceCache) get(p string) ([][2]int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.spans[p]
	return out, ok
}

func (c *sentenceCache) put(p string, spans [][2]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.spans) >= maxCachedTexts {
		clear(c.spans)
	}
	c.spans[p] = spans
}

// cutSentences is sentenceSpans without the cache.
func cutSentences(p string) [][2]int {
	var out [][2]int
	trimmed := func(start, end int) {
		for start < end {
			r, size := utf8.DecodeRuneInString(p[start:])
			if !unicode.IsSpace(r) {
				break
			}
			start += size
		}
		for end > start {
			r, size := utf8.DecodeLastRuneInString(p[start:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= size
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
	}
	start := 0
	rs := []rune(p)
	pos := 0 // byte offset of rs[i]
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		size := utf8.RuneLen(c)
		if c == '.' || c == '!' || c == '?' || c == '…' || c == '\n' {
			// Close quotes and brackets belong to the sentence.
			j := i + 1
			end := pos + size
			for j < len(rs) && strings.ContainsRune(`"”’')»`, rs[j]) {
				end += utf8.RuneLen(rs[j])
				j++
			}
			if c == '\n' || (j < len(rs) && unicode.IsSpace(rs[j]) && breakAfter(rs, i, j)) || j >= len(rs) {
				trimmed(start, end)
				start = end
			}
		}
		pos += size
	}
	trimmed(start, len(p))
	return out
}

// breakAfter decides whether the punctuation at rs[i] ends a sentence; rs[j] is the
// space after it.
func breakAfter(rs []rune, i, j int) bool {
	if rs[i] != '.' {
		// "?" and "!" end sentences when the next word is capitalised or quoted.
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		return k >= len(rs) || !unicode.IsLower(rs[k])
	}
	// The word before the period.
	k := i
	for k > 0 && !unicode.IsSpace(rs[k-1]) && rs[k-1] != '(' {
		k--
	}
	word := strings.ToLower(strings.Trim(string(rs[k:i]), "“\"'‘("))
	if !phraseFinal[word] && isAbbreviation(word, string(rs[max(0, k-4):k]), string(rs[i+1:min(len(rs), i+4)])) {
		return false
	}
	if w := []rune(word); len(w) == 1 && unicode.IsLetter(w[0]) {
		return false // an initial
	}
	if isInitials(string(rs[k : i+1])) {
		return false
	}
	// The next word: a lower-case continuation is no new sentence.
	m := j
	for m < len(rs) && unicode.IsSpace(rs[m]) {
		m++
	}
	if m < len(rs) && unicode.IsLower(rs[m]) {
		return false
	}
	return true
}

func isInitials(s string) bool {
	if len(s) < 2 || len(s) > 24 || s[len(s)-1] != '.' {
		return false
	}
	// ^(\p{Lu}\.){1,4}$|^(\p{Lu}\.)+\p{Lu}\p{Ll}?\.$ ("E.M.", "A.Th."): one or more
	// capital-and-period pairs, optionally closed by a capital, a small letter and a period.
	var buf [24]rune // s has at most 24 bytes, so as many characters
	rs := buf[:0]
	for _, r := range s {
		rs = append(rs, r)
	}
	pairs := 0
	for pairs*2+1 < len(rs) && unicode.IsUpper(rs[pairs*2]) && rs[pairs*2+1] == '.' {
		pairs++
	}
	rest := rs[pairs*2:]
	switch {
	case pairs == 0:
		return false
	case len(rest) == 0:
		return true
	case len(rest) == 3:
		return unicode.IsUpper(rest[0]) && unicode.IsLower(rest[1]) && rest[2] == '.'
	}
	return false
}

// collapseSpace replaces each run of spaces, tabs and other space separators by one
// space.
func collapseSpace(s string) string {
	// s is its own result when it has no tab, no two spaces in a row, no other space
	// separator and no invalid byte (written as U+FFFD below). A character beyond
	// ASCII is decoded and looked at: most are letters ("é"), not spaces.
	plain := true
	for i := 0; i < len(s) && plain; {
		c := s[i]
		if c < utf8.RuneSelf {
			plain = c != '\t' && !(c == ' ' && i+1 < len(s) && s[i+1] == ' ')
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		plain = !(r == utf8.RuneError && size == 1) && !unicode.Is(unicode.Zs, r)
		i += size
	}
	if plain {
		return s
	}
	return collapseRuns(s)
}

// collapseRuns is collapseSpace without its shortcut for a text that needs no change.
func collapseRuns(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || unicode.Is(unicode.Zs, r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// splitLong splits a paragraph longer than max runes at sentence ends.
func splitLong(p string, max int) []string {
	if utf8.RuneCountInString(p) <= max {
		return []string{p}
	}
	var parts []string
	var cur []string
	n := 0
	for _, s := range sentences(p) {
		sn := utf8.RuneCountInString(s)
		if len(cur) > 0 && n+sn > max {
			parts = append(parts, strings.Join(cur, " "))
			cur, n = nil, 0
		}
		cur = append(cur, s)
		n += sn + 1
	}
	if len(cur) > 0 {
		parts = append(parts, strings.Join(cur, " "))
	}
	return parts
}

// notWordRune reports whether r separates words: the words of a text are its runs of
// letters, digits and inner hyphens, apostrophes, periods and plus signs
// (strings.FieldsFuncSeq(text, notWordRune)).
func notWordRune(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’' || r == '.' || r == '+')
}

// fold lower-cases and strips diacritics from common Latin letters.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldMap[r]; ok {
			b.WriteRune(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var foldMap = func() map[rune]rune {
	m := map[rune]rune{}
	for _, p := range []string{"àáâãäå a", "èéêë e", "ìíîï i", "òóôõö o", "ùúûü u", "ýÿ y", "ç c", "ñ n"} {
		f := strings.Fields(p)
		t, _ := utf8.DecodeRuneInString(f[1])
		for _, r := range f[0] {
			m[r] = t
		}
	}
	return m
}()

func titleFromName(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	base = strings.NewReplacer("-", " ", "_", " ").Replace(base)
	base = strings.TrimSpace(collapseSpace(base))
	if base == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(base)
	return string(unicode.ToUpper(r)) + base[n:]
}

// findAllWith is re.FindAllStringSubmatchIndex(s, -1) run line by line, and only on the
// lines of s that hold one of words (text re cannot match without): a fast path for
// patterns without a literal prefix over a whole report. Indexes are relative to s; a
// match cannot span lines.
func findAllWith(re *regexp.Regexp, s string, words *substrings) [][]int {
	var out [][]int
	for off := 0; off <= len(s); {
		end := strings.IndexByte(s[off:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += off
		}
		if line := s[off:end]; words.in(line) {
			for _, m := range re.FindAllStringSubmatchIndex(line, -1) {
				for k := range m {
					if m[k] >= 0 {
						m[k] += off
					}
				}
				out = append(out, m)
			}
		}
		off = end + 1
	}
	return out
}

// substrings tests a text for any of a fixed set of strings in one pass over it. A
// loop of strings.Contains reads the text once per string, and stops at every byte
// that starts one ("k" of "keur", " " of " vast"): over every passage of a report,
// with a dozen strings, that was 4% of the reader's time.
type substrings struct {
	words []string
	// pairs has a bit for each first two bytes of a word; byPair holds the words
	// (their indexes) under them.
	pairs  [1 << 16 / 64]uint64
	byPair map[uint16][]int
	short  []int // words of fewer than two bytes, looked for one by one
}

// newSubstrings returns the set of words.
func newSubstrings(words ...string) *substrings {
	s := &substrings{words: words, byPair: map[uint16][]int{}}
	for i, w := range words {
		if len(w) < 2 {
			s.short = append(s.short, i)
			continue
		}
		k := uint16(w[0])<<8 | uint16(w[1])
		s.pairs[k/64] |= 1 << (k % 64)
		s.byPair[k] = append(s.byPair[k], i)
	}
	return s
}

// in reports whether text holds one of the words, as a loop of strings.Contains over
// them would.
func (s *substrings) in(text string) bool {
	for _, w := range s.short {
		if strings.Contains(text, s.words[w]) {
			return true
		}
	}
	for i := 0; i+1 < len(text); i++ {
		k := uint16(text[i])<<8 | uint16(text[i+1])
		if s.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, w := range s.byPair[k] {
			if strings.HasPrefix(text[i:], s.words[w]) {
				return true
			}
		}
	}
	return false
}

// wordAt is where a word of a substrings set stands in a text.
type wordAt struct{ word, pos int }

// allAt returns the places of the words in text in the order of a loop over the
// words, each finding its places from left to right with strings.Index and going on
// after each (so a word's places do not overlap).
func (s *substrings) allAt(text string) []wordAt {
	var out []wordAt
	for _, w := range s.short {
		for off := 0; ; {
			i := strings.Index(text[off:], s.words[w])
			if i < 0 {
				break
			}
			out = append(out, wordAt{w, off + i})
			off += i + max(len(s.words[w]), 1)
		}
	}
	next := make([]int, len(s.words)) // where each word may be found next
	for i := 0; i+1 < len(text); i++ {
		k := uint16(text[i])<<8 | uint16(text[i+1])
		if s.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, w := range s.byPair[k] {
			if i >= next[w] && strings.HasPrefix(text[i:], s.words[w]) {
				out = append(out, wordAt{w, i})
				next[w] = i + len(s.words[w])
			}
		}
	}
	slices.SortStableFunc(out, func(a, b wordAt) int { return a.word - b.word })
	return out
}
