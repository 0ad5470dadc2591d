package meeting

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kennisbank/internal/editdist"
)

// people collects the persons of one report while it is read.
type people struct {
	list []*person
	last map[string]*person // the person last referred to by a role ("wethouder")
	// rosterRoles are the roles that lists of people give (folded name → role):
	// "Schrama (vz)", "Voorzitter" / "D Logemann".
	rosterRoles map[string]string
}

// sentenceInfo is one sentence of a passage with its mentions.
type sentenceInfo struct {
	text     string
	toks     []token
	mentions []mention
	speech   bool
	label    *person // the speaker when the sentence is only a transcript label
}

// kept is the sentence as readPeople keeps it for assignTurns, which reads the tokens
// of a passage's first sentence only: the tokens of the others (number k > 0 in the
// passage) are dropped, so that one slice can hold them in turn.
func (si sentenceInfo) kept(k int) sentenceInfo {
	if k > 0 {
		si.toks = nil
	}
	return si
}

// transcriptLabelRe matches a speaker label on a line of its own, as parliamentary
// reports print them: "De heer Van Haersma Buma (CDA):", "Minister Rutte:", "De voorzitter:".
var transcriptLabelRe = regexp.MustCompile(`^((?:[Dd]e heer|[Mm]evrouw|[Mm]inister(?:-president)?|[Ss]taatssecretaris|[Dd]e voorzitter|[Vv]oorzitter|[Ww]ethouder|[Bb]urgemeester)\b)\s*([^():]{0,60}?)\s*(?:\(([^)]*)\))?\s*:$`)

// mayBeTranscriptLabel is a fast test that transcriptLabelRe may match s: a label
// starts with one of the letters of its titles and ends with a colon.
func mayBeTranscriptLabel(s string) bool {
	return strings.HasSuffix(s, ":") && strings.IndexByte("DdMmSsVvWwBb", s[0]) >= 0
}

// isTranscriptLabel is transcriptLabelRe.MatchString(s), after mayBeTranscriptLabel.
func isTranscriptLabel(s string) bool {
	return mayBeTranscriptLabel(s) && transcriptLabelRe.MatchString(s)
}

// findTranscriptLabel is transcriptLabelRe.FindStringSubmatch(s), after
// mayBeTranscriptLabel.
func findTranscriptLabel(s string) []string {
	if !mayBeTranscriptLabel(s) {
		return nil
	}
	return transcriptLabelRe.FindStringSubmatch(s)
}

var (
	gemeenteRe   = regexp.MustCompile(`\b[Gg]emeente\s+(\p{Lu}[\p{L}'-]+(?:\s+(?:aan|den|op|en|de)\s+\p{Lu}?[\p{L}'-]+)*)`)
	werkzaamRe   = regexp.MustCompile(`(?i)^\s*(?:werkzaam|actief|werkend)\s+(?:o\.a\.\s+|onder\s+andere\s+)?(?:bij|voor)\s+(.+?)\s*$`)
	roleOrgRe    = regexp.MustCompile(`^(.*?\S)\s+(?:van|bij|via|namens)\s+((?:de\s+|het\s+)?\S*\p{Lu}\S*(?:\s+(?:van\s+)?\S*\p{Lu}\S*)*)\s*$`)
	werkgroepRe  = regexp.MustCompile(`(?i)\bneemt\s+deel\s+aan\s+de\s+(werkgroep|commissie|stuurgroep)\s+([^.,;]+)`)
	alsRoleRe    = regexp.MustCompile(`^\s*\S+\s+als\s+(\S+)(\s+van\s+de\s+(?:werkgroep|commissie)\s+\p{Lu}\S*)?`)
	isRoleRe     = regexp.MustCompile(`^\s*(?:is|was)\s+((?:\S+\s+){0,3}?\S+?)\s+(?:om|van|bij|voor|die|dat|en|in)\b`)
	orgListSplit = regexp.MustCompile(`\s*,\s*|\s+en\s+`)
)

