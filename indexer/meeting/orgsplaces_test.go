package meeting

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kennisbank/internal/sharedtest"
)

// initialsLikeRe matches initials and single capitals ("E.M", "K.F.", "A").
var initialsLikeRe = regexp.MustCompile(`^\p{Lu}$|^(?:\p{Lu}\.)+\p{Lu}?\.?$`)

// TestOrgPlaceListing parses every report of shared/eval-corpus/dev and
// shared/eval-corpus/reports and logs the organisations and places found, so a reader
// can check them by eye (with -v). It fails only on organisations that are initials,
// codes or common abbreviations:
//
//	go test ./indexer/meeting -run TestOrgPlaceListing -v
func TestOrgPlaceListing(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	opts := Options{Now: fixedNow}
	for _, sub := range []string{"dev", "reports"} {
		dir := sharedtest.Path(t, "eval-corpus", sub)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			ext := filepath.Ext(name)
			if e.IsDir() || !slices.Contains([]string{".txt", ".md", ".html", ".pdf"}, ext) ||
				sub == "dev" && !strings.HasPrefix(name, "d-") {
				continue // the dev folder's README and SOURCES are no reports
			}
			r := parseFileNamed(t, filepath.Join(dir, name), name, opts)
			for _, o := range r.Organisations {
				if !plausibleOrgName(o) || initialsLikeRe.MatchString(o) {
					t.Errorf("%s/%s: %q is no organisation (initials, a code or a common abbreviation)", sub, name, o)
				}
			}
			t.Logf("%s/%s\n\tORGS   %s\n\tPLACES %s", sub, name,
				strings.Join(r.Organisations, " | "), strings.Join(r.Places, " | "))
		}
	}
}

// TestOrgPlaceCases checks organisations and places on the invented sentences of
// testdata/org-place-cases.yaml.
func TestOrgPlaceCases(t *testing.T) {
	var cases struct {
		Cases []struct {
			Name      string   `yaml:"name"`
			Text      string   `yaml:"text"`
			Orgs      []string `yaml:"orgs"`
			NotOrgs   []string `yaml:"not_orgs"`
			Places    []string `yaml:"places"`
			NotPlaces []string `yaml:"not_places"`
		} `yaml:"cases"`
	}
	readYAML(t, "org-place-cases.yaml", &cases)
	for _, c := range cases.Cases {
		t.Run(c.Name, func(t *testing.T) {
			r := Parse(Input{Name: "verslag.txt", Text: c.Text}, Options{Now: fixedNow})
			for _, o := range c.Orgs {
				if !slices.Contains(r.Organisations, o) {
					t.Errorf("organisation %q missing from %q", o, r.Organisations)
				}
			}
			for _, o := range c.NotOrgs {
				if slices.Contains(r.Organisations, o) {
					t.Errorf("%q is no organisation, got %q", o, r.Organisations)
				}
			}
			for _, p := range c.Places {
				if !slices.Contains(r.Places, p) {
					t.Errorf("place %q missing from %q", p, r.Places)
				}
			}
			for _, p := range c.NotPlaces {
				if slices.Contains(r.Places, p) {
					t.Errorf("%q is no place here, got %q", p, r.Places)
				}
			}
		})
	}
}

// TestGluedParty checks the splitting of attendance lines whose columns ran together.
func TestGluedParty(t *testing.T) {
	for _, c := range []struct{ line, party, glued string }{
		{"GroenLinksD. Logemann en M.T.E. Westerik", "GroenLinks", "GroenLinksD"},
		{"SPE. Müller en G.J.N. Müller", "SP", "SPE"},
		{"PvdAH.W. Hissink, J. Bloem", "PvdA", "PvdAH"},
		{"D66Y.J.A. ten Holder", "D66", "D66Y"},
		{"VVDJ Lok", "VVD", "VVDJ"},
		{"StadspartijM Wesselink", "Stadspartij", "StadspartijM"},
		{"BewustZWA.W. Jansen en A Holtslag", "BewustZW", "BewustZWA"},
		{"Mr. Jansen opent", "", ""},
		{"NB. De vergadering", "", ""},
		{"Gemeente Utrecht", "", ""},
		{"H.W. Hissink", "", ""},
	} {
		party, glued, _ := gluedParty(c.line)
		if party != c.party || glued != c.glued {
			t.Errorf("gluedParty(%q) = %q, %q; want %q, %q", c.line, party, glued, c.party, c.glued)
		}
	}
}

// TestIsCodeWord checks which capitals are codes rather than names.
func TestIsCodeWord(t *testing.T) {
	for w, want := range map[string]bool{
		"A8": true, "AU15": true, "AI15": true, "UR-03": true, "BEST-B": true, "C2000": true, "XI": true,
		"IXB": true, "XVIII": true, "IV": true, "D66": false, "W3C": false, "50PLUS": false, "N-VA": false,
		"VNG": false, "CDA": false, "MDC": false, "VSNU-SAC": false, "GGD": false,
	} {
		if got := isCodeWord(w); got != want {
			t.Errorf("isCodeWord(%q) = %v, want %v", w, got, want)
		}
	}
}
