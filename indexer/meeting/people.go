package meeting

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// mentionKind says how much of a name a mention gives.
type mentionKind int

const (
	mentionFull    mentionKind = iota // "Anja Krijnberg", "E.M. Krijns"
	mentionSurname                    // "wethouder Smitsman", "de heer Visser"
	mentionFirst                      // "Anja"
	mentionRole                       // "de wethouder"
)

// mention is one reference to a person in a sentence.
type mention struct {
	kind       mentionKind
	first      string // given name(s) or initials
	last       string // surname with its particles
	titles     []string
	start, end int // token range [start, end) including titles
	nameStart  int // first token of the name itself
	role       string
	person     *person
	acting     bool
	label      bool // "Naam:" at the start of a line
}

func (m mention) full() string {
	switch {
	case m.first != "" && m.last != "":
		return m.first + " " + m.last
	case m.last != "":
		return m.last
	}
	return m.first
}

// person is someone the report names.
type person struct {
	first, last string
	forms       map[string]int // spellings of the name as written, without titles
	order       []string
	roles       []string
	orgs        []string
	aliasExtra  []string
	present     bool
	absent      bool
	speaker     bool
	seq         int
	fixed       string  // canonical name from people.yaml
	forward     *person // set when this record was merged into another
	// The folded first and last names (see foldedFirst), with the names they were
	// folded from.
	firstFolded, firstFoldedOf string
	lastFolded, lastFoldedOf   string
}

// foldedFirst is fold(p.first), folded once per name: finding a person compares the
// names of everybody found so far.
func (p *person) foldedFirst() string {
	if p.firstFoldedOf != p.first {
		p.firstFoldedOf, p.firstFolded = p.first, fold(p.first)
	}
	return p.firstFolded
}

// foldedLast is fold(p.last), folded once per name.
func (p *person) foldedLast() string {
	if p.lastFoldedOf != p.last {
		p.lastFoldedOf, p.lastFolded = p.last, fold(p.last)
	}
	return p.lastFolded
}

// resolved follows merges to the record that stands for the person now.
func (p *person) resolved() *person {
	for p != nil && p.forward != nil {
		p = p.forward
	}
	return p
}

func (p *person) addForm(f string) {
	if f == "" {
		return
	}
	if p.forms == nil {
		p.forms = map[string]int{}
	}
	if p.forms[f] == 0 {
		p.order = append(p.order, f)
	}
	p.forms[f]++
}

func (p *person) addRole(r string) {
	r = strings.TrimSpace(strings.Trim(r, " ,;:-–"))
	if r == "" {
		return
	}
	for _, have := range p.roles {
		if strings.EqualFold(have, r) || strings.Contains(strings.ToLower(have), strings.ToLower(r)) {
			return
		}
	}
	// A longer role that contains an earlier one replaces it.
	for i, have := range p.roles {
		if strings.Contains(strings.ToLower(r), strings.ToLower(have)) {
			p.roles[i] = r
			return
		}
	}
	p.roles = append(p.roles, r)
}

func (p *person) addOrg(o string) {
	o = strings.TrimSpace(o)
	if o == "" {
		return
	}
	for _, have := range p.orgs {
		if strings.EqualFold(have, o) {
			return
		}
	}
	p.orgs = append(p.orgs, o)
}

func (p *person) hasRole(r string) bool {
	for _, have := range p.roles {
		for _, w := range strings.Fields(strings.ToLower(have)) {
			if w = strings.Trim(w, ",;()"); w == r || compoundRole(w) == r {
				return true
			}
		}
	}
	return false
}

// canonical is the name a reader uses for the person.
func (p *person) canonical() string {
	if p.fixed != "" {
		return p.fixed
	}
	best := ""
	for _, f := range p.order {
		if len(strings.Fields(f)) < len(strings.Fields(best)) {
			continue
		}
		if best == "" || len(strings.Fields(f)) > len(strings.Fields(best)) || p.forms[f] > p.forms[best] ||
			p.forms[f] == p.forms[best] && len(f) > len(best) && !isFirstName(strings.Fields(f)[0]) == !isFirstName(strings.Fields(best)[0]) {
			best = f
		}
	}
	return best
}

