package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// TestSpeakerFilterNameParticles searches by speakers whose surnames carry the
// particles of names common in the Netherlands ("El Amrani", "el Idrissi"), whole and
// by surname alone.
func TestSpeakerFilterNameParticles(t *testing.T) {
	ix, dir := mustIndexIn(t)
	text := "Verslag buurtoverleg Noordwijk, 12 maart 2024\n\n" +
		"Mohammed El Amrani: de speeltuin moet eerder open, de kinderen wachten al een jaar.\n\n" +
		"Sanne el Idrissi: dat ben ik met je eens, ik neem contact op met de gemeente.\n\n" +
		"Jan de Boer: dan spreken we dat zo af.\n"
	if err := os.WriteFile(filepath.Join(dir, "buurtoverleg-2024-03-12.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(New(Options{Searcher: ix, Library: ix}).Handler())
	defer ts.Close()
	for _, tt := range []struct {
		speaker, word string
	}{
		{"Mohammed El Amrani", "speeltuin"},
		{"El Amrani", "speeltuin"},
		{"Sanne el Idrissi", "gemeente"},
		{"Jan de Boer", "afspreken"},
	} {
		var res struct {
			Total int `json:"total"`
		}
		path := "/api/v1/search?" + url.Values{"speaker": {tt.speaker}}.Encode()
		if code := getJSON(t, ts, path, &res); code != http.StatusOK {
			t.Fatalf("%s: status %d", path, code)
		}
		if res.Total == 0 {
			t.Errorf("%s: no passages", path)
		}
	}
}