// readPeople finds the people of the report, who of them spoke, and whom each passage
// is credited to.
// It returns the people and the names it learnt, for reading action owners.
func readPeople(d *doc, r *Report, fix People, sp *Speech) (*people, *lexicon) {
	ps := &people{last: map[string]*person{}}
	blockTexts := make([]string, len(d.blocks))
	for i, b := range d.blocks {
		blockTexts[i] = strings.Join(b.lines, "\n")
	}
	lex, rosterRoles := buildLexicon(blockTexts)
	lex.speech = sp
	ps.rosterRoles = rosterRoles
	// Headings name people too ("Positief gesprek met Wethouder Bouke Velzen").
	for i, b := range d.blocks {
		if d.kinds[i] == kindHeading || d.kinds[i] == kindTitle {
			s := b.text()
			toks := tokenize(s)
			// "Interview met Karin Smit", "Gesprek met wethouder Ruud Smeets": the one
			// interviewed speaks.
			interview := d.kinds[i] == kindTitle && interviewTitleRe.MatchString(s)
			for _, m := range findMentions(toks, lex) {
				ps.resolve(&m, s, toks, false)
				if interview && m.person != nil {
					m.person.speaker = true
				}
			}
		}
	}
	perPassage := make([][]sentenceInfo, len(r.Passages))
	attendance := ""
	// In a transcript with speaker labels only the labelled people speak; names in the
	// speeches are people spoken about.
	labels := 0
	for _, p := range r.Passages {
		if isTranscriptLabel(strings.TrimSpace(p.Text)) {
			labels++
		}
	}
	transcript := labels >= 3
	// A list announced as speech ("Hierna volgt een voorstelrondje.", "De volgende
	// vijf mensen spreken in:"): the person each item starts with speaks.
	intro := false
	var lastNamed *person // the one person the sentence before named
	var scratch []token   // the tokens of a sentence after a passage's first
	for pi := range r.Passages {
		if d.stopped() {
			return ps, lex
		}
		p := &r.Passages[pi]
		text := p.Text
		// In a transcript with speaker labels only the labels say who speaks.
		if intro && !transcript {
			intro = ps.introItems(text, lex)
		}
		if !transcript {
			ps.itemRaisers(text)
		}
		mode := attendanceMode(p.Section, text)
		if mode == "" && attendance != "" && pi > 0 && r.Passages[pi-1].Section == p.Section && isNameList(text) {
			mode = attendance
		}
		attendance = mode
		if lm := findTranscriptLabel(strings.TrimSpace(text)); lm != nil {
			who := ps.labelPerson(lm[1], lm[2], lm[3])
			who.speaker = true
			perPassage[pi] = []sentenceInfo{{text: text, toks: tokenize(text), label: who}}
			continue
		}
		for k, s := range sentences(text) {
			si := sentenceInfo{text: s}
			ts := uncapLabel(s) // the text the tokens are read from: s, with a label in capitals in title case
			if k == 0 {
				si.toks = tokenize(ts)
			} else {
				scratch = appendTokens(scratch[:0], ts)
				si.toks = scratch
			}
			ms := ps.initialMentions(si.toks, findMentions(si.toks, lex))
			if len(ms) == 0 {
				// Whether the sentence is speech, or says who was there, matters only
				// for the people it names, and for a list it announces.
				if mode == "" && pi+1 < len(r.Passages) && listItemRe.MatchString(r.Passages[pi+1].Text) && strings.HasSuffix(text, s) {
					intro = intro || speechSentence(s, si.toks, sp).speech || len(sp.leadEnds(si.toks)) > 0
				}
				// "Wethouder Robèrt Smits was ook aanwezig. Hij sprak zijn waardering
				// uit.": a pronoun that opens a sentence of speech is the one person
				// the sentence before named.
				if who := lastNamed; who != nil && !transcript && len(si.toks) > 2 && subjectPronouns[si.toks[0].lower()] && mode == "" {
					if spi := speechSentence(s, si.toks, sp); spi.speech && spi.verb == 1 && !spi.passive {
						who.speaker = true
					}
				}
				lastNamed = nil
				perPassage[pi] = append(perPassage[pi], si.kept(k))
				continue
			}
			spi := speechSentence(s, si.toks, sp)
			si.speech = spi.speech
			sMode := mode
			if mayBeAbsence(s) && (absentLeads(s) || absentTail.MatchString(s)) {
				sMode = "absent"
			} else if presentLeads(s) {
				sMode = "present"
			} else if sMode != "" && spi.speech && !isNameList(s) {
				sMode = "" // "Aanwezig: …" and then "Bianca opent de vergadering." in one passage
			}
			if sMode == "" {
				decideActing(si.toks, ms, spi, sp)
			} else {
				for k := range ms {
					ms[k].acting = ms[k].label
				}
			}
			for k := range ms {
				m := &ms[k]
				ps.resolve(m, s, si.toks, m.acting)
				if m.person == nil {
					continue
				}
				if m.kind == mentionFull && m.last != "" {
					// "Ruben de Jong …", then "De Jong benadrukte …": the surname alone
					// names him further on, as a listed one does.
					lex.addSurname(m.last)
				}
				switch sMode {
				case "absent":
					m.person.absent = true
					m.acting = false
				case "present":
					m.person.present = true
				}
				if transcript && !m.label {
					m.acting = false
				}
				if m.acting {
					m.person.speaker = true
				}
			}
			si.mentions = ms
			lastNamed = nil
			for _, m := range ms {
				if m.person == nil {
					continue
				}
				if lastNamed != nil && lastNamed != m.person.resolved() {
					lastNamed = nil // two people: the pronoun is not sure
					break
				}
				lastNamed = m.person.resolved()
			}
			// "… hebben ons als dagvoorzitter door het programma geleid."
			if m := findIfHas(alsTitleRe, s, " als "); m != nil {
				for _, mm := range ms {
					if mm.acting && mm.person != nil {
						mm.person.addRole(strings.ToLower(m[1]))
					}
				}
			}
			perPassage[pi] = append(perPassage[pi], si.kept(k))
		}
	}
	ps.mergeLate()
	ps.applyFixes(fix)
	for _, p := range ps.list {
		d.personOrgs = append(d.personOrgs, p.orgs...)
	}

	// Speakers and mentioned people.
	for _, p := range ps.list {
		if p.absent {
			p.speaker = false
		}
	}
	seen := map[string]bool{}
	for _, p := range ps.list {
		name := p.canonical()
		if name == "" || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		if !p.speaker {
			r.Mentioned = append(r.Mentioned, name)
			continue
		}
		sp := Speaker{Name: name, Role: strings.Join(p.roles, ", "), Organisation: strings.Join(p.orgs, ", ")}
		for _, f := range p.order {
			if f != name && !containsFold(sp.Aliases, f) {
				sp.Aliases = append(sp.Aliases, f)
			}
		}
		for _, a := range p.aliasExtra {
			if a != name && !containsFold(sp.Aliases, a) {
				sp.Aliases = append(sp.Aliases, a)
			}
		}
		r.Speakers = append(r.Speakers, sp)
	}
	assignTurns(r, perPassage)
	return ps, lex
}

