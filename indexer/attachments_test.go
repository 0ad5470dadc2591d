package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"kennisbank/indexer/search"
)

// TestMailWithAttachment indexes an e-mail with a .docx attachment: the mail and the
// attachment become two linked reports, which go when the mail goes.
func TestMailWithAttachment(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("extract", "testdata", "mail", "verslag-met-bijlage.eml"))
	if err != nil {
		t.Fatal(err)
	}
	mail := filepath.Join(dir, "verslag-met-bijlage.eml")
	if err := os.WriteFile(mail, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ix := mustOpen(t, dir)
	mustSync(t, ix)

	const mailID, attID = "verslag-met-bijlage", "verslag-met-bijlage--verslag-klankbordgroep"
	rec, err := ix.Report(mailID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Format != "eml" || rec.Title != "Verslag overleg Armoede en Schulden – februari" ||
		rec.Date != "2021-02-08" || rec.PublicationDate != "2021-02-10" || !slices.Equal(rec.Attachments, []string{attID}) {
		t.Errorf("mail record: format %q title %q date %q publication %q attachments %q", rec.Format, rec.Title, rec.Date, rec.PublicationDate, rec.Attachments)
	}
	att, err := ix.Report(attID)
	if err != nil {
		t.Fatal(err)
	}
	if att.AttachedTo != mailID || att.Format != "docx" || att.SourceFile != "verslag-met-bijlage.eml" || att.Date != "2021-05-26" {
		t.Errorf("attachment record: attached to %q format %q source %q date %q", att.AttachedTo, att.Format, att.SourceFile, att.Date)
	}
	res, err := ix.Search(context.Background(), search.Request{Query: "overbruggingsaanbod"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ReportID != attID {
		t.Errorf("search in the attachment: %+v, want %s", res.Hits, attID)
	}
	all, err := ix.Reports()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Errorf("%d reports listed, want the mail and its attachment", len(all))
	}

	if err := os.Remove(mail); err != nil {
		t.Fatal(err)
	}
	mustSync(t, ix)
	if _, err := ix.Report(attID); !errors.Is(err, ErrNotFound) {
		t.Errorf("attachment after the mail went: %v, want ErrNotFound", err)
	}
	res, err = ix.Search(context.Background(), search.Request{Query: "overbruggingsaanbod"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("search after the mail went found %d passages", res.Total)
	}
}
