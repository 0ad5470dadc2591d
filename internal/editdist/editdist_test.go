package editdist

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"jeugdzorg", "jeugdzorg", 0},
		{"jeugzorg", "jeugdzorg", 1},
		{"server.adres", "server.addr", 3},
		{"Dijkshoorn", "Dijkhoorn", 1},
		{"Chloë", "Chloe", 1},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
	} {
		if got := Levenshtein(tc.a, tc.b); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Levenshtein(tc.b, tc.a); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}
