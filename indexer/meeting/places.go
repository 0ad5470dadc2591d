package meeting

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
)

//go:embed data/places.txt
var placesData string

// placeInfo is one municipality or province.
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

// readPlaces lists the municipalities and provinces the report names, in order. Place
// names inside organisation names ("Maastricht UMC+") do not count.
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
	var texts []string
	texts = append(texts, r.Title)
	texts = append(texts, r.Sections...)
	for _, p := range r.Passages {
		texts = append(texts, p.Text)
	}
	for _, t := range texts {
		toks := tokenize(t)
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
