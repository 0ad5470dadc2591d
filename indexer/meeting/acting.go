package meeting

import "strings"

// Who of the people a sentence names is the one who speaks: Dutch word order puts the
// speaker before the finite verb ("Wietse geeft aan dat …") or right after it when
// something else comes first ("Aansluitend vertelden Serena en Joshua …", "…, vertelt
// wethouder Winnie Prins"). People named in what is said ("… deelt mede dat Patrick een
// baan heeft"), after a preposition, or welcomed and thanked are not speaking. Besides
// verbs, speech is named by a noun with its speaker after "van" or "door" ("opening
// door Gerard", "een toelichting van Marianne"), by the agent of a passive ("Door
// Maaike Renne wordt een toelichting gegeven"), and by words that lead a list of
// speakers ("Sprekers waren …", "onder leiding van …").

// complementizers start a clause of what is said; names after them are its content.
var complementizers = map[string]bool{"dat": true, "of": true, "hoe": true, "wat": true, "waarom": true,
	"wie": true, "waar": true, "omdat": true, "zodat": true, "wanneer": true, "welke": true, "hoeveel": true}

// decideActing sets which of a sentence's mentions speak.
func decideActing(toks []token, ms []mention, si speechInfo, sp *Speech) {
	speech, verb, passive := si.speech, si.verb, si.passive || si.eventPassive
	leadEnds := sp.leadEnds(toks)
	afterLead := func(m *mention) bool {
		for _, e := range leadEnds {
			if m.start >= e && m.start-e <= 2 {
				return true
			}
		}
		return false
	}
	for k := range ms {
		m := &ms[k]
		if m.label {
			m.acting = true
			continue
		}
		switch {
		case afterLead(m):
			m.acting = true // "onder leiding van Bas Rodijk", "Sprekers waren Leo Raets"
		case nounSpeaker(toks, *m, sp):
			m.acting = true // "opening door Gerard"
		case speech && passive && m.start > 0 && toks[m.start-1].lower() == "door" && !afterComplementizer(toks, 0, m.start) &&
			!conjunctBetween(toks, verb, m.start, sp) && !attributiveAgent(toks, *m, sp):
			m.acting = true // "Door Maaike Renne … wordt een toelichting gegeven"
		case si.passive:
			m.acting = false // "De heer Merkies is verzocht …": asked, not asking
		default:
			m.acting = actingAt(toks, *m, speech, sp)
			// The verb of the mention's own clause: "…; Marion geeft aan dat …".
			if v := clauseVerb(toks, m.start, sp); v != -2 && v != verb && verb >= 0 {
				if v < 0 {
					m.acting = false
				} else if m.acting && m.start > v {
					m.acting = rightAfterVerb(toks, v, m.start)
				}
			} else if m.acting && verb >= 0 && m.start > verb {
				m.acting = rightAfterVerb(toks, verb, m.start)
			}
		}
		// Names listed together act together: "Silvia en Sandra geven aan",
		// "Sprekers waren Leo Raets (gemeente Kerkrade), Peter Meulenberg …", but
		// "Met Peter Gabel en Johan Alebregtse bespreken we …".
		if k > 0 && coordinated(toks, ms[k-1].end, m.start) {
			m.acting = ms[k-1].acting
		}
	}
}

// clauseVerb returns the first speech verb in the clause of toks[at] (clauses end at
// semicolons and colons), -1 when it has none, or -2 when the sentence is one clause.
func clauseVerb(toks []token, at int, sp *Speech) int {
	start, end := 0, len(toks)
	for i := at - 1; i >= 0; i-- {
		if toks[i].text == ";" || toks[i].text == ":" {
			start = i + 1
			break
		}
	}
	for i := at; i < len(toks); i++ {
		if toks[i].text == ";" || toks[i].text == ":" {
			end = i
			break
		}
	}
	if start == 0 && end == len(toks) {
		return -2 // one clause: the sentence's own verb
	}
	for i := start; i < end; i++ {
		if !toks[i].punct && sp.isVerb(toks[:end], i) {
			return i
		}
	}
	return -1
}

// rightAfterVerb reports whether a mention at start follows the finite verb at verb
// as its subject: a few words between (an adverbial "voor de pauze"), none of them a
// comma, a complementizer or the start of an object, and no preposition right before.
func rightAfterVerb(toks []token, verb, start int) bool {
	if start-verb > 6 {
		return false
	}
	if start-verb > 2 && toks[start-2].lower() == "samen" && toks[start-1].lower() == "met" {
		return true // "rond samen met Rene Cardynaals de bijeenkomst af"
	}
	for _, t := range toks[verb+1 : start] {
		if t.punct || objectWords[t.lower()] || complementizers[t.lower()] {
			return false
		}
	}
	return !prepositions[toks[start-1].lower()]
}

// objectWords start an object between a verb and its subject; a name after them is
// not the one who speaks ("geeft het woord aan …", "heet iedereen welkom").
var objectWords = map[string]bool{"het": true, "een": true, "hun": true, "zijn": true, "haar": true,
	"iedereen": true, "allen": true, "alle": true, "ons": true, "hen": true, "hem": true, "u": true, "jullie": true}

// conjunctBetween reports whether "en" joins another verb phrase between the speech
// verb at verb and a mention after it: in "… worden besproken en door X vastgelegd" X
// is the agent of the second participle, not of the speech verb. A speech verb after
// the "en" keeps X its agent ("… besproken en toegelicht door X").
func conjunctBetween(toks []token, verb, start int, sp *Speech) bool {
	if verb < 0 || verb >= start {
		return false
	}
	and := -1
	for i := verb + 1; i < start; i++ {
		if toks[i].lower() == "en" {
			and = i
		}
	}
	if and < 0 {
		return false
	}
	for _, t := range toks[and+1 : start] {
		if !t.punct && sp.isVerbForm(t.text) {
			return false
		}
	}
	return true
}

