package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Repair cleans text from any source into the shape described in the package
// documentation: NFKC, no control characters or U+FFFD, no non-breaking spaces, page
// furniture ("Pagina 2 van 4") dropped, words hyphenated across line ends joined,
// sentences that were broken over blank lines joined, and blank-line runs reduced to one.
func Repair(s string) string {
	out, _ := repair(s)
	return out
}

// repairStats counts what repair removed, for warnings.
type repairStats struct {
	replacement int // U+FFFD characters removed
	control     int // other control and format characters removed
	runes       int // runes in the result
}

// warning returns a Dutch warning when much was removed, or "".
func (st repairStats) warning() string {
	n := st.replacement
	if n >= 20 || (n >= 3 && n*100 >= st.runes) {
		return fmt.Sprintf("%d onleesbare tekens (U+FFFD) verwijderd; de tekst kan onvolledig of onjuist zijn", n)
	}
	return ""
}

func repair(s string) (string, repairStats) {
	var st repairStats
	s = cleanRunes(s, &st)
	s = norm.NFKC.String(s)
	// NFKC can produce characters that cleanRunes handles (it maps some to spaces), so
	// tidy lines after it.
	blocks := splitBlocks(s)
	for i, b := range blocks {
		blocks[i] = dehyphenateLines(b)
	}
	blocks = joinBlocks(blocks)
	out := strings.Join(blocks, "\n\n")
	st.runes = utf8.RuneCountInString(out)
	return out, st
}

// cleanRunes normalises line ends, turns form feeds and paragraph separators into block
// breaks and non-breaking spaces into spaces, and removes U+FFFD, control characters
// (except "\n" and "\t") and invisible format characters. A soft hyphen at a line end
// becomes a hyphen so that dehyphenation can join the word.
func cleanRunes(s string, st *repairStats) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		// Printable ASCII, the bulk of most texts, is copied a run at a time.
		if j := i + printableASCII(s[i:]); j > i {
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			// Invalid UTF-8 byte: count it like a replacement character.
			st.replacement++
			i += size
			if size == 0 {
				i++
			}
			continue
		}
		i += size
		switch {
		case r == '\n', r == '\t':
			b.WriteRune(r)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // "\r\n": the "\n" follows
			}
			b.WriteByte('\n')
		case r == '\f', r == '\v', r == '\u2029':
			b.WriteString("\n\n")
		case r == '\u2028', r == '\u0085':
			b.WriteByte('\n')
		case r == '\u00a0', r == '\u202f', r == '\u2007', r == '\u2009', r == '\u200a',
			r == '\u3000', r >= '\u2000' && r <= '\u2006':
			b.WriteByte(' ')
		case r == '\ufffd':
			st.replacement++
		case r == '\u00ad': // soft hyphen
			if i < len(s) && (s[i] == '\n' || s[i] == '\r') {
				b.WriteByte('-')
			}
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			st.control++
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// printableASCII returns the length of the run of printable ASCII, line feeds and tabs
// that s starts with: the characters cleanRunes keeps as they are.
func printableASCII(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\n' && c != '\t') || c > '~' {
			return i
		}
	}
	return len(s)
}

// pageFurniture matches lines that PDF exports repeat on every page.
var pageFurniture = regexp.MustCompile(`(?i)^(?:(?:pagina|page|blz\.?|blad)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])$`)

var spaceRun = regexp.MustCompile(` {2,}`)

