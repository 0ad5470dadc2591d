package meeting

import (
	"fmt"
	"regexp"
	"strings"
)

// owners resolves the names that action items give to the people of the report, the
// way speakers are resolved: a first name, a surname, initials or a role is the person
// the report knows by that form.
type owners struct {
	ps  *people
	lex *lexicon
	// initials are the capitals that stand for a person ("PPK: …"), folded → as written.
	initials map[string]string
}

// initialsLabel returns the capitals that open a passage as a speaker's label ("PPK:
// …"), or "".
func initialsLabel(s string) string {
	n := 0
	for n < len(s) && n < 5 && s[n] >= 'A' && s[n] <= 'Z' {
		n++
	}
	if n >= 2 && n <= 4 && n+1 < len(s) && s[n] == ':' && s[n+1] == ' ' {
		return s[:n]
	}
	return ""
}

func newOwners(r *Report, ps *people, lex *lexicon) *owners {
	o := &owners{ps: ps, lex: lex, initials: map[string]string{}}
	for _, p := range r.Passages {
		if w := initialsLabel(p.Text); w != "" {
			o.initials[strings.ToLower(w)] = w
		}
	}
	return o
}

// find returns the person a mention refers to without adding anyone.
func (o *owners) find(m mention) *person {
	var p *person
	switch m.kind {
	case mentionFull:
		p = o.ps.findFull(m.first, m.last)
	case mentionSurname:
		p = o.ps.findSurname(m.last)
	case mentionFirst:
		p = o.ps.findFirst(m.first)
	case mentionRole:
		p = o.ps.last[m.role]
		if p == nil {
			p = o.ps.findRole(m.role)
		}
	}
	return p.resolved()
}

// resolve returns the canonical name of the person that s names ("Jan", "JV",
// "secretaris"), or s itself when the report knows nobody by it.
func (o *owners) resolve(s string) string {
	s = strings.TrimSpace(strings.Trim(s, " .,;:()"))
	if s == "" {
		return ""
	}
	toks := tokenize(s)
	for _, m := range findMentions(toks, o.lex) {
		if p := o.find(m); p != nil && p.canonical() != "" {
			return p.canonical()
		}
		if m.kind != mentionRole {
			return m.full()
		}
	}
	if isAcronym(s) {
		for _, p := range o.ps.list {
			if name := p.canonical(); name != "" && (strings.EqualFold(initialsOf(name), s) || p.forms[s] > 0) {
				return name
			}
		}
		return s
	}
	lw := strings.ToLower(s)
	if roleTitles[lw] || isRoleNoun(lw) {
		if p := o.ps.findRole(lw); p != nil && p.canonical() != "" {
			return p.canonical()
		}
		return lw
	}
	for _, p := range o.ps.list {
		if p.forms[s] > 0 {
			return p.canonical()
		}
	}
	return s
}

// subjectAt reads the person who opens a sentence ("Anja", "Dhr. Klasen", "PPK",
// "Wethouder Peter Bot"); it returns the owner and the token after the subject, or "".
func (o *owners) subjectAt(toks []token) (string, int) {
	if len(toks) < 2 {
		return "", 0
	}
	if ms := findMentions(toks, o.lex); len(ms) > 0 && ms[0].start == 0 && ms[0].kind != mentionRole {
		if p := o.find(ms[0]); p != nil && p.canonical() != "" {
			return p.canonical(), ms[0].end
		}
		if ms[0].kind == mentionFull {
			return ms[0].full(), ms[0].end
		}
	}
	if w := toks[0].text; isAcronym(w) {
		if v, ok := o.initials[strings.ToLower(w)]; ok {
			return o.resolve(v), 1
		}
	}
	return "", 0
}

// promiseRe finds a promise made at the meeting ("zegt toe de raad te informeren").
var promiseRe = regexp.MustCompile(`(?i)\b(?:zegt|zeggen|zegde|zegden)\s+(?:\S+\s+){0,3}?toe\b|\btoegezegd\b`)

// lastNamed returns the person that sentence s names last, or "".
func (o *owners) lastNamed(s string) string {
	ms := findMentions(tokenize(s), o.lex)
	for i := len(ms) - 1; i >= 0; i-- {
		if p := o.find(ms[i]); p != nil && p.canonical() != "" {
			return p.canonical()
		}
	}
	return ""
}

