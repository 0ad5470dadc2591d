package search_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kennisbank/indexer/search"
)

func TestSearch(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	mustSync(t, ix)

	tests := []struct {
		name       string
		req        search.Request
		wantReport string // a hit must come from this report ("" for no hits)
		wantMark   string // some hit's snippet must mark this word
	}{
		{"two words", search.Request{Query: "gesloten jeugdzorg"}, "expertisecentrum-jeugdhulp-limburg", "gesloten"},
		{"stemmed plural", search.Request{Query: "bijeenkomsten"}, "mvs-terugkoppelbijeenkomst", ""},
		{"exact phrase", search.Request{Query: `"beweging van 0"`}, "expertisecentrum-jeugdhulp-limburg", "beweging"},
		{"phrase not in text", search.Request{Query: `"jeugdzorg gesloten"`}, "", ""},
		{"title word", search.Request{Query: "verslag"}, "mvs-terugkoppelbijeenkomst", ""},
		{"exclusion", search.Request{Query: "samenwerking -Limburg -Roermond -unieKJP"}, "mvs-terugkoppelbijeenkomst", ""},
		{"diacritics and plural", search.Request{Query: "suicide"}, "expertisecentrum-jeugdhulp-limburg", "suïcides"},
		{"compound part", search.Request{Query: "hulpverlening"}, "expertisecentrum-jeugdhulp-limburg", "jeugdhulpverlening"},
		{"no match", search.Request{Query: "xyzzyplugh"}, "", ""},
		{"only stop words", search.Request{Query: "de het een"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Search(%+v): %v", tt.req, err)
			}
			if tt.wantReport == "" {
				if res.Total != 0 {
					t.Fatalf("Search(%q) total = %d, want 0 (first: %+v)", tt.req.Query, res.Total, res.Hits[0])
				}
				return
			}
			if res.Total == 0 {
				t.Fatalf("Search(%q) found nothing, want a hit in %s", tt.req.Query, tt.wantReport)
			}
			found := false
			for _, h := range res.Hits {
				if h.ReportID == tt.wantReport {
					found = true
				}
				if !strings.HasPrefix(h.PassageID, h.ReportID+"#p") {
					t.Errorf("hit id %q does not belong to report %q", h.PassageID, h.ReportID)
				}
			}
			if !found {
				t.Errorf("Search(%q) hits %v, want one from %s", tt.req.Query, hitReports(res), tt.wantReport)
			}
			if tt.wantMark != "" {
				marked := false
				for _, h := range res.Hits {
					marked = marked || strings.Contains(strings.ToLower(h.Snippet), "<mark>"+tt.wantMark+"</mark>")
				}
				if !marked {
					t.Errorf("no snippet marks %q; first: %q", tt.wantMark, res.Hits[0].Snippet)
				}
			}
			if strings.Contains(tt.req.Query, "-Limburg") {
				for _, h := range res.Hits {
					if h.ReportID == "expertisecentrum-jeugdhulp-limburg" && strings.Contains(h.Snippet, "Limburg") {
						t.Errorf("excluded word in hit %s", h.PassageID)
					}
				}
			}
		})
	}
}

func hitReports(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.PassageID)
	}
	return out
}

func TestSearchPagingAndDates(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	mustSync(t, ix)
	ctx := context.Background()

	all, err := ix.Search(ctx, search.Request{Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total < 10 || int(all.Total) != len(all.Hits) {
		t.Fatalf("match-all total %d with %d hits, want every passage on one page", all.Total, len(all.Hits))
	}
	// Two pages of 5 give the first ten hits in order.
	var paged []string
	for page := 1; page <= 2; page++ {
		res, err := ix.Search(ctx, search.Request{Size: 5, Page: page})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.PassageID)
		}
	}
	for i, id := range paged {
		if all.Hits[i].PassageID != id {
			t.Fatalf("paged hit %d = %s, want %s", i, id, all.Hits[i].PassageID)
		}
	}
}

func TestSearchRequestErrors(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	tests := []struct {
		req   search.Request
		field string
	}{
		{search.Request{Size: 51}, "size"},
		{search.Request{Size: -1}, "size"},
		{search.Request{Page: -2}, "page"},
		{search.Request{Page: 21, Size: 50}, "page"},
		{search.Request{Sort: "random"}, "sort"},
		{search.Request{From: "18-05-2021"}, "from"},
		{search.Request{To: "2021-02-30"}, "to"},
		{search.Request{From: "2021-06-01", To: "2021-05-01"}, "from"},
	}
	for _, tt := range tests {
		_, err := ix.Search(context.Background(), tt.req)
		var re *search.RequestError
		if !errors.As(err, &re) || re.Field != tt.field || re.Message == "" {
			t.Errorf("Search(%+v) error = %v, want a search.RequestError on %s", tt.req, err, tt.field)
		}
	}
}

