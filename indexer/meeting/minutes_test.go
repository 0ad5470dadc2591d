package meeting

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"kennisbank/internal/sharedtest"
)

// Floors for decisions and action items on testdata/minutes-cases.yaml. They sit under
// the measured figures so that a regression fails and noise does not.
const (
	floorDecisionR   = 0.90
	floorDecisionP   = 0.85
	floorActionR     = 0.80
	floorActionOwner = 0.80
)

type minutesCases struct {
	Reports []struct {
		File      string `yaml:"file"`
		Decisions []struct {
			Text string `yaml:"text"`
			P    int    `yaml:"p"`
		} `yaml:"decisions"`
		Actions []struct {
			Text  string `yaml:"text"`
			Owner string `yaml:"owner"`
			Due   string `yaml:"due"`
			P     int    `yaml:"p"`
		} `yaml:"actions"`
	} `yaml:"reports"`
}

func squash(s string) string { return strings.Join(strings.Fields(fold(s)), " ") }

// sameOwner compares owners the way the speaker evaluation compares names: the same
// last word, folded ("Peter Bot" = "Bot"; "Krijn" = "Krijn").
func sameOwner(got, want string) bool {
	if want == "" || got == "" {
		return want == got
	}
	return surnameKey(got) == surnameKey(want) || strings.EqualFold(strings.Fields(got)[0], want)
}

// TestMinutesCorpus measures decisions and action items against careful readings of
// real reports. Run with -v to see what was missed and what was found in excess:
//
//	go test ./indexer/meeting -run TestMinutesCorpus -v
func TestMinutesCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := sharedtest.Path(t, "eval-corpus")
	data, err := os.ReadFile(filepath.Join("testdata", "minutes-cases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cases minutesCases
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases.Reports) < 12 {
		t.Fatalf("%d annotated reports, want at least 12", len(cases.Reports))
	}
	var dTP, dFP, dFN, aTP, aFN, ownerOK int
	for _, c := range cases.Reports {
		path := filepath.Join(dir, filepath.FromSlash(c.File))
		r := parseFileAs(t, path, "verslag"+filepath.Ext(c.File), Options{Now: fixedNow})
		if len(c.Decisions) == 0 && len(c.Actions) == 0 && (len(r.Decisions) > 0 || len(r.Actions) > 0) {
			t.Errorf("%s: a report without decisions or actions yields %d decisions, %d actions", c.File, len(r.Decisions), len(r.Actions))
		}
		used := make([]bool, len(r.Decisions))
		for _, want := range c.Decisions {
			found := false
			for i, d := range r.Decisions {
				if !used[i] && strings.Contains(squash(d.Text), squash(want.Text)) && (want.P == 0 || want.P == d.Passage+1) {
					used[i], found = true, true
					break
				}
			}
			if found {
				dTP++
			} else {
				dFN++
				t.Logf("decision missed  %s: %q", c.File, want.Text)
			}
		}
		for i, d := range r.Decisions {
			if !used[i] {
				dFP++
				t.Logf("decision extra   %s p%d: %q", c.File, d.Passage+1, d.Text)
			}
		}
		usedA := make([]bool, len(r.Actions))
		for _, want := range c.Actions {
			found := -1
			for i, a := range r.Actions {
				if !usedA[i] && strings.Contains(squash(a.Text), squash(want.Text)) && (want.P == 0 || want.P == a.Passage+1) {
					found = i
					break
				}
			}
			if found < 0 {
				aFN++
				t.Logf("action missed    %s: %q (%s)", c.File, want.Text, want.Owner)
				continue
			}
			usedA[found] = true
			aTP++
			a := r.Actions[found]
			if sameOwner(a.Owner, want.Owner) {
				ownerOK++
			} else {
				t.Logf("action owner     %s: %q got %q want %q", c.File, want.Text, a.Owner, want.Owner)
			}
			if want.Due != "" && a.Due != want.Due {
				t.Logf("action due       %s: %q got %q want %q", c.File, want.Text, a.Due, want.Due)
			}
		}
		for i, a := range r.Actions {
			if !usedA[i] {
				t.Logf("action extra     %s p%d: %q (%s)", c.File, a.Passage+1, a.Text, a.Owner)
			}
		}
	}
	dP, dR := ratio(dTP, dTP+dFP), ratio(dTP, dTP+dFN)
	aR, own := ratio(aTP, aTP+aFN), ratio(ownerOK, aTP)
	t.Logf("DECISIONS P=%.2f R=%.2f (tp %d fp %d fn %d)  ACTIONS R=%.2f (found %d of %d) owner right %.2f",
		dP, dR, dTP, dFP, dFN, aR, aTP, aTP+aFN, own)
	for _, f := range []struct {
		name       string
		got, floor float64
	}{
		{"decision recall", dR, floorDecisionR},
		{"decision precision", dP, floorDecisionP},
		{"action recall", aR, floorActionR},
		{"action owner", own, floorActionOwner},
	} {
		if f.got < f.floor {
			t.Errorf("%s %.2f below the floor %.2f", f.name, f.got, f.floor)
		}
	}
}

