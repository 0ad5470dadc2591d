package meeting

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
)

//go:embed data/places.txt
var placesData string

// placeInfo is one municipality, region or province.
type placeInfo struct {
	name     string
	province bool
}

// placeFirst holds the first word of every written form of a place: the text of the
// first token of a phrase that placeIndex may hold.
var placeFirst = func() map[string]bool {
	m := make(map[string]bool, len(placeIndex))
	for f := range placeIndex {
		first, _, _ := strings.Cut(f, " ")
		m[first] = true
	}
	return m
}()

// placeIndex maps every written form of a place to the place.
var placeIndex, placeMaxWords = func() (map[string]placeInfo, int) {
	m := map[string]placeInfo{}
	maxWords := 1
	for _, line := range strings.Split(placesData, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		prov := false
		if rest, ok := strings.CutPrefix(line, "province:"); ok {
			line, prov = strings.TrimSpace(rest), true
		}
		if rest, ok := strings.CutPrefix(line, "region:"); ok {
			line = strings.TrimSpace(rest) // a region is read like a municipality
		}
		forms := strings.Split(line, "|")
		info := placeInfo{name: forms[0], province: prov}
		for _, f := range forms {
			f = strings.TrimSpace(f)
			if prior, ok := m[f]; ok && prior.province && !prov {
				continue // "Groningen", "Utrecht": keep one entry
			}
			m[f] = info
			if n := len(strings.Fields(f)); n > maxWords {
				maxWords = n
			}
		}
	}
	return m, maxWords
}()

// ambiguousPlaces are place names that are also common words; they count only after
// "in", "te", "gemeente" and the like.
var ambiguousPlaces = map[string]bool{
	"Best": true, "Beek": true, "Stein": true, "Sluis": true, "Goes": true, "Buren": true, "Bergen": true,
	"Putten": true, "Laren": true, "Epe": true, "Ede": true, "Oss": true, "Veere": true, "Boekel": true,
	"Asten": true, "Gennep": true, "Heusden": true, "Altena": true, "Texel": false, "Hulst": true,
	"Someren": true, "Tiel": true, "Urk": true, "Rhenen": true, "Lopik": true, "Bunnik": true,
}

var placeLeadWords = map[string]bool{"in": true, "te": true, "uit": true, "naar": true, "gemeente": true,
	"regio": true, "provincie": true, "rond": true, "bij": true, "van": true, "tot": true}

func isPlace(w string) bool {
	_, ok := placeIndex[w]
	return ok
}

// placesByFold indexes the places by their folded name, built once.
var placesByFold = sync.OnceValue(func() map[string]placeInfo {
	m := make(map[string]placeInfo, len(placeIndex))
	for f, info := range placeIndex {
		m[fold(f)] = info
	}
	return m
})

var emailDomainRe = regexp.MustCompile(`[\p{L}0-9._%+-]+@([\p{L}0-9-]+)\.(?:nl|eu|com|org)\b`)

// readPlaces lists the municipalities, regions and provinces the report names, in
// order. Place names inside organisation names ("Maastricht UMC+") and inside people's
// names ("Van Dongen", "Jan van Delft") do not count.
func readPlaces(d *doc, r *Report) []string {
	var out []string
	add := func(name string) {
		for _, x := range out {
			if x == name {
				return
			}
		}
		out = append(out, name)
	}
	var people []string
	for _, sp := range r.Speakers {
		people = append(people, sp.Name)
		people = append(people, sp.Aliases...)
	}
	people = append(people, r.Mentioned...)
	var texts []string
	texts = append(texts, r.Title)
	texts = append(texts, r.Sections...)
	for _, p := range r.Passages {
		texts = append(texts, p.Text)
	}
	longest := 0
	for _, t := range texts {
		longest = max(longest, len(t))
	}
	toks := make([]token, 0, longest/5+1) // the tokens of each text in turn (see tokenize)
	for _, t := range texts {
		toks = appendTokens(toks[:0], t)
		for i := 0; i < len(toks); i++ {
			if !toks[i].cap() && !strings.HasPrefix(toks[i].text, "'") {
				continue // a place name starts with a capital or with 's
			}
			if !strings.Contains(toks[i].text, " ") && !placeFirst[toks[i].text] {
				continue // no place name starts with this word
			}
			for n := placeMaxWords; n >= 1; n-- {
				if i+n > len(toks) {
					continue
				}
				phrase := joinTokens(toks[i : i+n])
				info, ok := placeIndex[phrase]
				if !ok || !toks[i].cap() && !strings.HasPrefix(phrase, "'s") {
					continue
				}
				if ambiguousPlaces[phrase] && (i == 0 || !placeLeadWords[toks[i-1].lower()]) {
					continue
				}
				// Part of a person's name: "Van Dongen", "Jan van Delft", "H. van Tilburg".
				if inPersonName(toks, i, people) {
					i += n - 1
					break
				}
				// Part of an organisation's name: "Maastricht UMC+", "Netwerk Zoetermeer".
				if i+n < len(toks) && isAcronym(strings.TrimRight(toks[i+n].text, "+")) {
					continue
				}
				add(info.name)
				i += n - 1
				break
			}
		}
		if !strings.Contains(t, "@") {
			continue
		}
		for _, m := range emailDomainRe.FindAllStringSubmatch(t, -1) {
			if info, ok := placesByFold()[fold(m[1])]; ok {
				add(info.name)
			}
		}
	}
	return out
}