// parseName reads a person's name starting at toks[i] (titles included). It returns
// the mention and true, or false when no name starts there.
func parseName(toks []token, i int, lex *lexicon) (mention, bool) {
	m := mention{start: i}
	j := i
	// Titles and forms of address: "de heer", "Wethouder mevrouw", "prof. dr.".
	for j < len(toks) {
		lw := toks[j].lower()
		if lw == "de" && j+1 < len(toks) && toks[j+1].lower() == "heer" {
			m.titles = append(m.titles, "de heer")
			j += 2
			continue
		}
		if isAddressWord(lw) && lw != "heer" {
			m.titles = append(m.titles, lw)
			j++
			continue
		}
		if roleTitleLengths.may(lw) && roleTitles[lw] {
			m.titles = append(m.titles, lw)
			j++
			if portfolioRoles[lw] {
				j = portfolioEnd(toks, j, lex)
			}
			continue
		}
		// "stadsdeelwethouder Jurgen van Houdt": a compound role, before a name.
		if len(lw) >= minCompoundRole && j+1 < len(toks) && toks[j+1].cap() && compoundRole(lw) != "" {
			m.titles = append(m.titles, lw)
			j++
			continue
		}
		break
	}
	m.nameStart = j
	if j >= len(toks) || toks[j].punct {
		return m, false
	}
	titled := len(m.titles) > 0
	w := toks[j].text
	var given []string
	switch {
	case isInitials(w):
		given = append(given, w)
		j++
		// "J. (Janneke) Smits": the given name in brackets after the initials.
		if j+2 < len(toks) && toks[j].text == "(" && toks[j+2].text == ")" && (lex.isGiven(toks[j+1].text) || isFirstName(toks[j+1].text)) {
			given[0] = toks[j+1].text
			j += 3
		}
	case isBareInitial(w) && j+1 < len(toks) && lex.isSurname(toks[j+1].text):
		given = append(given, w) // "D Logemann" where the report lists Logemann
		j++
	case toks[j].cap() && !notNames[w] && !lex.isGiven(w) && !isParticle(toks[j].lower()) && j+1 < len(toks) && lex.surnameAt(toks, j+1):
		given = append(given, w) // "Aldo Markus" where the report lists A. Markus, but not "El Amrani"
		j++
	case toks[j].cap() && (lex.isGiven(w) || agedAt(toks, j)):
		given = append(given, w)
		j++
		// A second given name: "Robert Jan Verkade".
		if j+1 < len(toks) && toks[j].cap() && lex.isGiven(toks[j].text) && (toks[j+1].cap() || isParticle(toks[j+1].lower())) {
			if k, ok := surnameAt(toks, j+1); ok && k > j+1 {
				given = append(given, toks[j].text)
				j++
			}
		}
	}
	// Particles and surname.
	if k, ok := surnameAt(toks, j); ok {
		if len(given) == 0 && !titled && !lex.isSurname(joinTokens(toks[j:k])) {
			return m, false
		}
		// After a title a surname's particle has its capital ("mevrouw De Vries",
		// "burgemeester Van der Veen"): that is the name, not a word like "De".
		titledParticle := titled && k > j+1 && isParticle(toks[j].lower())
		// "bestuurder van Stichting Timon", "directeur van Jeugdhulp Noord": after a role,
		// "van" in lower case says whose role it is. A surname without a given name
		// writes its particle with a capital ("wethouder Van Dam").
		if len(given) == 0 && titled && !isAddressWord(m.titles[len(m.titles)-1]) && toks[j].text == "van" {
			return m, false
		}
		if len(given) == 0 && !isParticleStart(toks, j) && !titledParticle && notNames[toks[j].text] && !lex.isSurname(joinTokens(toks[j:k])) {
			return m, false
		}
		m.first = strings.Join(given, " ")
		m.last = joinTokens(toks[j:k])
		m.end = k
		if m.first != "" {
			m.kind = mentionFull
		} else {
			m.kind = mentionSurname
		}
		return m, true
	}
	if len(given) > 0 && !isInitials(given[0]) {
		m.first = strings.Join(given, " ")
		m.end = j
		m.kind = mentionFirst
		if len(given) > 1 {
			m.first, m.last, m.kind = given[0], given[1], mentionFull
		}
		return m, true
	}
	return m, false
}

