package meeting

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Options tune Parse. The zero value is usable.
type Options struct {
	// MaxPassageRunes splits paragraphs longer than this at sentence ends (default 1500).
	MaxPassageRunes int
	// Themes is the theme vocabulary (see ParseThemes); without it no themes are found.
	Themes Vocabulary
	// People fixes names, aliases, roles and organisations across reports (see ParsePeople).
	People People
	// Speech is the vocabulary of speaking (see ParseSpeech); nil means DefaultSpeech.
	Speech *Speech
	// Minutes is the vocabulary of decisions and action items (see ParseMinutes); nil
	// means DefaultMinutes.
	Minutes *Minutes
	// Now bounds year inference: a meeting date without a year is never put more than a
	// year after Now. The zero value means the current time.
	Now time.Time
	// Stop, when closed, makes Parse give up and return what it has so far: a caller
	// that has stopped waiting for a report frees the processor at once. Nil never
	// stops.
	Stop <-chan struct{}
	// Analysed, when not nil, is told the tokens of every passage text that Parse
	// analyses with the Dutch analyser (dutch.Analyzer) to find its themes, so that a
	// caller indexing the passages with that analyser need not analyse them again.
	// The tokens are the caller's; Parse no longer reads them once it has called.
	Analysed func(text string, tokens analysis.TokenStream)
}

// blockKind says what a block is in the report.
type blockKind int

const (
	kindPassage  blockKind = iota
	kindHeading            // a section heading
	kindTitle              // the report's title
	kindDateLine           // a line with only a date ("12 mei 2023", "Den Haag, 3 april 2009")
	kindAuthor             // a byline ("door Peter Veld")
)

// doc is a report while it is being read.
type doc struct {
	name           string
	blocks         []block
	kinds          []blockKind
	titleIdx       int
	title          string
	overrideTitle  string
	invitationHint bool
	reportHead     bool     // the title names a report ("Notulen", "Verslag")
	personOrgs     []string // organisations named with people
	stop           <-chan struct{}
}

// stopped reports whether the caller has given up on the report (Options.Stop).
func (d *doc) stopped() bool {
	select {
	case <-d.stop:
		return true
	default:
		return false
	}
}

func (d *doc) hasLaterDate(i int) bool {
	for j := i + 1; j < len(d.blocks) && d.kinds[j] != kindPassage; j++ {
		if d.kinds[j] == kindDateLine {
			return true
		}
	}
	return false
}

