package meeting

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexicon holds the given names and surnames that a report's own lists introduce
// ("Aanwezig: Bianca van der Holst, Cindy Dam, …", "Leden: Beeker, Van Benthem, …").
// Minutes name their members in full once and by first name or surname afterwards
// ("Bianca opent de vergadering", "Berends maakt melding"); the lexicon lets those
// short forms be read as names even when the given name is not a common one.
type lexicon struct {
	given map[string]bool // folded given names
	sur   map[string]bool // folded surnames, whole ("van der holst") and last word ("holst")
	// speech is the report's vocabulary of speaking: a first name right before or
	// after one of its verbs is a name ("Geeft Geertje aan"). Nil means DefaultSpeech.
	speech *Speech
}

// isSpeechVerbForm reports whether w is a form of one of the report's speech verbs.
func (l *lexicon) isSpeechVerbForm(w string) bool {
	if l == nil || l.speech == nil {
		return DefaultSpeech.isVerbForm(w)
	}
	return l.speech.isVerbForm(w)
}

// isGiven reports whether w is a given name: a common one, or one the report lists.
func (l *lexicon) isGiven(w string) bool {
	if isFirstName(w) {
		return true
	}
	return l != nil && len(l.given) > 0 && l.given[fold(w)]
}

// isSurname reports whether s (one or more words) is a surname the report lists.
func (l *lexicon) isSurname(s string) bool {
	return l != nil && len(l.sur) > 0 && l.sur[fold(s)]
}

// surnameAt reports whether a surname the report lists starts at toks[j].
func (l *lexicon) surnameAt(toks []token, j int) bool {
	if l == nil || len(l.sur) == 0 {
		return false
	}
	k, ok := surnameAt(toks, j)
	return ok && l.isSurname(joinTokens(toks[j:k]))
}

func (l *lexicon) addGiven(w string) {
	if l.given == nil {
		l.given = map[string]bool{}
	}
	l.given[fold(w)] = true
}

func (l *lexicon) addSurname(s string) {
	if l.sur == nil {
		l.sur = map[string]bool{}
	}
	f := fold(s)
	l.sur[f] = true
	if lw := lastWord(f); lw != f && len(lw) > 2 {
		l.sur[lw] = true
	}
}

// rosterLabelRe matches the label of a list of people in minutes: "Aanwezig:",
// "Afwezig m.k.:", "Te gast:", "Leden UR:", "Verontschuldigd:", "Notulist:".
var rosterLabelRe = regexp.MustCompile(`(?i)^(?:aanwezig(?:en)?|ook\s+aanwezig|mede\s+aanwezig|afwezig(?:en)?(?:\s+(?:m\.?k\.?|met\s+kennisgeving|z\.?k\.?))?|met\s+kennisgeving\s+afwezig|afgemeld|afmeldingen|verontschuldigd|verhinderd|absent|present|deelnemers|leden(?:\s+\S+)?|bestuur(?:sleden)?|te\s+gast|gasten|gast|genodigden|notulist|notulen|verslag|verslaglegging|voorzitter|secretaris|penningmeester|griffier|college\s+van\s+bestuur|namens\s+\S+)\s*:`)

// rosterHeadRe matches a label on a line of its own, with the names on the lines after.
var rosterHeadRe = regexp.MustCompile(`(?i)^(?:aanwezig(?:en)?|afwezig(?:en)?|afgemeld|verontschuldigd|deelnemers|leden(?:\s+\S+)?|te\s+gast|aanwezig\s+namens\s+naam|voorzitter|griffier|secretaris|notulist)\s*:?$`)

// rosterRoleHead are the roles a header names on a line of its own, with the person
// on the next line ("Voorzitter" / "D Logemann").
var rosterRoleHead = map[string]string{"voorzitter": "voorzitter", "griffier": "griffier",
	"secretaris": "secretaris", "notulist": "notulist", "penningmeester": "penningmeester"}

// rosterEntry is one person of a list.
type rosterEntry struct {
	words []string // the name's words, initials and particles included
	role  string
}