// agedAt reports whether a capitalised word stands before an age in brackets, as
// reports name young people by their first name: "zei Jaylen (15)", "Lotte (16)".
func agedAt(toks []token, j int) bool {
	if j+3 >= len(toks) || toks[j+1].text != "(" || toks[j+3].text != ")" || notNames[toks[j].text] || !capitalisedWord(toks[j].text) {
		return false
	}
	age := toks[j+2].text
	return len(age) <= 2 && age[0] >= '1' && age[0] <= '9' && (len(age) == 1 || age[1] >= '0' && age[1] <= '9')
}

func isParticleStart(toks []token, j int) bool {
	return j < len(toks) && isParticle(toks[j].lower()) && !toks[j].cap()
}

// surnameAt reads "van der Windt", "Krijnberg", "Bijleveld-Schouten" at toks[j]; it
// returns the index after the surname.
func surnameAt(toks []token, j int) (int, bool) {
	k := j
	hadParticle := false
	for k < len(toks) && !toks[k].punct && isParticle(toks[k].lower()) && k-j < 3 {
		// Particles are lower case inside a name ("van der"); "Van" may start one.
		if toks[k].cap() && k != j {
			break
		}
		k++
		hadParticle = true
	}
	if k >= len(toks) || toks[k].punct || !toks[k].cap() {
		return j, false
	}
	if !looksLikeSurnameCtx(toks[k], hadParticle) {
		return j, false
	}
	if hadParticle && toks[j].lower() == "in" && (k-j < 2 || toks[j+1].lower() != "'t" && toks[j+1].lower() != "’t") {
		return j, false // "Peter in Utrecht"
	}
	return k + 1, true
}

func looksLikeSurnameCtx(t token, afterParticle bool) bool {
	w := t.text
	if afterParticle {
		if notNames[w] || isUpperCase(w) && len(w) > 1 {
			return false
		}
		return startsUpper(w)
	}
	return looksLikeSurnameLow(w, t.low)
}