// Parse reads one report.
func Parse(in Input, opts Options) Report {
	if opts.MaxPassageRunes <= 0 {
		opts.MaxPassageRunes = 1500
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	text, fm := splitFrontMatter(in.Text)
	if in.Overrides.Title == "" {
		in.Overrides.Title = fm.Title
	}
	if in.Overrides.Date == "" {
		if c, ok := parseDate(fm.Date); ok && c.Year != 0 {
			in.Overrides.Date = c.String()
		}
	}
	d := buildDoc(in.Name, text, in.Overrides.Title)
	d.stop = opts.Stop

	var r Report
	r.Title = d.title
	meeting, src, evidence, pub, next := readDates(d, opts.Now)
	if meeting.Year != 0 {
		r.Date, r.DateSource, r.DateEvidence = meeting.String(), src, evidence
	}
	if pub.Year != 0 {
		r.PublicationDate = pub.String()
	}
	if next.Year != 0 {
		r.NextMeetingDate = next.String()
	}

	section := ""
	for i, b := range d.blocks {
		switch d.kinds[i] {
		case kindHeading:
			section = b.text()
			r.Sections = append(r.Sections, section)
		case kindPassage:
			for _, part := range splitLong(b.text(), opts.MaxPassageRunes) {
				r.Passages = append(r.Passages, Passage{Section: section, Text: part})
			}
		}
	}
	sp := opts.Speech
	if sp == nil {
		sp = DefaultSpeech
	}
	ps, lex := readPeople(d, &r, opts.People, sp)
	if d.stopped() {
		return r
	}
	r.Places = readPlaces(d, &r)
	r.Organisations = readOrganisations(d, &r)
	readThemes(&r, opts.Themes, opts.Analysed)
	mv := opts.Minutes
	if mv == nil {
		mv = DefaultMinutes
	}
	lowers := make([]string, len(r.Passages))
	for i, p := range r.Passages {
		lowers[i] = strings.ToLower(p.Text)
	}
	readDecisions(&r, lowers, mv)
	readActions(&r, lowers, newOwners(&r, ps, lex), mv)
	applyOverrides(&r, in.Overrides)
	readSeries(&r, in.Name, mv)
	return r
}

func applyOverrides(r *Report, o Overrides) {
	if o.Title != "" {
		r.Title = o.Title
	}
	if o.Date != "" {
		r.Date, r.DateSource, r.DateEvidence = o.Date, DateFromFrontMatter, "front matter"
	}
	if len(o.Themes) > 0 {
		r.Themes = o.Themes
	}
	if len(o.Places) > 0 {
		r.Places = o.Places
	}
	if o.Series != "" {
		r.Series = o.Series
	}
	applyMinutesFixes(r, o)
	if len(o.Organisations) > 0 {
		r.Organisations = o.Organisations
	}
	if len(o.Speakers) > 0 {
		have := map[string]Speaker{}
		for _, s := range r.Speakers {
			have[strings.ToLower(s.Name)] = s
		}
		r.Speakers = r.Speakers[:0:0]
		for _, name := range o.Speakers {
			if s, ok := have[strings.ToLower(name)]; ok {
				r.Speakers = append(r.Speakers, s)
				continue
			}
			r.Speakers = append(r.Speakers, Speaker{Name: name})
		}
	}
}

// frontMatter is the little of YAML front matter that Parse reads itself, for text that
// reaches it with the front matter still in place.
type frontMatter struct{ Title, Date string }

func splitFrontMatter(text string) (string, frontMatter) {
	var fm frontMatter
	t := strings.TrimLeft(strings.TrimPrefix(text, "\ufeff"), " \t\r\n")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return text, fm
	}
	rest := t[strings.Index(t, "\n")+1:]
	end := -1
	for off := 0; off < len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if strings.TrimSpace(line) == "---" {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return text, fm
	}
	for _, line := range strings.Split(rest[:end], "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "title":
			fm.Title = v
		case "date":
			fm.Date = v
		}
	}
	body := rest[end:]
	if i := strings.IndexByte(body, '\n'); i >= 0 {
		body = body[i+1:]
	} else {
		body = ""
	}
	return body, fm
}

var (
	bylineRe     = regexp.MustCompile(`^(?:[Dd]oor|[Aa]uteur:?|[Gg]eschreven door|[Tt]ekst:|[Vv]erslag:)\s+\p{Lu}`)
	docLabelRe   = regexp.MustCompile(`^(?:Document|Onderwerp)\s*:\s*(.+)$`)
	invitationRe = regexp.MustCompile(`(?i)\b(uitnodiging|nodigen\s+(u|je|jullie)\s+uit|wanneer\s*:)`)
	reportWordRe = regexp.MustCompile(`(?i)\b(verslag|notulen|besluitenlijst|terugblik|uit de|bericht uit|impressie)\b`)
	topicRe      = regexp.MustCompile(`(?i)\b(bijeenkomst|vergadering|conferentie|congres|sessie|avond|werkconferentie|overleg)\b[^.]*?\bplaats\s+over\s+(?:de|het)\s+([^.,;:]+)`)
	topicCutRe   = regexp.MustCompile(`(?i)\s+(in\s+(de\s+)?zaal|op\s+locatie|te|bij|met)\s+.*$`)
)

// chairRe matches the formula of minutes that opens or closes a meeting ("Voorzitter
// sluit de vergadering", "De voorzitter opent de vergadering om 19:00"): a statement of
// who acts, not a heading, even on a line of its own without a period.
var chairRe = regexp.MustCompile(`^(?:[Dd]e\s+)?\p{L}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,3}\s+(?:sluit|opent|heropent)\s+(?:de|het)\s+(?:vergadering|bijeenkomst|overleg|avond|middag|ochtend|zitting|sessie|bespreking|beraad)\b`)

// chairFormula reports whether a line is the formula chairRe matches.
func chairFormula(line string) bool {
	return (strings.Contains(line, "sluit") || strings.Contains(line, "opent")) && chairRe.MatchString(line)
}

