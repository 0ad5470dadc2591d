package dutch

import (
	"slices"
	"strings"
	"testing"
)

func TestDecompound(t *testing.T) {
	l, err := loadLists()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word     string
		parts    []string // nil: not a compound
		singular string
	}{
		{"jeugdhulp", []string{"jeugd", "hulp"}, ""},
		{"jeugdhulpverlening", []string{"jeugdhulp", "jeugd", "hulp", "verlening", "hulpverlening"}, ""},
		{"jeugdhulpstelsel", []string{"jeugdhulp", "jeugd", "hulp", "stelsel"}, ""},
		{"samenwerkingsverband", []string{"samenwerking", "verband"}, ""},
		{"zorgaanbieders", []string{"zorg", "aanbieder"}, ""},
		{"kinderopvang", []string{"kinder", "opvang"}, ""},
		{"praktijkondersteuner", []string{"praktijk", "ondersteuner"}, ""},
		{"ervaringsdeskundigheid", []string{"ervaring", "deskundigheid"}, ""},
		{"gezinshuis", []string{"gezin", "huis"}, ""},
		{"veiligheidshuis", []string{"veiligheid", "huis"}, ""},
		{"toezichthouders", []string{"toezicht", "houder"}, ""},
		{"beleidsmedewerker", []string{"beleid", "medewerker"}, ""},
		{"zorgorganisaties", []string{"zorg", "organisatie"}, "zorgorganisatie"},
		{"pleeggezinnen", []string{"pleeg", "gezin"}, ""},
		{"zorgafspraken", []string{"zorg", "afspraak"}, ""},
		{"wethouder", nil, ""},
		{"bijeenkomst", nil, ""},
		{"kinderen", nil, ""},
		{"jongeren", nil, ""},
		{"coordinatie", nil, ""},
		{"financiering", nil, ""},
		{"hertogenbosch", nil, ""},
		{"organisatie", nil, ""},
		{"gemeenten", nil, ""},
		{"belangrijk", nil, ""},
		{"jeugd", nil, ""},                            // too short
		{"coördinatiegroep", nil, ""},                 // not folded: not a candidate
		{strings.Repeat("jeugdzorg", 5), nil, ""},     // glued text, too long
		{"samenwerkingtussengemeentenjeugd", nil, ""}, // glued text
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			cp, ok := decompound(l.parts, tt.word)
			if tt.parts == nil {
				if ok {
					t.Fatalf("split into %v, want no split", cp.parts)
				}
				return
			}
			if !ok {
				t.Fatalf("not split, want %v", tt.parts)
			}
			if !slices.Equal(cp.parts, tt.parts) {
				t.Errorf("parts %v, want %v", cp.parts, tt.parts)
			}
			if cp.singular != tt.singular {
				t.Errorf("singular %q, want %q", cp.singular, tt.singular)
			}
		})
	}
}

// Glued or random text must not make the segmentation search blow up.
func TestDecompoundWorstCase(t *testing.T) {
	l, err := loadLists()
	if err != nil {
		t.Fatal(err)
	}
	words := []string{
		strings.Repeat("a", maxCompoundLen),
		"zorgzorgzorgzorgzorgzorgzorgzorgzorgzorg"[:maxCompoundLen],
		"werkgroepwerkgroepwerkgroepwerkgroepwerk"[:maxCompoundLen],
		"jeugdhulpverleningsorganisatiesamenwerki"[:maxCompoundLen],
	}
	allocs := testing.AllocsPerRun(20, func() {
		for _, w := range words {
			decompound(l.parts, w)
		}
	})
	res := testing.Benchmark(func(b *testing.B) {
		for b.Loop() {
			for _, w := range words {
				decompound(l.parts, w)
			}
		}
	})
	if per := res.NsPerOp() / int64(len(words)); per > 2_000_000 {
		t.Errorf("%d ns per worst-case word, want < 2 ms", per)
	}
	t.Logf("worst case: %d ns per word, %.0f allocs per run", res.NsPerOp()/int64(len(words)), allocs)
}
