package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"kennisbank/indexer/search"
)

func TestCheckThemes(t *testing.T) {
	vocabulary := []string{"gesloten jeugdzorg", "onderwijs", "pleegzorg"}
	tests := []struct {
		name    string
		themes  []string
		current []string
		want    string // in the message; "" for no error
	}{
		{"from the vocabulary", []string{"onderwijs", "gesloten jeugdzorg"}, nil, ""},
		{"none", []string{}, nil, ""},
		{"the report's own", []string{"wijkteams"}, []string{"wijkteams"}, ""},
		{"a typo", []string{"onderwijs", "gesloten jeugzorg"}, nil, "„gesloten jeugzorg” staat niet in de lijst van thema's (themes.yaml); kies een thema uit de lijst, bijvoorbeeld „gesloten jeugdzorg”"},
		{"far from any", []string{"ruimtevaart"}, nil, "„ruimtevaart” staat niet in de lijst van thema's (themes.yaml); kies een thema uit de lijst"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkThemes(tt.themes, vocabulary, tt.current)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("checkThemes(%q) = %v, want nil", tt.themes, err)
				}
				return
			}
			re, ok := err.(*search.RequestError)
			if !ok || re.Field != "themes" || !strings.HasSuffix(re.Message, tt.want) {
				t.Errorf("checkThemes(%q) = %v, want a RequestError on themes ending %q", tt.themes, err, tt.want)
			}
		})
	}
}

// TestCorrectThemesFromVocabulary corrects a report's themes over the API: a theme
// of the corpus's vocabulary is taken, a misspelt one refused with a Dutch message.
func TestCorrectThemesFromVocabulary(t *testing.T) {
	ts, _ := ingestServer(t, Options{})
	const id = "mvs-terugkoppelbijeenkomst"
	if resp, body := patch(t, ts, id, `{"themes": ["gesloten jeugdzorg"]}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("a theme of the vocabulary: status %d %s", resp.StatusCode, body)
	}
	resp, body := patch(t, ts, id, `{"themes": ["gesloten jeugzorg"]}`)
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusBadRequest || e.Error.Field != "themes" || !strings.Contains(e.Error.Message, "bijvoorbeeld „gesloten jeugdzorg”") {
		t.Errorf("a misspelt theme: status %d %+v, want 400 on themes naming the theme meant", resp.StatusCode, e.Error)
	}
	var rep ReportResponse
	if getJSON(t, ts, "/api/v1/reports/"+id, &rep); len(rep.Themes) != 1 || rep.Themes[0] != "gesloten jeugdzorg" {
		t.Errorf("themes after the refused correction: %q, want [gesloten jeugdzorg]", rep.Themes)
	}
}
