package meeting

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/firstnames.txt
var firstNamesData string

var firstNames = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(firstNamesData, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}()

// isFirstName reports whether w is a known given name ("Anja", "Peter-Paul").
func isFirstName(w string) bool {
	if firstNames[w] {
		return true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		return firstNames[a] && firstNames[b]
	}
	return false
}

// particles are the lower-case parts of Dutch surnames ("van der", "ter").
var particles = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "ter": true, "ten": true, "te": true,
	"'t": true, "’t": true, "la": true, "le": true, "du": true, "von": true, "da": true,
	"di": true, "del": true, "d'": true, "in": true,
	// Particles of names common among Dutch people of Moroccan and Arabic origin.
	"el": true, "al": true, "ait": true, "aït": true, "bou": true, "abou": true, "ou": true,
}

// isParticle is particles[w], without hashing a word longer than every particle.
func isParticle(w string) bool { return particleLengths.may(w) && particles[w] }

// isAddressWord reports whether w is one of addressWords.
func isAddressWord(w string) bool {
	if !addressLengths.may(w) {
		return false
	}
	_, ok := addressWords[w]
	return ok
}

// Which lengths the words of particles, addressWords and roleTitles have: most words
// of a text have none of them, and a word is tried against the sets at every position
// a name may start from.
var (
	particleLengths  = lengthsOf(particles)
	addressLengths   = lengthsOf(addressWords)
	roleTitleLengths = lengthsOf(roleTitles)
)

// keyLengths records which lengths in bytes the keys of a map have, so that a lookup
// can skip a word of no such length without hashing it. Lengths beyond the table are
// always looked up.
type keyLengths [32]bool

func lengthsOf[V any](m map[string]V) *keyLengths {
	var l keyLengths
	for k := range m {
		if len(k) < len(l) {
			l[len(k)] = true
		}
	}
	return &l
}

// may reports whether a key of the map may be w.
func (l *keyLengths) may(w string) bool { return len(w) >= len(l) || l[len(w)] }

// addressWords are forms of address and academic titles that stand before a name.
var addressWords = map[string]string{
	"heer": "", "mevrouw": "", "mevr.": "", "mw.": "", "dhr.": "", "meneer": "", "mr.": "mr.",
	"prof.": "prof.", "dr.": "dr.", "drs.": "drs.", "ir.": "ir.", "ing.": "ing.",
}

// roleTitles are roles that stand before a name as a title ("wethouder Smitsman").
var roleTitles = map[string]bool{
	"wethouder": true, "burgemeester": true, "minister": true, "staatssecretaris": true,
	"voorzitter": true, "dagvoorzitter": true, "directeur": true, "griffier": true, "kamerlid": true,
	"gedeputeerde": true, "commissaris": true, "secretaris": true, "penningmeester": true,
	"minister-president": true, "raadslid": true, "notulist": true, "bestuurder": true,
	"coördinator": true, "coordinator": true, "ambassadeur": true, "lid": false,
}

// portfolioRoles are the roles whose holder has a portfolio, which may stand between
// the role and the name ("wethouder Jeugd en Onderwijs Karin Smit").
var portfolioRoles = map[string]bool{
	"wethouder": true, "gedeputeerde": true, "portefeuillehouder": true, "minister": true,
	"staatssecretaris": true,
}

// portfolioWords are the policy fields a portfolio is made of, folded: the usual
// portfolios of Dutch municipalities, provinces and ministries.
var portfolioWords = map[string]bool{
	"jeugd": true, "jeugdzorg": true, "jeugdhulp": true, "onderwijs": true, "zorg": true,
	"werk": true, "inkomen": true, "wonen": true, "sport": true, "cultuur": true,
	"financien": true, "economie": true, "verkeer": true, "vervoer": true, "mobiliteit": true,
	"duurzaamheid": true, "milieu": true, "klimaat": true, "energie": true, "energietransitie": true,
	"welzijn": true, "wmo": true, "armoede": true, "armoedebeleid": true, "participatie": true,
	"veiligheid": true, "handhaving": true, "ruimtelijke": true, "ordening": true,
	"buitenruimte": true, "openbare": true, "ruimte": true, "natuur": true, "landbouw": true,
	"erfgoed": true, "personeel": true, "dienstverlening": true, "gezondheid": true,
	"volksgezondheid": true, "sociaal": true, "domein": true, "grondzaken": true, "vastgoed": true,
	"toerisme": true, "recreatie": true, "kunst": true, "digitalisering": true, "innovatie": true,
	"integratie": true, "emancipatie": true, "inburgering": true, "schuldhulpverlening": true,
	"arbeidsmarkt": true, "ouderen": true, "accommodaties": true, "volkshuisvesting": true,
	"huisvesting": true, "bouwen": true, "afval": true, "begroting": true, "financiën": true,
	"preventie": true, "bedrijfsvoering": true, "wijken": true, "jongeren": true,
}

