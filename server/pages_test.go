package server

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	ts := mustServer(t, Options{BaseURL: "https://kennisbank.example.nl"})
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
		{"bad date", "/?from=2021-13-01", http.StatusBadRequest, []string{`role="alert"`, "„Van” is geen geldige datum"}, []string{"from is geen"}},
		{"report", "/verslagen/expertisecentrum-jeugdhulp-limburg?q=jeugdzorg", http.StatusOK,
			[]string{`id="p9"`, "<mark>jeugdzorg</mark>", "woensdag 7 oktober 2020", "/api/v1/reports/expertisecentrum-jeugdhulp-limburg/source",
				`<span class="spreker">Peter Dijkshoorn:</span>`}, []string{"<mark>zorg</mark>"}},
		{"unknown report", "/verslagen/bestaat-niet", http.StatusNotFound, []string{"Verslag niet gevonden"}, nil},
		{"all reports", "/verslagen", http.StatusOK, []string{"Opstart Expertisecentrum Jeugdhulp Limburg", "2 verslagen"}, nil},
		{"speakers", "/sprekers", http.StatusOK, []string{`href="/sprekers/peter-dijkshoorn"`, "Peter Dijkshoorn"}, nil},
		{"speaker", "/sprekers/peter-dijkshoorn", http.StatusOK,
			[]string{"<h1>Peter Dijkshoorn</h1>", "Opstart Expertisecentrum Jeugdhulp Limburg", `/feed.atom?speaker=Peter&#43;Dijkshoorn`, "<h2>Passages</h2>"}, nil},
		{"unknown speaker", "/sprekers/niemand", http.StatusNotFound, []string{"Spreker niet gevonden"}, nil},
		{"themes", "/themas", http.StatusOK, []string{`href="/themas/gesloten-jeugdzorg"`}, nil},
		{"theme", "/themas/gesloten-jeugdzorg", http.StatusOK, []string{"Thema: gesloten jeugdzorg", "Opstart Expertisecentrum Jeugdhulp Limburg"}, nil},
		{"about", "/over", http.StatusOK, []string{"2 verslagen", `&lt;script src=&#34;https://kennisbank.example.nl/widget.js&#34; defer&gt;&lt;/script&gt;`, "/api/v1/openapi.json"}, nil},
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

func TestAtomFeed(t *testing.T) {
	ts := mustServer(t, Options{BaseURL: "https://kennisbank.example.nl"})
	resp, body := mustGet(t, ts, "/feed.atom?theme="+url.QueryEscape("samenwerking"))
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: status %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var f struct {
		Title   string `xml:"title"`
		Entries []struct {
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	if f.Title != "Kennisbank: samenwerking" || len(f.Entries) < 2 {
		t.Fatalf("feed %q with %d entries", f.Title, len(f.Entries))
	}
	for i, e := range f.Entries {
		if !strings.HasPrefix(e.Link.Href, "https://kennisbank.example.nl/verslagen/") || !strings.Contains(e.Link.Href, "#p") {
			t.Errorf("entry link %q", e.Link.Href)
		}
		if i > 0 && e.Updated > f.Entries[i-1].Updated {
			t.Errorf("entries not newest first: %s after %s", e.Updated, f.Entries[i-1].Updated)
		}
	}
	if resp, _ := mustGet(t, ts, "/feed.atom?from=gisteren"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad feed parameters: status %d, want 400", resp.StatusCode)
	}
}
