package meeting

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// partyNames are the national political parties, named by their usual short names.
// A party is an organisation wherever it stands, also in an attendance table.
var partyNames = map[string]bool{
	"VVD": true, "CDA": true, "D66": true, "PvdA": true, "GroenLinks": true, "GroenLinks-PvdA": true,
	"SP": true, "ChristenUnie": true, "SGP": true, "PVV": true, "PvdD": true, "JA21": true, "FvD": true,
	"BBB": true, "50PLUS": true, "NSC": true, "BIJ1": true, "DENK": true, "Volt": true,
	// Flemish parties.
	"CD&V": true, "N-VA": true, "PVDA": true, "Vooruit": true,
}

// partyPhrases are parties whose name is more than one word.
var partyPhrases = []string{"Partij voor de Dieren", "Forum voor Democratie", "Vlaams Belang", "Open Vld"}

// orgNounSuffixes end the words that name a kind of organisation ("stichting",
// "Reizigersoverleg", "Auditdienst", "Veiligheidsregio").
var orgNounSuffixes = []string{"stichting", "vereniging", "gemeente", "raad", "commissie", "ministerie",
	"dienst", "bureau", "bank", "fonds", "centrum", "center", "instituut", "universiteit", "hogeschool",
	"school", "college", "partij", "overleg", "platform", "netwerk", "federatie", "bond", "unie",
	"organisatie", "coöperatie", "groep", "kamer", "inspectie", "autoriteit", "agentschap", "academie",
	"omroep", "regio", "provincie", "waterschap", "korps", "politie", "ziekenhuis", "maatschappij",
	"bedrijf", "corporatie", "genootschap", "alliantie", "consortium", "beweging", "team", "directie",
	"association", "foundation", "institute", "university", "council", "society", "company", "group"}

