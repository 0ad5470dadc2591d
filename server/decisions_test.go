package server

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kennisbank/indexer"
)

// minutesServer serves a corpus of two meetings of one working group (testdata/minutes).
func minutesServer(t *testing.T) *httptest.Server {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "minutes", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: ix, Library: ix}).Handler()))
	t.Cleanup(ts.Close)
	return ts
}

func TestReportDecisionsActionsSeries(t *testing.T) {
	ts := minutesServer(t)
	resp, body := mustGet(t, ts, "/api/v1/reports/werkgroep-inkoop-2024-03-05")
	var rep ReportResponse
	if err := json.Unmarshal(body, &rep); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET report = %d %s", resp.StatusCode, body)
	}
	if len(rep.Decisions) != 1 || rep.Decisions[0].Text != "Besloten wordt het inkoopbeleid 2024 vast te stellen." ||
		rep.Decisions[0].PassageID != "werkgroep-inkoop-2024-03-05#p3" {
		t.Errorf("decisions = %+v", rep.Decisions)
	}
	want := map[string]ActionJSON{
		"Piet Bos":   {Owner: "Piet Bos", Due: "2024-04-01", Status: "done"},
		"Karin Smit": {Owner: "Karin Smit", Status: "open"},
	}
	if len(rep.Actions) != len(want) {
		t.Errorf("actions = %+v, want %d", rep.Actions, len(want))
	}
	for _, a := range rep.Actions {
		w, ok := want[a.Owner]
		if !ok || a.Due != w.Due || a.Status != w.Status {
			t.Errorf("action %+v, want %+v", a, w)
		}
	}
	if rep.Series == nil || rep.Series.Name != "werkgroep Inkoop" || rep.Series.Previous != nil ||
		rep.Series.Next == nil || rep.Series.Next.ID != "werkgroep-inkoop-2024-04-09" {
		t.Errorf("series = %+v", rep.Series)
	}

	tests := []struct {
		path  string
		total int
	}{
		{"/api/v1/decisions", 2},
		{"/api/v1/decisions?q=leverancier", 1},
		{"/api/v1/decisions?series=werkgroep+Inkoop&from=2024-04-01", 1},
		{"/api/v1/decisions?theme=bestaat-niet", 0},
		{"/api/v1/actions", 2},
		{"/api/v1/actions?status=open", 1},
		{"/api/v1/actions?owner=Piet+Bos&status=done", 1},
		{"/api/v1/actions?q=offertes", 1},
	}
	for _, tt := range tests {
		resp, body := mustGet(t, ts, tt.path)
		var out struct {
			Total int `json:"total"`
		}
		if err := json.Unmarshal(body, &out); err != nil || resp.StatusCode != http.StatusOK || out.Total != tt.total {
			t.Errorf("GET %s = %d total %d, want %d (%s)", tt.path, resp.StatusCode, out.Total, tt.total, body)
		}
	}
	for _, path := range []string{"/api/v1/actions?status=klaar", "/api/v1/decisions?from=gisteren", "/api/v1/decisions?kind=x"} {
		if resp, body := mustGet(t, ts, path); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s = %d %s, want 400", path, resp.StatusCode, body)
		}
	}
}

func TestMinutesPages(t *testing.T) {
	ts := minutesServer(t)
	tests := []struct {
		path   string
		status int
		want   []string
	}{
		{"/verslagen/werkgroep-inkoop-2024-03-05", 200, []string{"Besluiten en acties", "Besloten wordt het inkoopbeleid 2024 vast te stellen.",
			"Piet Bos", "uiterlijk maandag 1 april 2024", "afgerond", `rel="next"`, "Volgende bijeenkomst"}},
		{"/verslagen/werkgroep-inkoop-2024-04-09", 200, []string{"Vorige bijeenkomst", `rel="prev"`}},
		{"/besluiten", 200, []string{"2 besluiten gevonden", "De werkgroep besluit de leverancier", "werkgroep Inkoop", "/besluiten.atom?"}},
		{"/besluiten?q=&theme=&series=werkgroep+Inkoop&speaker=&from=2024-04-01&to=", 200, []string{"1 besluit gevonden"}},
		{"/acties?status=open", 200, []string{"1 actiepunt gevonden", "Karin Smit", "open"}},
		{"/acties?status=klaar", 400, []string{"Status moet open of afgerond zijn"}},
	}
	for _, tt := range tests {
		resp, body := mustGet(t, ts, tt.path)
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s = %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(body), w) {
				t.Errorf("GET %s: no %q in the page", tt.path, w)
			}
		}
	}
	resp, body := mustGet(t, ts, "/besluiten.atom?series=werkgroep+Inkoop")
	var feed struct {
		Title   string `xml:"title"`
		Entries []struct {
			ID   string `xml:"id"`
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &feed); err != nil || resp.StatusCode != http.StatusOK || len(feed.Entries) != 2 {
		t.Fatalf("GET /besluiten.atom = %d, %d entries (%v): %s", resp.StatusCode, len(feed.Entries), err, body)
	}
	if feed.Title != "Kennisbank: besluiten — werkgroep Inkoop" || !strings.Contains(feed.Entries[0].Link.Href, "/verslagen/werkgroep-inkoop-2024-04-09#p") {
		t.Errorf("feed %+v", feed)
	}
}

