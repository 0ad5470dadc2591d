package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
	"kennisbank/server"
)

// backupQueries are searched before a backup and after its restore: the answers must
// be the same hits in the same order with the same scores.
var backupQueries = [][]string{
	{"jeugdzorg"},
	{"gesloten jeugdzorg"},
	{"samenwerking", "--sort", "date_asc"},
	{"werkgroep", "--speaker", "Anja Krijnberg"},
	{`"terugkoppelbijeenkomst"`},
}

// backupCorpus writes the sample corpus with a sidecar and a held upload, from
// testdata/backup, into ./corpus, and indexes it.
func backupCorpus(t *testing.T) {
	t.Helper()
	if code, out, errOut := mustRun(t, "index"); code != 0 {
		t.Fatalf("index exit %d: %s %s", code, out, errOut)
	}
	for name, dst := range map[string]string{
		"mvs-terugkoppelbijeenkomst.txt.yaml": filepath.Join("corpus", "mvs-terugkoppelbijeenkomst.txt.yaml"),
		"wacht-op-controle.txt":               filepath.Join("corpus", indexer.HoldDir, "wacht-op-controle.txt"),
	} {
		data, err := os.ReadFile(filepath.Join(testdataPath, "backup", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errOut := mustRun(t, "index"); code != 0 || !strings.Contains(out, "1 geïndexeerd") {
		t.Fatalf("index with the sidecar exit %d: %s %s", code, out, errOut)
	}
}

// testdataPath is this package's testdata folder, found before a test changes folder.
var testdataPath, _ = filepath.Abs("testdata")

// searchAnswers runs every backup query with extra flags and returns the hits.
func searchAnswers(t *testing.T, extra ...string) [][]server.SearchHit {
	t.Helper()
	var out [][]server.SearchHit
	for _, q := range backupQueries {
		args := append(append([]string{"search", "--json", "--size", "50"}, q...), extra...)
		code, stdout, errOut := mustRun(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var resp server.SearchResponse
		if err := json.Unmarshal([]byte(stdout), &resp); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for i := range resp.Hits {
			resp.Hits[i].Snippet = "" // the same passage; marks are no part of the comparison
		}
		out = append(out, resp.Hits)
	}
	return out
}

// TestBackupRestore backs up an index with its corpus folder (a sidecar and an upload
// held for review among them), restores it into empty folders and wants the same
// answers from the restored index, with nothing to read again.
func TestBackupRestore(t *testing.T) {
	t.Chdir(t.TempDir())
	backupCorpus(t)
	want := searchAnswers(t)
	if len(want[0]) == 0 {
		t.Fatal("the first query finds nothing; the comparison would prove nothing")
	}

	code, out, errOut := mustRun(t, "backup", "reserve.tar.gz")
	if code != 0 || !strings.Contains(out, "reservekopie geschreven: reserve.tar.gz") {
		t.Fatalf("backup exit %d: %s %s", code, out, errOut)
	}
	restored := []string{"--corpus", filepath.Join("terug", "corpus"), "--index", filepath.Join("terug", "index")}
	code, out, errOut = mustRun(t, append([]string{"restore", "reserve.tar.gz"}, restored...)...)
	if code != 0 || !strings.Contains(out, "teruggezet uit reserve.tar.gz") {
		t.Fatalf("restore exit %d: %s %s", code, out, errOut)
	}
	if fi, err := os.Stat("reserve.tar.gz"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup file: %v, %v; want it readable by its owner only", fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Join("terug", "corpus")); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("the restored corpus folder: %v, %v; want 0755", fi.Mode(), err)
	}
	for _, f := range []string{"mvs-terugkoppelbijeenkomst.txt.yaml", filepath.Join(indexer.HoldDir, "wacht-op-controle.txt"), "themes.yaml"} {
		a, errA := os.ReadFile(filepath.Join("corpus", f))
		b, errB := os.ReadFile(filepath.Join("terug", "corpus", f))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s not restored as it was: %v %v", f, errA, errB)
		}
		fa, errA := os.Stat(filepath.Join("corpus", f))
		fb, errB := os.Stat(filepath.Join("terug", "corpus", f))
		if errA != nil || errB != nil || !fa.ModTime().Equal(fb.ModTime()) {
			t.Errorf("%s restored with another modification time", f)
		}
	}
	// The restored index is in line with its corpus: nothing is read again.
	code, out, _ = mustRun(t, append([]string{"index"}, restored...)...)
	if code != 0 || !strings.Contains(out, "klaar: 0 geïndexeerd, 0 verwijderd") {
		t.Errorf("index after restore exit %d: %s", code, out)
	}
	if got := searchAnswers(t, restored...); !reflect.DeepEqual(got, want) {
		t.Errorf("restored index answers\n%v\nwant\n%v", got, want)
	}

	// Restoring over folders that are not empty needs --force.
	code, _, errOut = mustRun(t, append([]string{"restore", "reserve.tar.gz"}, restored...)...)
	if code != 1 || !strings.Contains(errOut, "is niet leeg; gebruik --force") {
		t.Errorf("restore over a full folder exit %d: %s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join("terug", "corpus", "weg.txt"), []byte("Verslag dat weg moet\n\nTekst."), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = mustRun(t, append([]string{"restore", "--force", "reserve.tar.gz"}, restored...)...)
	if code != 0 {
		t.Fatalf("restore --force exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join("terug", "corpus", "weg.txt")); err == nil {
		t.Error("restore --force kept a file that is not in the backup")
	}
	if got := searchAnswers(t, restored...); !reflect.DeepEqual(got, want) {
		t.Errorf("index restored with --force answers differently")
	}
}

// TestBackupWhileServing backs up an index that a running server holds: the command
// asks the server (with the ingest token), and the archive restores to the same answers.
func TestBackupWhileServing(t *testing.T) {
	t.Chdir(t.TempDir())
	backupCorpus(t)
	want := searchAnswers(t)

	c, err := (&commonFlags{}).load()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(indexOptions(c))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const token = "geheim-token"
	ts := httptest.NewServer(server.New(server.Options{Searcher: ix, Library: ix, IngestToken: token}).Handler())
	defer ts.Close()
	addr := ts.Listener.Addr().(*net.TCPAddr).String()
	t.Setenv("KENNISBANK_SERVER_ADDR", addr)

	// Without the token the command says what to do.
	code, _, errOut := mustRun(t, "backup", "live.tar.gz")
	if code != 1 || !strings.Contains(errOut, "server.ingest_token") {
		t.Errorf("backup of a held index without a token: exit %d: %s", code, errOut)
	}
	t.Setenv("KENNISBANK_SERVER_INGEST_TOKEN", token)
	// Searches run on the server while the archive is written.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			_, _ = ix.Search(context.Background(), search.Request{Query: "jeugdzorg"})
		}
	}()
	code, out, errOut := mustRun(t, "backup", "live.tar.gz")
	<-done
	if code != 0 {
		t.Fatalf("backup through the server exit %d: %s %s", code, out, errOut)
	}
	restored := []string{"--corpus", filepath.Join("terug", "corpus"), "--index", filepath.Join("terug", "index")}
	if code, out, errOut := mustRun(t, append([]string{"restore", "live.tar.gz"}, restored...)...); code != 0 {
		t.Fatalf("restore exit %d: %s %s", code, out, errOut)
	}
	if got := searchAnswers(t, restored...); !reflect.DeepEqual(got, want) {
		t.Errorf("index restored from a live backup answers\n%v\nwant\n%v", got, want)
	}
	// An export asks the server too.
	code, _, errOut = mustRun(t, "export", "--format", "csv", "live.csv")
	data, err := os.ReadFile("live.csv")
	if code != 0 || err != nil || csvRows(t, data) == 0 {
		t.Errorf("export through the server exit %d: %s %v", code, errOut, err)
	}
	// Restoring over the index the server holds is refused, even with --force.
	code, _, errOut = mustRun(t, "restore", "--force", "live.tar.gz")
	if code != 1 || !strings.Contains(errOut, "draaiende server") {
		t.Errorf("restore over a served index exit %d: %s", code, errOut)
	}
}