// hasOrgNoun reports whether a word names a kind of organisation.
func hasOrgNoun(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,;:()'\""))
	if len(w) < 4 {
		return w == "ggd" || w == "ggz"
	}
	for _, s := range orgNounSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// digitOrgs are organisations whose short name holds a digit; other capitals with
// digits are codes ("A8", "AU15", "C2000", "HTML5").
var digitOrgs = map[string]bool{"D66": true, "JA21": true, "50PLUS": true, "BIJ1": true, "W3C": true, "G4": true, "G40": true}

// isCodeWord reports whether an all-caps word is a code rather than a name: it holds a
// digit ("A8", "AU15", "UR-03"), a part of one letter ("BEST-B"), or is a Roman numeral
// with perhaps a letter ("XI", "IXB": chapters of a budget).
func isCodeWord(w string) bool {
	if digitOrgs[w] || partyNames[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	if strings.Contains(w, "-") {
		for _, part := range strings.Split(w, "-") {
			if utf8.RuneCountInString(part) < 2 {
				return true
			}
		}
	}
	return isRomanNumeral(w)
}

// isRomanNumeral reports whether w is a Roman numeral from I to XXXIX, perhaps followed
// by A or B ("IXB").
func isRomanNumeral(w string) bool {
	if strings.HasSuffix(w, "A") || strings.HasSuffix(w, "B") {
		w = w[:len(w)-1]
	}
	if w == "" {
		return false
	}
	// X{0,3}(IX|IV|V?I{0,3})
	i := 0
	for i < len(w) && i < 3 && w[i] == 'X' {
		i++
	}
	rest := w[i:]
	switch rest {
	case "", "IX", "IV", "V", "I", "II", "III", "VI", "VII", "VIII":
		return true
	}
	return false
}

// acronymFunctionWords are the small words a spelled-out acronym may hold that give no
// letter ("Bureau Onderzoek en Rijksuitgaven (BOR)").
var acronymFunctionWords = map[string]bool{"van": true, "voor": true, "de": true, "het": true, "en": true,
	"der": true, "den": true, "op": true, "in": true, "te": true, "ter": true, "tot": true, "met": true, "of": true}

// acronymDefinition looks at the words before "(ACR)" (toks[open] is the opening
// bracket) for the acronym spelled out. It reports whether there is such a long form,
// and whether the long form names an organisation ("Bureau Onderzoek en Rijksuitgaven
// (BOR)") or a thing ("Regeling Grote Projecten (RGP)", "burgerservicenummer (BSN)").
func acronymDefinition(toks []token, open int, acr string) (defined, isOrg bool) {
	letters := strings.ToLower(strings.ReplaceAll(acr, "&", ""))
	n := len(letters)
	if open == 0 || toks[open-1].punct {
		return false, false
	}
	// One lower-case word that starts like the acronym: "burgerservicenummer (BSN)".
	prev := toks[open-1]
	if !prev.cap() && strings.HasPrefix(prev.lower(), letters[:1]) && len(prev.text) >= 2*n {
		return true, hasOrgNoun(prev.text)
	}
	// As many content words as letters, with the letters as their initials.
	k := n
	org := false
	for j := open - 1; j >= 0 && k > 0 && open-j <= 2*n+2; j-- {
		t := toks[j]
		if t.punct {
			if t.text == "-" {
				continue
			}
			return false, false
		}
		lw := t.lower()
		if acronymFunctionWords[lw] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(lw)
		if byte(r) != letters[k-1] || r >= utf8.RuneSelf {
			return false, false
		}
		if hasOrgNoun(t.text) {
			org = true
		}
		k--
	}
	if k > 0 {
		return false, false
	}
	return true, org
}

// gluedParty splits a line of an attendance table whose columns ran together: a party
// glued to a member's initials ("VVDG. Peteroff en J Lok", "GroenLinksD. Logemann",
// "StadspartijM Wesselink", "D66Y.J.A. ten Holder"). It returns the party and the glued
// word as the tokenizer sees it ("VVDG").
func gluedParty(line string) (party, glued string, ok bool) {
	line = strings.TrimSpace(line)
	first, rest, found := strings.Cut(line, " ")
	if !found || first == "" {
		return "", "", false
	}
	if last := first[len(first)-1]; last != '.' && (last < 'A' || last > 'Z') {
		return "", "", false // no initial at the end of the first word
	}
	rest = strings.TrimSpace(rest)
	next, _, _ := strings.Cut(rest, " ")
	if r, _ := utf8.DecodeRuneInString(next); !unicode.IsUpper(r) && !particles[strings.ToLower(next)] {
		return "", "", false
	}
	p := first
	pairs := 0
	for len(p) >= 3 && p[len(p)-1] == '.' && p[len(p)-2] >= 'A' && p[len(p)-2] <= 'Z' {
		p = p[:len(p)-2]
		pairs++
	}
	if pairs == 0 {
		// "VVDJ Lok": one capital without a period.
		if len(p) < 3 || p[len(p)-1] < 'A' || p[len(p)-1] > 'Z' {
			return "", "", false
		}
		p = p[:len(p)-1]
	}
	if utf8.RuneCountInString(p) < 2 || strings.ContainsAny(p, ".,:;()") {
		return "", "", false
	}
	// The party must end where the initials begin: a small letter or digit before a
	// capital ("GroenLinksD"), or a party known by its capitals ("VVDG").
	last, _ := utf8.DecodeLastRuneInString(p)
	if !partyNames[p] && !unicode.IsLower(last) && !unicode.IsUpper(last) {
		return "", "", false
	}
	glued = first
	if i := strings.IndexByte(glued, '.'); i >= 0 {
		glued = glued[:i]
	}
	return p, glued, true
}

// gluedParties finds the parties of an attendance table whose columns ran together.
// Parties known by name count from one line; other names ("Burgerbelang",
// "BewustZW") count when the text has at least two such lines with a known party.
func gluedParties(lines []string) (parties []string, glued map[string]bool) {
	type split struct{ party, glued string }
	var splits []split
	known := 0
	for _, line := range lines {
		if len(line) < 4 {
			continue
		}
		p, g, ok := gluedParty(line)
		if !ok {
			continue
		}
		if partyNames[p] {
			known++
		}
		splits = append(splits, split{p, g})
	}
	if len(splits) == 0 {
		return nil, nil
	}
	glued = map[string]bool{}
	for _, s := range splits {
		if partyNames[s.party] || known >= 2 && len(splits) >= 3 {
			parties = append(parties, s.party)
			glued[s.glued] = true
		}
	}
	return parties, glued
}

// acronymStats is what the text shows about one all-caps word.
type acronymStats struct {
	prose     bool // used in running text, not only alone on a line or in a line of capitals
	definedAs int  // 0: not spelled out; 1: spelled out as an organisation; -1: as a thing
	asPerson  int  // uses as a person's initials: a speech label, an action holder
	article   bool // used with an article, as organisations are and people are not ("de NS")
}

// readAcronyms lists the all-caps words of the lines that name organisations, in order
// of first use. An acronym needs to be used in running text or stand in a table cell;
// it is not one when it is initials ("E.M."), a code ("A8", "AU15", "BEST-B", "XI"), a
// shouted word ("NIET" where the text also writes "niet"), a common abbreviation that
// names no organisation ("BSN", "AVG"), or spelled out as a thing ("Regeling Grote
// Projecten (RGP)"); nor when it is used as a person's initials ("BS" beside "Bert
// Smit", "PPK: “Ik …”") and never with an article, as an organisation is ("de NS").
func readAcronyms(lines []string, people map[string]bool, glued map[string]bool) []string {
	personInitials := map[string]bool{}
	for name := range people {
		if in := initialsOf(name); len(in) >= 2 && len(in) <= 3 {
			personInitials[in] = true
		}
	}
	stats := map[string]*acronymStats{}
	var order []string
	longest := 0
	for _, line := range lines {
		longest = max(longest, len(line))
	}
	toks := make([]token, 0, longest/5+1) // the tokens of each line in turn (see tokenize)
	for _, line := range lines {
		if !hasCapitalPair(line) {
			continue // no acronym without two capitals in a row
		}
		toks = appendTokens(toks[:0], line)
		nWords, caps := 0, true
		for _, t := range toks {
			if t.punct {
				continue
			}
			nWords++
			if caps && strings.ToUpper(t.text) != t.text {
				caps = false
			}
		}
		// Running text, or a cell of a table on a line of its own ("GGD"); a line of
		// capitals is a heading or shouted, and two capitals alone on a line are the
		// initials of whoever holds an action ("BS").
		prose := nWords >= 2 && !caps || nWords == 1
		for i, t := range toks {
			w := strings.TrimRight(t.text, "+")
			if t.punct || strings.HasPrefix(t.text, "@") || !isAcronym(w) {
				continue
			}
			if strings.Contains(w, ".") || glued[w] || isCodeWord(w) {
				continue
			}
			if i > 0 && toks[i-1].text == "/" {
				continue // "kenmerk 442/BEST-B"
			}
			if i+1 < len(toks) && isDocumentNumber(toks[i+1].text) {
				continue // "RV 2024-012", "Z 123456": the prefix of a document's number
			}
			if i > 0 && len(w) == 2 && isPostcodeDigits(toks[i-1].text) {
				continue // "1817 EH Alkmaar": a postcode
			}
			if i > 0 && (isInitials(toks[i-1].text) || personAddress[toks[i-1].lower()] || isFirstName(toks[i-1].text)) {
				continue // "J. JANSEN", "mevrouw PIETERS": a surname in capitals
			}
			s := stats[w]
			if s == nil {
				s = &acronymStats{}
				stats[w] = s
				order = append(order, w)
			}
			if prose && !besideShouted(toks, i) && (nWords > 1 || utf8.RuneCountInString(w) > 2) || partyNames[w] {
				s.prose = true
			}
			// "PPK: “Ik stel voor …”" opening a line, "Actie PPK": a person known by initials.
			if i == 0 && len(toks) > 2 && toks[1].text == ":" && speaksInPerson(toks[2:]) ||
				i > 0 && strings.EqualFold(toks[i-1].text, "actie") ||
				i > 1 && toks[i-1].text == ":" && strings.EqualFold(toks[i-2].text, "actie") {
				s.asPerson++
			}
			if i > 0 && (toks[i-1].lower() == "de" || toks[i-1].lower() == "het") {
				s.article = true
			}
			if i > 0 && i+1 < len(toks) && toks[i-1].text == "(" && toks[i+1].text == ")" && s.definedAs == 0 {
				if defined, org := acronymDefinition(toks, i-1, w); defined {
					s.definedAs = -1
					if org {
						s.definedAs = 1
					}
				}
			}
		}
	}
	var out []string
	for _, w := range order {
		s := stats[w]
		switch {
		case partyNames[w]:
		case s.definedAs == 1:
		case s.definedAs == -1, !s.prose, acronymStop[w], hasLowerWord(lines, strings.ToLower(w)):
			continue
		case s.article:
		case len(w) <= 3 && personInitials[w], s.asPerson >= 2:
			continue
		}
		out = append(out, w)
	}
	return out
}

// besideShouted reports whether toks[i] stands beside a word in capitals too long to be
// an acronym ("NIET VERWIJDEREN"): then it is shouted, not a name.
func besideShouted(toks []token, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(toks) || toks[j].punct {
			continue
		}
		w := toks[j].text
		if utf8.RuneCountInString(w) > 6 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
			return true
		}
	}
	return false
}