// TestMinutesCases reads invented sentences that show how Dutch minutes record
// decisions and action items.
func TestMinutesCases(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		decisions []string
		actions   []string // "owner|due|text"
	}{
		{"label", "Besluit: de notitie wordt zo verstuurd.", []string{"de notitie wordt zo verstuurd."}, nil},
		{"numbered label", "Besluit: 1. eerst a. 2. dan b.", []string{"eerst a.", "dan b."}, nil},
		{"impersonal", "Besloten wordt de inkoop te centraliseren.", []string{"Besloten wordt de inkoop te centraliseren."}, nil},
		{"body verb", "De werkgroep besluit het plan van aanpak over te nemen.", []string{"De werkgroep besluit het plan van aanpak over te nemen."}, nil},
		{"inverted body", "Na discussie besluiten we de vergadering te verplaatsen.", []string{"Na discussie besluiten we de vergadering te verplaatsen."}, nil},
		{"agreement", "De MR gaat akkoord met de begroting.", []string{"De MR gaat akkoord met de begroting."}, nil},
		{"finding", "De commissie stelt vast dat de kruising gevaarlijk is.", nil, nil},
		{"noun", "Het besluit van de raad is nog niet bekend.", nil, nil},
		{"negated", "Er is niets afgesproken over een deadline.", nil, nil},
		{"fraction", "De fractie besluit het amendement in te trekken.", nil, nil},
		{"closing", "Aldus vastgesteld in de vergadering van 3 juni 2024.", nil, nil},
		{"question", "Wordt de agenda vastgesteld?", nil, nil},
		{"quoted", "Jan: “Is het besloten dat we gaan?”", nil, nil},
		{"sentence action", "Aanwezig: Anja de Vries, Piet Bos. Anja stuurt de notitie voor 1 juni rond.", nil,
			[]string{"Anja de Vries|2024-06-01|Anja stuurt de notitie voor 1 juni rond."}},
		{"labelled owner", "Aanwezig: Anja de Vries, Piet Bos. Taak Piet: offertes opvragen.", nil,
			[]string{"Piet Bos||offertes opvragen."}},
		{"trailing owner", "Aanwezig: Anja de Vries, Piet Bos. De offertes worden opgevraagd. Actie Piet.", nil,
			[]string{"Piet Bos||De offertes worden opgevraagd."}},
		{"bracketed role", "Het verslag wordt rondgestuurd (actie: secretaris).", nil,
			[]string{"secretaris||Het verslag wordt rondgestuurd"}},
		{"next meeting", "Aanwezig: Anja de Vries, Piet Bos. Piet zal dit de volgende vergadering toelichten.", nil,
			[]string{"Piet Bos|volgende vergadering|Piet zal dit de volgende vergadering toelichten."}},
		{"no task", "Aanwezig: Anja de Vries, Piet Bos. Piet zal ook aanwezig zijn. Anja gaat akkoord.", nil, nil},
		{"action list", "Aanwezig: Anja de Vries, Piet Bos.\n\n## Actielijst\n\n- Notitie over raamcontracten rondsturen (Piet)\n\n- Offertes opvragen voor de volgende vergadering – Anja\n\n- Piet: zaal reserveren\n\n- Nieuwe website", nil,
			[]string{"Piet Bos||Notitie over raamcontracten rondsturen", "Anja de Vries|volgende vergadering|Offertes opvragen voor de volgende vergadering", "Piet Bos||zaal reserveren"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(Input{Name: "verslag.txt", Format: "txt", Text: "Verslag werkgroep 3 mei 2024\n\n" + tt.text}, Options{Now: fixedNow})
			var got []string
			for _, d := range r.Decisions {
				got = append(got, d.Text)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.decisions) {
				t.Errorf("decisions %q, want %q", got, tt.decisions)
			}
			var acts []string
			for _, a := range r.Actions {
				acts = append(acts, a.Owner+"|"+a.Due+"|"+a.Text)
			}
			if fmt.Sprint(acts) != fmt.Sprint(tt.actions) {
				t.Errorf("actions %q, want %q", acts, tt.actions)
			}
		})
	}
}
