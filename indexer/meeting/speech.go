package meeting

import (
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"kennisbank/indexer/dutch"
)

//go:embed data/speech.yaml
var defaultSpeechData []byte

// Speech is the vocabulary of speaking at a meeting: the verbs, nouns and leading words
// that show a named person spoke, presented or chaired. DefaultSpeech holds the built-in
// one; ParseSpeech extends it with a team's own file.
type Speech struct {
	finite    map[string]bool // folded verb forms that show speech on their own
	nonFinite map[string]bool // the infinitives and participles among them
	// present holds the participles that are also a present form: "benadrukt" is
	// "(hij) benadrukt" and "(is) benadrukt".
	present    map[string]bool
	infinitive map[string]bool     // the infinitives among them
	separable  map[string][]string // folded finite form → particles that complete it ("geeft" → "aan")
	nouns      map[string]bool     // analysed terms of speech nouns
	leads      [][]string          // folded word sequences that lead a list of speakers
	leadFirst  map[string]bool     // the first words of leads
}

type speechFile struct {
	Verbs []any    `yaml:"verbs"`
	Forms []string `yaml:"forms"`
	Nouns []string `yaml:"nouns"`
	Leads []string `yaml:"leads"`
}

// DefaultSpeech is the built-in vocabulary (data/speech.yaml).
var DefaultSpeech = func() *Speech {
	s := &Speech{}
	if err := s.add(defaultSpeechData); err != nil {
		panic(err)
	}
	return s
}()

// ParseSpeech reads a team's speech.yaml (the form of data/speech.yaml) and returns
// the built-in vocabulary extended with it.
func ParseSpeech(data []byte) (*Speech, error) {
	s := &Speech{}
	if err := s.add(defaultSpeechData); err != nil {
		return nil, err
	}
	if err := s.add(data); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Speech) add(data []byte) error {
	var f speechFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("meeting: speech: %w", err)
	}
	if s.finite == nil {
		s.finite, s.separable, s.nouns = map[string]bool{}, map[string][]string{}, map[string]bool{}
		s.nonFinite, s.infinitive, s.present = map[string]bool{}, map[string]bool{}, map[string]bool{}
	}
	for i, v := range f.Verbs {
		var inf, irregular string
		switch t := v.(type) {
		case string:
			inf = t
		case map[string]any:
			if len(t) != 1 {
				return fmt.Errorf("meeting: speech: verb %d: want \"infinitive: forms\"", i+1)
			}
			for k, x := range t {
				inf = k
				irregular, _ = x.(string)
			}
		default:
			return fmt.Errorf("meeting: speech: verb %d: want a word", i+1)
		}
		inf = fold(strings.TrimSpace(inf))
		if inf == "" || strings.ContainsAny(inf, " \t") {
			return fmt.Errorf("meeting: speech: verb %d: %q is not one word", i+1, inf)
		}
		particle, base, sep := strings.Cut(inf, "+")
		if !sep {
			base, particle = inf, ""
		}
		forms := conjugate(base, strings.Fields(fold(irregular)))
		for fi, f := range forms {
			f = fold(f)
			// The infinitive (second) and the participle (last) need an auxiliary.
			nonFinite := fi == 1 || fi == len(forms)-1 && strings.HasPrefix(f, "ge") || fi == len(forms)-1 && hasUnstressedPrefix(base)
			if nonFinite {
				s.nonFinite[f] = true
				s.infinitive[f] = s.infinitive[f] || fi == 1
				if particle != "" {
					s.nonFinite[fold(particle+f)] = true
					s.infinitive[fold(particle+f)] = fi == 1
				}
				if fi == len(forms)-1 && f == fold(forms[0]) {
					s.present[f] = true
				}
			}
			if particle == "" {
				s.finite[f] = true
				continue
			}
			// "geeft … aan", and "aangeeft", "aangegeven" in one word.
			if !containsFold(s.separable[f], particle) {
				s.separable[f] = append(s.separable[f], particle)
			}
			s.finite[fold(particle+f)] = true
		}
	}
	for _, w := range f.Forms {
		s.finite[fold(strings.TrimSpace(w))] = true
	}
	for _, n := range f.Nouns {
		for _, t := range dutch.Terms(n) {
			s.nouns[t] = true
		}
	}
	for _, l := range f.Leads {
		if ws := strings.Fields(fold(l)); len(ws) > 0 {
			s.leads = append(s.leads, ws)
			if s.leadFirst == nil {
				s.leadFirst = map[string]bool{}
			}
			s.leadFirst[ws[0]] = true
		}
	}
	return nil
}

