package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"kennisbank/server"
)

// TestUnitStopTimeout checks that the systemd unit waits for a stopping server longer
// than the server may take: server.ShutdownTimeout for running requests, then
// closeTimeout for the index. A shorter TimeoutStopSec would kill it half-way.
func TestUnitStopTimeout(t *testing.T) {
	data, err := os.ReadFile("../../deploy/kennisbank.service")
	if err != nil {
		t.Fatal(err)
	}
	var stop string
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "TimeoutStopSec="); ok {
			stop = v
		}
	}
	d, err := time.ParseDuration(stop)
	if err != nil {
		t.Fatalf("TimeoutStopSec=%q: want a duration such as 30s: %v", stop, err)
	}
	if need := server.ShutdownTimeout + closeTimeout; d <= need {
		t.Errorf("TimeoutStopSec=%s, want more than %s (server shutdown %s + closing the index %s)",
			stop, need, server.ShutdownTimeout, closeTimeout)
	}
}

// TestStartRefusesBadSettings checks that every command stops before it opens anything
// when a setting is wrong, naming each wrong one with its key and environment variable.
func TestStartRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{
			name: "serve with a bad --addr",
			args: []string{"serve", "--addr", "nope"},
			want: []string{`server.addr (KENNISBANK_SERVER_ADDR): ongeldig adres "nope"`},
		},
		{
			name: "index with two bad variables",
			args: []string{"index"},
			env:  map[string]string{"KENNISBANK_SERVER_BASE_URL": "kennisbank.example.nl", "KENNISBANK_EXTRACT_PDF_TIMEOUT": "20"},
			want: []string{
				"ongeldige configuratie (2 problemen)",
				"server.base_url (KENNISBANK_SERVER_BASE_URL): ongeldige URL",
				"extract.pdf_timeout (KENNISBANK_EXTRACT_PDF_TIMEOUT): duur \"20\" zonder eenheid",
			},
		},
		{
			name: "index inside the corpus by flags",
			args: []string{"index", "--corpus", "verslagen", "--index", "verslagen/index"},
			want: []string{"index.dir (KENNISBANK_INDEX_DIR):", "ligt in corpus.dir"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), tt.args, &stdout, &stderr); code != 1 {
				t.Errorf("exit code %d, want 1; stderr:\n%s", code, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr.String())
				}
			}
			// Nothing was made: no corpus written, no index opened.
			if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
				t.Errorf("the folder holds %v (%v), want nothing", entries, err)
			}
		})
	}
}