// portfolioEnd returns the index after the portfolio that starts at toks[j] ("Werk en
// Inkomen", "Jeugd, Onderwijs en Sport"), or j when none does. One field alone is a
// portfolio only before a name: "wethouder Groen vraagt" names wethouder Groen.
func portfolioEnd(toks []token, j int, lex *lexicon) int {
	k, n := j, 0
	for k < len(toks) && toks[k].cap() && portfolioWords[toks[k].folded()] {
		n++
		k++
		if k+1 < len(toks) && (toks[k].low == "en" || toks[k].text == "," || toks[k].text == "&") &&
			toks[k+1].cap() && portfolioWords[toks[k+1].folded()] {
			k++
		}
	}
	switch {
	case n >= 2:
		return k
	case n == 1 && k < len(toks) && toks[k].cap() && (lex.isGiven(toks[k].text) || isInitials(toks[k].text)):
		return k
	}
	return j
}

// roleHead returns the role title a title word names: itself when it is one
// ("wethouder"), the head of a compound role ("stadsdeelwethouder" → "wethouder"), or
// "".
func roleHead(w string) string {
	if roleTitles[w] {
		return w
	}
	return compoundRole(w)
}

// compoundRole returns the role title that heads w, a compound naming the same office in
// a narrower field ("stadsdeelwethouder", "jeugdwethouder", "regiovoorzitter"), or "".
// A compound of a deputy, a former holder or a children's council ("vicevoorzitter",
// "oud-wethouder", "locoburgemeester", "kinderburgemeester") is another office, and a
// role title itself is no compound.
func compoundRole(w string) string {
	if len(w) < minCompoundRole || roleTitles[w] {
		return ""
	}
	for _, r := range compoundRoleHeads {
		if len(w) >= len(r)+3 && strings.HasSuffix(w, r) {
			if otherOffices[strings.TrimSuffix(w[:len(w)-len(r)], "-")] {
				return ""
			}
			return r
		}
	}
	return ""
}

// compoundRoleHeads are the role titles a compound role may end in.
var compoundRoleHeads = []string{"wethouder", "burgemeester", "minister", "staatssecretaris", "voorzitter",
	"directeur", "griffier", "secretaris", "penningmeester", "gedeputeerde", "commissaris", "coördinator",
	"coordinator", "bestuurder", "notulist", "raadslid"}

// minCompoundRole is the length of the shortest compound role: the shortest head
// (eight letters) and three before it.
const minCompoundRole = 11

// otherOffices are the first parts that make a compound role another office than its
// head.
var otherOffices = map[string]bool{"oud": true, "ex": true, "vice": true, "loco": true, "adjunct": true,
	"kandidaat": true, "co": true, "mede": true, "sub": true, "onder": true, "hulp": true, "aspirant": true,
	"plaatsvervangend": true, "waarnemend": true, "beoogd": true, "voormalig": true, "toekomstig": true,
	"kinder": true, "jongeren": true}

// roleSuffixes recognise role nouns by their ending ("systeemtherapeut", "praktijkondersteuner").
var roleSuffixes = []string{
	"ambassadeur", "directeur", "voorzitter", "therapeut", "psychiater", "psycholoog", "loog",
	"adviseur", "coördinator", "coordinator", "ondersteuner", "trekker", "leider", "manager",
	"medewerker", "secretaris", "penningmeester", "bestuurder", "bestuurslid", "wethouder",
	"burgemeester", "griffier", "notulist", "opleider", "oprichter", "hoogleraar", "arts",
	"verpleegkundige", "consulent", "regisseur", "werker", "begeleider", "docent", "leraar",
	"onderzoeker", "deskundige", "ambtenaar", "minister", "staatssecretaris", "raadslid",
	"gedeputeerde", "lector", "pedagoog", "agoog", "specialist", "jurist", "officier", "rechter",
	"inspecteur", "voorzitster", "projectleider", "programmamanager", "kwartiermaker",
	"beleidsmedewerker", "fractievoorzitter", "kamerlid", "woordvoerder", "vertegenwoordiger",
	"moderator", "spreker", "gastspreker", "ombudsman", "ombudsvrouw", "maatje", "vrijwilliger", "lid", "kartrekker",
}

