package meeting

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"kennisbank/indexer/extract"
	"kennisbank/internal/sharedtest"
)

// goldFile is shared/gold/seed-reports.yaml: what a careful reader takes from the seeds.
type goldFile struct {
	Reports []goldReport `yaml:"reports"`
}

type goldReport struct {
	File            string        `yaml:"file"`
	Title           string        `yaml:"title"`
	MeetingDate     string        `yaml:"meeting_date"`
	NextMeetingDate string        `yaml:"next_meeting_date"`
	Places          []string      `yaml:"places"`
	Organisations   []string      `yaml:"organisations"`
	Speakers        []goldSpeaker `yaml:"speakers"`
	Mentioned       []string      `yaml:"mentioned"`
	Sections        []string      `yaml:"sections"`
	Turns           []goldTurn    `yaml:"turns"`
	Themes          []string      `yaml:"themes"`
}

type goldSpeaker struct {
	Name         string   `yaml:"name"`
	Aliases      []string `yaml:"aliases"`
	Role         string   `yaml:"role"`
	Organisation string   `yaml:"organisation"`
}

type goldTurn struct {
	Quote    string   `yaml:"quote"`
	Speakers []string `yaml:"speakers"`
}

// fixedNow is the "current time" of the tests, so year inference does not drift.
var fixedNow = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func loadThemes(t testing.TB) Vocabulary {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "corpus", "themes.yaml")) // the shipped vocabulary
	if err != nil {
		t.Fatal(err)
	}
	v, err := ParseThemes(data)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// parseFile runs a report file through extraction and Parse, as the indexer does.
func parseFile(t testing.TB, path string, opts Options) Report {
	t.Helper()
	return parseFileNamed(t, path, filepath.Base(path), opts)
}

// parseFileNamed is parseFile with the file name Parse sees given separately.
func parseFileNamed(t testing.TB, path, name string, opts Options) Report {
	t.Helper()
	doc, err := extract.File(context.Background(), path, extract.Options{})
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	in := Input{Name: name, Format: doc.Format, Text: doc.Text,
		Overrides: Overrides{Title: doc.Meta.Title, Date: doc.Meta.Date}}
	return Parse(in, opts)
}

// roleKeyWords are the role nouns that must survive loose comparison of roles.
var roleKeyWords = []string{"wethouder", "dagvoorzitter", "voorzitter", "directeur", "hoogleraar",
	"trekker", "praktijkondersteuner", "ambassadeur", "systeemtherapeut", "opleider",
	"jeugdpsychiater", "oprichter", "burgemeester", "secretaris", "penningmeester"}

func roleWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'à' && r <= 'ÿ' || r == '-')
	}) {
		out = append(out, strings.Trim(w, "-"))
	}
	return out
}

// rolesMatch compares roles loosely: every role noun of the gold role must be in ours,
// and every word of ours must occur in the gold role or the gold organisation (we may
// say less than the reader, never something else).
func rolesMatch(gold, gotRole, goldOrg string) bool {
	gw := roleWords(gold + " " + goldOrg)
	ours := roleWords(gotRole)
	for _, k := range roleKeyWords {
		if slices.Contains(roleWords(gold), k) && !slices.Contains(ours, k) {
			return false
		}
	}
	stop := map[string]bool{"van": true, "de": true, "het": true, "en": true, "bij": true, "via": true, "prof": true, "dr": true}
	for _, w := range ours {
		if w != "" && !stop[w] && !slices.Contains(gw, w) {
			return false
		}
	}
	return true
}

// normName lower-cases a name and drops titles and forms of address, for comparing
// aliases ("Wethouder mevrouw Smitsmans" → "smitsmans").
func normName(s string) string {
	var keep []string
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch w {
		case "wethouder", "mevrouw", "de", "heer", "prof.", "dr.", "dhr.", "mw.", "burgemeester", "directeur", "voorzitter":
			if len(keep) == 0 {
				continue
			}
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, " ")
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	slices.Sort(c)
	return c
}