// attributiveAgent reports whether the "door" before a mention opens a participle
// phrase inside a noun phrase ("het door Jan opgestelde plan wordt besproken"): the
// agent does what that participle says, not what the sentence's verb does. A
// participle of speech ("de door Jan toegelichte notitie") keeps the agent a speaker.
func attributiveAgent(toks []token, m mention, sp *Speech) bool {
	door := m.start - 1
	if door < 1 || !determiners[toks[door-1].lower()] {
		return false
	}
	for i := m.end; i < len(toks) && i < m.end+maxAttributive; i++ {
		if toks[i].punct {
			return false
		}
		// The participle of a noun phrase ends in -e ("opgestelde", "aangereikte").
		if w := toks[i].lower(); len(w) > 4 && strings.HasSuffix(w, "e") {
			return !sp.isVerbForm(strings.TrimSuffix(w, "e"))
		}
	}
	return false
}

// maxAttributive is how many words after its agent attributiveAgent looks for the
// participle ("door Jan kort toegelichte").
const maxAttributive = 3

// determiners open a noun phrase.
var determiners = map[string]bool{"de": true, "het": true, "een": true, "deze": true, "dit": true,
	"die": true, "zijn": true, "haar": true, "hun": true, "onze": true, "ons": true, "uw": true}

// afterComplementizer reports whether a complementizer stands in toks[from:to].
func afterComplementizer(toks []token, from, to int) bool {
	for _, t := range toks[from:to] {
		if complementizers[t.lower()] {
			return true
		}
	}
	return false
}

// nounSpeaker reports whether a mention is the speaker of a speech noun before it:
// "opening door Gerard", "een toelichting van Marianne", "na de opening van
// dagvoorzitters Lily en Gabriël", "een welkomstwoord van de voorzitter".
func nounSpeaker(toks []token, m mention, sp *Speech) bool {
	k := m.start - 1
	// "een welkomstwoord van de voorzitter van de wijkraad, Peter van Herpt": the name
	// in apposition to the role.
	if k > 0 && toks[k].text == "," {
		if r := appositionRole(toks, k); r >= 0 {
			k = r
		}
	}
	// A role noun or article between: "van dagvoorzitters Lily", "van de voorzitter".
	for n := 0; n < 2 && k >= 0 && (isRoleNoun(toks[k].text) || toks[k].lower() == "de") && !toks[k].punct; n++ {
		k--
	}
	if k < 1 {
		return false
	}
	if lw := toks[k].lower(); lw != "van" && lw != "door" {
		return false
	}
	n := toks[k-1]
	return !n.punct && !n.cap() && sp.isNoun(n.text) || n.cap() && k-1 == 0 && sp.isNoun(n.text)
}

// appositionRole returns the index of the role noun that a name after the comma at
// toks[comma] stands in apposition to ("de voorzitter, Jan", "de voorzitter van de
// wijkraad, Jan"), or -1: a role noun a few words before the comma, with nothing after
// it but a complement with "van".
func appositionRole(toks []token, comma int) int {
	for j := comma - 1; j >= 0 && j >= comma-maxApposition; j-- {
		t := toks[j]
		if t.punct {
			return -1
		}
		if !t.cap() && isRoleNoun(t.text) && (j+1 == comma || toks[j+1].lower() == "van") {
			return j
		}
	}
	return -1
}

// maxApposition is how many words before its comma appositionRole looks for the role.
const maxApposition = 6

// coordinated reports whether two mentions are joined as items of one list: only a
// comma, "en", "&" or "of" between them, after an optional bracketed aside.
func coordinated(toks []token, end, start int) bool {
	if start <= end {
		return false
	}
	between := toks[end:start]
	if len(between) > 0 && between[0].text == "(" {
		depth := 0
		for i, t := range between {
			switch t.text {
			case "(":
				depth++
			case ")":
				depth--
			}
			if depth == 0 {
				between = between[i+1:]
				break
			}
		}
	}
	if len(between) == 0 || len(between) > 3 {
		return false
	}
	for i, t := range between {
		switch {
		case t.text == "," || t.lower() == "en" || t.text == "&":
		case i == len(between)-1 && !t.punct && isRoleNoun(t.text):
			// "… en Kinderombudsvrouw Margrite Kalverboer"
		default:
			return false
		}
	}
	return true
}

// leadEnds returns the index after every lead of a list of speakers in toks ("Daarna
// leidde presentator Kees Boer een paneldiscussie met …" holds two), in the order of
// the leads.
func (s *Speech) leadEnds(toks []token) []int {
	// Most sentences hold no word that starts a lead.
	starts := false
	for _, t := range toks {
		if !t.punct && s.leadFirst[t.folded()] {
			starts = true
			break
		}
	}
	if !starts {
		return nil
	}
	var ends []int
	for _, lead := range s.leads {
		for i := 0; i+len(lead) <= len(toks); i++ {
			if len(toks[i].text) != len(lead[0]) && toks[i].text[0] < 0x80 {
				continue // folding keeps the length of ASCII words
			}
			ok := true
			for j, w := range lead {
				if toks[i+j].folded() != w {
					ok = false
					break
				}
			}
			if ok {
				ends = append(ends, i+len(lead))
				break // the first place of each lead
			}
		}
	}
	return ends
}
