package dutch

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
)

// analyse runs the named analyser over text.
func analyse(t testing.TB, name, text string) analysis.TokenStream {
	t.Helper()
	m := mapping.NewIndexMapping()
	if err := AddAnalyzers(m); err != nil {
		t.Fatalf("AddAnalyzers: %v", err)
	}
	a := m.AnalyzerNamed(name)
	if a == nil {
		t.Fatalf("analyser %s not found", name)
	}
	return a.Analyze([]byte(text))
}

func termsOf(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t.Term)
	}
	return out
}

func TestAnalyzerConflates(t *testing.T) {
	groups := []struct {
		name  string
		words []string
	}{
		{"samenwerking", []string{"samenwerking", "samenwerken", "samenwerkingen"}},
		{"bijeenkomst", []string{"bijeenkomst", "bijeenkomsten", "Bijeenkomsten"}},
		{"suïcide", []string{"suïcides", "suicides", "suïcide", "Suïcide"}},
		{"organisatie", []string{"organisatie", "organisaties"}},
		{"kind", []string{"kind", "kinderen"}},
		{"regio", []string{"regio's", "regio", "regio’s"}},
		{"financieel", []string{"financiële", "financiele", "financieel", "ﬁnanciële"}},
		{"gemeente", []string{"gemeente", "gemeenten", "gemeentes"}},
		{"casus", []string{"casus", "casussen"}},
		{"gezin", []string{"gezin", "gezinnen"}},
		{"huis", []string{"huis", "huizen"}},
		{"sociaal", []string{"sociaal", "sociale"}},
		{"analyse", []string{"analyse", "analyses"}},
		{"cliënt", []string{"cliënt", "cliënten", "client"}},
		{"zorgaanbieder", []string{"zorgaanbieder", "zorgaanbieders"}},
		{"zorgorganisatie", []string{"zorgorganisatie", "zorgorganisaties"}},
		{"IJssel (ligature)", []string{"ĳssel", "ijssel", "IJssel"}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			var want string
			for i, w := range g.words {
				ts := analyse(t, Analyzer, w)
				if len(ts) == 0 {
					t.Fatalf("%q: no tokens", w)
				}
				got := string(ts[0].Term) // the word itself comes first, its parts after
				if i == 0 {
					want = got
				} else if got != want {
					t.Errorf("%q → %q, want %q (as %q)", w, got, want, g.words[0])
				}
			}
		})
	}
}

func TestAnalyzerCompounds(t *testing.T) {
	tests := []struct {
		word string
		want []string // terms that must all be present, the word's own stem first
	}{
		{"jeugdhulp", []string{"jeugdhulp", "jeugd", "hulp"}},
		{"jeugdhulpverlening", []string{"jeugdhulpverlen", "jeugdhulp", "jeugd", "hulp", "verlen", "hulpverlen"}},
		{"jeugdhulpstelsel", []string{"jeugdhulpstelsel", "jeugdhulp", "jeugd", "hulp", "stelsel"}},
		{"samenwerkingsverband", []string{"samenwerkingsverband", "samenwerk", "verband"}},
		{"zorgaanbieders", []string{"zorgaanbieder", "zorg", "aanbieder"}},
		{"kinderopvang", []string{"kinderopvang", "kinder", "opvang"}},
		{"praktijkondersteuner", []string{"praktijkondersteuner", "praktijk", "ondersteuner"}},
		{"ervaringsdeskundigheid", []string{"ervaringsdeskund", "ervar", "deskund"}},
		{"gezinshuis", []string{"gezinshuis", "gezin", "huis"}},
		{"pleeggezinnen", []string{"pleeggezin", "gezin"}},
		{"zorgafspraken", []string{"zorgafsprak", "zorg", "afsprak"}},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := termsOf(analyse(t, Analyzer, tt.word))
			if got[0] != tt.want[0] {
				t.Errorf("first term %q, want %q (all: %v)", got[0], tt.want[0], got)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q missing from %v", w, got)
				}
			}
		})
	}
}

func TestAnalyzerDoesNotSplit(t *testing.T) {
	for _, w := range []string{
		"wethouder", "wethouders", "bijeenkomst", "kinderen", "jongeren", "coördinatie", "financiering",
		"hertogenbosch", "organisatie", "gemeenten", "belangrijke", "leeftijd", "verantwoordelijkheid",
	} {
		if got := termsOf(analyse(t, Analyzer, w)); len(got) != 1 {
			t.Errorf("%q split into %v", w, got)
		}
	}
}