func TestSearchDidYouMean(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	mustSync(t, ix)

	tests := []struct {
		query         string
		wantSuggest   string // "" for no suggestion
		wantCorrected bool
	}{
		{"jeugdzrg", "jeugdzorg", true},
		{"gesloten jeugdzrg", "gesloten jeugdzorg", true},
		{`expertisecentrm "gesloten jeugdzorg"`, `expertisecentrum "gesloten jeugdzorg"`, true},
		{"samenwerkng -Limburg", "samenwerking -Limburg", true},
		{"jeugdzorg", "", false},           // found: nothing to suggest
		{"xyzzyplugh", "", false},          // nothing near enough
		{"zrg", "", false},                 // too short to correct
		{"de het een", "", false},          // stop words only
		{`"jeugdzrg gesloten"`, "", false}, // phrases are taken as written
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res, err := ix.Search(context.Background(), search.Request{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if res.DidYouMean != tt.wantSuggest || res.Corrected != tt.wantCorrected {
				t.Fatalf("Search(%q): did_you_mean %q corrected %v, want %q %v",
					tt.query, res.DidYouMean, res.Corrected, tt.wantSuggest, tt.wantCorrected)
			}
			if tt.wantCorrected && res.Total == 0 {
				t.Errorf("Search(%q) corrected but without hits", tt.query)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	mustSync(t, ix)

	tests := []struct {
		prefix string
		want   search.Suggestion // must be among the suggestions ("" Text: none at all)
	}{
		{"Peter Dijk", search.Suggestion{Text: "Peter Dijkshoorn", Kind: search.SuggestSpeaker}},
		{"dijks", search.Suggestion{Text: "Peter Dijkshoorn", Kind: search.SuggestSpeaker}},
		{"gesloten j", search.Suggestion{Text: "gesloten jeugdzorg", Kind: search.SuggestTheme}},
		{"ervaringsd", search.Suggestion{Text: "ervaringsdeskundigheid", Kind: search.SuggestTheme}},
		{"huisart", search.Suggestion{Text: "huisartsen", Kind: search.SuggestTerm}},
		{"gesloten jeugdz", search.Suggestion{Text: "gesloten jeugdzorg", Kind: search.SuggestTheme}},
		{"", search.Suggestion{}},
		{"   ", search.Suggestion{}},
		{"\x00\xff", search.Suggestion{}},
		{"qqqqzzz", search.Suggestion{}},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			got, err := ix.Suggest(context.Background(), tt.prefix, 8)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want.Text == "" {
				if len(got) != 0 {
					t.Fatalf("Suggest(%q) = %v, want none", tt.prefix, got)
				}
				return
			}
			found := false
			for _, s := range got {
				found = found || s == tt.want
			}
			if !found {
				t.Errorf("Suggest(%q) = %v, want %v among them", tt.prefix, got, tt.want)
			}
			if len(got) > 8 {
				t.Errorf("Suggest(%q) gave %d suggestions, want at most 8", tt.prefix, len(got))
			}
		})
	}
}

func TestSearchGroupedByReport(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	mustSync(t, ix)

	flat, err := ix.Search(context.Background(), search.Request{Query: "jeugdhulp", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), search.Request{Query: "jeugdhulp", Group: search.GroupReport})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != flat.Total || len(res.Hits) != 0 {
		t.Fatalf("grouped total %d with %d hits, want the flat total %d and no hits", res.Total, len(res.Hits), flat.Total)
	}
	reports := map[string]int{}
	for _, h := range flat.Hits {
		reports[h.ReportID]++
	}
	if res.TotalGroups != len(reports) || len(res.Groups) != len(reports) {
		t.Fatalf("groups %d (total %d), want one per report: %v", len(res.Groups), res.TotalGroups, reports)
	}
	seen := map[string]bool{}
	for i, g := range res.Groups {
		if seen[g.ReportID] {
			t.Errorf("report %s grouped twice", g.ReportID)
		}
		seen[g.ReportID] = true
		if g.Matches != reports[g.ReportID] || len(g.Passages) == 0 || len(g.Passages) > search.GroupPassages {
			t.Errorf("group %s: %d matches, %d passages; want %d matches and 1–%d passages",
				g.ReportID, g.Matches, len(g.Passages), reports[g.ReportID], search.GroupPassages)
		}
		for j, p := range g.Passages {
			if p.ReportID != g.ReportID || !strings.Contains(p.Snippet, "<mark>") {
				t.Errorf("group %s passage %s: report %s, snippet %q", g.ReportID, p.PassageID, p.ReportID, p.Snippet)
			}
			if j > 0 && p.Score > g.Passages[j-1].Score {
				t.Errorf("group %s: passages not best first", g.ReportID)
			}
		}
		if i > 0 && g.Score > res.Groups[i-1].Score {
			t.Errorf("groups not best first: %v after %v", g.Score, res.Groups[i-1].Score)
		}
		if g.ReportTitle == "" || g.Date == "" || len(g.Speakers) == 0 {
			t.Errorf("group %s lacks report metadata: %+v", g.ReportID, g)
		}
	}
	// Paging is by report.
	p2, err := ix.Search(context.Background(), search.Request{Query: "jeugdhulp", Group: search.GroupReport, Size: 1, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Groups) != 1 || p2.Groups[0].ReportID != res.Groups[1].ReportID {
		t.Errorf("page 2 of size 1 = %+v, want the second report", p2.Groups)
	}
	if _, err := ix.Search(context.Background(), search.Request{Query: "jeugdhulp", Group: "speaker"}); err == nil {
		t.Error("group=speaker accepted")
	}
}

func TestSearchDateRangeAndSort(t *testing.T) {
	ix := mustOpen(t, mustCorpus(t))
	mustSync(t, ix)
	const limburg, mvs = "expertisecentrum-jeugdhulp-limburg", "mvs-terugkoppelbijeenkomst" // 2020-10-07, 2021-05-18

	tests := []struct {
		name     string
		req      search.Request
		want     []string // the reports hit, in order of first appearance
		wantNone bool
	}{
		{"from", search.Request{From: "2021-01-01"}, []string{mvs}, false},
		{"to", search.Request{To: "2020-12-31"}, []string{limburg}, false},
		{"one day, inclusive", search.Request{From: "2020-10-07", To: "2020-10-07"}, []string{limburg}, false},
		{"both days", search.Request{From: "2020-10-07", To: "2021-05-18"}, []string{mvs, limburg}, false},
		{"after all", search.Request{From: "2022-01-01"}, nil, true},
		{"newest first", search.Request{Sort: search.SortDateDesc}, []string{mvs, limburg}, false},
		{"oldest first", search.Request{Sort: search.SortDateAsc}, []string{limburg, mvs}, false},
		{"words and range", search.Request{Query: "jeugdhulp", To: "2020-12-31"}, []string{limburg}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Size = 50
			res, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				if len(got) == 0 || got[len(got)-1] != h.ReportID {
					got = append(got, h.ReportID)
				}
			}
			if tt.wantNone {
				if res.Total != 0 {
					t.Fatalf("total %d, want none", res.Total)
				}
				return
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("reports in order %v, want %v", got, tt.want)
			}
			for _, h := range res.Hits {
				if h.Date == "" || (tt.req.From != "" && h.Date < tt.req.From) || (tt.req.To != "" && h.Date > tt.req.To) {
					t.Errorf("hit %s dated %q outside %s–%s", h.PassageID, h.Date, tt.req.From, tt.req.To)
				}
			}
		})
	}
}

// TestRankingPrefersExactWordingAndTitles checks the ranking rules: the exact wording
// above a stemmed form, and a title or heading above body text.
func TestRankingPrefersExactWordingAndTitles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a-exact.md":   "# Overleg A\n\nDe samenwerkingen in de regio werden besproken met de scholen.\n",
		"b-stemmed.md": "# Overleg B\n\nDe samenwerking in de regio werd besproken met de scholen.\n",
		"c-title.md":   "# Wachtlijsten in de regio\n\nHet overleg ging over de planning van de scholen.\n",
		"d-body.md":    "# Overleg D\n\nHet overleg ging over de wachtlijsten bij de scholen in de regio.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := mustOpen(t, dir)
	mustSync(t, ix)
	for _, tc := range []struct{ query, first, second string }{
		{"samenwerkingen", "a-exact", "b-stemmed"},
		{"samenwerking", "b-stemmed", "a-exact"},
		{"wachtlijsten", "c-title", "d-body"},
	} {
		res, err := ix.Search(context.Background(), search.Request{Query: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		got := hitReportsInOrder(res)
		if len(got) < 2 || got[0] != tc.first || got[1] != tc.second {
			t.Errorf("%q ranks %v, want %s before %s", tc.query, got, tc.first, tc.second)
		}
	}
}

func hitReportsInOrder(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		if !slices.Contains(out, h.ReportID) {
			out = append(out, h.ReportID)
		}
	}
	return out
}

// TestSearchExcludesPhrase checks that -"…" leaves out the passages with that exact
// wording, and only those.
func TestSearchExcludesPhrase(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.md": "# Overleg A\n\nDe gemeente sprak met de wethouder onderwijs over de wachtlijsten.\n",
		"b.md": "# Overleg B\n\nDe gemeente sprak met de wethouder over onderwijs.\n",
		"c.md": "# Overleg C\n\nDe gemeente en de scholen.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := mustOpen(t, dir)
	mustSync(t, ix)
	res, err := ix.Search(context.Background(), search.Request{Query: `gemeente -"wethouder onderwijs"`})
	if err != nil {
		t.Fatal(err)
	}
	got := hitReportsInOrder(res)
	slices.Sort(got)
	if !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf(`gemeente -"wethouder onderwijs" found %v, want [b c]`, got)
	}
}