// buildLexicon reads the lists of people in a report's blocks and returns the names
// they introduce, with the roles that headers give ("Voorzitter" / "D Logemann").
func buildLexicon(blocks []string) (*lexicon, map[string]string) {
	lex := &lexicon{}
	roles := map[string]string{} // folded full name → role
	var singles []string
	list := false   // the lines after a label of their own are a list
	dashes := false // the list is of people with what each is after a dash
	pendingRole := ""
	for bi, b := range blocks {
		lines := strings.Split(b, "\n")
		// "Voorzitter: H.J. Kampman" names the chair in the head of a report; further
		// on it may be an outcome ("Voorzitter: Anna de Wit", the result of an
		// election), not who chaired.
		labelRoles := bi < headBlocks
		for _, line := range lines {
			line = strings.TrimSpace(trimBullet(strings.TrimSpace(line)))
			if line == "" {
				continue
			}
			if isRosterHead(line) {
				list, dashes = true, false
				pendingRole = rosterRoleHead[strings.ToLower(strings.TrimSuffix(line, ":"))]
				continue
			}
			var body string
			switch {
			case isRosterLabel(line):
				body = line
			case list && (dashEntry(line) || commaEntry(line)):
				body, dashes = line, true
			case list && !dashes && isNameList(line):
				// A list of dash entries ends at the first line that is none: the
				// heading after it ("Opening") is no name.
				body = line
			default:
				list, dashes = false, false
				pendingRole = ""
				continue
			}
			for _, e := range rosterEntries(body, labelRoles) {
				switch {
				case len(e.words) == 1:
					singles = append(singles, e.words[0])
					if e.role != "" {
						roles[fold(e.words[0])] = e.role
					}
				default:
					first, last := splitRosterName(e.words)
					if first != "" && !isInitials(first) && !isBareInitial(first) {
						lex.addGiven(strings.Fields(first)[0])
					}
					if last != "" {
						lex.addSurname(last)
					}
					role := e.role
					if role == "" {
						role = pendingRole
					}
					if role != "" {
						roles[fold(strings.Join(e.words, " "))] = role
					}
				}
			}
			pendingRole = ""
		}
	}
	// A list of single words is of given names when most of them are known ones
	// ("Erna, Ilse, Sandra, Silvia, Amber en Barbara"), else of surnames ("Beeker,
	// Van Benthem, Berends, …").
	known := 0
	for _, w := range singles {
		if isFirstName(w) {
			known++
		}
	}
	for _, w := range singles {
		if known*2 >= len(singles) {
			lex.addGiven(w)
		} else {
			lex.addSurname(w)
		}
	}
	return lex, roles
}

// rosterSplitRe splits a list into entries: semicolons, commas and "en".
// isRosterHead is rosterHeadRe.MatchString(line), tried only on a line that starts
// with a first letter of its words (in any case).
func isRosterHead(line string) bool {
	return mayStartWith(line, "avdltgsn") && rosterHeadRe.MatchString(line)
}

// isRosterLabel is rosterLabelRe.MatchString(line), tried only on a line with a colon
// that starts with a first letter of its words (in any case).
func isRosterLabel(line string) bool {
	return strings.IndexByte(line, ':') > 0 && mayStartWith(line, "aomvpdlbtgnsc") && rosterLabelRe.MatchString(line)
}

var rosterSplitRe = regexp.MustCompile(`\s*[;,]\s*|\s+(?:en|&)\s+`)