// readActions finds the action items of the report: labelled ones ("Actie: Jan",
// "Actie PPK.", "Taak Krijn: uitzoeken …", "(actie: secretaris)") and sentences in which
// a person takes a task ("Anja stuurt de notitie voor 1 juni rond", "PPK gaat uitzoeken
// …", "Hij zal …").
//
// lowers are the passages in lower case.
func readActions(r *Report, lowers []string, o *owners, mv *Minutes) {
	section, actionSection := "", false
	for pi, p := range r.Passages {
		text := p.Text
		if strings.Contains(text, "|") {
			if rows := tableActions(text, o, r.Date); len(rows) > 0 {
				for _, a := range rows {
					a.Passage, a.Listed = pi, true
					r.Actions = append(r.Actions, a)
				}
				continue
			}
		}
		if pi == 0 || p.Section != section {
			section, actionSection = p.Section, mv.isActionSection(p.Section) // read once per section
		}
		if actionSection {
			if a, ok := listAction(text, o); ok {
				a.Passage, a.Listed = pi, true
				r.Actions = append(r.Actions, a)
				continue
			}
		}
		lower := lowers[pi]
		labelsAt := mv.actionLabelsAt(lower)
		promising := strings.Contains(lower, "toe")
		spans := sentenceSpans(text)
		if mv.mayBeDone(lower) {
			for _, sp := range spans {
				if s := text[sp[0]:sp[1]]; mv.isDone(s) {
					r.DoneNotes = append(r.DoneNotes, cleanItem(s))
				}
			}
		}
		quotes := quotedRanges(text)
		for si, sp := range spans {
			s := text[sp[0]:sp[1]]
			if inRanges(quotes, sp[0]) || strings.HasSuffix(s, "?") {
				continue
			}
			if !anyIn(labelsAt, sp) {
				// no label: read the sentence below
			} else if a, ok := mv.labelledAction(text, spans, si, o); ok {
				a.Passage = pi
				// "Karin vergelijkt de offertes. Actie: Karin.": one action.
				if n := len(r.Actions); n > 0 && r.Actions[n-1].Passage == pi && r.Actions[n-1].Text == a.Text {
					if r.Actions[n-1].Owner == "" {
						r.Actions[n-1].Owner = a.Owner
					}
					continue
				}
				r.Actions = append(r.Actions, a)
				continue
			}
			promise := promising && strings.Contains(s, "toe") && promiseRe.MatchString(s)
			if !promise && !mv.mayBeTask(s, 7) {
				continue
			}
			toks := tokenize(s)
			owner, next := o.subjectAt(toks)
			// "Hij zal dit voorbereiden.": a pronoun is the person the sentence before
			// named last.
			if owner == "" && si > 0 && len(toks) > 1 && subjectPronouns[toks[0].lower()] {
				owner, next = o.lastNamed(text[spans[si-1][0]:spans[si-1][1]]), 1
			}
			if owner != "" && (promise || mv.isTask(toks, next)) {
				r.Actions = append(r.Actions, Action{Text: cleanItem(s), Owner: owner, Passage: pi})
			}
		}
	}
	for i := range r.Actions {
		a := &r.Actions[i]
		if a.Due == "" {
			a.Due = readDue(a.Text, r.Date)
		}
		a.Status = StatusOpen
		if mv.isDone(a.Text) {
			a.Status = StatusDone
		}
	}
}

// mayBeTask is a cheap test for a sentence that may give a task: an action verb among
// its first max words.
func (mv *Minutes) mayBeTask(s string, max int) bool {
	n := 0
	for i := 0; i < len(s) && n < max; {
		for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' {
			j++
		}
		if j > i && j-i <= 12 {
			w := s[i:j]
			if hasUpperASCII(w) {
				w = strings.ToLower(w)
			}
			if _, ok := mv.actionVerbs[w]; ok {
				return true
			}
		}
		i = j
		n++
	}
	return false
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// labelledAction reads an action label in sentence si of text.
func (mv *Minutes) labelledAction(text string, spans [][2]int, si int, o *owners) (Action, bool) {
	s := text[spans[si][0]:spans[si][1]]
	loc := mv.actionLabelRe.FindStringSubmatchIndex(s)
	if loc == nil {
		return Action{}, false
	}
	label := s[loc[2]:loc[3]]
	colon := loc[5] > loc[4]
	paren := loc[2] > 0 && s[loc[2]-1] == '('
	// A label is capitalised, or has its colon, or stands in brackets: "actie" in
	// running text ("onderneemt hier actie op") is no label.
	if !colon && !paren && !startsUpper(label) {
		return Action{}, false
	}
	rest := s[loc[1]:]
	who, after := ownerRun(rest)
	var a Action
	switch {
	case paren:
		// "… rondsturen (actie: secretaris)."
		if who == "" {
			return Action{}, false
		}
		a.Owner = o.resolve(who)
		a.Text = cleanItem(strings.TrimSpace(s[:loc[0]]))
	case who != "" && strings.HasPrefix(strings.TrimSpace(after), ":"):
		// "Taak Krijn: uitzoeken welke tools er zijn."
		a.Owner = o.resolve(who)
		a.Text = cleanItem(strings.TrimPrefix(strings.TrimSpace(after), ":"))
	case who != "" && strings.Trim(strings.TrimSpace(after), ".;") == "":
		// "Actie PPK.", "Actie: Jan": the task is what comes before.
		a.Owner = o.resolve(who)
		before := strings.TrimSpace(s[:loc[0]])
		if before == "" && si > 0 {
			before = text[spans[si-1][0]:spans[si-1][1]]
		}
		a.Text = cleanItem(before)
	case colon:
		// "Actie: voortaan van tevoren beslissen …": a task without an owner.
		a.Text = cleanItem(rest)
	default:
		return Action{}, false
	}
	if a.Text == "" {
		return Action{}, false
	}
	return a, true
}

