package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// TestUploadOfficeAndMail uploads Word, OpenDocument and e-mail files under names that
// do not give their type away: the type comes from the bytes.
func TestUploadOfficeAndMail(t *testing.T) {
	ts, dir := ingestServer(t, Options{})
	testdata := filepath.Join("..", "indexer", "extract", "testdata")
	tests := []struct {
		name, src, file string
		want            string // stored file name
		format          string
	}{
		{"word", "office/libreoffice-verslag.docx", "klankbord", "klankbord.docx", "docx"},
		{"opendocument", "office/odf-verslag.odt", "dorpsraad.zip", "dorpsraad.odt", "odt"},
		{"e-mail", "mail/verslag-met-bijlage.eml", "bericht", "bericht.eml", "eml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content, err := os.ReadFile(filepath.Join(testdata, filepath.FromSlash(tt.src)))
			if err != nil {
				t.Fatal(err)
			}
			resp, body := upload(t, ts, testToken, tt.file, content)
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("status %d %s", resp.StatusCode, body)
			}
			var rep ReportResponse
			if err := json.Unmarshal(body, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.SourceFile != tt.want || rep.Format != tt.format {
				t.Errorf("stored as %s (%s), want %s (%s)", rep.SourceFile, rep.Format, tt.want, tt.format)
			}
			if _, err := os.Stat(filepath.Join(dir, tt.want)); err != nil {
				t.Error(err)
			}
		})
	}
}