// splitBlocks splits text into blocks separated by blank lines, tidying each line:
// runs of spaces become one, lines are trimmed and page furniture lines are dropped.
// Empty blocks are not returned.
func splitBlocks(s string) []string {
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.Trim(spaceRun.ReplaceAllString(line, " "), " \t")
		if line == "" {
			flush()
			continue
		}
		if pageFurniture.MatchString(line) {
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return blocks
}

// conjunctions after a hyphen mean the hyphen stands for a left-out word part
// ("zorg- en welzijnsinstellingen"), so the hyphen and a space stay.
var conjunctions = map[string]bool{"en": true, "of": true, "tot": true, "en/of": true, "and": true, "or": true}

// hyphenJoin decides how a line ending in a hyphen continues on the next line. It
// returns keep=false when the hyphen is no word break at all, and otherwise whether the
// hyphen is kept ("Noord-Holland", "14-03-2024") and whether a space follows it.
func hyphenJoin(line, next string) (join, keepHyphen, space bool) {
	if !strings.HasSuffix(line, "-") || len(line) < 3 || next == "" {
		return false, false, false
	}
	prev, _ := utf8.DecodeLastRuneInString(line[:len(line)-1])
	first, _ := utf8.DecodeRuneInString(next)
	if strings.HasPrefix(line, "#") {
		return false, false, false
	}
	switch {
	case unicode.IsDigit(prev) && unicode.IsDigit(first):
		return true, true, false
	case !unicode.IsLetter(prev):
		return false, false, false
	case unicode.IsUpper(first):
		return true, true, false
	case unicode.IsLower(first):
		word, _, _ := strings.Cut(next, " ")
		if conjunctions[strings.ToLower(strings.TrimRight(word, ",.;:"))] {
			return true, true, true
		}
		return true, false, false
	}
	return false, false, false
}

// dehyphenateLines joins words hyphenated across the lines of one block. The first word
// of the next line moves up to complete the word; the rest of that line stays on its own.
func dehyphenateLines(block string) string {
	if !strings.Contains(block, "-\n") {
		return block
	}
	lines := strings.Split(block, "\n")
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		for i+1 < len(lines) {
			join, keep, space := hyphenJoin(line, lines[i+1])
			if !join {
				break
			}
			line, lines[i+1] = joinHyphenated(line, lines[i+1], keep, space)
			if lines[i+1] != "" {
				break
			}
			i++ // the next line was used up; its successor may continue the word
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// joinHyphenated moves the first word of next up to line, which ends in a hyphen.
func joinHyphenated(line, next string, keep, space bool) (string, string) {
	if !keep {
		line = line[:len(line)-1]
	}
	if space {
		return line + " " + next, ""
	}
	word, rest, _ := strings.Cut(next, " ")
	return line + word, rest
}

// joinBlocks joins a block with the next when a web export or a page break split a
// sentence: the block does not end a sentence and the next starts with a lower-case
// letter. Blocks that end in a word hyphenated at a page break are joined too.
func joinBlocks(blocks []string) []string {
	var out []string
	for _, b := range blocks {
		if len(out) == 0 {
			out = append(out, b)
			continue
		}
		prev := out[len(out)-1]
		lastLine := prev[strings.LastIndexByte(prev, '\n')+1:]
		if join, keep, space := hyphenJoin(lastLine, b); join && !isListItem(lastLine) {
			head, rest := joinHyphenated(lastLine, firstLine(b), keep, space)
			merged := prev[:len(prev)-len(lastLine)] + head
			if tail := restLines(b); rest != "" || tail != "" {
				merged += "\n" + strings.TrimPrefix(rest+"\n"+tail, "\n")
			}
			out[len(out)-1] = strings.TrimSuffix(merged, "\n")
			continue
		}
		if continuesSentence(lastLine, b) {
			out[len(out)-1] = prev + " " + b
			continue
		}
		out = append(out, b)
	}
	return out
}

func firstLine(b string) string {
	line, _, _ := strings.Cut(b, "\n")
	return line
}

func restLines(b string) string {
	_, rest, _ := strings.Cut(b, "\n")
	return rest
}

var listItem = regexp.MustCompile(`^(?:[-*•]\s|\d{1,3}[.)]\s)`)

func isListItem(line string) bool { return listItem.MatchString(line) }

// continuesSentence reports whether next continues the sentence that ends the block
// whose last line is last.
func continuesSentence(last, next string) bool {
	if strings.HasPrefix(last, "#") || isListItem(last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(first) {
		return false
	}
	return !endsSentence(last)
}

// endsSentence reports whether s ends with sentence punctuation, possibly followed by
// closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]")
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".?!:;", r)
}