// buildDoc splits the text into blocks and decides what each block is.
func buildDoc(name, text, overrideTitle string) *doc {
	d := &doc{name: name, blocks: splitHeader(splitBlocks(text)), titleIdx: -1, overrideTitle: overrideTitle}
	d.kinds = make([]blockKind, len(d.blocks))
	firstProse := len(d.blocks)
	for i, b := range d.blocks {
		line := b.text()
		switch {
		case len(b.lines) == 1 && isDateLine(line):
			d.kinds[i] = kindDateLine
		case len(b.lines) == 1 && (b.heading || plainHeading(b)) && bylineRe.MatchString(line):
			d.kinds[i] = kindAuthor
		case b.heading && i < firstProse && looksLikeBareName(line):
			d.kinds[i] = kindAuthor
		case b.heading || plainHeading(b) && !looksLikeBareName(line) && !chairFormula(line):
			d.kinds[i] = kindHeading
		default:
			d.kinds[i] = kindPassage
			if firstProse == len(d.blocks) {
				firstProse = i
			}
		}
	}
	// A first line "Terugblik: Ouderavond over jeugdhulp" is the title that web pages
	// and newsletters give, not a label and its value.
	if firstProse == 0 && len(d.blocks) > 1 && colonTitle(d.blocks[0]) {
		d.kinds[0] = kindHeading
		firstProse = len(d.blocks)
		for i := 1; i < len(d.blocks); i++ {
			if d.kinds[i] == kindPassage {
				firstProse = i
				break
			}
		}
	}
	// The title: the first heading before any prose.
	for i := 0; i < firstProse && i < len(d.blocks); i++ {
		if d.kinds[i] == kindHeading {
			d.titleIdx, d.kinds[i] = i, kindTitle
			d.title = d.blocks[i].text()
			break
		}
	}
	if d.title == "" {
		for i := 0; i < len(d.blocks) && i < 12; i++ {
			if m := docLabelRe.FindStringSubmatch(d.blocks[i].text()); m != nil {
				d.title = strings.TrimSpace(m[1])
				break
			}
		}
	}
	if d.title == "" && firstProse < len(d.blocks) {
		d.title = topicTitle(d.blocks[firstProse].text())
	}
	if d.title == "" {
		d.title = titleFromName(name)
	}
	head := d.title + " " + overrideTitle
	d.reportHead = reportWordRe.MatchString(head)
	if !d.reportHead {
		for i := 0; i < len(d.blocks) && i < 8; i++ {
			if invitationRe.MatchString(d.blocks[i].text()) {
				d.invitationHint = true
				break
			}
		}
	}
	return d
}

// splitHeader splits a first block of a title line and date lines under it
// ("Expertmeeting gesloten jeugdzorg" / "Utrecht, 27 januari 2022") into a block per
// line, as a blank line between them would: the title is then read as the title, and
// the date as a date line.
func splitHeader(blocks []block) []block {
	if len(blocks) == 0 || len(blocks[0].lines) < 2 || len(blocks[0].lines) > 3 || blocks[0].heading {
		return blocks
	}
	b := blocks[0]
	if !titleLine(b.lines[0]) {
		return blocks
	}
	for _, l := range b.lines[1:] {
		if !isDateLine(l) {
			return blocks
		}
	}
	out := make([]block, 0, len(blocks)+len(b.lines)-1)
	out = append(out, block{lines: b.lines[:1], heading: true})
	for _, l := range b.lines[1:] {
		out = append(out, block{lines: []string{l}})
	}
	return append(out, blocks[1:]...)
}

// titleLine reports whether a line over date lines is a title: short, from a capital,
// without the period or comma of a sentence, no label and no name. A title may ask a
// question or quote ("Expertmeeting 'Gesloten jeugdzorg: hoe verder?'").
func titleLine(l string) bool {
	return headingShaped(l, ".,;:") && !looksLikeBareName(l) && !isRosterLabel(l) && !isDateLine(l) && !strings.Contains(l, ", ")
}

// colonTitle reports whether block b, the first of a report, is a title written as a
// kind and a subject ("Terugblik: Ouderavond over de nieuwe jeugdhulp", "Verslag:
// Werkconferentie Jeugd"): a short line that would be a heading but for its colon,
// whose first part is a word or two and no label of the report's data ("Datum:",
// "Aanwezig:", "Onderwerp:"), and whose second part names no person.
func colonTitle(b block) bool {
	if len(b.lines) != 1 {
		return false
	}
	l := b.lines[0]
	label, rest, ok := strings.Cut(l, ": ")
	if !ok || len(strings.Fields(label)) > 2 || !headingShaped(l, ".,;:!?") || !headingShaped(rest, "") {
		return false
	}
	// "Verslag:" and "Notulen:" may name who took the minutes, or the report's kind.
	kind := strings.EqualFold(label, "verslag") || strings.EqualFold(label, "notulen")
	if dataLabels[strings.ToLower(label)] || isRosterLabel(l) && !kind || docLabelRe.MatchString(l) ||
		looksLikeBareName(rest) || isDateLine(rest) || strings.Contains(rest, ",") {
		return false
	}
	return true
}

