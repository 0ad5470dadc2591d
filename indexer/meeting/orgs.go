package meeting

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// acronymStop are capitalised abbreviations that are no organisations.
var acronymStop = map[string]bool{
	"PR": true, "ICT": true, "IT": true, "AO": true, "ALV": true, "CV": true, "ZZP": true, "WW": true,
	"BTW": true, "HBO": true, "MBO": true, "WO": true, "VMBO": true, "HAVO": true, "VWO": true, "IRC": true,
	"CSS": true, "HTML": true, "PDF": true, "NB": true, "OK": true, "TV": true, "EU": true, "AZC": true,
	"GGZ": true, "UMC": true, "IKC": true, "CEO": true, "CFO": true, "HR": true, "FAQ": true, "URL": true,
	"WIA": true, "AVG": true, "BV": true, "NV": true, "VOF": true, "NL": true, "II": true, "III": true,
	"IV": true, "VI": true, "PAUZE": true, "BORREL": true, "WMO": true, "GL": false, "JG": true, "AI": true,
	"USB": true, "RSS": true, "API": true, "JS": true, "UX": true, "UI": true, "SEO": true, "QMS": true,
	"PS": true, "MT": true, "DB": true, "CMS": true, "WC": true, "LET": true, "OP": true, "NOOT": true,
	"ZAAK": true, "RVO": false, "PO": true, "VO": true, "SO": true, "VSO": true, "SBO": true, "KJP": true,
	"HVS": true, "WVTTK": true, "ZPP": true, "IWIN": true, "DE": true, "HET": true, "EN": true, "VAN": true,
	// Numbers, registers and documents.
	"BSN": true, "BRP": true, "IBAN": true, "KVK": true, "VOG": true, "WOZ": true, "OZB": true, "CAO": true,
	"ANBI": true, "FTE": true, "KPI": true, "EUR": true, "MER": true, "PVE": true, "PVA": true, "NVT": true,
	"CC": true, "BCC": true, "RE": true, "FYI": true, "ASAP": true, "ZSM": true, "RSVP": true, "PM": true,
	"Q&A": true, "UTF": true, "IRL": true, "TBD": true, "TBA": true, "ISBN": true, "GPS": true, "QR": true, "SMS": true, "APP": true, "WIFI": true,
	// Laws and regulations: the law is no organisation ("de Wmo"; the Wmo-raad is one).
	"APV": true, "WOB": true, "WOO": true, "WLZ": true, "ZVW": true, "JW": true, "WBTR": true, "AWB": true,
	"WGR": true, "WABO": true, "WRO": true, "WKKGZ": true, "WGBO": true, "WPG": true, "BW": true, "GR": true,
	"AOW": true, "ANW": true, "WAO": true, "WWB": true, "WSW": true, "IOAW": true, "BBZ": true, "PW": true,
	// Services, care and schooling: what is provided, not who provides it.
	"OV": true, "PGB": true, "ZIN": true, "BSO": true, "KDV": true, "PSZ": true, "VVE": true, "VVE's": true,
	"LVB": true, "ASS": true, "ADHD": true, "NAH": true, "EHBO": true, "BHV": true, "AED": true, "POH": true,
	"LHBT": true, "LHBTI": true, "LHBTIQ": true, "MVO": true, "OOP": true, "OBP": true, "BOA": true,
	// Plans, programmes, systems and tasks of a municipality or a school.
	"RIS": true, "RES": true, "VTH": true, "BIZ": true, "BBV": true, "RO": true, "BP": true, "PMD": true,
	"GFT": true, "HRM": true, "P&C": true, "ID": true, "DNA": true, "COVID": true, "LVS": true, "OPP": true,
	"IB": true, "RT": true, "LO": true, "SROI": true, "PFAS": true, "LED": true, "EPC": true, "BENG": true,
	// Bodies of the meeting's own organisation and forms of address.
	"AB": true, "VZ": true, "MEVR": true, "DHR": true,
	// Countries and regions.
	"VS": true, "VK": true, "UK": true, "USA": true, "DC": true,
}

// headOrgWords are the words that open an organisation's name.
var headOrgWords = []string{"Stichting", "Vereniging", "Expertisecentrum", "Ministerie", "Hogeschool",
	"Universiteit", "Coöperatie", "Centrum", "Platform", "Netwerk", "Fonds", "Academie", "Instituut",
	"Raad", "Jeugdzorg", "Zorggroep"}