// conjugate makes the forms of a Dutch verb that report speech from its (folded)
// infinitive: the present (stem, stem+t, the infinitive as plural), and the past and
// past participle by the spelling rules of weak verbs ('t kofschip: -te after t k f s
// ch p, else -de; ge-…-d/t). Irregular forms, when given, replace the made past and
// participle.
func conjugate(inf string, irregular []string) []string {
	// The first person ("ik deel") is left out: minutes do not use it, and the bare
	// stem is often a noun ("deel", "vraag").
	stem := verbStem(inf)
	forms := []string{stem + "t", inf}
	if strings.HasSuffix(stem, "t") {
		forms[0] = stem
	}
	if len(irregular) > 0 {
		return append(forms, irregular...)
	}
	// The consonant is read from the infinitive: "leven" → leefde, "reizen" → reisde.
	root := strings.TrimSuffix(inf, "en")
	suffix, end := "de", "d"
	if root != "" && strings.IndexByte("tkfsp", root[len(root)-1]) >= 0 || strings.HasSuffix(root, "ch") {
		suffix, end = "te", "t"
	}
	part := stem
	if !strings.HasSuffix(stem, end) {
		part += end
	}
	if !hasUnstressedPrefix(inf) {
		part = "ge" + part
	}
	return append(forms, stem+suffix, stem+suffix+"n", part)
}

// hasUnstressedPrefix reports whether a verb takes no ge- in its participle
// (benadrukken → benadrukt, verklaren → verklaard; presenteren → gepresenteerd does).
func hasUnstressedPrefix(inf string) bool {
	for _, p := range []string{"be", "ge", "her", "ver", "ont", "er"} {
		if strings.HasPrefix(inf, p) && len(inf) > len(p)+3 {
			return true
		}
	}
	return false
}

// verbStem makes the stem of a weak verb from its folded infinitive: without -en, a
// doubled consonant undoubled (vertellen → vertel), v and z voiceless (leven → leef),
// and a long vowel written double once its syllable closes (praten → praat, delen →
// deel, presenteren → presenteer; not the unstressed e of herinneren → herinner).
func verbStem(inf string) string {
	r, ok := strings.CutSuffix(inf, "en")
	if !ok {
		return strings.TrimSuffix(inf, "n")
	}
	n := len(r)
	switch {
	case n >= 2 && r[n-1] == r[n-2] && !isVowelByte(r[n-1]):
		r = r[:n-1]
	case strings.HasSuffix(inf, "eren") && n >= 4:
		// Loanwords in -eren stress their end (presenteren, evalueren), unless a double
		// consonant closes the syllable before (herinneren, opperen).
		if c := r[n-3]; !(c == r[n-4] && !isVowelByte(c)) {
			r = r[:n-1] + "e" + r[n-1:]
		}
	case n >= 3 && !isVowelByte(r[n-1]) && isVowelByte(r[n-2]) && !isVowelByte(r[n-3]) && r[n-2] != 'i':
		r = r[:n-1] + string(r[n-2]) + r[n-1:]
	}
	switch {
	case strings.HasSuffix(r, "v"):
		r = r[:len(r)-1] + "f"
	case strings.HasSuffix(r, "z"):
		r = r[:len(r)-1] + "s"
	}
	return r
}

func isVowelByte(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// isVerb reports whether the token at i is a speech verb: a form that shows speech on
// its own, or the finite part of a separable verb whose particle follows in the
// sentence ("Wietse geeft aan dat …").
func (s *Speech) isVerb(toks []token, i int) bool {
	f := toks[i].folded()
	// "informeert bij de provincie", "vraagt bij de gemeente na": an inquiry made
	// outside the meeting, not speech in it.
	if i+1 < len(toks) && toks[i+1].lower() == "bij" && inquiryVerbs[f] {
		return false
	}
	if s.finite[f] {
		return true
	}
	if ps := s.separable[f]; ps != nil {
		for _, t := range toks[i+1:] {
			if t.punct && (t.text == ";" || t.text == ":") {
				break
			}
			if containsFold(ps, t.text) {
				return true
			}
		}
	}
	return false
}

// inquiryVerbs ask somebody outside the meeting when "bij" follows them.
var inquiryVerbs = map[string]bool{"informeert": true, "informeerde": true, "informeren": true,
	"vraagt": true, "vroeg": true, "vragen": true, "vroegen": true, "navraagt": true, "informeer": true}

// isVerbForm reports whether w is a form of a speech verb, whole or the finite part
// of a separable one.
func (s *Speech) isVerbForm(w string) bool {
	f := fold(w)
	return s.finite[f] || s.separable[f] != nil
}

// isNoun reports whether a word is a speech noun ("toelichting", "welkomstwoord").
func (s *Speech) isNoun(w string) bool {
	for _, t := range dutch.Terms(w) {
		if s.nouns[t] {
			return true
		}
	}
	return false
}
