package search

import "testing"

func TestParseSynonyms(t *testing.T) {
	s, err := ParseSynonyms([]byte("synonyms:\n  - [POH, praktijkondersteuner huisarts]\n  - [zelfmoord, suïcide]\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words []string
		group int
		n     int
	}{
		{[]string{"poh"}, 0, 1},
		{[]string{"praktijkondersteuner", "huisarts", "werkgroep"}, 0, 2},
		{[]string{"suïcides"}, 1, 1}, // through the analyser: plural and diacritics
		{[]string{"zelfmoord"}, 1, 1},
		{[]string{"huisarts"}, -1, 0},
	}
	for _, tt := range tests {
		if g, n := s.at(tt.words, 0); g != tt.group || n != tt.n {
			t.Errorf("at(%q) = %d, %d; want %d, %d", tt.words, g, n, tt.group, tt.n)
		}
	}
	for _, bad := range []string{"synonyms: [[alleen]]", "synonyms:\n  - [a1, b1]\n  - [b1, c1]", "synonyms: {x: y}"} {
		if _, err := ParseSynonyms([]byte(bad)); err == nil {
			t.Errorf("ParseSynonyms(%q): no error", bad)
		}
	}
	var none *Synonyms
	if g, _ := none.at([]string{"poh"}, 0); g != -1 {
		t.Errorf("nil synonyms found group %d", g)
	}
}