// joinTokens joins the texts of ts with single spaces, as strings.Join would.
func joinTokens(ts []token) string {
	switch len(ts) {
	case 0:
		return ""
	case 1:
		return ts[0].text
	}
	n := len(ts) - 1
	for _, t := range ts {
		n += len(t.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// Speech and the acts of a meeting.

var (
	notSpeechRe = regexp.MustCompile(`(?i)\b(vond|vindt|vonden)\b[^.]*\bplaats\b`)
)

// prepositions before a name make it an object, not the one who acts.
var prepositions = map[string]bool{
	"met": true, "van": true, "aan": true, "door": true, "bij": true, "voor": true, "over": true,
	"naar": true, "tegen": true, "namens": true, "zonder": true, "tot": true, "uit": true, "om": true,
	"op": true, "onder": true, "na": true, "via": true, "zoals": true, "dan": true, "dankzij": true,
	"tussen": true, "vanuit": true, "richting": true, "wegens": true, "als": true,
}

// speechPhrases are the phrases of speech and acts ("stelt een vraag", "neemt het
// woord", "volgens Peter"), each behind a word it cannot match without, so that a
// sentence is tried only against the phrases whose word it holds. Together they match
// what speechPhraseRe matches.
var speechPhrases = []struct {
	words []string // lower-case; the sentence must hold one of them
	re    *regexp.Regexp
	not   *regexp.Regexp // when not nil, a sentence it matches does not count
}{
	{[]string{"vraag", "vragen", "opmerking", "punt"}, regexp.MustCompile(`(?i)\b(heeft|had|hebben|stelt|stelde)\s+(\S+\s+){0,3}(vraag|vragen|opmerking|opmerkingen|punt)\b`),
		// "Joost heeft geen vragen": the round of questions passes him by.
		regexp.MustCompile(`(?i)\b(heeft|had|hebben)\s+(verder\s+|nu\s+|nog\s+)?geen\s+(\S+\s+)?(vraag|vragen|opmerking|opmerkingen|punt|punten)\b`)},
	{[]string{"blij"}, regexp.MustCompile(`(?i)\bis\s+(erg\s+|zeer\s+)?blij`), nil},
	{[]string{"weten", "graag"}, regexp.MustCompile(`(?i)\bwil(de)?\s+((graag\s+)?weten|graag)`), nil},
	{[]string{"ziet"}, regexp.MustCompile(`(?i)\bziet\s+graag`), nil},
	{[]string{"neemt", "nam"}, regexp.MustCompile(`(?i)\b(neemt|nam)\s+(het\s+woord|(ons\s+)?mee|deel)`), nil},
	{[]string{"vind", "vond"}, regexp.MustCompile(`(?i)\b(vindt|vond)\s+(het|dat)`), nil},
	{[]string{"ervaren"}, regexp.MustCompile(`(?i)\blaten\s+ervaren`), nil},
	{[]string{"vroeg", "vraagt"}, regexp.MustCompile(`(?i)\b(vroeg|vraagt)\s+zich\s+af`), nil},
	{[]string{"deelt"}, regexp.MustCompile(`(?i)\bdeelt\s+mee`), nil},
	{[]string{"betoog"}, regexp.MustCompile(`(?i)\bin\s+(zijn|haar)\s+betoog`), nil},
	{[]string{"volgens"}, regexp.MustCompile(`(?i:\bvolgens\s+[A-Z])|\b[Vv]olgens\s+\p{Lu}`), nil},
	{[]string{"sluit"}, regexp.MustCompile(`(?i)\bsluit\s+zich\s+aan`), nil},
	{[]string{"verslag"}, regexp.MustCompile(`(?i)\b(brengt|bracht)\s+verslag`), nil},
	{[]string{"update"}, regexp.MustCompile(`(?i)\bgeeft\s+een\s+update`), nil},
	{[]string{"doet"}, regexp.MustCompile(`(?i)\bdoet\s+(een\s+)?(voorstel|oproep|suggestie)`), nil},
	// "zorgde voor een ordelijk verloop van de bijeenkomst": the one who moderated.
	{[]string{"verloop"}, regexp.MustCompile(`(?i)\b(zorgt|zorgde|zorgden)\s+voor\s+(een\s+)?(\S+\s+){0,2}verloop\b`), nil},
	// "deed zijn verhaal", "gingen in gesprek over": telling and discussing.
	{[]string{"verhaal", "gesprek"}, regexp.MustCompile(`(?i)\b(doet|deed|deden)\s+(zijn|haar|hun|het)\s+verhaal\b|\b(gaat|gaan|ging|gingen)\s+(\S+\s+){0,2}in\s+gesprek\b`), nil},
	// "liet zien hoe vaak …", "laat de cijfers zien": a presentation.
	{[]string{"liet", "laat"}, regexp.MustCompile(`(?i)\b(laat|liet|lieten)\s+(\S+\s+){0,4}zien\b`), nil},
	// "plaatst een kanttekening bij", "zet vraagtekens bij", "maakt een opmerking".
	{[]string{"kanttekening", "vraagteken", "opmerking"}, regexp.MustCompile(`(?i)\b(plaatst|plaatste|plaatsten|zet|zette|zetten|maakt|maakte|maakten)\s+(\S+\s+){0,3}(kanttekening|kanttekeningen|vraagteken|vraagtekens|opmerking|opmerkingen)\b`), nil},
}

// hasSpeechPhrase reports whether s holds one of speechPhrases.
func hasSpeechPhrase(s string) bool {
	low := strings.ToLower(s)
	for _, p := range speechPhrases {
		for _, w := range p.words {
			if strings.Contains(low, w) {
				if p.re.MatchString(s) && (p.not == nil || !p.not.MatchString(s)) {
					return true
				}
				break
			}
		}
	}
	return false
}

// mayBeRecordLabel is a fast test that recordLabelRe may match s: each of its words
// ends in "k", "t", "e" or ")" and stands before a colon, perhaps with white space
// between. A byte beyond ASCII there is left to the pattern.
func mayBeRecordLabel(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		j := i
		for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\n' || s[j-1] == '\r' || s[j-1] == '\f') {
			j--
		}
		if j > 0 {
			switch c := s[j-1]; {
			case c >= utf8.RuneSelf, c == ')', c|0x20 == 'k', c|0x20 == 't', c|0x20 == 'e':
				return true
			}
		}
		next := strings.IndexByte(s[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

var recordLabelRe = regexp.MustCompile(`(?i)\b(zaak|besluit|agendapunt|noot|document|voortouwcommissie|volgcommissie\(s\))\s*:`)

// speechInfo is what a sentence says about speech.
type speechInfo struct {
	speech  bool // the sentence reports speech
	verb    int  // the token of the speech verb, or -1
	passive bool // the verb is a passive participle: the one who speaks follows "door"
	// eventPassive is set when the sentence has an auxiliary of the event passive
	// (wordt, werd): "Door X wordt een toelichting gegeven" names the speaker after "door".
	eventPassive bool
}

// lightVerbs carry a speech noun: "geeft een toelichting", "houdt een presentatie".
var lightVerbs = map[string]bool{"geeft": true, "gaf": true, "gaven": true, "geven": true, "gegeven": true,
	"houdt": true, "hield": true, "hielden": true, "houden": true, "gehouden": true,
	"verzorgt": true, "verzorgde": true, "verzorgden": true, "verzorgen": true, "verzorgd": true,
	"doet": true, "deed": true, "deden": true, "gedaan": true, "brengt": true, "bracht": true, "brachten": true}

// subordinators open a clause whose verbs are not the sentence's main ones.
var subordinators = map[string]bool{"dat": true, "of": true, "omdat": true, "zodat": true,
	"hoe": true, "waarom": true, "wanneer": true, "waar": true, "welke": true}

// modals govern an infinitive: "Jan wil dat toelichten" is no speech yet.
var modals = map[string]bool{"wil": true, "willen": true, "kan": true, "kunnen": true, "moet": true,
	"moeten": true, "mag": true, "mogen": true, "zou": true, "zouden": true, "laat": true, "laten": true,
	"wilde": true, "wilden": true, "kon": true, "konden": true, "moest": true, "moesten": true}

// infinitiveBlockers make the infinitive after them no finite verb: "te benadrukken",
// "om toe te lichten", "het vertellen", "voor het meer benadrukken".
var infinitiveBlockers = map[string]bool{"te": true, "om": true, "het": true, "een": true, "de": true,
	"meer": true, "voor": true, "van": true, "bij": true, "na": true, "door": true, "met": true, "tot": true,
	"aan": true, "zonder": true, "over": true,
	// Determiners and possessives make the form a noun: "heeft geen vragen", "zijn
	// vragen", "twee vragen".
	"geen": true, "veel": true, "enkele": true, "twee": true, "drie": true, "meerdere": true,
	"alle": true, "andere": true, "deze": true, "zijn": true, "haar": true, "hun": true,
	"onze": true, "uw": true, "mijn": true, "jouw": true}

// perfectAux are the auxiliaries of the perfect of speech verbs ("heeft gezegd").
var perfectAux = map[string]bool{"heeft": true, "hebben": true, "had": true, "hadden": true}

// passiveAux are the auxiliaries of the passive: true for those of the event passive
// (wordt, werd), false for those of the state passive (is, zijn).
var passiveAux = map[string]bool{"wordt": true, "werd": true, "worden": true, "werden": true,
	"is": false, "zijn": false, "was": false, "waren": false}

// speechSentence reads whether a sentence reports speech: one of the phrases of
// speech, a speech verb of the vocabulary, or a speech noun ("een toelichting van").
// Speech announced for later ("zij zal daar meer over vertellen") does not count, nor
// an infinitive that is no finite verb ("verzocht … te benadrukken").
func speechSentence(s string, toks []token, sp *Speech) speechInfo {
	none := speechInfo{verb: -1}
	if mayBeRecordLabel(s) && recordLabelRe.MatchString(s) {
		return none // lines of a decision list: "Zaak: brief van minister X"
	}
	future, perfect, passive, event, modal := false, false, false, false, false
	// The auxiliaries of the main clause: "Arjan benadrukt dat scholen betrokken
	// worden" is no passive; the clause after "dat" or "of" has its own verbs.
	main := toks
	for i, t := range toks {
		if i > 0 && subordinators[t.lower()] {
			main = toks[:i]
			break
		}
	}
	for _, t := range main {
		lw := t.lower()
		switch {
		case lw == "zal" || lw == "zullen" || lw == "gaat" || lw == "gaan":
			future = true
		case modals[lw]:
			modal = true
		case perfectAux[lw]:
			perfect = true
		default:
			if ev, ok := passiveAux[lw]; ok {
				passive, event = true, event || ev
			}
		}
	}
	found := func(verb int, passive bool) speechInfo {
		return speechInfo{speech: true, verb: verb, passive: passive, eventPassive: event}
	}
	for i, t := range toks {
		if t.punct || !sp.isVerb(toks, i) {
			continue
		}
		if i >= 2 && toks[i-1].lower() == "die" && toks[i-2].text == "," {
			// "…, die verwacht dat …": the verb of a relative clause, whose subject is
			// the word before the comma, not a name the sentence opens with.
			continue
		}
		lw := t.lower()
		if (lw == "vond" || lw == "vindt") && notSpeechRe.MatchString(s) {
			continue
		}
		if sp.nonFinite[fold(lw)] {
			switch {
			case sp.infinitive[fold(lw)]:
				// An infinitive: a finite plural, unless an auxiliary governs it or a
				// word before makes it a noun or a clause ("te benadrukken", "het
				// benadrukken").
				if future || modal || i > 0 && infinitiveBlockers[toks[i-1].lower()] {
					continue
				}
			case perfect:
			case passive:
				return found(i, true)
			case sp.present[fold(lw)]:
				// A participle that is also the present ("benadrukt", "verwacht"):
				// without an auxiliary, the present.
			default:
				continue
			}
		}
		return found(i, false)
	}
	if hasSpeechPhrase(s) {
		return found(-1, false)
	}
	// A speech noun as the object of a light verb: "geeft een toelichting", "hield
	// een inleiding", "verzorgde de opening"; not speech planned ("wilde een workshop
	// geven") or a noun merely named.
	if future || modal {
		return none
	}
	light := false
	for _, t := range toks {
		if lightVerbs[t.lower()] {
			light = true
			break
		}
	}
	if !light {
		return none
	}
	for _, t := range toks {
		if !t.punct && len(t.text) > 2 && !t.cap() && sp.isNoun(t.text) {
			return found(-1, false)
		}
	}
	return none
}

// askVerbs are the forms of "vragen": who comes right after "vraagt … om" or
// "vraagt of" is asked, or the subject of what is asked, not the one who asks.
var askVerbs = map[string]bool{"vraag": true, "vraagt": true, "vroeg": true, "vroegen": true, "vragen": true}

// actingAt decides whether the mention m in toks is the one who speaks or acts.
func actingAt(toks []token, m mention, speech bool, sp *Speech) bool {
	if !speech {
		return false
	}
	// Inside brackets: an aside.
	depth := 0
	for k := 0; k < m.start; k++ {
		switch toks[k].text {
		case "(":
			depth++
		case ")":
			depth--
		}
	}
	if depth > 0 {
		return false
	}
	// The word before the mention, past a bracketed aside right before it ("met
	// medeweten van (maar niet namens) Jan").
	before := m.start
	if before > 0 && toks[before-1].text == ")" {
		for k, d := before-1, 0; k >= 0; k-- {
			switch toks[k].text {
			case ")":
				d++
			case "(":
				d--
			}
			if d == 0 {
				before = k
				break
			}
		}
	}
	if before < m.start && before > 0 && prepositions[toks[before-1].lower()] {
		return false
	}
	// "vraag of Jad het wil doen", "vraagt Nina om mee te doen": asked, not asking.
	if m.start > 1 && toks[m.start-1].lower() == "of" && askVerbs[toks[m.start-2].lower()] {
		return false
	}
	if m.start > 0 && askVerbs[toks[m.start-1].lower()] && m.end < len(toks) && toks[m.end].lower() == "om" {
		return false
	}
	if m.start > 0 {
		prev := toks[m.start-1].lower()
		if prev == "met" && m.start > 1 && toks[m.start-2].lower() == "samen" {
			// "Wethouder Smitsmans rond samen met Rene Cardynaals … af": a co-speaker,
			// but not in "dat hij samen met Chrystal bezig is".
			return m.start > 2 && sp.isVerb(toks, m.start-3)
		}
		if prev == "de" || prev == "onze" || prev == "het" {
			if m.start > 1 && prepositions[toks[m.start-2].lower()] {
				return false
			}
			return true
		}
		if prepositions[prev] {
			return false
		}
		// "met als bevlogen kartrekker wethouder Smitsman": an apposition after a preposition.
		for k := m.start - 1; k >= 0 && k >= m.start-4; k-- {
			if toks[k].lower() == "als" && k > 0 && toks[k-1].lower() == "met" {
				return false
			}
		}
	}
	return true
}

var (
	absentLead  = regexp.MustCompile(`(?i)^(afwezig|afwezigen|afgemeld|met\s+kennisgeving\s+afwezig|verhinderd|absent)\b\s*:?\s*`)
	presentLead = regexp.MustCompile(`(?i)^(aanwezig|aanwezigen|mede\s+aanwezig|ook\s+aanwezig|achter\s+de\s+bestuurstafel\s+zitten|in\s+de\s+zaal\s+zitten|deelnemers|present)\b\s*:?\s*`)
	absentTail  = regexp.MustCompile(`(?i)\b(hebben|heeft)\s+zich\s+(af\s*gemeld|afgemeld|laten\s+verontschuldigen)|\bbericht\s+van\s+verhindering\b|\bafwezig\s+(is|zijn|was|waren)\b`)
)

// absentLeads is absentLead.MatchString(s), which can only match a text that starts
// with one of the first letters of its words (in any case).
func absentLeads(s string) bool {
	return mayStartWith(s, "amv") && absentLead.MatchString(s)
}

// presentLeads is presentLead.MatchString(s), after the same test as absentLeads.
func presentLeads(s string) bool {
	return mayStartWith(s, "amoidp") && presentLead.MatchString(s)
}

// mayStartWith reports whether s may start with one of the lower-case ASCII letters
// of firsts, in any case. It is false only when s surely does not: a first byte
// beyond ASCII is left to the caller's pattern, which may fold it.
func mayStartWith(s, firsts string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if c >= utf8.RuneSelf {
		return true
	}
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return strings.IndexByte(firsts, c) >= 0
}