// introItems reads a passage that may continue a list of speakers: each line that is
// a list item starting with a name makes that person a speaker. It reports whether the
// passage was such a list, so the next one may continue it.
func (ps *people) introItems(text string, lex *lexicon) bool {
	found := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		loc := listItemRe.FindStringIndex(line)
		if loc == nil {
			continue
		}
		item := line[loc[1]:]
		toks := tokenize(item)
		ms := findMentions(toks, lex)
		var m mention
		switch {
		case len(ms) > 0 && ms[0].start == 0 && ms[0].kind != mentionRole:
			m = ms[0]
		default:
			// An announced speaker need not have a common given name: "Kokou
			// Djagnikpo komt uit …" as an item of the list.
			k, ok := surnameAt(toks, 1)
			if len(toks) < 2 || !capitalisedWord(toks[0].text) || notNames[toks[0].text] || !ok {
				continue
			}
			m = mention{kind: mentionFull, first: toks[0].text, last: joinTokens(toks[1:k]), end: k}
		}
		ps.resolve(&m, item, toks, true)
		if m.person != nil {
			m.person.speaker = true
			found = true
		}
	}
	return found
}

// subjectPronouns stand for one person as the subject of a sentence.
var subjectPronouns = map[string]bool{"hij": true, "zij": true, "ze": true}

// raiserRe matches an agenda item with the first name of whoever raised it in
// brackets: "• Overlast park (Piet)", with or without the text of the item after it.
var raiserRe = regexp.MustCompile(`^(?:[-*•·–]\s+|\d{1,2}[.)]\s+)?[^.():;]{3,80}?\((\p{Lu}[\p{Ll}\p{M}'’-]+)\)`)

// itemRaisers reads agenda items of a passage that name, in brackets, the member who
// raised them ("Overlast park (Piet)", "Coronagevallen (Ton)"): that member spoke to
// the item. Only the first name of somebody the report lists in full counts.
func (ps *people) itemRaisers(text string) {
	for _, line := range itemLines(text) {
		if !strings.Contains(line, "(") {
			continue
		}
		m := raiserRe.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || !isFirstName(m[1]) && ps.findFirst(m[1]) == nil {
			continue
		}
		if p := ps.findFirst(m[1]); p != nil && p.last != "" && !p.absent {
			p.speaker = true
		}
	}
}

// itemLines splits a passage into its lines, and a line into its bullet items: a
// report's text may run the items of a list into one paragraph ("• Kennismaking … •
// Overlast park (Piet) De overlast …").
func itemLines(text string) []string {
	lines := strings.Split(text, "\n")
	if !strings.Contains(text, " • ") {
		return lines
	}
	var out []string
	for _, l := range lines {
		for {
			i := strings.Index(l, " • ")
			if i < 0 {
				break
			}
			out = append(out, l[:i])
			l = l[i+1:]
		}
		out = append(out, l)
	}
	return out
}