// hasCapitalPair reports whether s holds an ASCII capital followed by a capital or a
// digit ("VNG", "D66"), or any non-ASCII byte (a capital with a diacritic may be among them).
func hasCapitalPair(s string) bool {
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') && s[i-1] >= 'A' && s[i-1] <= 'Z' {
			return true
		}
	}
	return false
}

// hasLowerWord reports whether one of the lines uses w, written in small letters, as a word.
func hasLowerWord(lines []string, w string) bool {
	for _, line := range lines {
		if indexWord(line, w) >= 0 {
			return true
		}
	}
	return false
}

// indexWord returns the index of the first occurrence of w in s that is a whole word
// (no letter or digit on either side), or -1.
func indexWord(s, w string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		off = i + len(w)
	}
}

// fractieListRe opens a list of council parties: "De fracties van de Stadspartij Den
// Helder, Behoorlijk Bestuur en GroenLinks …", "de fractie van het CDA".
var fractieListRe = regexp.MustCompile(`\b[Ff]racties?\s+van\s+`)

// voteLineRe is a line of a recorded vote: "Stadspartij Den Helder: de dames Pater en …",
// "Helder Onafhankelijk!: mevrouw Post;".
var voteLineRe = regexp.MustCompile(`^(\p{Lu}[\p{L}0-9'!&-]*(?:\s+\p{Lu}[\p{L}0-9'!&-]*){0,3}):\s+(?:de\s+heer|de\s+heren|de\s+dames|mevrouw|mw\.|dhr\.)\s`)

