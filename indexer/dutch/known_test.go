package dutch

import (
	"os"
	"strings"
	"testing"

	"kennisbank/internal/sharedtest"
)

const (
	// cleanDutch is ordinary report prose, names and acronyms included.
	cleanDutch = `Dinsdag 18 mei vond de eerste terugkoppelbijeenkomst plaats voor iedereen die
betrokken is bij het Jeugdmodel van de MVS-gemeenten. Ruim zestig deelnemers namen deel.
De wethouder lichtte de samenwerking tussen gemeenten en zorgaanbieders toe; de financiële
gevolgen voor de jeugdhulpverlening en de coördinatie van de kinderopvang kwamen aan bod.`
	// glued is what a PDF without space glyphs gives.
	glued = `Dinsdag18meivonddeeerstebijeenkomstplaatsvooriedereen diebetrokkenisbijhet
Jeugdmodel.Ruimzestigdeelnemersnamendeel.Dewethouderlichttedesamenwerkingtussengemeenten
enzorgaanbiederstoe;definanciëlegevolgenvoordejeugdhulpverleningkwamenaanbod.`
	// garbled is a broken font mapping: shifted letters and replacement characters.
	garbled = "Ejotebh 29 nfj wpoe ef fftuf ufsvhlpqqfmcjkfflpntu qmbbut wpps jfefsffo \uFFFDe\uFFFDi\uFFFDe " +
		"cfuspllfo jt cjk ifu Kfvhenpefm. Svjn aftujh efmofnfst obnfo efm. Ef xfuipvefs mjdiuuf ef tbnfoxfsljoh."
)

func TestKnownWordShare(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		min, max float64
	}{
		{"clean", cleanDutch, 0.9, 1},
		{"glued", glued, 0, 0.4},
		{"garbled", garbled, 0, 0.3},
		{"empty", "", 0, 0},
		{"no words", "12-03-2024 — 14:00 / € 1.500,- (p. 3)", 0, 0},
		{"accents and ligatures", "Coördinatie, ideeën en ﬁnanciële zorg voor cliënten.", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := KnownWordShare(tt.text)
			if got < tt.min || got > tt.max {
				t.Errorf("KnownWordShare = %.3f, want in [%.2f, %.2f]", got, tt.min, tt.max)
			}
		})
	}
}

func TestKnownWordShareSeedReports(t *testing.T) {
	for _, name := range []string{"expertisecentrum-jeugdhulp-limburg.txt", "mvs-terugkoppelbijeenkomst.txt"} {
		data, err := os.ReadFile(sharedtest.Path(t, "seed-reports", name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if got := KnownWordShare(text); got < 0.9 {
			t.Errorf("%s: KnownWordShare = %.3f, want ≥ 0.9 for a clean report", name, got)
		}
		// The same report with its spaces removed reads as glued text.
		nospace := strings.Join(strings.Fields(text), "")
		if got := KnownWordShare(nospace); got > 0.3 {
			t.Errorf("%s without spaces: KnownWordShare = %.3f, want ≤ 0.3", name, got)
		}
	}
}
