package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	ts := mustServer(t, Options{})
	tests := []struct {
		name    string
		path    string
		status  int
		want    []string // in the body
		notWant []string
	}{
		{"home, newest first", "/", http.StatusOK,
			[]string{`<html lang="nl">`, "Zoeken in verslagen", "dinsdag 18 mei 2021", "woensdag 7 oktober 2020", `<strong aria-current="true">nieuwste eerst</strong>`}, nil},
		{"search", "/?q=" + url.QueryEscape("gesloten jeugdzorg"), http.StatusOK,
			[]string{"<mark>gesloten</mark> <mark>jeugdzorg</mark>", `/verslagen/expertisecentrum-jeugdhulp-limburg?q=gesloten&#43;jeugdzorg#p9`,
				"2 passages in 1 verslag", "<h2>Sprekers</h2>", "Peter Dijkshoorn", `<strong aria-current="true">relevantie</strong>`}, nil},
		{"filter chip", "/?q=jeugdhulp&speaker=" + url.QueryEscape("Peter Dijkshoorn"), http.StatusOK,
			[]string{"Filter Peter Dijkshoorn weghalen", `<input type="hidden" name="speaker" value="Peter Dijkshoorn">`}, nil},
		{"did you mean", "/?q=jeugdzrg", http.StatusOK, []string{"dit zijn de resultaten voor", `href="/?q=jeugdzorg"`}, nil},
		{"nothing found", "/?q=xyzzyplugh", http.StatusOK, []string{"Geen passages gevonden", "Probeer minder of andere woorden"}, nil},
		{"markup in the query is text", "/?q=" + url.QueryEscape(`<script>alert(1)</script>`), http.StatusOK, nil, []string{"<script>alert"}},
		{"bad date", "/?from=2021-13-01", http.StatusBadRequest, []string{`role="alert"`, "from is geen geldige datum"}, nil},
		{"report", "/verslagen/expertisecentrum-jeugdhulp-limburg?q=jeugdzorg", http.StatusOK,
			[]string{`id="p9"`, "<mark>jeugdzorg</mark>", "woensdag 7 oktober 2020", "/api/v1/reports/expertisecentrum-jeugdhulp-limburg/source",
				`<span class="spreker">Peter Dijkshoorn:</span>`}, nil},
		{"unknown report", "/verslagen/bestaat-niet", http.StatusNotFound, []string{"Verslag niet gevonden"}, nil},
		{"all reports", "/verslagen", http.StatusOK, []string{"Opstart Expertisecentrum Jeugdhulp Limburg", "2 verslagen"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := mustGet(t, ts, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q", ct)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP %q", csp)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(string(body), w) {
					t.Errorf("page contains %q", w)
				}
			}
		})
	}
}