// dataLabels are the labels of a report's data that may open its first line.
var dataLabels = map[string]bool{"datum": true, "tijd": true, "plaats": true, "locatie": true,
	"aanvang": true, "wanneer": true, "waar": true, "vergaderdatum": true, "vergadering": true,
	"agenda": true, "agendapunt": true, "kenmerk": true, "aan": true, "van": true, "cc": true,
	"betreft": true, "onderwerp": true, "document": true, "status": true, "versie": true}

// isDateLine reports whether a line holds only a date (and perhaps a time or a place
// before it: "Den Haag, 3 april 2009", or a remark in brackets after it).
func isDateLine(line string) bool {
	if !shortEnoughForDateLine(line) {
		return false
	}
	// "2 februari 2024 (verslag vastgesteld op 5 februari 2024)": a remark in brackets
	// after the date.
	if t := strings.TrimSpace(line); strings.HasSuffix(t, ")") {
		if i := strings.LastIndex(t, " ("); i > 0 && isDateLine(t[:i]) {
			return true
		}
	}
	ms := findDates(line)
	if _, ok := parseDateFound(line, ms); ok {
		return true
	}
	if len(ms) != 1 {
		return false
	}
	left := line[:ms[0].Start]
	return datelineLead(left) && strings.Trim(line[ms[0].End:], " .") == ""
}

// dateLineMax bounds the bytes of a date line that are neither white space nor one of
// ",.:;()" (which may repeat without end around a date). The rest is one date (a weekday
// with a part of the day, a day, a month, a year: under 64 bytes even with case-folded
// letters beyond ASCII) and either a time or a label (under 32 bytes: "aanvang 19:30 uur
// – 21:00 uur", "gepubliceerd op") or the place of a dateline (reDateLine: at most 41
// letters of 4 bytes). Every paragraph that is one line is tried as a date line, and
// counting is much cheaper than looking for dates.
const dateLineMax = 256

// shortEnoughForDateLine reports whether line is within dateLineMax; isDateLine is
// false for any line that is not.
func shortEnoughForDateLine(line string) bool {
	if len(line) <= dateLineMax {
		return true
	}
	n := 0
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			if c > ' ' && strings.IndexByte(",.:;()", c) < 0 {
				n++
			}
		} else {
			r, size := utf8.DecodeRuneInString(line[i:])
			i += size
			if !unicode.IsSpace(r) {
				n += size
			}
		}
		if n > dateLineMax {
			return false
		}
	}
	return true
}

// looksLikeBareName reports whether a line is only a person's name ("Corrie Buren").
func looksLikeBareName(line string) bool {
	ws := strings.Fields(line)
	if len(ws) < 2 || len(ws) > 5 {
		return false
	}
	if !isFirstName(ws[0]) {
		return false
	}
	for _, w := range ws[1:] {
		if !startsUpper(w) && !particles[strings.ToLower(w)] {
			return false
		}
	}
	return startsUpper(ws[len(ws)-1])
}

// topicTitle makes a short title from an opening sentence such as "Op 7 oktober 2020
// vond een bijeenkomst plaats over de opstart van het Expertisecentrum Jeugdhulp in
// Limburg in zaal …": "Opstart Expertisecentrum Jeugdhulp Limburg".
func topicTitle(p string) string {
	ss := sentences(p)
	if len(ss) == 0 {
		return ""
	}
	m := topicRe.FindStringSubmatch(ss[0])
	if m == nil {
		return ""
	}
	topic := topicCutRe.ReplaceAllString(strings.TrimSpace(m[2]), "")
	var keep []string
	for _, w := range strings.Fields(topic) {
		switch strings.ToLower(w) {
		case "de", "het", "een", "van", "in", "voor", "op", "aan", "over":
			continue
		}
		keep = append(keep, w)
	}
	if len(keep) == 0 || len(keep) > 8 {
		return ""
	}
	t := strings.Join(keep, " ")
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}
