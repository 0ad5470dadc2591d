package meeting

import (
	"slices"
	"strings"
	"testing"
)

// guardLines are the lines of the shared reports, their sentences, and made-up lines
// with the letters that case folding treats apart ("ſ" matches "s" and the Kelvin sign
// "k" under (?i)).
func guardLines(t *testing.T) []string {
	lines := []string{
		"De vergadering vond op 3 mei plaats.", "Op 3 mei vond in Utrecht de ALV plaaţs",
		"Gehouden op 12 juni", "Het overleg heeft plaatsgevonden", "Wij zijn bijeengekomen",
		"De leden kwamen bij elkaar", "KOMT BIJEEN", "Er werd vergaderd", "Toen was het dan zover",
		"De raad vond het plaatſ", "De raad kwam biJeen", "BijeengeKomen",
		"De heer Klaver (GroenLinks):", "Minister Rutte:", "Voorzitter:", "de voorzitter :",
		"Aanwezig: Jan", "aanwezigen", "Ook aanwezig: Piet", "Afwezig: Kees", "Verhinderd: Anna",
		"Met kennisgeving afwezig: Ria", "In de zaal zitten: 40 mensen", "Present: Bob",
		"Zaak: brief van de minister", "Besluit : vastgesteld", "Volgcommissie(s): BiZa",
		"Noot:", "Document:x", "ZAAK:", "zaaK : x", "Besluit\t:",
		"Aanwezig:", "Leden Raad:", "Te gast: Jan", "College van Bestuur: x", "ſecretaris:", "Notulist",
		"Zij NEEMT deel aan de werkgroep Inkoop", "en nEeMt  deel aan de Commissie X",
	}
	for _, l := range sharedLines(t) {
		lines = append(lines, l, strings.TrimSpace(l))
		lines = append(lines, sentences(l)...)
	}
	return lines
}

// TestGuardsKeepPatterns checks the cheap tests in front of patterns: with them the
// answer is the pattern's own on every line.
func TestGuardsKeepPatterns(t *testing.T) {
	for _, l := range guardLines(t) {
		low := strings.ToLower(l)
		oldTook := (strings.Contains(low, "plaats") || strings.Contains(low, "gehouden") ||
			strings.Contains(low, "bijee") || strings.Contains(low, "vergader") ||
			strings.Contains(low, "elkaar") || strings.Contains(low, "zover")) && reTookPlace.MatchString(l)
		if got := tookPlace(l); got != oldTook {
			t.Errorf("tookPlace(%q) = %v, pattern says %v", l, got, oldTook)
		}
		if got, want := isTranscriptLabel(l), transcriptLabelRe.MatchString(l); got != want {
			t.Errorf("isTranscriptLabel(%q) = %v, pattern says %v", l, got, want)
		}
		if got, want := absentLeads(l), absentLead.MatchString(l); got != want {
			t.Errorf("absentLeads(%q) = %v, pattern says %v", l, got, want)
		}
		if got, want := presentLeads(l), presentLead.MatchString(l); got != want {
			t.Errorf("presentLeads(%q) = %v, pattern says %v", l, got, want)
		}
		if got, want := isRosterHead(l), rosterHeadRe.MatchString(l); got != want {
			t.Errorf("isRosterHead(%q) = %v, pattern says %v", l, got, want)
		}
		if got, want := isRosterLabel(l), rosterLabelRe.MatchString(l); got != want {
			t.Errorf("isRosterLabel(%q) = %v, pattern says %v", l, got, want)
		}
		if werkgroepRe.MatchString(l) && !containsFoldASCII(l, "neemt") {
			t.Errorf("containsFoldASCII(%q, \"neemt\") = false, but werkgroepRe matches", l)
		}
		if recordLabelRe.MatchString(l) && !mayBeRecordLabel(l) {
			t.Errorf("mayBeRecordLabel(%q) = false, but the pattern matches", l)
		}
		if !shortEnoughForDateLine(l) {
			// isDateLine without its length test.
			if ms := findDates(l); len(ms) == 1 {
				_, alone := parseDateFound(l, ms)
				if alone || datelineLead(l[:ms[0].Start]) && strings.Trim(l[ms[0].End:], " .") == "" {
					t.Errorf("%q is a date line, but not short enough for one", l)
				}
			}
		}
	}
}

// TestCollapseSpaceKeepsPlainText checks collapseSpace's shortcut: a text it returns
// unchanged is what collapsing would make of it.
func TestCollapseSpaceKeepsPlainText(t *testing.T) {
	lines := append([]string{"a  b", "é b ", " é", "a\tb", "a\u00a0b", "é\u2009b", "x\xffy", "café ", "één  twee"},
		sharedLines(t)...)
	for _, l := range lines {
		if got, want := collapseSpace(l), collapseRuns(l); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", l, got, want)
		}
	}
	for in, want := range map[string]string{"a  b": "a b", "a\tb": "a b", "a\u00a0b": "a b",
		"é\u2009\u2009b": "é b", "één  twee ": "één twee ", "café": "café"} {
		if got := collapseSpace(in); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSubstringsAgreeWithContains checks substrings.in against strings.Contains over
// the shared reports' lines, lowered as its callers lower them.
func TestSubstringsAgreeWithContains(t *testing.T) {
	words := []string{"beslo", " vast", "keur", "zich", "a", "ë", "spreekt af", "vergader"}
	set := newSubstrings(words...)
	for _, l := range append([]string{"", "k", "keu", "keur", "is akkoord", "ë", "x zich"}, sharedLines(t)...) {
		l = strings.ToLower(l)
		want := false
		for _, w := range words {
			want = want || strings.Contains(l, w)
		}
		if got := set.in(l); got != want {
			t.Errorf("in(%q) = %v, strings.Contains says %v", l, got, want)
		}
	}
}

// TestAllAtAgreesWithIndex checks substrings.allAt against a loop of strings.Index.
func TestAllAtAgreesWithIndex(t *testing.T) {
	words := []string{"raad ", "aa", "stichting ", "a", "commissie "}
	set := newSubstrings(words...)
	text := "raad van de stichting aaa raad  commissie raad \n" + strings.Join(sharedLines(t), "\n")
	var want []wordAt
	for w, key := range words {
		for off := 0; ; {
			i := strings.Index(text[off:], key)
			if i < 0 {
				break
			}
			want = append(want, wordAt{w, off + i})
			off += i + len(key)
		}
	}
	if got := set.allAt(text); !slices.Equal(got, want) {
		t.Errorf("allAt gives %d places, a loop of strings.Index %d", len(got), len(want))
	}
}