var (
	headOrgRe = regexp.MustCompile(`\b(` + strings.Join(headOrgWords, "|") + `)((?:\s+(?:van|voor|der|de|en)?\s*\p{Lu}[\p{L}+&'-]*)+)`)
	// "Wmo-raad Gemeente Moerdijk", "Cliënten-Platform": a compound with an organisation word.
	hyphenOrgRe = regexp.MustCompile(`\b(\p{Lu}[\p{L}]*-(?:[Rr]aad|[Cc]ommissie|[Pp]latform|[Nn]etwerk|[Cc]entrum))((?:\s+\p{Lu}[\p{L}'-]*){0,3})`)
	// "namens Reizigersoverleg Brabant", "namens het ROVH": whom a person speaks for.
	namensRe = regexp.MustCompile(`\bnamens\s+(?:de\s+|het\s+)?(\p{Lu}[\p{L}0-9&'-]*(?:\s+\p{Lu}[\p{L}0-9&'-]*){0,3})`)
	// "Dorpsraad Haaksbergen", "Jongerenraad Tilburg": a body named after its place.
	// Both are anchored: matchAtWords runs them at the words that hold their keys.
	placeBodyRe = regexp.MustCompile(`^(\p{Lu}\p{Ll}+(?:raad|commissie|platform|overleg|vereniging|stichting|forum))\s+(\p{Lu}[\p{L}'-]*(?:\s+(?:aan|den|op|en|de)\s+\p{Lu}?[\p{L}'-]+)*)`)
	workOrgRe   = regexp.MustCompile(`^(?:werkgever|\p{Ll}*organisatie|\p{Ll}*instelling|\p{Ll}*aanbieder|partner|\p{Ll}*school|\p{Ll}*corporatie|stichting|vereniging|ziekenhuis)\s+(\p{Lu}[\p{L}+&'-]*(?:\s+\p{Lu}[\p{L}+&'-]*)*)`)
)

