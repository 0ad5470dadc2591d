package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"kennisbank/indexer"
	"kennisbank/server"
)

// TestReadyOnlyOnceWarm checks that /readyz says ready only once the index is synced
// and its caches are read, not as soon as the sync is done.
func TestReadyOnlyOnceWarm(t *testing.T) {
	dir := t.TempDir()
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "Verslag werkgroep onderwijs, 3 maart 2021\n\nJan de Vries: De scholen vragen om meer jeugdhulp in de klas.\n"
	if err := os.WriteFile(filepath.Join(corpusDir, "verslag.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(dir, "index"), CorpusDir: corpusDir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	w := &warmedIndex{Index: ix}
	ts := httptest.NewServer(server.New(server.Options{Searcher: w, Library: ix}).Handler())
	defer ts.Close()
	ready := func() int {
		t.Helper()
		resp, err := http.Get(ts.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	steps := []struct {
		name string
		do   func()
		want int
	}{
		{"before the sync", func() {}, http.StatusServiceUnavailable},
		{"synced, caches not read", func() {
			if _, err := ix.Sync(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
		}, http.StatusServiceUnavailable},
		{"caches read", func() {
			if err := ix.Warm(); err != nil {
				t.Fatal(err)
			}
			w.warm.Store(true)
		}, http.StatusOK},
	}
	for _, st := range steps {
		st.do()
		if got := ready(); got != st.want {
			t.Errorf("%s: /readyz %d, want %d", st.name, got, st.want)
		}
	}
}
