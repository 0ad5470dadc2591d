package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteTo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "verslagen")
	keep := filepath.Join(dir, "mvs-terugkoppelbijeenkomst.txt")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keep, []byte("eigen versie"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteTo(dir); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	got, err := os.ReadFile(keep)
	if err != nil || string(got) != "eigen versie" {
		t.Errorf("existing file = %q, %v; want it left alone", got, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "expertisecentrum-jeugdhulp-limburg.txt"))
	if err != nil {
		t.Fatalf("sample report not written: %v", err)
	}
	if len(data) < 1000 {
		t.Errorf("sample report has %d bytes, want the whole report", len(data))
	}
}