// rosterEntries reads the people of one list line ("Aanwezig: Jose van Engelen,
// voorzitter; Cees van Elteren, secretaris", "René Aengenend (voorzitter), Henk
// Hendriks en Ton Wijers (notulist)").
func rosterEntries(line string, labelRoles bool) []rosterEntry {
	var out []rosterEntry
	// "Voorzitter: burgemeester H.J. Kampman": a label that is a role gives it to the
	// people of its list, when labelRoles.
	labelRole := ""
	if loc := rosterLabelRe.FindStringIndex(line); labelRoles && loc != nil && loc[0] == 0 {
		labelRole = rosterRoleHead[strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line[:loc[1]]), ":")))]
	}
	// Several labelled lists on one line: "Aanwezig: A, B; Te gast: C; Afwezig: D".
	for k, seg := range splitLabelled(line) {
		var parts []string
		if strings.Contains(seg, ";") {
			// "Jose van Engelen, voorzitter; Cees van Elteren, secretaris"
			for _, p := range strings.Split(seg, ";") {
				name, rest, _ := strings.Cut(p, ",")
				if rest != "" && !startsUpper(strings.TrimSpace(rest)) {
					parts = append(parts, name+" ("+rest+")")
					continue
				}
				parts = append(parts, rosterSplitRe.Split(p, -1)...)
			}
		} else if commaEntry(seg) {
			// "Jan Smit, voorzitter" on a line of its own.
			name, role, _ := strings.Cut(seg, ", ")
			parts = []string{name + " (" + role + ")"}
		} else {
			parts = rosterSplitRe.Split(seg, -1)
		}
		for _, p := range parts {
			p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "."))
			role := ""
			// "A. van Leeuwen – voorzitter", "C.M. Schouten - gemeente Leiden".
			if name, rest, ok := cutDash(p); ok {
				role = rosterRole(rest)
				p = name
			}
			// "A. (Arjen) van Leeuwen": a given name in brackets inside the name.
			if i := strings.Index(p, "("); i >= 0 {
				if j := strings.Index(p[i:], ")"); j > 0 && isFirstName(strings.TrimSpace(p[i+1:i+j])) && strings.TrimSpace(p[i+j+1:]) != "" {
					p = strings.TrimSpace(p[:i]) + " " + strings.TrimSpace(p[i+j+1:])
				}
			}
			if i := strings.Index(p, "("); i >= 0 {
				if j := strings.Index(p[i:], ")"); j > 0 && role == "" {
					role = rosterRole(p[i+1 : i+j])
				}
				p = strings.TrimSpace(p[:i])
			}
			ws := trimTitles(strings.Fields(p))
			if !nameShaped(ws) {
				continue
			}
			if role == "" && k == 0 {
				role = labelRole
			}
			out = append(out, rosterEntry{words: ws, role: role})
		}
	}
	return out
}

// headBlocks is how many blocks open a report: its title, date and lists of people.
const headBlocks = 6

// rosterBlock reports whether lines are a list of people under its label, one entry or
// labelled list a line ("Aanwezig:" / "Dhr. A. van Leeuwen – voorzitter" / …, or
// "Voorzitter: H.J. Kampman" / "Secretaris: E. Donkers"): its lines stay apart, so that
// the role that ends one line is not read as the title of the name that opens the next.
func rosterBlock(lines []string) bool {
	if len(lines) < 2 || !isRosterHead(lines[0]) && !isRosterLabel(lines[0]) {
		return false
	}
	for _, l := range lines[1:] {
		l = strings.TrimSpace(trimBullet(l))
		if isRosterHead(l) || isRosterLabel(l) || dashEntry(l) || commaEntry(l) || countLine.MatchString(l) ||
			len(strings.Fields(l)) <= 8 && isNameList(l) {
			continue
		}
		return false
	}
	return true
}

// countLine is a line of a list of people that counts the rest: "en 14 leden", "circa
// 35 bewoners".
var countLine = regexp.MustCompile(`(?i)^(?:en\s+|plus\s+)?(?:circa\s+|ca\.\s+|ongeveer\s+)?\d+\s+\p{L}+\.?$`)

// commaEntry reports whether a line is one person of a list with their role after a
// comma: "Jan Smit, voorzitter".
func commaEntry(line string) bool {
	name, role, ok := strings.Cut(line, ", ")
	return ok && !strings.Contains(role, ",") && rosterRole(role) != "" && startsLower(role) &&
		nameShaped(trimTitles(strings.Fields(name)))
}

// cutDash cuts a list line at the dash between a name and what the person is: "A. van
// Leeuwen – voorzitter" gives "A. van Leeuwen" and "voorzitter".
func cutDash(p string) (name, rest string, ok bool) {
	for _, d := range []string{" – ", " — ", " - "} {
		if name, rest, ok := strings.Cut(p, d); ok && strings.TrimSpace(name) != "" {
			return strings.TrimSpace(name), strings.TrimSpace(rest), true
		}
	}
	return p, "", false
}

// dashEntry reports whether a line is one person of a list, with what the person is
// after a dash: "Dhr. A. (Arjen) van Leeuwen – voorzitter", "Mw. drs. C.M. Schouten –
// gemeente Leiden".
func dashEntry(line string) bool {
	name, rest, ok := cutDash(trimBullet(line))
	if !ok || rest == "" || len(strings.Fields(rest)) > 8 {
		return false
	}
	if i := strings.Index(name, "("); i >= 0 {
		if j := strings.Index(name[i:], ")"); j > 0 {
			name = name[:i] + name[i+j+1:]
		}
	}
	return nameShaped(trimTitles(strings.Fields(name)))
}

