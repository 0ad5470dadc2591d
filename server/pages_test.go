package server

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kennisbank/indexer"
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
				"2 passages in 1 verslag", "<h2>Sprekers</h2>", "Peter Dijkshoorn", `<strong aria-current="true">relevantie</strong>`,
				`<link rel="alternate" type="application/atom+xml" title="Kennisbank: “gesloten jeugdzorg”" href="/feed.atom?q=gesloten&#43;jeugdzorg">`,
				`<a href="/feed.atom?q=gesloten&#43;jeugdzorg">Volg deze zoekopdracht</a>`, `<summary>Filters</summary>`}, nil},
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
			if tt.path == "/" {
				// /zoeken is the search page too.
				if r, b := mustGet(t, ts, "/zoeken"); r.StatusCode != http.StatusOK || string(b) != string(body) {
					t.Errorf("/zoeken: status %d, not the search page", r.StatusCode)
				}
			}
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

// atomFeedXML is what the tests read of an Atom feed.
type atomFeedXML struct {
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

// TestAtomFeed checks that a search feed has one entry per report with the passages
// that match, each updated at its meeting's date, and the feed at its newest entry:
// never the time of the request.
func TestAtomFeed(t *testing.T) {
	ts := mustServer(t, Options{BaseURL: "https://kennisbank.example.nl"})
	const base = "https://kennisbank.example.nl"
	tests := []struct {
		name         string
		query        string
		title        string
		entries      int // 0: at least two
		passageLinks int // in the first entry's summary; 0: at least one
	}{
		{"theme", "theme=samenwerking", "Kennisbank: samenwerking", 0, 0},
		{"two passages of one report", "q=" + url.QueryEscape("gesloten jeugdzorg"), "Kennisbank: “gesloten jeugdzorg”", 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := mustGet(t, ts, "/feed.atom?"+tt.query)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("feed: status %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			var f atomFeedXML
			if err := xml.Unmarshal(body, &f); err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.title {
				t.Errorf("title %q, want %q", f.Title, tt.title)
			}
			if (tt.entries == 0 && len(f.Entries) < 2) || (tt.entries > 0 && len(f.Entries) != tt.entries) {
				t.Fatalf("%d entries, want %d (0: at least two)", len(f.Entries), tt.entries)
			}
			seen := map[string]bool{}
			newest := ""
			for i, e := range f.Entries {
				id, ok := strings.CutPrefix(e.ID, base+"/verslagen/")
				if !ok || seen[id] {
					t.Errorf("entry id %q: want one entry per report", e.ID)
				}
				seen[id] = true
				if !strings.HasPrefix(e.Link.Href, base+"/verslagen/"+id) {
					t.Errorf("entry link %q, want the report %s", e.Link.Href, id)
				}
				var rep ReportResponse
				if status := getJSON(t, ts, "/api/v1/reports/"+id, &rep); status != http.StatusOK {
					t.Fatalf("report %s: status %d", id, status)
				}
				if want := rep.Date + "T00:00:00Z"; e.Updated != want {
					t.Errorf("entry %s updated %q, want the meeting's date %q", id, e.Updated, want)
				}
				if i > 0 && e.Updated > f.Entries[i-1].Updated {
					t.Errorf("entries not newest first: %s after %s", e.Updated, f.Entries[i-1].Updated)
				}
				newest = max(newest, e.Updated)
				links := strings.Count(e.Summary, base+"/verslagen/"+id)
				if (tt.passageLinks == 0 && links < 1) || (tt.passageLinks > 0 && i == 0 && links != tt.passageLinks) {
					t.Errorf("entry %s links %d passages, want %d (0: at least one): %s", id, links, tt.passageLinks, e.Summary)
				}
				if !strings.Contains(e.Summary, "#p") {
					t.Errorf("entry %s: the summary does not link passages: %s", id, e.Summary)
				}
			}
			if f.Updated != newest {
				t.Errorf("feed updated %q, want its newest entry %q", f.Updated, newest)
			}
		})
	}

	// A feed that finds nothing is updated when the index last changed, not now.
	var st StatusResponse
	if status := getJSON(t, ts, "/api/v1/status", &st); status != http.StatusOK || st.LastSync == nil {
		t.Fatalf("status %d, last sync %v", status, st.LastSync)
	}
	_, body := mustGet(t, ts, "/feed.atom?q=xyzzyplugh")
	var empty atomFeedXML
	if err := xml.Unmarshal(body, &empty); err != nil {
		t.Fatal(err)
	}
	if want := st.LastSync.Truncate(time.Second).Format(time.RFC3339); len(empty.Entries) != 0 || empty.Updated != want {
		t.Errorf("empty feed: %d entries, updated %q, want none and %q", len(empty.Entries), empty.Updated, want)
	}
	if resp, _ := mustGet(t, ts, "/feed.atom?from=gisteren"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad feed parameters: status %d, want 400", resp.StatusCode)
	}
}

// reportsOnly is a Searcher that knows only some reports.
type reportsOnly struct {
	Searcher
	reports map[string]indexer.ReportRecord
}

func (r reportsOnly) Report(id string) (indexer.ReportRecord, error) {
	if rec, ok := r.reports[id]; ok {
		return rec, nil
	}
	return indexer.ReportRecord{}, indexer.ErrNotFound
}

func TestReportUpdated(t *testing.T) {
	indexed := time.Date(2026, 11, 30, 14, 5, 9, 500, time.FixedZone("CET", 3600))
	srv := New(Options{Searcher: reportsOnly{reports: map[string]indexer.ReportRecord{
		"zonder-datum": {ID: "zonder-datum", IndexedAt: indexed},
	}}})
	tests := []struct {
		id, date string
		want     string
	}{
		{"met-datum", "2024-06-06", "2024-06-06T00:00:00Z"},
		{"zonder-datum", "", "2026-11-30T13:05:09Z"},
		{"onbekend", "", "1970-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := srv.reportUpdated(tt.id, tt.date).Format(time.RFC3339); got != tt.want {
			t.Errorf("reportUpdated(%q, %q) = %s, want %s", tt.id, tt.date, got, tt.want)
		}
	}
}

// TestNotFound answers an unknown address with a Dutch page to a browser and with the
// API's JSON error to other clients.
func TestNotFound(t *testing.T) {
	ts := mustServer(t, Options{})
	tests := []struct {
		path, accept, contentType, want string
	}{
		{"/zoek", "text/html,application/xhtml+xml", "text/html", "Pagina niet gevonden"},
		{"/zoek", "application/json", "application/json", `"code":"not_found"`},
		{"/api/v1/bestaat-niet", "text/html", "application/json", `"code":"not_found"`},
	}
	for _, tt := range tests {
		resp, body := mustGet(t, ts, tt.path, "Accept", tt.accept)
		if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.contentType) || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s (Accept %s): status %d %s, want 404 %s with %q", tt.path, tt.accept, resp.StatusCode, resp.Header.Get("Content-Type"), tt.contentType, tt.want)
		}
	}
}