// readOrganisations lists the organisations the report names: acronyms ("VNG"),
// "Gemeente Roermond", names standing with a person ("(VNG)", "directeur van IKC
// Alexander") and names with an organisation word ("Expertisecentrum Jeugdhulp Limburg").
func readOrganisations(d *doc, r *Report) []string {
	var texts []string
	texts = append(texts, r.Title)
	texts = append(texts, r.Sections...)
	for _, p := range r.Passages {
		texts = append(texts, p.Text)
	}
	all := strings.Join(texts, "\n")
	var wordCount *wordCounts // read when a name needs mending
	counts := func() *wordCounts {
		if wordCount == nil {
			wordCount = countWords(all)
		}
		return wordCount
	}
	// firstAt is strings.Index(all, name), remembered: the same names come back often.
	firstIdx := map[string]int{}
	firstAt := func(name string) int {
		i, ok := firstIdx[name]
		if !ok {
			i = strings.Index(all, name)
			firstIdx[name] = i
		}
		return i
	}
	people := map[string]bool{}
	for _, s := range r.Speakers {
		people[s.Name] = true
	}
	for _, n := range r.Mentioned {
		people[n] = true
	}

	type cand struct {
		name string
		pos  int
	}
	var cands []cand
	addAt := func(name string, pos int) {
		name = trimUnbalanced(strings.TrimSpace(strings.Trim(name, " ,.;:")))
		if !plausibleOrgName(name) || people[name] || isPlace(name) {
			return
		}
		cands = append(cands, cand{name, pos})
	}
	// Organisations that stand with people.
	for _, o := range d.personOrgs {
		addAt(o, firstAt(o))
	}
	for _, m := range findAllWith(gemeenteRe, all, gemeenteKeys) {
		place := all[m[2]:m[3]]
		if isPlace(place) {
			addAt("Gemeente "+place, m[0])
		}
	}
	for _, m := range findAllWith(headOrgRe, all, headOrgKeys) {
		if m[0] > 0 && all[m[0]-1] == '-' {
			continue // "Wmo-Raad …" is read whole above
		}
		// "Stichting A en Stichting B" are two; "Centrum voor Jeugd en Gezin" is one.
		ws := strings.Fields(all[m[0]:m[1]])
		// An adjective cannot end a name: "Stichting Jeugdteams Leidse regio".
		if last := ws[len(ws)-1]; strings.HasSuffix(last, "se") {
			if next := nextWord(all[m[1]:]); next != "" && strings.ToLower(next) == next {
				ws = append(ws, next)
			}
		}
		start := 0
		for i := 1; i <= len(ws); i++ {
			if i == len(ws) || i+1 < len(ws) && ws[i] == "en" && (slices.Contains(headOrgWords, ws[i+1]) || ws[i+1] == "Gemeente") {
				if name := headOrgName(ws[start:i], counts); name != "" {
					addAt(name, m[0])
				}
				start = i + 1
			}
		}
	}
	for _, m := range matchAtWords(placeBodyRe, all, placeBodyKeys) {
		if place := all[m[4]:m[5]]; isPlace(place) {
			addAt(all[m[2]:m[3]]+" "+place, m[0])
		}
	}
	for _, m := range matchAtWords(workOrgRe, all, workOrgKeys) {
		addAt(all[m[2]:m[3]], m[2])
	}
	for _, m := range findAllWith(hyphenOrgRe, all, hyphenOrgKeys) {
		// The name goes on only with the municipality it serves: "Wmo-raad Gemeente
		// Moerdijk", "Wmo-raad Moerdijk"; not with the next heading ("Wmo-raad Afscheid").
		name, tail := all[m[2]:m[3]], strings.TrimSpace(all[m[4]:m[5]])
		if g, ok := strings.CutPrefix(tail, "Gemeente "); ok && isPlace(g) || isPlace(tail) {
			name += " " + tail
		}
		addAt(name, m[0])
	}
	var lines []string
	for _, b := range d.blocks {
		lines = append(lines, b.lines...)
	}
	for _, line := range lines {
		if !strings.Contains(line, "namens") {
			continue
		}
		for _, m := range namensRe.FindAllStringSubmatch(line, -1) {
			name := m[1]
			if first, _, _ := strings.Cut(name, " "); isFirstName(first) || tableHeadWords[first] || looksLikeBareName(name) {
				continue
			}
			addAt(name, firstAt(name))
		}
	}
	parties, glued := gluedParties(lines)
	for _, p := range parties {
		addAt(p, firstAt(p))
	}
	for _, p := range partyPhrases {
		if i := firstAt(p); i >= 0 {
			addAt(p, i)
		}
	}
	for _, w := range readAcronyms(lines, people, glued) {
		addAt(w, firstAt(w))
	}
	for _, p := range councilParties(lines, people) {
		addAt(p, firstAt(p))
	}
	for name := range partyNames {
		if isAcronym(name) || name == "Volt" || name == "Vooruit" {
			continue // read with the acronyms; "Volt" and "Vooruit" are words too
		}
		if i := indexWord(all, name); i >= 0 {
			addAt(name, i) // "GroenLinks", "ChristenUnie", "PvdA"
		}
	}

	// Order by first appearance; drop names inside longer ones ("IKC" in "IKC
	// Alexander", "Expertisecentrum Jeugdhulp" in "Expertisecentrum Jeugdhulp Limburg").
	for i := range cands {
		if cands[i].pos < 0 {
			cands[i].pos = len(all)
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return a.pos - b.pos })
	names := make([]string, 0, len(cands))
	seen := make(map[string]bool, len(cands))
	for _, c := range cands {
		if !seen[c.name] {
			seen[c.name] = true
			names = append(names, c.name)
		}
	}
	inside := longestContaining(names)
	var out []string
	outFold := map[string]bool{}
	for _, name := range names {
		if inside[wordKey(strings.Fields(name))] > len(name) {
			continue
		}
		if f := strings.ToLower(name); !outFold[f] {
			outFold[f] = true
			out = append(out, name)
		}
	}
	return out
}

// maxContainedWords bounds the length, in words, of a name that longestContaining
// looks for inside longer names: no organisation's name is longer.
const maxContainedWords = 16

// longestContaining maps each run of words (lower case, joined by single spaces) of
// every name to the length in bytes of the longest name that holds the run. A name c
// lies inside a longer name when the entry for its own words exceeds len(c): the
// quadratic comparison of every name with every other, in time linear in the names.
func longestContaining(names []string) map[string]int {
	m := map[string]int{}
	for _, name := range names {
		ws := strings.Fields(strings.ToLower(name))
		for i := range ws {
			for j := i + 1; j <= len(ws) && j-i <= maxContainedWords; j++ {
				k := strings.Join(ws[i:j], " ")
				m[k] = max(m[k], len(name))
			}
		}
	}
	return m
}

// wordKey is the key of longestContaining for the words ws.
func wordKey(ws []string) string { return strings.ToLower(strings.Join(ws, " ")) }