// isRoleNoun reports whether w names a role or occupation.
func isRoleNoun(w string) bool {
	w = strings.ToLower(strings.Trim(w, ".,;:()"))
	if len(w) < 3 {
		return false
	}
	if roleTitles[w] {
		return true
	}
	for _, s := range roleSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// personNoun reports whether w names a kind of person: a role ("Jongerenwerker") or
// one of personSuffixes ("Pleegouder Ronald (52) vertelde …").
func personNoun(w string) bool {
	if isRoleNoun(w) {
		return true
	}
	lw := strings.ToLower(w)
	for _, s := range personSuffixes {
		if strings.HasSuffix(lw, s) {
			return true
		}
	}
	return false
}

// personSuffixes end nouns for people who are no role holders.
var personSuffixes = []string{"ouder", "bewoner", "deelnemer", "jongere", "leerling", "moeder",
	"vader", "student", "vrijwilliger", "scholier", "cliënt", "client", "mantelzorger"}

// notNames are capitalised words that start no person's name even after a title.
var notNames = map[string]bool{
	"De": true, "Het": true, "Een": true, "Deze": true, "Dit": true, "Dat": true, "Die": true,
	"Er": true, "We": true, "Wij": true, "Ik": true, "Hij": true, "Zij": true, "Ze": true, "U": true,
	"Op": true, "In": true, "Bij": true, "Na": true, "Voor": true, "Ook": true, "En": true, "Maar": true,
	"Als": true, "Tijdens": true, "Met": true, "Van": true, "Namens": true, "Gemeente": true,
	"Tweede": true, "Eerste": true, "Kamer": true, "Zaken": true, "Financiën": true,
	"Leden": true, "Aanwezig": true, "Afwezig": true, "Griffier": true, "Voorzitter": true,
	"Buitenlandse": true, "Binnenlandse": true, "Onderwijs": true, "Justitie": true, "Defensie": true,
	"Economische": true, "Volksgezondheid": true, "Sociale": true, "Infrastructuur": true,
	"Algemene": true, "Landbouw": true, "Verkeer": true, "Europese": true, "Koninkrijksrelaties": true,
}

// nonPersonSuffixes end capitalised words that are organisations or things, not surnames.
var nonPersonSuffixes = []string{"museum", "school", "centrum", "fonds", "stichting", "groep",
	"college", "netwerk", "raad", "commissie", "vereniging", "bank", "zaken", "dienst", "bureau", "straat",
	"weg", "plein", "park", "laan", "haven"}

func looksLikeSurname(w string) bool {
	if notNames[w] || !startsUpper(w) {
		return false
	}
	return looksLikeSurnameLow(w, strings.ToLower(w))
}

// looksLikeSurnameLow is looksLikeSurname for a caller with w in lower case (lw) at
// hand.
func looksLikeSurnameLow(w, lw string) bool {
	if notNames[w] || !startsUpper(w) {
		return false
	}
	if _, ok := monthNames[lw]; ok {
		return false
	}
	if _, ok := weekdayNames[lw]; ok {
		return false
	}
	for _, s := range nonPersonSuffixes {
		if strings.HasSuffix(lw, s) && lw != s {
			return false
		}
	}
	if isPlace(w) {
		return false
	}
	// All capitals ("VNG", "ALV") are acronyms, not names.
	if isUpperCase(w) && len(w) > 1 {
		return false
	}
	return true
}

// isUpperCase reports whether strings.ToUpper(w) == w, without making the upper case:
// every character is its own upper case (a byte that is not UTF-8 is not, as ToUpper
// replaces it).
func isUpperCase(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError && size == 1 || unicode.ToUpper(r) != r {
			return false
		}
		i += size
	}
	return true
}