// ownerRun reads a name right after a label: capitalised words (with the particles of
// names between them), initials, or a role word. It returns the name and the rest.
func ownerRun(s string) (string, string) {
	toks := tokenize(s)
	n := 0
	for n < len(toks) && !toks[n].punct {
		t := toks[n]
		lw := t.lower()
		if t.cap() || isAcronym(t.text) {
			n++
			continue
		}
		if n == 0 && (roleTitles[lw] || isRoleNoun(lw)) {
			n++
			break
		}
		if n > 0 && (lw == "van" || lw == "de" || lw == "der" || lw == "den" || lw == "en") && n+1 < len(toks) && toks[n+1].cap() {
			n++
			continue
		}
		return "", s // a lower-case word: not a name
	}
	if n == 0 || n > 4 {
		return "", s
	}
	if n < len(toks) && !toks[n].punct {
		return "", s
	}
	end := toks[n-1].end
	return s[:end], s[end:]
}

// isTask reports whether the words from toks[at] make the sentence a task of its
// subject: an action verb, and for "zal"/"gaat" a task after it ("gaat uitzoeken", not
// "gaat akkoord", "zal aanwezig zijn").
func (mv *Minutes) isTask(toks []token, at int) bool {
	if at >= len(toks) || toks[at].punct {
		return false
	}
	v := toks[at].folded()
	particle, ok := mv.actionVerbs[v]
	if !ok {
		return false
	}
	if at+1 < len(toks) {
		nx := toks[at+1].folded()
		if nx == "zich" || mv.notTasks[nx] || toks[at+1].punct && toks[at+1].text != "," {
			return false
		}
	}
	words, _ := foldedWords(toks[at+1:])
	if len(words) == 0 {
		return false
	}
	if mv.notTasks[words[len(words)-1]] {
		return false
	}
	if particle != "" {
		for _, w := range words {
			if w == particle {
				return true
			}
		}
		return false
	}
	return true
}

func (mv *Minutes) isDone(s string) bool {
	words, _ := foldedWords(tokenize(s))
	for _, w := range words {
		if mv.done[w] {
			return true
		}
	}
	return false
}

var (
	dueDateRe    = regexp.MustCompile(`(?i)\b(?:voor|vóór|uiterlijk|per|op|rond|tot)\s+(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+)?(\d{1,2})\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)(?:\s+(\d{4}))?`)
	dueNextRe    = regexp.MustCompile(`(?i)\b(?:eerst)?volgende\s+(?:vergadering|overleg|bijeenkomst|keer)\b`)
	dueMomentRe  = regexp.MustCompile(`(?i)\b(?:voor|vóór|uiterlijk|in|op|eind|begin)\s+((?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b(?:\s+\d{4})?)`)
	dueWeekdayRe = regexp.MustCompile(`(?i)\b(maandag|dinsdag|woensdag|donderdag|vrijdag)\b`)
)

