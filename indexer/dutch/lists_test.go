package dutch

import (
	"strings"
	"testing"
)

func TestEmbeddedLists(t *testing.T) {
	l, err := loadLists()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.parts); n < 10000 {
		t.Errorf("%d compound parts, want > 10000", n)
	}
	if n := len(l.esBase); n < 10000 {
		t.Errorf("%d -es plurals, want > 10000", n)
	}
	if n := l.lexicon.Len(); n < 300000 {
		t.Errorf("lexicon of %d forms, want > 300000", n)
	}
	for w, r := range l.parts {
		if len(w) < minPartLen || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || r == 0 {
			t.Errorf("bad compound part %q (roles %b)", w, r)
		}
	}
	for w := range l.esBase {
		if !strings.HasSuffix(w, "e") {
			t.Errorf("-es plural base %q does not end in e", w)
		}
	}
	for _, w := range []string{"jeugdzorg", "gemeenten", "bijeenkomst", "coordinatie", "ijssel", "wethouder"} {
		if !l.lexicon.Has([]byte(w)) {
			t.Errorf("lexicon lacks %q", w)
		}
	}
	for _, w := range []string{"wijk", "prijs", "tijd"} { // spelt with the ĳ ligature in hunspell-nl
		if l.parts[w] == 0 {
			t.Errorf("compound part %q missing: ĳ not converted?", w)
		}
	}
	if l.parts["jeugd"] != roleBegin|roleEnd || l.parts["kinder"] != roleBegin || l.parts["komst"] != roleEnd {
		t.Errorf("roles: jeugd %b, kinder %b, komst %b; want 11, 01, 10",
			l.parts["jeugd"], l.parts["kinder"], l.parts["komst"])
	}
}
