package indexer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kennisbank/indexer/search"
)

// TestIngestIndexesOneFile checks that an upload is indexed from the text already
// extracted, on its own: a file that appeared in the corpus folder meanwhile waits
// for the next sync.
func TestIngestIndexesOneFile(t *testing.T) {
	dir := mustCorpus(t)
	ix := mustOpen(t, dir)
	mustSync(t, ix)
	before := ix.Status()
	if err := os.WriteFile(filepath.Join(dir, "later.txt"), []byte("Verslag later\n\nOver de zwembadrenovatie.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := "Verslag werkgroep fietspaden\n\nDe werkgroep besprak de fietsstraatverlichting in de wijk.\n"
	rec, err := ix.Ingest(context.Background(), "Werkgroep fietspaden.txt", strings.NewReader(text), IngestOptions{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID != "werkgroep-fietspaden" || rec.Passages == 0 {
		t.Fatalf("report %q with %d passages", rec.ID, rec.Passages)
	}
	after := ix.Status()
	if after.Files != before.Files+1 || after.Reports != before.Reports+1 {
		t.Errorf("files %d → %d, reports %d → %d; want one more of each", before.Files, after.Files, before.Reports, after.Reports)
	}
	for _, tt := range []struct {
		query string
		want  uint64
	}{
		{"fietsstraatverlichting", 1},
		{"zwembadrenovatie", 0}, // not synced yet
	} {
		res, err := ix.Search(context.Background(), search.Request{Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.query, res.Total, tt.want)
		}
	}
	if sum, _ := mustSync(t, ix); sum.Indexed != 1 || sum.Unchanged != after.Files {
		t.Errorf("the next sync indexed %d and left %d unchanged; want 1 and %d", sum.Indexed, sum.Unchanged, after.Files)
	}
}
