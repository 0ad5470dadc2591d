package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		env     map[string]string
		check   func(t *testing.T, c Config)
		wantErr string
	}{
		{
			name: "defaults without a file",
			check: func(t *testing.T, c Config) {
				if !reflect.DeepEqual(c, Default()) {
					t.Errorf("Load() = %+v, want defaults %+v", c, Default())
				}
			},
		},
		{
			name: "file values",
			file: "testdata/full.yaml",
			check: func(t *testing.T, c Config) {
				if c.Server.Addr != "0.0.0.0:9090" || c.Server.IngestToken != "geheim" || c.Corpus.Dir != "/srv/verslagen" {
					t.Errorf("Load() = %+v", c)
				}
				if want := []string{"https://www.jeugdhulp.example.nl", "https://intranet.example.nl"}; !reflect.DeepEqual(c.Server.CORSOrigins, want) {
					t.Errorf("cors_origins = %q, want %q", c.Server.CORSOrigins, want)
				}
				if c.Extract.PDFTimeout != 5*time.Second || c.Extract.MaxFileSize != 50<<20 {
					t.Errorf("extract = %+v, want pdf_timeout 5s and the default size", c.Extract)
				}
			},
		},
		{
			name: "environment overrides the file",
			file: "testdata/full.yaml",
			env: map[string]string{
				"KENNISBANK_SERVER_ADDR":         "127.0.0.1:7000",
				"KENNISBANK_SERVER_CORS_ORIGINS": "https://a.nl, https://b.nl",
				"KENNISBANK_INDEX_DIR":           "elders",
			},
			check: func(t *testing.T, c Config) {
				if c.Server.Addr != "127.0.0.1:7000" || c.Index.Dir != "elders" {
					t.Errorf("Load() = %+v", c)
				}
				if want := []string{"https://a.nl", "https://b.nl"}; !reflect.DeepEqual(c.Server.CORSOrigins, want) {
					t.Errorf("cors_origins = %q, want %q", c.Server.CORSOrigins, want)
				}
			},
		},
		{
			name: "environment without a file",
			env:  map[string]string{"KENNISBANK_SERVER_INGEST_TOKEN": "t0k3n", "KENNISBANK_EXTRACT_PDF_TIMEOUT": "3s"},
			check: func(t *testing.T, c Config) {
				if c.Server.IngestToken != "t0k3n" || c.Extract.PDFTimeout != 3*time.Second {
					t.Errorf("Load() = %+v", c)
				}
			},
		},
		{name: "missing explicit file", file: "testdata/absent.yaml", wantErr: "absent.yaml"},
		{name: "bad address", file: "testdata/bad-addr.yaml", wantErr: "server.addr"},
		{name: "bad origin", file: "testdata/bad-origin.yaml", wantErr: "server.cors_origins"},
		{name: "broken yaml", file: "testdata/broken.yaml", wantErr: "broken.yaml"},
		{name: "bad duration in environment", env: map[string]string{"KENNISBANK_SERVER_SEARCH_TIMEOUT": "-1s"}, wantErr: "server.search_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Run in an empty folder so a kennisbank.yaml of the developer is not read.
			file := tt.file
			if file != "" {
				abs, err := filepath.Abs(file)
				if err != nil {
					t.Fatal(err)
				}
				file = abs
			}
			t.Chdir(t.TempDir())
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := Load(file)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load(%q) error = %v, want one mentioning %q", tt.file, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load(%q): %v", tt.file, err)
			}
			tt.check(t, c)
		})
	}
}

func TestLoadFindsFileInWorkingDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("corpus:\n  dir: verslagen\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Corpus.Dir != "verslagen" {
		t.Errorf("corpus.dir = %q, want verslagen", c.Corpus.Dir)
	}
}