// findIfHas is re.FindStringSubmatch(s), run only when s holds word (in any case).
func findIfHas(re *regexp.Regexp, s, word string) []string {
	if !strings.Contains(strings.ToLower(s), word) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// mayBeAbsence is a fast test that absentLead or absentTail may match s: each of their
// forms holds one of these words.
func mayBeAbsence(s string) bool {
	return absenceWords.in(strings.ToLower(s))
}

var absenceWords = newSubstrings("afwezig", "afgemeld", "verhinder", "absent", "zich")

var alsTitleRe = regexp.MustCompile(`(?i)\b(?:hebben|heeft|hebben\s+ons|heeft\s+ons)\b[^.]*?\bals\s+(dagvoorzitter|voorzitter|gespreksleider|moderator|notulist|gastheer|gastvrouw)\b`)

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// attendanceMode says whether a passage lists who was present or absent.
func attendanceMode(section, text string) string {
	ls := strings.ToLower(strings.TrimSpace(section))
	switch {
	case absentLeads(text):
		return "absent"
	case presentLeads(text):
		return "present"
	case strings.HasPrefix(ls, "afwezig") || strings.HasPrefix(ls, "afgemeld"):
		return "absent"
	case strings.HasPrefix(ls, "aanwezig") && isNameList(text):
		return "present"
	}
	return ""
}

// isNameList reports whether a passage is only a list of names.
func isNameList(text string) bool {
	items := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ',' })
	if len(items) == 0 {
		return false
	}
	for _, it := range items {
		it = strings.TrimSpace(trimBullet(strings.TrimSpace(it)))
		if i := strings.Index(it, "("); i >= 0 {
			it = strings.TrimSpace(it[:i])
		}
		it = strings.TrimSuffix(it, ".")
		if len(strings.Fields(it)) > 5 || it == "" || !startsUpper(it) {
			return false
		}
	}
	return true
}

// interviewTitleRe is the title of an interview.
var interviewTitleRe = regexp.MustCompile(`(?i)^(?:(?:dubbel|vraag)?interview|(?:in\s+)?gesprek|vraaggesprek|te\s+gast)\s*(?:[:|–-]\s*)?met\s+`)

