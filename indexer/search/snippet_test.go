package search

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("De vergadering begon op tijd en iedereen was aanwezig. ", 12) +
		"Toen ging het over gesloten jeugdzorg in de regio. " +
		strings.Repeat("Daarna volgde de rondvraag en werd de vergadering gesloten. ", 12)
	tests := []struct {
		name, query, text string
		want              []string // in the snippet
		not               []string // not in it
	}{
		{"stemmed form", "samenwerking", "De samenwerkingen liepen goed.",
			[]string{"De <mark>samenwerkingen</mark> liepen goed."}, nil},
		{"compound part not marked alone", "gesloten jeugdzorg", "Over gesloten jeugdzorg en zorg.",
			[]string{"<mark>gesloten</mark> <mark>jeugdzorg</mark>"}, []string{"<mark>zorg</mark>"}},
		{"markup is escaped", "school", `De <b>school</b> & "ouders"`,
			[]string{"&lt;b&gt;<mark>school</mark>&lt;/b&gt; &amp; &#34;ouders&#34;"}, []string{"<b>"}},
		{"phrase in a row only", `"gesloten jeugdzorg"`, "Jeugdzorg is gesloten. Gesloten jeugdzorg kwam aan bod.",
			[]string{"<mark>Gesloten</mark> <mark>jeugdzorg</mark> kwam"}, []string{"<mark>Jeugdzorg</mark> is"}},
		{"no match: the start", "fiets", "Een korte tekst zonder het woord.",
			[]string{"Een korte tekst zonder het woord."}, []string{"<mark>"}},
		{"window around the match", "jeugdzorg", long,
			[]string{"… ", "<mark>jeugdzorg</mark>", " …"}, nil},
		{"a match at the end keeps its context", "kinderen", strings.Repeat("De vergadering begon op tijd en iedereen was aanwezig. ", 12) + "Het ging vooral over de kinderen!",
			[]string{"aanwezig. Het ging vooral over de <mark>kinderen</mark>!"}, nil},
		{"the window with the most different words", "pleegzorg verlenging",
			"Pleegzorg kwam kort aan bod. " + strings.Repeat("De vergadering begon op tijd en iedereen was aanwezig. ", 8) +
				"Over de verlenging van pleegzorg tot 21 jaar werd lang gesproken.",
			[]string{"<mark>verlenging</mark> van <mark>pleegzorg</mark>"}, []string{"<mark>Pleegzorg</mark> kwam"}},
	}
	for _, tt := range tests {
		got := newMarker(ParseQuery(tt.query)).snippet(tt.text)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: snippet %q lacks %q", tt.name, got, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: snippet %q has %q", tt.name, got, n)
			}
		}
		if plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got); len(plain) > snippetSize+60 {
			t.Errorf("%s: snippet of %d bytes", tt.name, len(plain))
		}
	}
}

func TestHighlighter(t *testing.T) {
	long := strings.Repeat("De vergadering begon op tijd. ", 20) + "Over jeugdzorg."
	tests := []struct {
		name, query, text, want string
	}{
		{"no query: escaped only", "", `A <b> & "c"`, "A &lt;b&gt; &amp; &#34;c&#34;"},
		{"stemmed form", "samenwerking", "De samenwerkingen liepen goed.", "De <mark>samenwerkingen</mark> liepen goed."},
		{"compound part not marked alone", "gesloten jeugdzorg", "Over gesloten jeugdzorg en zorg.",
			"Over <mark>gesloten</mark> <mark>jeugdzorg</mark> en zorg."},
		{"phrase in a row only", `"gesloten jeugdzorg"`, "Jeugdzorg is gesloten. Gesloten jeugdzorg.",
			"Jeugdzorg is gesloten. <mark>Gesloten</mark> <mark>jeugdzorg</mark>."},
		{"the whole text, not a window", "jeugdzorg", long, strings.TrimSuffix(long, "jeugdzorg.") + "<mark>jeugdzorg</mark>."},
	}
	for _, tt := range tests {
		if got := NewHighlighter(tt.query).Mark(tt.text); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
