package meeting

import (
	"slices"
	"testing"
)

func TestConjugate(t *testing.T) {
	tests := []struct {
		inf  string
		want []string
	}{
		{"vertellen", []string{"vertelt", "vertellen", "vertelde", "vertelden", "verteld"}},
		{"presenteren", []string{"presenteert", "presenteerde", "gepresenteerd"}},
		{"evalueren", []string{"evalueert", "evalueerde", "geevalueerd"}},
		{"herinneren", []string{"herinnert", "herinnerde", "herinnerd"}},
		{"benadrukken", []string{"benadrukt", "benadrukte", "benadrukten"}},
		{"lichten", []string{"licht", "lichtte", "gelicht"}},
		{"delen", []string{"deelt", "deelde", "gedeeld"}},
		{"verklaren", []string{"verklaart", "verklaarde", "verklaard"}},
		{"schetsen", []string{"schetst", "schetste", "geschetst"}},
		{"pleiten", []string{"pleit", "pleitte", "gepleit"}},
		{"vullen", []string{"vult", "vulde", "gevuld"}},
		{"zeggen", []string{"zegt"}},
	}
	for _, tt := range tests {
		got := conjugate(tt.inf, nil)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("conjugate(%q) = %q, lacks %q", tt.inf, got, w)
			}
		}
	}
}

func TestSpeechVerbs(t *testing.T) {
	tests := []struct {
		sentence string
		word     string
		want     bool
	}{
		{"Wietse geeft aan dat de portal er komt.", "geeft", true},
		{"Silvia en Sandra geven aan dat dit hun laatste jaar is.", "geven", true},
		{"Het bestuur geeft geld aan de school.", "geeft", true}, // the particle follows: read as speech, the subject decides
		{"Jan geeft een boek.", "geeft", false},
		{"Marianne licht toe hoe de inloop gaat.", "licht", true},
		{"Dat werd toegelicht door Marianne.", "toegelicht", true},
		{"Bianca heet iedereen welkom.", "heet", true},
		{"De straat heet Kerkweg.", "heet", false},
		{"Kees in ’t Veld benadrukte dat het veld transformeert.", "benadrukte", true},
		{"Zij pleitte voor samenwerking.", "pleitte", true},
	}
	for _, tt := range tests {
		toks := tokenize(tt.sentence)
		i := slices.IndexFunc(toks, func(x token) bool { return x.text == tt.word })
		if i < 0 {
			t.Fatalf("%q not in %q", tt.word, tt.sentence)
		}
		if got := DefaultSpeech.isVerb(toks, i); got != tt.want {
			t.Errorf("isVerb(%q in %q) = %v, want %v", tt.word, tt.sentence, got, tt.want)
		}
	}
	for _, w := range []string{"toelichting", "presentaties", "welkomstwoord", "openingswoord"} {
		if !DefaultSpeech.isNoun(w) {
			t.Errorf("isNoun(%q) = false", w)
		}
	}
}

func TestParseSpeechExtends(t *testing.T) {
	text := "Jan Jansen memoriseert de afspraken van vorig jaar."
	if r := Parse(Input{Name: "x.txt", Text: text}, Options{Now: fixedNow}); len(r.Speakers) != 0 {
		t.Fatalf("speakers without the team's verb = %v, want none", r.Speakers)
	}
	sp, err := ParseSpeech([]byte("verbs:\n  - memoriseren\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := Parse(Input{Name: "x.txt", Text: text}, Options{Now: fixedNow, Speech: sp})
	if len(r.Speakers) != 1 || r.Speakers[0].Name != "Jan Jansen" {
		t.Fatalf("speakers with the team's verb = %v, want Jan Jansen", r.Speakers)
	}
	// The built-in verbs stay.
	r = Parse(Input{Name: "x.txt", Text: "Jan Jansen licht de begroting toe."}, Options{Now: fixedNow, Speech: sp})
	if len(r.Speakers) != 1 {
		t.Fatalf("built-in verb lost: speakers = %v", r.Speakers)
	}
	for _, bad := range []string{"verbs: [twee woorden]", "verbs: {a: b}", "verbs:\n  - {a: b, c: d}"} {
		if _, err := ParseSpeech([]byte(bad)); err == nil {
			t.Errorf("ParseSpeech(%q) = nil error", bad)
		}
	}
}