// trimTitles drops the forms of address, academic titles and role titles that open a
// listed name ("Mw. drs. C.M. Schouten", "burgemeester H.J. Kampman", "mr. E. Donkers").
func trimTitles(ws []string) []string {
	for len(ws) > 1 {
		lw := strings.ToLower(ws[0])
		if !isAddressWord(lw) && !roleTitles[lw] && lw != "dhr" && lw != "mw" && lw != "mevr" {
			break
		}
		ws = ws[1:]
	}
	return ws
}

// splitLabelled cuts a line at its list labels and returns the lists without them.
func splitLabelled(line string) []string {
	var out []string
	rest := line
	for rest != "" {
		loc := rosterLabelRe.FindStringIndex(rest)
		if loc == nil || loc[0] != 0 {
			out = append(out, rest)
			break
		}
		rest = strings.TrimSpace(rest[loc[1]:])
		next := len(rest)
		// The next label starts after a semicolon: "…; Te gast: …".
		for i := 0; i < len(rest); i++ {
			if rest[i] == ';' {
				if m := rosterLabelRe.FindStringIndex(strings.TrimSpace(rest[i+1:])); m != nil && m[0] == 0 {
					next = i
					break
				}
			}
		}
		if seg := strings.TrimSpace(rest[:next]); seg != "" {
			out = append(out, seg)
		}
		if next == len(rest) {
			break
		}
		rest = strings.TrimSpace(rest[next+1:])
	}
	return out
}

// rosterRole reads the role in brackets after a listed name: "(vz)", "(voorzitter)",
// "(notulist)", "(verslag)".
func rosterRole(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if r, ok := roleAbbrev[strings.TrimSuffix(s, ".")]; ok {
		return r
	}
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,;:")
		if roleTitles[w] || w == "notulist" || w == "voorzitster" {
			return w
		}
	}
	return ""
}

// roleAbbrev are the abbreviations of roles in attendance lists.
var roleAbbrev = map[string]string{"vz": "voorzitter", "voorz": "voorzitter", "vzt": "voorzitter",
	"secr": "secretaris", "penningm": "penningmeester", "pm": "penningmeester", "verslag": "notulist",
	"notulen": "notulist", "vice-vz": "vicevoorzitter"}

// nameShaped reports whether words can be a person's name as lists write it: initials,
// particles and capitalised words, the last capitalised ("Bianca van der Holst",
// "M.J.E. van den Berg-Platzer", "D Logemann", "Van Benthem", "Wallinga-de Jonge").
func nameShaped(ws []string) bool {
	if len(ws) == 0 || len(ws) > 5 {
		return false
	}
	for i, w := range ws {
		lw := strings.ToLower(w)
		switch {
		case isInitials(w) || isBareInitial(w) && i < len(ws)-1:
		case particles[lw] && i < len(ws)-1:
		case capitalisedWord(w):
			if notNames[w] && !(particles[lw] && i < len(ws)-1) {
				return false
			}
			afterParticle := i > 0 && particles[strings.ToLower(ws[i-1])]
			if i == len(ws)-1 && !afterParticle && !looksLikeSurname(w) && !isFirstName(w) {
				return false
			}
		default:
			return false
		}
	}
	return capitalisedWord(ws[len(ws)-1])
}

// capitalisedWord reports whether w is a capitalised word of letters (hyphens and
// apostrophes inside), with no capital after its first letter except after a hyphen
// ("Berg-Platzer"): "GroenLinksD." is no name.
func capitalisedWord(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 2 {
		return false
	}
	prev := r
	for _, c := range w[size:] {
		switch {
		case unicode.IsLower(c):
		case unicode.IsUpper(c) && (prev == '-' || prev == '\'' || prev == '’'):
		case c == '-' || c == '\'' || c == '’':
		default:
			return false
		}
		prev = c
	}
	return true
}

// isBareInitial reports whether w is one capital letter, an initial written without a
// period ("D Logemann").
func isBareInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// splitRosterName splits a listed name into given name(s) and surname: the surname
// starts at the first particle or at the last word.
func splitRosterName(ws []string) (first, last string) {
	k := len(ws) - 1
	for i, w := range ws {
		if i > 0 && particles[strings.ToLower(w)] && !startsUpper(w) {
			k = i
			break
		}
	}
	if particles[strings.ToLower(ws[0])] {
		return "", strings.Join(ws, " ") // "Van Benthem", "Te Beest"
	}
	return strings.Join(ws[:k], " "), strings.Join(ws[k:], " ")
}
