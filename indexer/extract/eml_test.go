package extract

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEML(t *testing.T) {
	doc, err := File(context.Background(), filepath.Join("testdata", "mail", "verslag-met-bijlage.eml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "eml" {
		t.Errorf("format %q", doc.Format)
	}
	if want := "Verslag overleg Armoede en Schulden – februari"; doc.Meta.Title != want {
		t.Errorf("title %q, want %q (the subject without RE:)", doc.Meta.Title, want)
	}
	if doc.Meta.Date != "" {
		t.Errorf("meta date %q: the Date header is no meeting date", doc.Meta.Date)
	}
	if doc.Properties.Sent != "2021-02-10" || doc.Properties.PublicationDate() != "2021-02-10" || doc.Properties.Author != "Fatima Benali" {
		t.Errorf("properties %+v", doc.Properties)
	}
	for _, s := range []string{"## Voedselbank", "maandag 8 februari 2021", "Henk Vos vertelt dat het aantal aanmeldingen"} {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("text lacks %q:\n%s", s, doc.Text)
		}
	}
	for _, s := range []string{"Kun je het verslag", "schreef", "Team Sociaal Domein"} {
		if strings.Contains(doc.Text, s) {
			t.Errorf("text holds %q (quoted reply or signature):\n%s", s, doc.Text)
		}
	}
	if len(doc.Attachments) != 2 {
		t.Fatalf("attachments %+v, want 2", doc.Attachments)
	}
	a := doc.Attachments[0]
	if a.Name != "Verslag klankbordgroep.docx" || a.Doc == nil || a.Doc.Format != "docx" ||
		!strings.Contains(a.Doc.Text, "## Wachttijden jeugd-ggz") {
		t.Errorf("first attachment %+v, want the .docx read", a)
	}
	if b := doc.Attachments[1]; b.Doc != nil || !strings.Contains(b.Reason, "niet ondersteund") {
		t.Errorf("second attachment %+v, want a reason", b)
	}
	if !strings.Contains(strings.Join(doc.Warnings, "\n"), `bijlage "begroting.xlsx" niet opgenomen`) {
		t.Errorf("warnings %q lack the .xlsx", doc.Warnings)
	}
}

func TestEMLBadInput(t *testing.T) {
	tests := []struct {
		file        string
		reason      string // the Dutch reason of a skip, when the mail is refused
		attachments int    // otherwise: attachments listed
		read        int    // of which read as documents
	}{
		{file: "geen-mail.eml", reason: "geen e-mailbericht"},
		{file: "kapot.eml", attachments: 1, read: 0},
		{file: "veel-bijlagen.eml", attachments: 500, read: maxMailAttachments},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			start := time.Now()
			doc, err := File(context.Background(), filepath.Join("testdata", "mail", tt.file), Options{})
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if tt.reason != "" {
				var se *SkipError
				if !errors.As(err, &se) || !strings.Contains(se.Reason, tt.reason) {
					t.Fatalf("err = %v, want a skip with %q", err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			read := 0
			for _, a := range doc.Attachments {
				if a.Doc != nil {
					read++
				} else if a.Reason == "" {
					t.Errorf("attachment %q has neither text nor a reason", a.Name)
				}
			}
			if len(doc.Attachments) != tt.attachments || read != tt.read {
				t.Errorf("%d attachments, %d read; want %d, %d", len(doc.Attachments), read, tt.attachments, tt.read)
			}
			if len(doc.Warnings) > maxListedAttachments+2 {
				t.Errorf("%d warnings: the list of attachments not read must stay short", len(doc.Warnings))
			}
		})
	}
}

func TestCutReply(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Verslag.\n\nOp di 3 mrt. 2020 om 10:00 schreef Jan <j@x.nl>:\n> oud", "Verslag.\n\n"},
		{"Verslag.\n-----Oorspronkelijk bericht-----\nVan: Jan", "Verslag.\n"},
		{"Verslag.\n\nVan: Jan de Boer\nVerzonden: maandag 2 maart 2020\nAan: wij", "Verslag.\n\n"},
		{"Verslag.\n-- \nJan\nGemeente", "Verslag."},
		{"Een\n> geciteerd\nTwee", "Een\nTwee"},
	}
	for _, tt := range tests {
		if got := cutReply(tt.in); got != tt.want {
			t.Errorf("cutReply(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