// surnameParticles are the words of a surname that stand before a place name in it
// ("van", "van der", "ter"). "te" is left out: "te Delft" names the place.
var surnameParticles = map[string]bool{"van": true, "de": true, "der": true, "den": true, "ter": true,
	"ten": true, "'t": true, "’t": true, "in": true}

// personAddress are the forms of address that stand before a surname.
var personAddress = map[string]bool{"dhr.": true, "dhr": true, "mw.": true, "mw": true, "mevr.": true,
	"mevr": true, "mevrouw": true, "heer": true, "heren": true, "dames": true, "meneer": true, "mr.": true,
	"dr.": true, "drs.": true, "prof.": true, "ir.": true, "ing.": true}

// inPersonName reports whether the place name at toks[i] is part of a person's name: after
// a capitalised particle inside a sentence ("de heren Assorgia, Van Delft"), or after a
// particle that follows a first name, initials or a form of address ("Jan van Delft",
// "H. van Tilburg", "mw. van Dongen"), or right after a first name or initials ("Ingrid
// Tilburg"). "in Delft", "inwoners van Tilburg", "burgemeester van Breda" stay places.
// people are the names of the report's people, for names the text gives in full elsewhere.
func inPersonName(toks []token, i int, people []string) bool {
	k := i
	for k > 0 && i-k < 3 && !toks[k-1].punct && surnameParticles[toks[k-1].lower()] {
		k--
	}
	if k < i {
		first := toks[k]
		if first.lower() == "in" {
			return false // "in Delft", "in 't Veld" is rare before a place
		}
		if first.cap() {
			// "Van Delft" is a surname; "Van Delft naar Den Haag" a route.
			if i+1 < len(toks) && (toks[i+1].lower() == "naar" || toks[i+1].lower() == "tot") {
				return false
			}
			return true
		}
	}
	if k == 0 {
		return false
	}
	prev := toks[k-1]
	if prev.punct {
		return false
	}
	switch {
	case personAddress[prev.lower()], isInitials(prev.text):
		return true
	case len(prev.text) == 1 && prev.cap() && k < i:
		return true // "J van Dongen": initial without its period
	case isFirstName(prev.text):
		return true
	case k == i && roleTitles[prev.lower()]:
		return true // "wethouder Breda"; "wethouder van Breda" names the place
	case k < i && prev.cap() && !hasOrgNoun(prev.text) && !isRoleNoun(prev.text) && !isPlace(prev.text):
		// A name the report gives a person elsewhere: "Armijn van Delft".
		full := joinTokens(toks[k-1 : i+1])
		for _, p := range people {
			if strings.Contains(p, full) {
				return true
			}
		}
		// "…, Armijn van Delft" inside a sentence; not "Inwoners van Tilburg" opening
		// one, "de Haven van Rotterdam" or "Centraal Station van Utrecht".
		if k-2 < 0 {
			return false
		}
		switch b := toks[k-2]; {
		case b.punct:
			return b.text == "," || b.text == "(" || b.text == ":"
		case b.cap() && k-3 >= 0 && !toks[k-3].punct:
			return isFirstName(b.text) // "Jan Willem van Delft"
		default: // "ook Armijn van Delft", "Ook Armijn van Delft" opening a sentence
			lw := b.lower()
			return lw != "de" && lw != "het" && lw != "een"
		}
	}
	return false
}
