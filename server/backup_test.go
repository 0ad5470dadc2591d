package server

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"testing"
)

// TestBackupAPI asks a real server for a backup: only with the ingest token, and then
// a tar.gz holding the corpus folder and the index generation that CURRENT names.
func TestBackupAPI(t *testing.T) {
	const token = "geheim"
	off := mustServer(t, Options{})
	ts := mustServer(t, Options{IngestToken: token})
	tests := []struct {
		tokenSet bool // ask the server with a token configured
		hdr      []string
		status   int
	}{
		{false, []string{"Authorization", "Bearer " + token}, http.StatusForbidden},
		{true, nil, http.StatusUnauthorized},
		{true, []string{"Authorization", "Bearer fout"}, http.StatusUnauthorized},
		{true, []string{"Authorization", "Bearer " + token}, http.StatusOK},
	}
	var archive []byte
	for _, tt := range tests {
		srv := off
		if tt.tokenSet {
			srv = ts
		}
		resp, body := mustGet(t, srv, "/api/v1/backup", tt.hdr...)
		if resp.StatusCode != tt.status {
			t.Errorf("GET /api/v1/backup %v = %d, want %d", tt.hdr, resp.StatusCode, tt.status)
		}
		if tt.status == http.StatusOK {
			archive = body
		}
	}
	gz, err := gzip.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatalf("the backup is no gzip: %v", err)
	}
	names := map[string]bool{}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names[hdr.Name] = true
	}
	for _, want := range []string{"corpus/", "corpus/themes.yaml", "corpus/mvs-terugkoppelbijeenkomst.txt", "index/CURRENT", "index/gen-1/records.db", "index/gen-1/store/root.bolt", "index/gen-1/index_meta.json"} {
		if !names[want] {
			t.Errorf("the backup lacks %s", want)
		}
	}
}
