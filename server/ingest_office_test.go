package server

import (
	"encoding/json"
	"io"
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

	// The mail's .docx attachment is a report of its own, linked both ways.
	resp, body := do(t, ts, mustRequest(t, http.MethodGet, ts.URL+"/api/v1/reports/bericht", nil))
	var mail ReportResponse
	if err := json.Unmarshal(body, &mail); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("mail: %d %s", resp.StatusCode, body)
	}
	if mail.PublicationDate != "2021-02-10" || len(mail.Attachments) != 1 {
		t.Fatalf("mail: publication date %q, attachments %q", mail.PublicationDate, mail.Attachments)
	}
	resp, body = do(t, ts, mustRequest(t, http.MethodGet, ts.URL+"/api/v1/reports/"+mail.Attachments[0], nil))
	var att ReportResponse
	if err := json.Unmarshal(body, &att); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("attachment: %d %s", resp.StatusCode, body)
	}
	if att.AttachedTo != "bericht" || att.Format != "docx" || att.SourceFile != "bericht.eml" {
		t.Errorf("attachment: attached to %q, format %q, source %q", att.AttachedTo, att.Format, att.SourceFile)
	}
	if p := att.Properties; p == nil || p.Author != "Noor Jansen" || p.Modified != "2021-06-04" {
		t.Errorf("attachment properties %+v, want the Word file's author and dates", p)
	}
	if p := mail.Properties; p == nil || p.Sent != "2021-02-10" || p.Author != "Fatima Benali" {
		t.Errorf("mail properties %+v, want the sender and the Date header", p)
	}
}

func mustRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