// uncapLabel writes a speaker's label in capitals in title case, "JAN DE BOER: Welkom."
// as "Jan de Boer: Welkom.", so that it reads as a name; it returns s itself when s
// opens with no such label. The result is as long as s, byte for byte, so the offsets
// of its tokens are offsets in s.
func uncapLabel(s string) string {
	colon := strings.IndexByte(s, ':')
	if colon < 3 || colon > 40 {
		return s
	}
	label := s[:colon]
	ws := strings.Fields(label)
	if len(ws) < 1 || len(ws) > 5 {
		return s
	}
	for _, w := range ws {
		if !isUpperCase(w) || utf8.RuneCountInString(w) < 2 && !particles[strings.ToLower(w)] {
			return s
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '.' {
				return s
			}
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	word := 0
	for i := 0; i < len(label); {
		if label[i] == ' ' {
			b.WriteByte(' ')
			i++
			continue
		}
		j := i
		for j < len(label) && label[j] != ' ' {
			j++
		}
		w := label[i:j]
		low := strings.ToLower(w)
		if len(low) != len(w) {
			return s // a letter whose cases differ in length: leave the label
		}
		if word > 0 && particles[low] {
			b.WriteString(low)
		} else {
			_, size := utf8.DecodeRuneInString(w)
			b.WriteString(w[:size])
			b.WriteString(titleRest(low[size:]))
		}
		word++
		i = j
	}
	if b.Len() != len(label) {
		return s
	}
	// One word must be a given name: "NB:" and "VVD:" are no names.
	named := false
	for _, w := range strings.Fields(b.String()) {
		named = named || isFirstName(w)
	}
	if !named {
		return s
	}
	return b.String() + s[colon:]
}

// titleRest returns the rest of a word in title case after its first letter: lower
// case, with a capital again after a hyphen ("PETER-PAUL" → "Peter-Paul").
func titleRest(low string) string {
	if !strings.Contains(low, "-") {
		return low
	}
	parts := strings.Split(low, "-")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p != "" {
			r, size := utf8.DecodeRuneInString(p)
			up := string(unicode.ToUpper(r))
			if len(up) == size {
				parts[i] = up + p[size:]
			}
		}
	}
	return strings.Join(parts, "-")
}

// findMentions finds the names and role references in a sentence.
func findMentions(toks []token, lex *lexicon) []mention {
	var out []mention
	for i := 0; i < len(toks); {
		if m, ok := parseName(toks, i, lex); ok {
			// "IKC Alexander", "Hotel Jan": a first name inside a capitalised name, but
			// not after a word that opens the sentence ("En Barbara geeft aan",
			// "Geeft Geertje aan") or before a speech verb ("Opening Bianca opent").
			if m.kind == mentionFirst && len(m.titles) == 0 && i > 0 && toks[i-1].cap() && !toks[i-1].punct &&
				!(i == 1 && (notNames[toks[0].text] || personNoun(toks[0].text)) || lex.isSpeechVerbForm(toks[i-1].text) ||
					m.end < len(toks) && lex.isSpeechVerbForm(toks[m.end].text)) {
				i = m.end
				continue
			}
			if labelAt(toks, m.start, m.end) {
				m.label = true
			}
			// "De heer Yilmaz (PvdA): Dank u, voorzitter.": a label with the party or
			// role in brackets, at the start of the sentence.
			if m.start == 0 && m.end+2 < len(toks) && toks[m.end].text == "(" {
				for j := m.end + 1; j < len(toks) && j <= m.end+8; j++ {
					if toks[j].text == ")" {
						m.label = j+1 < len(toks) && toks[j+1].text == ":"
						break
					}
				}
			}
			// "Antwoord (wethouder Karin Smit): …", "Vraag (Jan): …": the one who answers
			// or asks, in brackets after the sentence's first word.
			if m.start == 2 && toks[1].text == "(" && !toks[0].punct && m.end+1 < len(toks) && toks[m.end].text == ")" && toks[m.end+1].text == ":" {
				m.label = true
			}
			out = append(out, m)
			i = m.end
			continue
		}
		lw := toks[i].lower()
		// "Voorzitter sluit de vergadering": minutes drop the article of a role.
		if i == 0 && toks[0].cap() && roleTitles[lw] && len(toks) > 1 && !toks[1].cap() && !toks[1].punct {
			out = append(out, mention{kind: mentionRole, role: lw, start: 0, nameStart: 0, end: 1})
			i++
			continue
		}
		if (lw == "de" || lw == "onze" || lw == "het") && i+1 < len(toks) && roleTitles[toks[i+1].lower()] {
			m := mention{kind: mentionRole, role: toks[i+1].lower(), start: i, nameStart: i + 1, end: i + 2}
			if m.end < len(toks) && toks[m.end].text == ":" && i == 0 {
				m.label = true
			}
			// "de voorzitter van de vertrouwenscommissie" is someone else's role.
			if !(m.end+1 < len(toks) && toks[m.end].lower() == "van") {
				out = append(out, m)
			}
			i += 2
			continue
		}
		i++
	}
	return bracketedHolders(toks, out)
}

// bracketedHolders joins a role and the name in brackets after it, "De voorzitter
// (Gerda Mulder) opent de vergadering": one mention of the named person in that role,
// where the role stood.
func bracketedHolders(toks []token, ms []mention) []mention {
	for k := 0; k+1 < len(ms); k++ {
		r, n := ms[k], ms[k+1]
		if r.kind != mentionRole || n.kind == mentionRole || n.start != r.end+1 || toks[r.end].text != "(" ||
			n.end >= len(toks) || toks[n.end].text != ")" {
			continue
		}
		n.titles = append(n.titles, r.role)
		n.start, n.label = r.start, r.label
		ms[k+1] = n
		ms = append(ms[:k], ms[k+1:]...)
	}
	return ms
}

// resolve links a mention to a person, creating the person when needed, and reads the
// role and organisation the sentence gives.
func (ps *people) resolve(m *mention, s string, toks []token, acting bool) {
	var p *person
	switch m.kind {
	case mentionFull:
		p = ps.findFull(m.first, m.last)
		if p == nil {
			p = ps.add(m.first, m.last)
		}
		if p.first == "" {
			p.first = m.first
		}
		if p.last == "" {
			p.last = m.last
		}
		p.addForm(m.full())
		if r := ps.rosterRoles[fold(m.full())]; r != "" {
			p.addRole(r)
		}
	case mentionSurname:
		p = ps.findSurname(m.last)
		if p == nil {
			p = ps.add("", m.last)
		}
		p.addForm(m.last)
		if r := ps.rosterRoles[fold(m.last)]; r != "" {
			p.addRole(r)
		}
	case mentionFirst:
		p = ps.findFirst(m.first)
		if p == nil {
			p = ps.add(m.first, "")
		}
		p.addForm(m.first)
	case mentionRole:
		p = ps.last[m.role]
		if p == nil {
			p = ps.findRole(m.role)
		}
		if p == nil && m.label {
			// "De voorzitter: Ik open de vergadering.": the chair speaks, unnamed, as
			// a label on a line of its own makes them.
			p = ps.labelPerson("de "+m.role, "", "")
		}
		if p == nil {
			return
		}
	}
	m.person = p
	for _, t := range m.titles {
		// "de stadsdeelwethouder Jurgen van Houdt", then "de wethouder".
		if head := roleHead(t); head != "" {
			p.addRole(t)
			ps.last[head] = p
		}
	}
	if hasTitle(m.titles, "prof.") {
		if hasTitle(m.titles, "dr.") {
			p.addRole("hoogleraar (prof. dr.)")
		} else {
			p.addRole("hoogleraar (prof.)")
		}
	}
	for _, r := range p.roles {
		if roleTitles[r] {
			ps.last[r] = p
		}
	}
	if m.kind != mentionRole {
		readContext(p, m, s, toks)
	}
}

// labelPerson finds or makes the person of a transcript label.
func (ps *people) labelPerson(title, name, party string) *person {
	lt := strings.ToLower(title)
	name = strings.TrimSpace(name)
	if name == "" {
		role := strings.TrimPrefix(lt, "de ")
		if p := ps.last[role]; p != nil {
			return p
		}
		for _, p := range ps.list {
			if p.first == "" && p.last == "" && p.hasRole(role) {
				return p
			}
		}
		p := ps.add("", "")
		p.addForm("de " + role)
		p.addRole(role)
		return p
	}
	p := ps.findSurname(name)
	if p == nil {
		p = ps.add("", name)
	}
	p.addForm(name)
	if roleTitles[strings.Fields(lt)[0]] {
		p.addRole(strings.Fields(lt)[0])
	}
	if party != "" {
		p.addOrg(party)
	}
	return p
}

func hasTitle(ts []string, t string) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

func (ps *people) add(first, last string) *person {
	p := &person{first: first, last: last, seq: len(ps.list)}
	ps.list = append(ps.list, p)
	return p
}

func (ps *people) findFull(first, last string) *person {
	fl, ff := fold(last), fold(first)
	for _, p := range ps.list {
		if p.last != "" && p.first != "" && p.foldedFirst() == ff && similarName(p.foldedLast(), fl) {
			return p
		}
	}
	// A person known so far by surname or first name only.
	for _, p := range ps.list {
		if p.first == "" && p.last != "" && similarName(p.foldedLast(), fl) {
			return p
		}
	}
	for _, p := range ps.list {
		if p.last == "" && p.foldedFirst() == ff {
			return p
		}
	}
	return nil
}

func (ps *people) findSurname(last string) *person {
	fl := fold(last)
	for _, p := range ps.list {
		if p.last != "" && similarName(p.foldedLast(), fl) {
			return p
		}
	}
	// "Van der Windt" against "van der Windt": compare the last word too.
	lw := lastWord(fl)
	for _, p := range ps.list {
		if p.last != "" && lastWord(p.foldedLast()) == lw && len(lw) > 3 {
			return p
		}
	}
	return nil
}

func (ps *people) findFirst(first string) *person {
	f := fold(first)
	fh := f + "-"
	var cands []*person
	for _, p := range ps.list {
		pf := p.foldedFirst()
		if pf == f || strings.HasPrefix(pf, fh) || p.last == "" && similarName(pf, f) {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Prefer someone present or already speaking, then the first named.
	for _, p := range cands {
		if p.speaker || p.present {
			return p
		}
	}
	return cands[0]
}

func (ps *people) findRole(role string) *person {
	var found *person
	for _, p := range ps.list {
		if p.hasRole(role) && !p.absent {
			if found != nil {
				return nil // ambiguous
			}
			found = p
		}
	}
	return found
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// similarName compares folded surnames, allowing one letter of difference in longer
// names ("smitsman", "smitsmans"; "waaijer", "waayer").
func similarName(a, b string) bool {
	if a == b {
		return true
	}
	if strings.ReplaceAll(a, "ij", "y") == strings.ReplaceAll(b, "ij", "y") {
		return true
	}
	if len([]rune(a)) < 6 || len([]rune(b)) < 6 {
		return false
	}
	return editdist.Levenshtein(a, b) <= 1
}

// mergeLate folds people known by first name only into the one full name that shares
// it, now that all names are known.
func (ps *people) mergeLate() {
	var keep []*person
	for _, p := range ps.list {
		if p.last == "" && p.first != "" {
			var target *person
			for _, q := range ps.list {
				if q != p && q.last != "" && q.foldedFirst() == p.foldedFirst() {
					target = q
					break
				}
			}
			if target != nil {
				for _, f := range p.order {
					for n := 0; n < p.forms[f]; n++ {
						target.addForm(f)
					}
				}
				target.speaker = target.speaker || p.speaker
				target.present = target.present || p.present
				for _, r := range p.roles {
					target.addRole(r)
				}
				p.forward = target
				continue
			}
		}
		keep = append(keep, p)
	}
	ps.list = keep
}

// findIf is re.FindStringSubmatch(s) when may, and nil otherwise: may is a cheap test
// that re cannot match without (a word it needs). Go's regexp spends time on a text
// before failing on it, even at its first byte.
func findIf(re *regexp.Regexp, s string, may bool) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// containsFoldASCII reports whether s holds word in any case, word being lower-case
// ASCII letters other than k and s (which (?i) also matches as the Kelvin sign and
// "ſ"): a test for a pattern of (?i) that needs the word.
func containsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

// readContext reads what follows a name: "(VNG)", ", directeur van IKC Alexander",
// "– werkzaam bij Mondriaan –", "is landelijk ambassadeur".
func readContext(p *person, m *mention, s string, toks []token) {
	if m.end >= len(toks) {
		return
	}
	rest := s[toks[m.end-1].end:]
	trim := strings.TrimLeft(rest, " ")
	lead := strings.TrimLeft(rest, " \t\n\f\r") // \s of the patterns
	switch {
	case strings.HasPrefix(trim, "("):
		if i := strings.Index(trim, ")"); i > 0 {
			readParen(p, m, trim[1:i])
		}
	case strings.HasPrefix(trim, ",") || strings.HasPrefix(trim, "–") || strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "—"):
		sep := trim[:1]
		if strings.HasPrefix(trim, "–") || strings.HasPrefix(trim, "—") {
			sep = trim[:len("–")]
		}
		body := trim[len(sep):]
		end := len(body)
		stops := []string{",", ". ", " - ", " – ", " — ", ";"}
		if sep != "," {
			stops = []string{" – ", " — ", " - ", "–", ";"}
		}
		for _, st := range stops {
			if i := strings.Index(body, st); i >= 0 && i < end {
				end = i
			}
		}
		phrase := strings.TrimSpace(body[:end])
		readApposition(p, phrase)
	default:
		if mm := findIf(isRoleRe, rest, strings.HasPrefix(lead, "is") || strings.HasPrefix(lead, "was")); mm != nil {
			ws := strings.Fields(mm[1])
			if len(ws) > 0 && isRoleNoun(ws[len(ws)-1]) && !startsUpper(ws[0]) {
				p.addRole(mm[1])
			}
		}
		if mm := findIf(alsRoleRe, rest, strings.Contains(rest, "als")); mm != nil && isRoleNoun(mm[1]) {
			p.addRole(strings.TrimSpace(mm[1] + mm[2]))
		}
	}
	if mm := findIf(werkgroepRe, rest, containsFoldASCII(rest, "neemt")); mm != nil && len(strings.Fields(mm[2])) <= 5 {
		p.addRole(strings.ToLower(mm[1]) + " " + strings.TrimSpace(mm[2]))
	}
	// A wethouder or burgemeester in a sentence that names the municipality.
	if p.hasRole("wethouder") || p.hasRole("burgemeester") {
		if g := findIf(gemeenteRe, s, strings.Contains(s, "emeente")); g != nil && isPlace(g[1]) {
			p.addOrg("Gemeente " + g[1])
		}
	}
	// "voorzitter Jan Waaijer van JobHulpMaatje Zoetermeer"
	if len(m.titles) > 0 && roleTitles[m.titles[len(m.titles)-1]] {
		if mm := findIf(leadingVanOrgRe, rest, strings.HasPrefix(lead, "van")); mm != nil {
			p.addOrg(mm[1])
		}
	}
}

var leadingVanOrgRe = regexp.MustCompile(`^\s+van\s+(\p{Lu}\S*(?:\s+\p{Lu}\S*)*)`)

// readParen reads "(VNG)", "(wethouder)", "(systeemtherapeut met … en opleider)", "(PPK)".
func readParen(p *person, m *mention, x string) {
	x = strings.TrimSpace(x)
	if x == "" || strings.HasSuffix(x, "?") {
		return
	}
	for _, part := range parenParts(x) {
		ws := strings.Fields(part)
		if len(ws) == 0 {
			continue
		}
		if len(ws) == 1 && (isAcronym(ws[0]) && initialsOf(m.full()) == ws[0] || particleInitialsOf(m.full()) == ws[0] && len(ws[0]) >= 2) {
			p.aliasExtra = append(p.aliasExtra, ws[0]) // "(PPK)", "(JdV)", "(PvdB)"
			continue
		}
		var roles []string
		for _, w := range ws {
			if isRoleNoun(w) {
				roles = append(roles, strings.Trim(w, ",.;"))
			}
		}
		switch {
		case len(roles) > 0 && len(ws) <= 5:
			if mm := roleOrgRe.FindStringSubmatch(part); mm != nil {
				p.addRole(mm[1])
				p.addOrg(mm[2])
			} else {
				p.addRole(part)
			}
		case len(roles) > 0:
			p.addRole(strings.Join(roles, " en "))
		case startsUpper(part) && len(ws) <= 5 && !looksLikeBareName(part):
			p.addOrg(part)
		}
	}
}

// parenParts cuts what brackets after a name hold into its parts: at semicolons, and at
// commas between short parts one of which is a role ("VVD, voorzitter": a party and a
// role; "Javascript 101, Vue.js" are the titles of workshops, not organisations).
func parenParts(x string) []string {
	var out []string
	for _, part := range strings.Split(x, ";") {
		pieces := strings.Split(part, ",")
		short, role := len(pieces) > 1, false
		for _, p := range pieces {
			ws := strings.Fields(p)
			if len(ws) == 0 || len(ws) > 5 {
				short = false
			}
			for _, w := range ws {
				role = role || isRoleNoun(w)
			}
		}
		if !short || !role {
			pieces = []string{part}
		}
		for _, p := range pieces {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// readApposition reads ", directeur van IKC Alexander", "– werkzaam bij A, B en C".
func readApposition(p *person, phrase string) {
	if phrase == "" {
		return
	}
	if mm := werkzaamRe.FindStringSubmatch(phrase); mm != nil {
		for _, o := range orgListSplit.Split(mm[1], -1) {
			if o = strings.TrimSpace(o); o != "" && hasUpper(o) {
				p.addOrg(o)
			}
		}
		return
	}
	ws := strings.Fields(phrase)
	if len(ws) == 0 || startsUpper(ws[0]) || len(ws) > 14 {
		return
	}
	hasRole := false
	for _, w := range ws {
		if isRoleNoun(w) {
			hasRole = true
			break
		}
	}
	if !hasRole {
		return
	}
	// "wethouder Frits Mulder, projectleider Yvonne Bakker": a role before a name is the
	// next person of a list, not what this one is.
	for i := 0; i+1 < len(ws); i++ {
		if isRoleNoun(ws[i]) && (isFirstName(ws[i+1]) || isInitials(ws[i+1])) {
			return
		}
	}
	if mm := roleOrgRe.FindStringSubmatch(phrase); mm != nil {
		p.addRole(mm[1])
		org := strings.TrimPrefix(strings.TrimPrefix(mm[2], "de "), "het ")
		p.addOrg(org)
		return
	}
	p.addRole(phrase)
}

func hasUpper(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	// No lower-case letter and at least one upper-case one; ASCII without allocating.
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 0x80:
			return strings.ToUpper(w) == w && strings.ToLower(w) != w
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			upper = true
		}
	}
	return upper
}

// particleInitialsOf returns the initials minutes write for a name, the particles' in
// lower case: "Jan de Vries" → "JdV", "Petra van den Berg" → "PvdB", "Ahmed Kaddouri"
// → "AK"; "" when a word of the name starts with no letter of ASCII.
func particleInitialsOf(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		c := part[0]
		switch {
		case particles[strings.ToLower(part)] && 'a' <= c && c <= 'z':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c)
		default:
			return ""
		}
	}
	return b.String()
}

// labelAt reports whether the name at toks[start:end] is a speaker's label: a colon
// after it, at the start of the sentence or after a mark other than a comma ("Sander
// Vink: …", "… rekening. PPK: …").
func labelAt(toks []token, start, end int) bool {
	return end < len(toks) && toks[end].text == ":" && (start == 0 || toks[start-1].punct && toks[start-1].text != ",")
}

// initialMentions adds to ms the people whom minutes name by their initials alone ("JdV
// opent het overleg", "PvdB merkt op"), after the report gave them ("Jan de Vries
// (JdV)"): a token that is one person's initials, where no other mention stands.
func (ps *people) initialMentions(toks []token, ms []mention) []mention {
	covered := func(i int) bool {
		for _, m := range ms {
			if i >= m.start && i < m.end {
				return true
			}
		}
		return false
	}
	added := false
	for i, t := range toks {
		if !initialsShaped(t.text) || covered(i) {
			continue
		}
		p := ps.byInitials(t.text)
		if p == nil || p.last == "" {
			continue
		}
		m := mention{kind: mentionFull, first: p.first, last: p.last, start: i, nameStart: i, end: i + 1,
			label: labelAt(toks, i, i+1)}
		if p.first == "" {
			m.kind = mentionSurname
		}
		ms = append(ms, m)
		added = true
	}
	if added {
		slices.SortFunc(ms, func(a, b mention) int { return a.start - b.start })
	}
	return ms
}

// initialsShaped reports whether w may be initials that stand for a person: two to six
// letters of ASCII, the first and the last a capital ("AK", "JdV", "PvdB", "PPK").
func initialsShaped(w string) bool {
	if len(w) < 2 || len(w) > 6 || w[0] < 'A' || w[0] > 'Z' || w[len(w)-1] < 'A' || w[len(w)-1] > 'Z' {
		return false
	}
	for i := 1; i < len(w)-1; i++ {
		if c := w[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// byInitials returns the person the report gave the initials w ("(JdV)"), or nil.
func (ps *people) byInitials(w string) *person {
	for _, p := range ps.list {
		if slices.Contains(p.aliasExtra, w) {
			return p
		}
	}
	return nil
}

func initialsOf(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if startsUpper(part) {
			b.WriteString(part[:1])
		}
	}
	return b.String()
}
