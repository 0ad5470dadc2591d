package meeting

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kennisbank/internal/sharedtest"
)

// TestOrgPlaceListing parses every report of shared/eval-corpus/dev and
// shared/eval-corpus/reports and logs the organisations and places found, so a reader
// can check them by eye. It asserts nothing about the shared texts:
//
//	go test ./indexer/meeting -run TestOrgPlaceListing -v
func TestOrgPlaceListing(t *testing.T) {
	if testing.Short() || !testing.Verbose() {
		t.Skip("listing runs only with -v")
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
