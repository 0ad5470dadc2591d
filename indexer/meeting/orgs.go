package meeting

import (
	"regexp"
	"strings"
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
}

// headOrgWords are the words that open an organisation's name.
var headOrgWords = []string{"Stichting", "Vereniging", "Expertisecentrum", "Ministerie", "Hogeschool",
	"Universiteit", "Coöperatie", "Centrum", "Platform", "Netwerk", "Fonds", "Academie", "Instituut",
	"Raad", "Jeugdzorg", "Zorggroep"}

var (
	headOrgRe = regexp.MustCompile(`\b(` + strings.Join(headOrgWords, "|") + `)((?:\s+(?:van|voor|der|de)?\s*\p{Lu}[\p{L}+&'-]*)+)`)
	workOrgRe = regexp.MustCompile(`\b(?:werkgever|organisatie|instelling|zorgaanbieder|aanbieder|partner|school|basisschool)\s+(\p{Lu}[\p{L}+&'-]*(?:\s+\p{Lu}[\p{L}+&'-]*)*)`)
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
		name = strings.TrimSpace(strings.Trim(name, " ,.;:"))
		if name == "" || people[name] || isPlace(name) {
			return
		}
		cands = append(cands, cand{name, pos})
	}
	// Organisations that stand with people.
	for _, o := range d.personOrgs {
		addAt(o, strings.Index(all, o))
	}
	for _, m := range findAllWith(gemeenteRe, all, "emeente") {
		place := all[m[2]:m[3]]
		if isPlace(place) {
			addAt("Gemeente "+place, m[0])
		}
	}
	for _, m := range findAllWith(headOrgRe, all, headOrgWords...) {
		name := all[m[0]:m[1]]
		ws := strings.Fields(name)
		// Mend misspelt words by the spelling the text uses most.
		for i, w := range ws {
			ws[i] = mendWord(w, counts())
		}
		for len(ws) > 1 && (monthNames[strings.ToLower(ws[len(ws)-1])] != 0 || notNames[ws[len(ws)-1]]) {
			ws = ws[:len(ws)-1]
		}
		if len(ws) > 1 {
			addAt(strings.Join(ws, " "), m[0])
		}
	}
	for _, m := range findAllWith(workOrgRe, all, "werkgever", "organisatie", "instelling", "aanbieder", "partner", "school") {
		addAt(all[m[2]:m[3]], m[2])
	}
	for _, t := range tokenize(all) {
		w := strings.TrimRight(t.text, "+")
		if t.punct || strings.HasPrefix(t.text, "@") || !isAcronym(w) || acronymStop[w] {
			continue
		}
		if strings.ContainsAny(w, "0123456789") && !strings.ContainsAny(w[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			continue
		}
		addAt(w, t.start)
	}

	// Order by first appearance; drop names inside longer ones ("IKC" in "IKC
	// Alexander", "Expertisecentrum Jeugdhulp" in "Expertisecentrum Jeugdhulp Limburg").
	sortCands := func() {
		for i := 1; i < len(cands); i++ {
			for j := i; j > 0 && cands[j].pos < cands[j-1].pos; j-- {
				cands[j], cands[j-1] = cands[j-1], cands[j]
			}
		}
	}
	for i := range cands {
		if cands[i].pos < 0 {
			cands[i].pos = len(all)
		}
	}
	sortCands()
	var out []string
	for _, c := range cands {
		dup := false
		for _, o := range cands {
			if o.name != c.name && len(o.name) > len(c.name) && containsWords(o.name, c.name) {
				dup = true
				break
			}
		}
		if !dup && !containsFold(out, c.name) {
			out = append(out, c.name)
		}
	}
	return out
}

// containsWords reports whether the words of small appear, in order and together, in big.
func containsWords(big, small string) bool {
	b := " " + strings.Join(strings.Fields(big), " ") + " "
	s := " " + strings.Join(strings.Fields(small), " ") + " "
	return strings.Contains(b, s)
}

// mendWord replaces a word that the text spells more often one letter differently
// ("Jeughulp" → "Jeugdhulp").
// wordCounts counts the folded words of a text.
type wordCounts struct {
	n     map[string]int
	byLen map[int][]string // the words by length in bytes, in the order they first occur
}

func countWords(text string) *wordCounts {
	wc := &wordCounts{n: map[string]int{}, byLen: map[int][]string{}}
	for _, w := range words(text) {
		f := fold(strings.Trim(w, ".-'"))
		if wc.n[f] == 0 {
			wc.byLen[len(f)] = append(wc.byLen[len(f)], f)
		}
		wc.n[f]++
	}
	return wc
}

func mendWord(w string, counts *wordCounts) string {
	f := fold(w)
	if len([]rune(f)) < 6 {
		return w
	}
	best, bestN := w, counts.n[f]
	// A word one edit away is at most one byte longer or shorter. Among equally
	// frequent ones the first in this order wins, so the result does not depend on
	// map order.
	for l := len(f) - 1; l <= len(f)+1; l++ {
		for _, other := range counts.byLen[l] {
			if n := counts.n[other]; n > bestN && editDistance(other, f) == 1 {
				best, bestN = other, n
			}
		}
	}
	if best == w {
		return w
	}
	// Keep the capital of the original.
	if startsUpper(w) && best != "" {
		return strings.ToUpper(best[:1]) + best[1:]
	}
	return best
}