func TestAnalyzerTokens(t *testing.T) {
	text := "De coördinatie van de jeugdhulpverlening in regio's en 't Gooi."
	ts := analyse(t, Analyzer, text)
	var parts []string
	for _, tok := range ts {
		if got := text[tok.Start:tok.End]; string(tok.Term) != "" && strings.HasPrefix(got, "jeugdhulp") {
			// All parts of the compound share its position and offsets.
			if got != "jeugdhulpverlening" || tok.Position != 5 {
				t.Errorf("part %q at %d:%d (%q) position %d, want the whole compound at position 5",
					tok.Term, tok.Start, tok.End, got, tok.Position)
			}
			parts = append(parts, string(tok.Term))
		}
	}
	if len(parts) < 3 {
		t.Errorf("compound terms %v, want the word and its parts", parts)
	}
	for _, stop := range []string{"de", "van", "en"} {
		if slices.Contains(termsOf(ts), stop) {
			t.Errorf("stop word %q kept: %v", stop, termsOf(ts))
		}
	}
	if !slices.Contains(termsOf(ts), "coordinatie") || !slices.Contains(termsOf(ts), "regio") {
		t.Errorf("terms %v, want coordinatie and regio", termsOf(ts))
	}
}

func TestExactAnalyzer(t *testing.T) {
	ts := analyse(t, ExactAnalyzer, "De coördinatie van Ideeën en jeugdhulpverlening")
	want := []string{"de", "coordinatie", "van", "ideeen", "en", "jeugdhulpverlening"}
	if got := termsOf(ts); !slices.Equal(got, want) {
		t.Fatalf("terms %v, want %v", got, want)
	}
	for i, tok := range ts {
		if tok.Position != i+1 {
			t.Errorf("%q at position %d, want %d (stop words keep their slots)", tok.Term, tok.Position, i+1)
		}
	}
}

func TestExactIndexAnalyzerKeepsTermsAndPositions(t *testing.T) {
	for _, text := range []string{
		"De coördinatie van Ideeën en jeugdhulpverlening",
		"Wethouder ’s-Hertogenbosch: ﬁnanciering 2021–2022, o.a. jeugd-GGZ",
		"",
	} {
		exact, index := analyse(t, ExactAnalyzer, text), analyse(t, ExactIndexAnalyzer, text)
		if len(exact) != len(index) {
			t.Fatalf("%q: %d tokens, want %d as ExactAnalyzer gives", text, len(index), len(exact))
		}
		for i := range exact {
			e, x := exact[i], index[i]
			if string(e.Term) != string(x.Term) || e.Position != x.Position {
				t.Errorf("%q: token %d is %q at %d, want %q at %d", text, i, x.Term, x.Position, e.Term, e.Position)
			}
			if x.Start != 0 || x.End != 0 {
				t.Errorf("%q: token %q has offsets %d–%d, want none", text, x.Term, x.Start, x.End)
			}
		}
	}
}

func TestQueryAnalyzer(t *testing.T) {
	tests := []struct{ text, want string }{
		{"jeugdhulpverlening", "jeugdhulpverlen"},
		{"jeugdzorg", "jeugdzorg"},
		{"zorgorganisaties", "zorgorganisatie"},
		{"kinderen", "kinder"},
	}
	for _, tt := range tests {
		if got := termsOf(analyse(t, QueryAnalyzer, tt.text)); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%q → %v, want [%s]", tt.text, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := Terms("Kinderen in de jeugdhulp")
	want := []string{"kinder", "jeugdhulp", "jeugd", "hulp"}
	if !slices.Equal(got, want) {
		t.Errorf("Terms = %v, want %v", got, want)
	}
}

// The analyser is shared by the indexer's goroutines.
func TestAnalyzerConcurrent(t *testing.T) {
	text := "Samenwerkingsverbanden in de jeugdhulpverlening, coördinatie en financiële zorgorganisaties."
	want := Terms(text)
	done := make(chan []string)
	for range 8 {
		go func() {
			var got []string
			for range 50 {
				got = Terms(text)
			}
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Errorf("concurrent Terms = %v, want %v", got, want)
		}
	}
}