// wordCounts counts the folded words of a text.
type wordCounts struct {
	words    map[string]wordCount
	alphabet []rune            // the letters the words are made of, most used first
	mended   map[string]string // mendWord's answer per folded word, "" for none
}

// wordCount is how often a word occurs in the text, and its rank by first occurrence.
type wordCount struct{ n, order int }

// maxAlphabet bounds the letters mendWord tries in each position.
const maxAlphabet = 128

func countWords(text string) *wordCounts {
	wc := &wordCounts{words: map[string]wordCount{}, mended: map[string]string{}}
	// How many distinct words each letter is in: ASCII letters counted in an array,
	// the others in a map.
	var ascii [utf8.RuneSelf]int
	other := map[rune]int{}
	letters := func(r rune) int {
		if r < utf8.RuneSelf {
			return ascii[r]
		}
		return other[r]
	}
	for w := range strings.FieldsFuncSeq(text, notWordRune) {
		f := fold(strings.Trim(w, ".-'"))
		c, ok := wc.words[f]
		if !ok {
			c.order = len(wc.words)
			for _, r := range f {
				if r < utf8.RuneSelf {
					ascii[r]++
				} else {
					other[r]++
				}
			}
		}
		c.n++
		wc.words[f] = c
	}
	for r, n := range ascii {
		if n > 0 {
			wc.alphabet = append(wc.alphabet, rune(r))
		}
	}
	for r := range other {
		wc.alphabet = append(wc.alphabet, r)
	}
	slices.SortFunc(wc.alphabet, func(a, b rune) int {
		if na, nb := letters(a), letters(b); na != nb {
			return nb - na
		}
		return int(a - b)
	})
	if len(wc.alphabet) > maxAlphabet {
		wc.alphabet = wc.alphabet[:maxAlphabet]
	}
	return wc
}

// mendWord replaces a word that the text spells more often one letter differently
// ("Jeughulp" → "Jeugdhulp"). It tries every word one edit away (a letter dropped,
// added or changed) instead of comparing with every word of the text, so its cost does
// not grow with the text.
func mendWord(w string, counts *wordCounts) string {
	f := fold(w)
	if len([]rune(f)) < 6 {
		return w
	}
	best, ok := counts.mended[f]
	if !ok {
		best = counts.closestMoreFrequent(f)
		counts.mended[f] = best
	}
	if best == "" {
		return w
	}
	// Keep the capital of the original.
	if startsUpper(w) {
		return strings.ToUpper(best[:1]) + best[1:]
	}
	return best
}

// closestMoreFrequent returns the word one edit from f, at most one byte longer or
// shorter, that the text uses more often than f, or "". Among equally frequent ones the
// shorter wins, then the one the text uses first, so the result does not depend on map
// order.
func (wc *wordCounts) closestMoreFrequent(f string) string {
	best, bestN := "", wc.words[f].n
	// Each candidate is made in buf and looked up as string(buf), which Go does
	// without making a string; only a word the text uses becomes one. (f is valid
	// UTF-8: fold makes it so.)
	consider := func(buf []byte) {
		e, ok := wc.words[string(buf)]
		n := e.n
		if !ok || n < bestN || len(buf) < len(f)-1 || len(buf) > len(f)+1 || string(buf) == f {
			return
		}
		c := string(buf)
		if n == bestN && (best == "" || len(c) > len(best) || len(c) == len(best) && e.order >= wc.words[best].order) {
			return
		}
		best, bestN = c, n
	}
	// at[i] is where the i-th letter of f starts; at[len] is len(f).
	at := make([]int, 0, len(f)+1)
	for i := range f {
		at = append(at, i)
	}
	at = append(at, len(f))
	letters := len(at) - 1
	buf := make([]byte, 0, len(f)+utf8.UTFMax)
	for i := 0; i < letters; i++ {
		consider(append(append(buf[:0], f[:at[i]]...), f[at[i+1]:]...))
	}
	for i := 0; i <= letters; i++ {
		for _, a := range wc.alphabet {
			buf = append(utf8.AppendRune(append(buf[:0], f[:at[i]]...), a), f[at[i]:]...)
			consider(buf)
			if i < letters {
				if r, _ := utf8.DecodeRuneInString(f[at[i]:]); a != r {
					buf = append(utf8.AppendRune(append(buf[:0], f[:at[i]]...), a), f[at[i+1]:]...)
					consider(buf)
				}
			}
		}
	}
	if bestN == wc.words[f].n {
		return ""
	}
	return best
}