// councilParties reads the parties of a council: the lists after "de fractie(s) van" and
// the lines of a recorded vote. A list ends at the first item that does not open with a
// capital; an item is the run of capitalised words it opens with ("Vrije Socialisten").
func councilParties(lines []string, people map[string]bool) []string {
	var out []string
	add := func(name string) {
		name = strings.TrimRight(name, ",.;:")
		if utf8.RuneCountInString(name) < 2 || people[name] || isPlace(name) || notNames[name] {
			return
		}
		for _, o := range out {
			if o == name {
				return
			}
		}
		out = append(out, name)
	}
	for _, line := range lines {
		// A vote line names a party before a colon.
		if m := findIf(voteLineRe, line, strings.IndexByte(line, ':') > 0); m != nil {
			add(m[1])
		}
		if !strings.Contains(line, "ractie") {
			continue
		}
		for _, m := range fractieListRe.FindAllStringIndex(line, -1) {
			rest := line[m[1]:]
			// The list ends with its sentence or clause.
			if i := strings.IndexAny(rest, ";:()"); i >= 0 {
				rest = rest[:i]
			}
			if i := strings.Index(rest, ". "); i >= 0 {
				rest = rest[:i]
			}
			for _, item := range strings.Split(strings.ReplaceAll(rest, " en ", ", "), ",") {
				ws := strings.Fields(item)
				for len(ws) > 0 && (ws[0] == "de" || ws[0] == "het") {
					ws = ws[1:]
				}
				if len(ws) == 0 || !startsUpper(ws[0]) {
					break
				}
				n := 0
				for n < len(ws) && n < 4 && startsUpper(ws[n]) {
					n++
				}
				if n == 1 && !partyNames[ws[0]] && looksLikeSurname(ws[0]) && !strings.ContainsAny(ws[0], "!") {
					// One word may be a party ("Burgerbelang") or a member ("fractie
					// Vermooten"): it counts when the text also writes it before a colon
					// or it is a known party.
					continue
				}
				add(strings.Join(ws[:n], " "))
			}
		}
	}
	return out
}

// speaksInPerson reports whether the words after a speech label are a person's own: a
// quotation, or the first person singular ("ik", "mijn").
func speaksInPerson(toks []token) bool {
	switch toks[0].text {
	case "“", "\"", "„", "‘", "'":
		return true
	}
	for _, t := range toks {
		switch t.lower() {
		case "ik", "mijn", "mij":
			return true
		}
	}
	return false
}

// isPostcodeDigits reports whether w is the four digits of a Dutch postcode ("1817").
func isPostcodeDigits(w string) bool {
	if len(w) != 4 || w[0] == '0' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isDocumentNumber reports whether w is the number of a document or an agenda item
// rather than a year: digits with a dash or a slash ("2024-012"), or not four digits.
func isDocumentNumber(w string) bool {
	digits := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '-' || c == '/' || c == '.':
		default:
			return false
		}
	}
	return digits > 0 && (digits != 4 || len(w) != 4)
}
