package indexer

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBadContainersNeverStopABatch indexes a folder of hostile Word, OpenDocument and
// e-mail files beside two good reports: the good ones are indexed, every bad one is
// skipped with a reason.
func TestBadContainersNeverStopABatch(t *testing.T) {
	dir := t.TempDir()
	testdata := filepath.Join("extract", "testdata")
	files := map[string]string{ // corpus name → test file
		"bom.docx":          "office/bom.docx",
		"veel-delen.docx":   "office/many-entries.docx",
		"entiteiten.docx":   "office/entities.docx",
		"programma.docx":    "office/program.docx",
		"programma.odt":     "office/program.docx",
		"geen-mail.eml":     "mail/geen-mail.eml",
		"goed.odt":          "office/libreoffice-verslag.odt",
		"veel-bijlagen.eml": "mail/veel-bijlagen.eml",
	}
	for name, src := range files {
		data, err := os.ReadFile(filepath.Join(testdata, filepath.FromSlash(src)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := mustOpen(t, dir)
	sum, events := mustSync(t, ix)
	skipped := map[string]string{}
	for _, e := range events {
		if e.Action == ActionSkipped {
			skipped[e.File] = e.Reason
		}
	}
	for _, name := range []string{"bom.docx", "veel-delen.docx", "entiteiten.docx", "programma.docx", "programma.odt", "geen-mail.eml"} {
		if skipped[name] == "" {
			t.Errorf("%s: not skipped with a reason (skips: %q)", name, skipped)
		}
	}
	// goed.odt and the mail of 500 attachments (of which the first 10 supported ones
	// are read; they count with the mail).
	if sum.Indexed != 2 || sum.Skipped != 6 {
		t.Errorf("summary %+v, want 2 indexed and 6 skipped", sum)
	}
	if _, err := ix.Report("goed"); err != nil {
		t.Error(err)
	}
}