// tableHeadWords head the columns of an attendance table ("Aanwezig namens Naam").
var tableHeadWords = map[string]bool{"Naam": true, "Functie": true, "Organisatie": true, "Partij": true,
	"Fractie": true, "Rol": true}

// trimUnbalanced drops a closing bracket without its opening one and the reverse
// ("Henneken Verhuizingen)").
func trimUnbalanced(name string) string {
	if strings.Count(name, "(") != strings.Count(name, ")") {
		name = strings.TrimSpace(strings.Trim(name, "()"))
	}
	return name
}

// plausibleOrgName reports whether a name can be an organisation's at all: not a single
// letter, not initials ("E.M", "K.F."), not a code ("A8", "AU15.05274") and not a
// common abbreviation that names none ("BSN").
func plausibleOrgName(name string) bool {
	if utf8.RuneCountInString(name) < 2 || acronymStop[name] {
		return false
	}
	if strings.ContainsAny(name, " ") {
		return true
	}
	letters, caps := 0, 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	if letters == 0 {
		return false
	}
	if letters == caps && (strings.Contains(name, ".") || isCodeWord(name)) {
		return false
	}
	return true
}

// orgTailWords are capitalised words that end no organisation's name: the next
// sentence or line begins with them ("Stichting Meerwerf De …").
var orgTailWords = map[string]bool{"De": true, "Het": true, "Een": true, "Deze": true, "Dit": true,
	"Dat": true, "Die": true, "Er": true, "We": true, "Wij": true, "Ik": true, "Hij": true, "Zij": true,
	"Ze": true, "U": true, "Op": true, "In": true, "Bij": true, "Na": true, "Voor": true, "Ook": true,
	"En": true, "Maar": true, "Als": true, "Tijdens": true, "Met": true, "Van": true, "Namens": true,
	"Aanwezig": true, "Afwezig": true, "Leden": true, "Griffier": true, "Voorzitter": true, "Gemeente": true}

// headOrgName makes an organisation's name of the words of a match of headOrgRe:
// misspelt words mended by the spelling the text uses most, and words that cannot end
// a name dropped from the end ("Ministerie van Veiligheid en Justitie" stays whole).
func headOrgName(ws []string, counts func() *wordCounts) string {
	ws = slices.Clone(ws)
	for i, w := range ws {
		if utf8.RuneCountInString(w) >= 6 { // mendWord leaves shorter words alone
			ws[i] = mendWord(w, counts())
		}
	}
	for len(ws) > 1 {
		last := ws[len(ws)-1]
		if monthNames[strings.ToLower(last)] == 0 && !orgTailWords[last] && !acronymFunctionWords[last] {
			break
		}
		ws = ws[:len(ws)-1]
	}
	if len(ws) < 2 {
		return ""
	}
	return strings.Join(ws, " ")
}

// nextWord returns the word of letters that s opens with after spaces on the same line,
// or "".
func nextWord(s string) string {
	s = strings.TrimLeft(s, " \t")
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += size
	}
	return s[:end]
}

// The words findAllWith and matchAtWords need on a line or at a word for gemeenteRe,
// headOrgRe, hyphenOrgRe, placeBodyRe and workOrgRe.
var (
	gemeenteKeys  = newSubstrings("emeente")
	headOrgKeys   = newSubstrings(headOrgWords...)
	hyphenOrgKeys = newSubstrings("-raad", "-Raad", "-commissie", "-Commissie", "-platform",
		"-Platform", "-netwerk", "-Netwerk", "-centrum", "-Centrum")
	placeBodyKeys = newSubstrings("raad ", "commissie ", "platform ", "overleg ", "vereniging ", "stichting ", "forum ")
	workOrgKeys   = newSubstrings("werkgever", "organisatie", "instelling", "aanbieder", "partner",
		"school", "corporatie", "stichting", "vereniging", "ziekenhuis")
)

// matchAtWords runs the anchored pattern re from the start of every word of s that holds
// one of keys, within the word's line, and returns the submatch indexes relative to s:
// much cheaper than an unanchored search of every line that holds a key.
func matchAtWords(re *regexp.Regexp, s string, keys *substrings) [][]int {
	var out [][]int
	done := map[int]bool{}
	for _, at := range keys.allAt(s) {
		i := at.pos
		start := i
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if !unicode.IsLetter(r) {
				break
			}
			start -= size
		}
		if done[start] {
			continue
		}
		done[start] = true
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += i
		}
		m := re.FindStringSubmatchIndex(s[start:end])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += start
			}
		}
		out = append(out, m)
	}
	return out
}
