package extract

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"kennisbank/internal/sharedtest"
)

func TestRepair(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"nbsp", "19:30\u00a0uur en 10\u202f000 en 5\u2007km", "19:30 uur en 10 000 en 5 km"},
		{"nfkc ligatures", "de ﬁnanciële ﬂow en ĳs", "de financiële flow en ijs"},
		{"replacement chars", "vast \ufffdt\ufffde\ufffd \ufffds\ufffdt\ufffde\ufffdl\ufffdl\ufffde\ufffdn", "vast te stellen"},
		{"control chars", "a\x00b\x07c\x1b[0m\td\u200be", "abc[0m\tde"},
		{"crlf", "een\r\ntwee\rdrie", "een\ntwee\ndrie"},
		{"form feed", "pagina een.\fPagina twee.", "pagina een.\n\nPagina twee."},
		{"blank runs", "\n\n\neen.\n\n\n\n\ntwee.\n\n", "een.\n\ntwee."},
		{"spaces", "  een   twee  \t\n", "een twee"},
		{"page furniture", "Tekst.\n\nPagina   2 van 4\n\nMeer.\npage 3 of 9\n- 4 -\nblz. 5", "Tekst.\n\nMeer."},
		{"furniture kept in prose", "Zie pagina 2 van het verslag.", "Zie pagina 2 van het verslag."},
		{"hyphen lower", "de samen-\nwerking gaat goed", "de samenwerking\ngaat goed"},
		{"hyphen upper", "provincie Noord-\nHolland en", "provincie Noord-Holland\nen"},
		{"hyphen digits", "op 14-\n03-2024 besloten", "op 14-03-2024\nbesloten"},
		{"hyphen conjunction", "zorg-\nen welzijnsinstellingen", "zorg- en welzijnsinstellingen"},
		{"hyphen one word line", "over-\nleg\nvolgt", "overleg\nvolgt"},
		{"dash not joined", "een -\nander", "een -\nander"},
		{"hyphen across page", "de ont-\n\fPagina 2 van 3\n\nwikkeling gaat door.", "de ontwikkeling\ngaat door."},
		{"soft hyphen", "samen\u00ad\nwerking en ver\u00adgadering", "samenwerking\nen vergadering"},
		{"sentence across blank line", "bijeenkomst over het Expertisecentrum Jeugdhulp\n\nin Limburg in zaal Het Forum.", "bijeenkomst over het Expertisecentrum Jeugdhulp in Limburg in zaal Het Forum."},
		{"sentence ended", "Einde zin.\n\nnieuwe alinea begint klein.", "Einde zin.\n\nnieuwe alinea begint klein."},
		{"quote after stop", "Hij zei: \"klaar.\"\n\nen toen", "Hij zei: \"klaar.\"\n\nen toen"},
		{"next upper", "Geen punt\n\nMaar hoofdletter.", "Geen punt\n\nMaar hoofdletter."},
		{"heading not joined", "# Agenda\n\nopening door de voorzitter", "# Agenda\n\nopening door de voorzitter"},
		{"list not joined", "- punt een\n\nen verder", "- punt een\n\nen verder"},
		{"lines kept", "Jan: goedemorgen\nPiet: hallo", "Jan: goedemorgen\nPiet: hallo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Repair(tt.in); got != tt.want {
				t.Errorf("Repair(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRepairWarning(t *testing.T) {
	_, st := repair(strings.Repeat("a\ufffd", 30))
	if st.warning() == "" {
		t.Error("no warning after removing 30 U+FFFD")
	}
	_, st = repair("één \ufffd in een lange tekst zonder verdere problemen, echt heel lang en nog langer dan dat")
	if w := st.warning(); w != "" {
		t.Errorf("warning for a single U+FFFD: %q", w)
	}
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"LaÃ§in", "Laçin"},
		{"coÃ¶rdinatie en CaÃ©", "coördinatie en Caé"},
		{"het â€˜goedâ€™ gaat", "het ‘goed’ gaat"},
		{"kost â‚¬ 5", "kost € 5"},
		{"één café, naïef, CAFÉ’s", "één café, naïef, CAFÉ’s"}, // correct text stays
		{"Köln\u00a0Straße", "Köln\u00a0Straße"},
	}
	for _, tt := range tests {
		got, _ := repairMojibake(tt.in)
		if got != tt.want {
			t.Errorf("repairMojibake(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMayBeMojibake holds the quick test of repairMojibake to what repairing finds: a
// text it passes by has nothing to repair. The texts are drawn from characters that
// stand for lead and continuation bytes, correct accented letters and ASCII.
func TestMayBeMojibake(t *testing.T) {
	alphabet := []rune("aZ ’‘€™é ëïÃÂâÅ§©¶\u00a0\u0080ô¿Ÿ")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		r := make([]rune, 1+rng.IntN(6))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(r)
		if _, n := repairRuns(s); n > 0 && !mayBeMojibake(s) {
			t.Fatalf("%q: repairs %d characters, but the quick test passes it by", s, n)
		}
	}
	for _, s := range []string{"één café, naïef, ideeën", "Köln\u00a0Straße"} {
		if mayBeMojibake(s) {
			t.Errorf("mayBeMojibake(%q) = true for correct text", s)
		}
	}
}

// TestSeedReportRejoin checks the seed report whose web export broke sentences over
// blank lines.
func TestSeedReportRejoin(t *testing.T) {
	data, err := os.ReadFile(sharedtest.Path(t, "seed-reports", "expertisecentrum-jeugdhulp-limburg.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := Repair(string(data))
	for _, want := range []string{
		"opstart van het Expertisecentrum Jeugdhulp in Limburg in zaal Het Forum in Roermond.",
		"Hier hebben zich nog ruim 100 mensen voor aangemeld.",
		"hoe moeilijk de kwetsbare jongeren het hebben. Ze komen",
		"en geraken daar lastig uit.",
		"opgenomen worden én als ze er dan toch",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("repaired seed report lacks %q", want)
		}
	}
	if strings.Contains(text, "\n\n\n") || strings.ContainsRune(text, '\u00a0') {
		t.Error("repaired seed report has blank-line runs or non-breaking spaces")
	}
	// Paragraphs that end a sentence stay apart.
	if !strings.Contains(text, "goed van de grond te krijgen.\n\nVanwege") {
		t.Error("paragraph break after a full sentence was lost")
	}
}