// readDue reads when an action is due: a date (the year from the meeting when the text
// gives none), "volgende vergadering", or a moment as written ("december", "dinsdag").
func readDue(s, meetingDate string) string {
	if m := dueDateRe.FindStringSubmatch(s); m != nil {
		month := monthNames[strings.ToLower(m[2])]
		day := 0
		fmt.Sscan(m[1], &day)
		year := 0
		if m[3] != "" {
			fmt.Sscan(m[3], &year)
		} else if len(meetingDate) >= 7 {
			var my, mm int
			fmt.Sscanf(meetingDate, "%d-%d", &my, &mm)
			year = my
			if month < mm {
				year++ // "voor 10 januari" at a meeting in december
			}
		}
		if year > 0 && day >= 1 && day <= 31 {
			return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
		}
		return strings.ToLower(m[1] + " " + m[2])
	}
	if dueNextRe.MatchString(s) {
		return DueNextMeeting
	}
	if m := dueMomentRe.FindStringSubmatch(s); m != nil {
		return strings.ToLower(m[1])
	}
	if m := dueWeekdayRe.FindStringSubmatch(s); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// actionLabelsAt returns where the lower-case text l holds a word that may be an
// action label; the label regexp decides.
func (mv *Minutes) actionLabelsAt(l string) []int {
	var out []int
	for _, stem := range mv.actionStems {
		for off := 0; ; {
			i := strings.Index(l[off:], stem)
			if i < 0 {
				break
			}
			out = append(out, off+i)
			off += i + len(stem)
		}
	}
	return out
}

// anyIn reports whether one of the offsets lies in the span sp.
func anyIn(offsets []int, sp [2]int) bool {
	for _, o := range offsets {
		if o >= sp[0] && o < sp[1] {
			return true
		}
	}
	return false
}

// mayBeDone is a cheap test for a done word in the lower-case text l.
func (mv *Minutes) mayBeDone(l string) bool {
	return mv.doneWords.in(l)
}

// stopWords are left out when an action item is compared with what a later meeting
// reports done.
var stopWords = map[string]bool{"deze": true, "over": true, "voor": true, "naar": true, "met": true, "gaat": true,
	"zal": true, "zijn": true, "wordt": true, "worden": true, "hebben": true, "heeft": true, "niet": true,
	"nog": true, "ook": true, "een": true, "het": true, "de": true, "dat": true, "die": true, "van": true,
	"bij": true, "aan": true, "volgende": true, "vergadering": true, "actie": true, "taak": true}

// ContentWords are the words of s that carry its meaning, folded, for comparing an
// action item with a later report of work done.
func ContentWords(s string) []string {
	var out []string
	for _, t := range tokenize(s) {
		if t.punct {
			continue
		}
		w := t.folded()
		if len([]rune(w)) >= 4 && !stopWords[w] && !containsFold(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// SameAction reports whether two action items name the same task: they share two of
// their words, or all of the shorter one's.
func SameAction(a, b string) bool {
	wa, wb := ContentWords(a), ContentWords(b)
	shared := 0
	for _, w := range wa {
		if containsFold(wb, w) {
			shared++
		}
	}
	return shared >= 2 || shared > 0 && shared == min(len(wa), len(wb))
}

// DoneBy reports whether one of the notes of a later meeting reports the action done:
// a note that shares two of its words, or one and the owner's name.
func DoneBy(a Action, notes []string) bool {
	words := ContentWords(a.Text)
	owner := ""
	if a.Owner != "" {
		owner = fold(lastWord(a.Owner))
	}
	for _, n := range notes {
		nw := ContentWords(n)
		shared := 0
		for _, w := range words {
			if containsFold(nw, w) {
				shared++
			}
		}
		if shared >= 2 || shared == 1 && owner != "" && containsFold(nw, owner) {
			return true
		}
	}
	return false
}

// sectionNumberRe is the number of an agenda item before its heading ("3. ", "3b ").
// trimSectionNumber is sectionNumberRe.ReplaceAllString(s, ""), which only a text that
// starts with a digit (after white space) can change: ReplaceAllString copies the
// text even when nothing matches.
func trimSectionNumber(s string) string {
	if t := strings.TrimLeft(s, " \t\n\f\r"); t == "" || !isDigit(t[0]) {
		return s
	}
	return sectionNumberRe.ReplaceAllString(s, "")
}

var sectionNumberRe = regexp.MustCompile(`^\s*\d+[a-z]?[.)]?\s+`)

// isActionSection reports whether a heading is that of an action list ("Actielijst",
// "3. Actiepunten vorige vergadering", "Actielijst 13 oktober").
func (mv *Minutes) isActionSection(section string) bool {
	if section == "" {
		return false
	}
	words := strings.Fields(fold(trimSectionNumber(section)))
	if len(words) == 0 {
		return false
	}
	first := strings.TrimRight(words[0], ":")
	return mv.actionSections[first] || len(words) > 1 && mv.actionSections[first+" "+strings.TrimRight(words[1], ":")]
}

// listAction reads an item of an action list: what is to be done, and who, named at
// its end ("Notitie rondsturen (Piet)", "Offertes opvragen – Karin") or at its start
// ("Piet: notitie rondsturen").
func listAction(text string, o *owners) (Action, bool) {
	item := cleanItem(trimSectionNumber(text))
	if item == "" || len(item) > 300 {
		return Action{}, false
	}
	trimmed := strings.TrimRight(item, ". ")
	// "(Piet)", "(actie: Piet)" at the end.
	if strings.HasSuffix(trimmed, ")") {
		if open := strings.LastIndexByte(trimmed, '('); open > 0 {
			inner := strings.TrimSpace(trimmed[open+1 : len(trimmed)-1])
			if _, after, ok := strings.Cut(inner, ":"); ok {
				inner = strings.TrimSpace(after)
			}
			if who, rest := ownerRun(inner); who != "" && strings.TrimSpace(rest) == "" {
				return Action{Text: strings.TrimSpace(trimmed[:open]), Owner: o.resolve(who)}, true
			}
		}
	}
	// "– Karin", "- Karin" at the end.
	for _, sep := range []string{" – ", " - ", " — "} {
		if i := strings.LastIndex(trimmed, sep); i > 0 {
			if who, rest := ownerRun(trimmed[i+len(sep):]); who != "" && strings.TrimSpace(rest) == "" {
				return Action{Text: strings.TrimSpace(trimmed[:i]), Owner: o.resolve(who)}, true
			}
		}
	}
	// "Piet: notitie rondsturen".
	if i := strings.IndexByte(trimmed, ':'); i > 0 {
		if who, rest := ownerRun(trimmed[:i]); who != "" && strings.TrimSpace(rest) == "" && o.known(who) {
			return Action{Text: strings.TrimSpace(trimmed[i+1:]), Owner: o.resolve(who)}, true
		}
	}
	return Action{}, false
}

// known reports whether the report knows a person by s.
func (o *owners) known(s string) bool {
	r := o.resolve(s)
	for _, p := range o.ps.list {
		if p.canonical() == r {
			return true
		}
	}
	return false
}

// Column names of an action table ("wie / wat / wanneer"), lower case.
var (
	tableWhat = map[string]bool{"wat": true, "actie": true, "acties": true, "actiepunt": true, "actiepunten": true,
		"omschrijving": true, "taak": true, "taken": true, "onderwerp": true, "afspraak": true}
	tableWho = map[string]bool{"wie": true, "door": true, "eigenaar": true, "verantwoordelijke": true,
		"actiehouder": true, "uitvoerder": true, "trekker": true, "actie door": true}
	tableWhen = map[string]bool{"wanneer": true, "deadline": true, "datum": true, "gereed": true, "klaar": true,
		"termijn": true, "uiterlijk": true, "streefdatum": true, "planning": true}
)

// tableCells splits a table row at its bars: "| a | b |" and "a | b" give [a b].
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	cells := strings.Split(line, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

// tableActions reads an action table: a row naming its columns (what, who and
// optionally when: "Wat | Wie | Wanneer", "Actie | Eigenaar | Deadline"), then one
// action a row. It returns nothing for any other table.
func tableActions(text string, o *owners, meetingDate string) []Action {
	lines := strings.Split(text, "\n")
	what, who, when := -1, -1, -1
	var out []Action
	for _, line := range lines {
		if !strings.Contains(line, "|") {
			continue
		}
		cells := tableCells(line)
		if what < 0 || who < 0 {
			what, who, when = -1, -1, -1
			for i, c := range cells {
				c = strings.ToLower(strings.TrimRight(c, ":?"))
				switch {
				case tableWhat[c] && what < 0:
					what = i
				case tableWho[c] && who < 0:
					who = i
				case tableWhen[c] && when < 0:
					when = i
				}
			}
			continue
		}
		if strings.Trim(line, "|-: \t") == "" {
			continue // the rule under a Markdown header
		}
		if what >= len(cells) || cells[what] == "" {
			continue
		}
		a := Action{Text: cells[what]}
		if who < len(cells) && cells[who] != "" {
			a.Owner = o.resolve(cells[who])
		}
		if when >= 0 && when < len(cells) && cells[when] != "" {
			// The column holds the moment itself: a date ("1 april" is due by then),
			// the next meeting, or else the moment as written ("eind oktober").
			a.Due = cells[when]
			if d := readDue("voor "+cells[when], meetingDate); len(d) == len("2006-01-02") || d == DueNextMeeting {
				a.Due = d
			}
		}
		out = append(out, a)
	}
	return out
}
