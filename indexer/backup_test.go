package indexer

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kennisbank/corpus"
)

// archiveEntry is one entry of a hand-made archive.
type archiveEntry struct {
	name     string
	typeflag byte
	body     string
	link     string
}

// makeArchive writes entries as a tar.gz archive.
func makeArchive(t *testing.T, entries []archiveEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Typeflag: e.typeflag, Mode: 0o644, Size: int64(len(e.body)), Linkname: e.link}
		if e.typeflag != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if hdr.Size > 0 {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBackupRestoreRefusesHostileArchives feeds Restore archives that name paths
// outside its folders, links, or no index: each is refused, nothing is written outside
// the targets, and the targets are left as they were.
func TestBackupRestoreRefusesHostileArchives(t *testing.T) {
	good := []archiveEntry{
		{name: "corpus/", typeflag: tar.TypeDir},
		{name: "corpus/verslag.txt", typeflag: tar.TypeReg, body: "Verslag\n\nTekst."},
		{name: "index/CURRENT", typeflag: tar.TypeReg, body: "gen-1\n"},
		{name: "index/gen-1/records.db", typeflag: tar.TypeReg, body: "x"},
	}
	tests := []struct {
		name  string
		entry archiveEntry
	}{
		{"parent", archiveEntry{name: "../x", typeflag: tar.TypeReg, body: "boe"}},
		{"parent inside", archiveEntry{name: "corpus/../../x", typeflag: tar.TypeReg, body: "boe"}},
		{"parent deep", archiveEntry{name: "corpus/a/../../../x", typeflag: tar.TypeReg, body: "boe"}},
		{"absolute", archiveEntry{name: "/tmp/x", typeflag: tar.TypeReg, body: "boe"}},
		{"backslash", archiveEntry{name: `corpus\..\..\x`, typeflag: tar.TypeReg, body: "boe"}},
		{"outside the roots", archiveEntry{name: "elders/x", typeflag: tar.TypeReg, body: "boe"}},
		{"symbolic link", archiveEntry{name: "corpus/link", typeflag: tar.TypeSymlink, link: "/etc/passwd"}},
		{"hard link", archiveEntry{name: "corpus/hard", typeflag: tar.TypeLink, link: "../../x"}},
		{"device", archiveEntry{name: "corpus/dev", typeflag: tar.TypeChar}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			opts := RestoreOptions{CorpusDir: filepath.Join(base, "data", "corpus"), IndexDir: filepath.Join(base, "data", "index")}
			archive := makeArchive(t, append(append([]archiveEntry(nil), good[:2]...), append([]archiveEntry{tt.entry}, good[2:]...)...))
			err := Restore(context.Background(), bytes.NewReader(archive), opts)
			var bad *BadArchiveError
			if !errors.As(err, &bad) {
				t.Fatalf("Restore = %v, want a BadArchiveError", err)
			}
			assertUntouched(t, base)
		})
	}

	t.Run("not an archive", func(t *testing.T) {
		base := t.TempDir()
		err := Restore(context.Background(), strings.NewReader("dit is geen archief"),
			RestoreOptions{CorpusDir: filepath.Join(base, "data", "corpus"), IndexDir: filepath.Join(base, "data", "index")})
		var bad *BadArchiveError
		if !errors.As(err, &bad) {
			t.Fatalf("Restore = %v, want a BadArchiveError", err)
		}
		assertUntouched(t, base)
	})
	t.Run("no index", func(t *testing.T) {
		base := t.TempDir()
		err := Restore(context.Background(), bytes.NewReader(makeArchive(t, good[:2])),
			RestoreOptions{CorpusDir: filepath.Join(base, "data", "corpus"), IndexDir: filepath.Join(base, "data", "index")})
		var bad *BadArchiveError
		if !errors.As(err, &bad) {
			t.Fatalf("Restore = %v, want a BadArchiveError", err)
		}
		assertUntouched(t, base)
	})
	t.Run("not empty", func(t *testing.T) {
		base := t.TempDir()
		corpusDir := filepath.Join(base, "data", "corpus")
		if err := os.MkdirAll(corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(corpusDir, "eigen.txt"), []byte("eigen"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := Restore(context.Background(), bytes.NewReader(makeArchive(t, good)),
			RestoreOptions{CorpusDir: corpusDir, IndexDir: filepath.Join(base, "data", "index")})
		var notEmpty *NotEmptyError
		if !errors.As(err, &notEmpty) || notEmpty.Dir != corpusDir {
			t.Fatalf("Restore = %v, want a NotEmptyError for %s", err, corpusDir)
		}
		if data, err := os.ReadFile(filepath.Join(corpusDir, "eigen.txt")); err != nil || string(data) != "eigen" {
			t.Errorf("the refused restore changed the corpus folder: %q %v", data, err)
		}
	})
}

// assertUntouched checks that base holds nothing but what it held before a refused
// restore: no target folders, no staging folders, no file x anywhere.
func assertUntouched(t *testing.T, base string) {
	t.Helper()
	_ = filepath.WalkDir(filepath.Dir(base), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "x" {
			t.Errorf("the archive wrote %s", p)
		}
		return nil
	})
	entries, _ := os.ReadDir(filepath.Join(base, "data"))
	for _, e := range entries {
		t.Errorf("a refused restore left %s in the target's folder", e.Name())
	}
}

// TestBackupIndexInsideCorpus backs up an index that lies inside its corpus folder:
// the archive holds the index once, under index/, and not again under corpus/.
func TestBackupIndexInsideCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := corpus.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(Options{Dir: filepath.Join(dir, "_index"), CorpusDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ix.Backup(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var sawIndex bool
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(hdr.Name, "corpus/_index") {
			t.Errorf("the archive holds %s", hdr.Name)
		}
		sawIndex = sawIndex || hdr.Name == "index/CURRENT"
	}
	if !sawIndex {
		t.Error("the archive holds no index/CURRENT")
	}
}
