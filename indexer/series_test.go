package indexer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"kennisbank/internal/sharedtest"
)

// TestFronteersSeries indexes the 14 Fronteers minutes of shared/eval-corpus (general
// meetings and board meetings) and checks that they form their two series, each linked
// in date order.
func TestFronteersSeries(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes shared reports")
	}
	src := sharedtest.Path(t, "eval-corpus", "reports")
	files, err := filepath.Glob(filepath.Join(src, "fronteers-*.md"))
	if err != nil || len(files) != 14 {
		t.Fatalf("want the 14 Fronteers minutes, found %d (%v)", len(files), err)
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
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
	ix, err := Open(Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	recs, err := ix.Reports()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]ReportRecord{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	want := map[string][]string{
		"Fronteers ALV": {"fronteers-notulen-oprichtingscongres-2007-09-18", "fronteers-notulen-alv-2009-11-27",
			"fronteers-notulen-alv-2012-11-22", "fronteers-notulen-alv-2014-12-02", "fronteers-notulen-alv-2016-11-28",
			"fronteers-notulen-alv-2018-10-19", "fronteers-notulen-alv-2020-10-14", "fronteers-notulen-alv-2025-11-28"},
		"Fronteers bestuur": {"fronteers-notulen-bestuur-2008-01-15", "fronteers-notulen-bestuur-2009-10-06",
			"fronteers-notulen-bestuur-2012-10-23", "fronteers-notulen-bestuur-2014-03-28",
			"fronteers-notulen-bestuur-2018-07-02", "fronteers-notulen-bestuur-2022-11-09"},
	}
	for name, ids := range want {
		for k, id := range ids {
			r, ok := byID[id]
			if !ok {
				t.Errorf("%s not indexed", id)
				continue
			}
			if r.Series.Name != name {
				t.Errorf("%s: series %q, want %q", id, r.Series.Name, name)
			}
			prev, next := "", ""
			if k > 0 {
				prev = ids[k-1]
			}
			if k+1 < len(ids) {
				next = ids[k+1]
			}
			if got := linkID(r.Series.Previous); got != prev {
				t.Errorf("%s: previous %q, want %q", id, got, prev)
			}
			if got := linkID(r.Series.Next); got != next {
				t.Errorf("%s: next %q, want %q", id, got, next)
			}
		}
	}
}

func linkID(l *SeriesLink) string {
	if l == nil {
		return ""
	}
	return l.ID
}

// TestLinkSeriesDone marks an action item done when the next meeting of its series
// reports it done, or strikes it from its action list; others stay open.
func TestLinkSeriesDone(t *testing.T) {
	first := ReportRecord{ID: "a", Date: "2024-03-05", SeriesBody: "werkgroep Inkoop", Actions: []ActionRecord{
		{Text: "Notitie over raamcontracten rondsturen", Owner: "Piet Bos", Status: "open", Listed: true},
		{Text: "Offertes van leveranciers opvragen", Owner: "Anja de Vries", Status: "open", Listed: true},
		{Text: "Zaal voor de heidag reserveren", Owner: "Karin Smit", Status: "open", Listed: true},
	}}
	second := ReportRecord{ID: "b", Date: "2024-04-09", SeriesBody: "werkgroep Inkoop",
		DoneNotes: []string{"De notitie over raamcontracten is rondgestuurd, afgerond."},
		Actions: []ActionRecord{
			{Text: "Offertes van leveranciers opvragen", Owner: "Anja de Vries", Status: "open", Listed: true},
			{Text: "Nieuwe leverancier uitnodigen", Owner: "Piet Bos", Status: "open", Listed: true},
		}}
	recs := []ReportRecord{second, first}
	linkSeries(recs)
	got := map[string]string{}
	for _, a := range recs[1].Actions {
		got[a.Owner] = a.Status
	}
	want := map[string]string{"Piet Bos": "done", "Anja de Vries": "open", "Karin Smit": "done"}
	for owner, st := range want {
		if got[owner] != st {
			t.Errorf("%s: %q, want %q", owner, got[owner], st)
		}
	}
	if recs[1].Series.Name != "werkgroep Inkoop" || linkID(recs[1].Series.Next) != "b" || linkID(recs[0].Series.Previous) != "a" {
		t.Errorf("series %+v / %+v", recs[1].Series, recs[0].Series)
	}
	for _, a := range recs[0].Actions {
		if a.Status != "open" {
			t.Errorf("the last meeting's %q is %s, want open", a.Text, a.Status)
		}
	}
}