// TestCorrectDecisionsActions corrects and removes a decision and an action item of
// the sample report through PATCH: the correction lives in the sidecar and survives a
// re-read.
func TestCorrectDecisionsActions(t *testing.T) {
	ts, dir := ingestServer(t, Options{})
	const id = "mvs-terugkoppelbijeenkomst"
	_, body := mustGet(t, ts, "/api/v1/reports/"+id)
	var rep ReportResponse
	if err := json.Unmarshal(body, &rep); err != nil || len(rep.Decisions) == 0 {
		t.Fatalf("report as read: %v %+v", err, rep.Decisions)
	}
	resp, body := patch(t, ts, id, `{"decisions": ["Iedereen zoekt elkaar op en trekt samen op."],
		"actions": [{"text": "De werkgroep praktijkondersteuner huisarts komt in juni bijeen.", "owner": "Marit van Toledo", "due": "2021-06-15", "status": "open"}]}`)
	if err := json.Unmarshal(body, &rep); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("patch: status %d %s", resp.StatusCode, body)
	}
	if len(rep.Decisions) != 1 || rep.Decisions[0].Text != "Iedereen zoekt elkaar op en trekt samen op." || rep.Decisions[0].PassageID != id+"#p1" {
		t.Errorf("corrected decisions = %+v", rep.Decisions)
	}
	if len(rep.Actions) != 1 || rep.Actions[0].Owner != "Marit van Toledo" || rep.Actions[0].Due != "2021-06-15" || rep.Actions[0].Status != "open" {
		t.Errorf("corrected actions = %+v", rep.Actions)
	}
	sidecar, err := os.ReadFile(filepath.Join(dir, id+".txt.yaml"))
	if err != nil || !strings.Contains(string(sidecar), "decisions:") || !strings.Contains(string(sidecar), "Marit van Toledo") {
		t.Fatalf("sidecar: %v %s", err, sidecar)
	}
	// Removing every decision: an empty list.
	resp, body = patch(t, ts, id, `{"decisions": []}`)
	if err := json.Unmarshal(body, &rep); err != nil || resp.StatusCode != http.StatusOK || len(rep.Decisions) != 0 || len(rep.Actions) != 1 {
		t.Errorf("after removing the decisions: %d %+v %+v", resp.StatusCode, rep.Decisions, rep.Actions)
	}
	if resp, body := patch(t, ts, id, `{"actions": [{"text": "x", "status": "klaar"}]}`); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad status: %d %s, want 400", resp.StatusCode, body)
	}
}

func TestSearchKindDecision(t *testing.T) {
	ts := minutesServer(t)
	tests := []struct {
		query string
		want  []string // passage ids
	}{
		{"kind=decision", []string{"werkgroep-inkoop-2024-04-09#p3", "werkgroep-inkoop-2024-03-05#p3"}},
		{"kind=decision&q=leverancier", []string{"werkgroep-inkoop-2024-04-09#p3"}},
		{"kind=action&q=offertes", []string{"werkgroep-inkoop-2024-03-05#p4"}},
		{"kind=decision&q=offertes", nil},
	}
	for _, tt := range tests {
		resp, body := mustGet(t, ts, "/api/v1/search?"+tt.query)
		var res struct {
			Hits []struct {
				PassageID string `json:"passage_id"`
			} `json:"hits"`
		}
		if err := json.Unmarshal(body, &res); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("search %s = %d %s", tt.query, resp.StatusCode, body)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.PassageID)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("search %s = %v, want %v", tt.query, got, tt.want)
		}
	}
	if resp, body := mustGet(t, ts, "/api/v1/search?kind=besluit"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("kind=besluit = %d %s, want 400", resp.StatusCode, body)
	}
}