func TestGoldSeedReports(t *testing.T) {
	data, err := os.ReadFile(sharedtest.Path(t, "gold", "seed-reports.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var gold goldFile
	if err := yaml.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Reports) == 0 {
		t.Fatal("gold file lists no reports")
	}
	opts := Options{Themes: loadThemes(t), Now: fixedNow}
	for _, g := range gold.Reports {
		t.Run(g.File, func(t *testing.T) {
			r := parseFile(t, sharedtest.Path(t, "seed-reports", g.File), opts)
			if r.Title != g.Title {
				t.Errorf("title = %q, want %q", r.Title, g.Title)
			}
			if r.Date != g.MeetingDate {
				t.Errorf("meeting date = %q (%s: %s), want %q", r.Date, r.DateSource, r.DateEvidence, g.MeetingDate)
			}
			if r.NextMeetingDate != g.NextMeetingDate {
				t.Errorf("next meeting = %q, want %q", r.NextMeetingDate, g.NextMeetingDate)
			}
			// Places, organisations, mentioned people and themes are sets.
			for _, c := range []struct {
				field     string
				got, want []string
			}{
				{"places", r.Places, g.Places},
				{"organisations", r.Organisations, g.Organisations},
				{"mentioned", r.Mentioned, g.Mentioned},
				{"themes", r.Themes, g.Themes},
			} {
				if !slices.Equal(sortedCopy(c.got), sortedCopy(c.want)) {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
			// Sections in order.
			if !slices.Equal(r.Sections, g.Sections) && !(len(r.Sections) == 0 && len(g.Sections) == 0) {
				t.Errorf("sections = %q, want %q", r.Sections, g.Sections)
			}
			checkSpeakers(t, r.Speakers, g.Speakers)
			for _, turn := range g.Turns {
				p := findPassage(r.Passages, turn.Quote)
				if p == nil {
					t.Errorf("no passage contains %q", turn.Quote)
					continue
				}
				if !slices.Equal(sortedCopy(p.Speakers), sortedCopy(turn.Speakers)) {
					t.Errorf("turn %q: speakers = %q, want %q", turn.Quote, p.Speakers, turn.Speakers)
				}
			}
		})
	}
}

func checkSpeakers(t *testing.T, got []Speaker, want []goldSpeaker) {
	t.Helper()
	var gotNames, wantNames []string
	for _, s := range got {
		gotNames = append(gotNames, s.Name)
	}
	for _, s := range want {
		wantNames = append(wantNames, s.Name)
	}
	if !slices.Equal(sortedCopy(gotNames), sortedCopy(wantNames)) {
		t.Errorf("speakers = %q, want %q", gotNames, wantNames)
	}
	for _, w := range want {
		i := slices.IndexFunc(got, func(s Speaker) bool { return s.Name == w.Name })
		if i < 0 {
			continue
		}
		s := got[i]
		if s.Organisation != w.Organisation {
			t.Errorf("%s: organisation = %q, want %q", w.Name, s.Organisation, w.Organisation)
		}
		if !rolesMatch(w.Role, s.Role, w.Organisation) {
			t.Errorf("%s: role = %q, want (loosely) %q", w.Name, s.Role, w.Role)
		}
		// Aliases loosely: the same spellings once titles are set aside.
		norm := func(name string, aliases []string) []string {
			set := []string{}
			for _, a := range append([]string{name}, aliases...) {
				if n := normName(a); !slices.Contains(set, n) {
					set = append(set, n)
				}
			}
			slices.Sort(set)
			return set
		}
		if g, wnt := norm(s.Name, s.Aliases), norm(w.Name, w.Aliases); !slices.Equal(g, wnt) {
			t.Errorf("%s: aliases = %q, want (loosely) %q", w.Name, s.Aliases, w.Aliases)
		}
	}
}

// findPassage finds the passage containing a quote, ignoring differences in spaces.
func findPassage(ps []Passage, quote string) *Passage {
	q := strings.Join(strings.Fields(quote), " ")
	for i := range ps {
		if strings.Contains(strings.Join(strings.Fields(ps[i].Text), " "), q) {
			return &ps[i]
		}
	}
	return nil
}
