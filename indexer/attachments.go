package indexer

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/document"

	"kennisbank/indexer/extract"
	"kennisbank/indexer/meeting"
)

// attachedEntry is a report made from an attachment of a corpus file (an e-mail): it
// lives and goes with the file.
type attachedEntry struct {
	ReportID string `json:"report_id"`
	Passages int    `json:"passages"`
}

// attachedResult is an attachment read into a report of its own.
type attachedResult struct {
	id     string
	docs   []*document.Document
	record ReportRecord
}

// AttachmentID is the report id of the attachment name of the report mailID:
// "<mail id>--<slug of the attachment's name>".
func AttachmentID(mailID, name string) string {
	base := Slug(strings.TrimSuffix(name, filepath.Ext(name)))
	if base == "" {
		base = "bijlage"
	}
	return mailID + "--" + base
}

// parseAttachments turns the attachments of doc that were read into reports of their
// own, linked to the report of the file (AttachedTo) and the other way round
// (Attachments on rec). Their source file is the mail.
func (ix *Index) parseAttachments(j *job, doc extract.Document, ro readOptions, rec *ReportRecord) []attachedResult {
	var out []attachedResult
	seen := map[string]bool{}
	for _, a := range doc.Attachments {
		if a.Doc == nil || strings.TrimSpace(a.Doc.Text) == "" {
			continue
		}
		id := AttachmentID(j.id, a.Name)
		for n := 2; seen[id]; n++ {
			id = AttachmentID(j.id, a.Name) + "-" + strconv.Itoa(n)
		}
		seen[id] = true
		rep := meeting.Parse(meeting.Input{
			Name:      a.Name,
			Format:    a.Doc.Format,
			Text:      a.Doc.Text,
			Overrides: overridesFrom(a.Doc.Meta),
		}, ro.meeting)
		if len(rep.Passages) == 0 {
			continue
		}
		r := newRecord(id, j.file.rel, *a.Doc, rep)
		r.AttachedTo = j.id
		r.Warnings = append(r.Warnings, "bijlage "+strconv.Quote(a.Name)+" van "+strconv.Quote(filepath.Base(j.file.rel)))
		m := ix.bleve.Mapping()
		if m == nil {
			return nil
		}
		res := attachedResult{id: id, record: r}
		for i, d := range passageDocs(r, rep) {
			res.docs = append(res.docs, passageDocument(m, PassageID(id, i+1), d))
		}
		rec.Attachments = append(rec.Attachments, id)
		out = append(out, res)
	}
	return out
}

// deleteAttached deletes the reports made from a file's attachments.
func (w *writer) deleteAttached(attached []attachedEntry) error {
	for _, a := range attached {
		if err := w.deleteReport(a.ReportID, a.Passages); err != nil {
			return err
		}
	}
	return nil
}

// addAttached adds the reports made from a file's attachments, first clearing what an
// interrupted sync may have left of them when clear is set, and returns their manifest
// entries.
func (w *writer) addAttached(ctx context.Context, attached []attachedResult, clear bool) ([]attachedEntry, error) {
	var out []attachedEntry
	for _, a := range attached {
		if clear {
			if err := w.deleteByReportID(ctx, a.id); err != nil {
				return nil, err
			}
		}
		if err := w.addReport(a.id, readResult{docs: a.docs, record: a.record}); err != nil {
			return nil, err
		}
		out = append(out, attachedEntry{ReportID: a.id, Passages: len(a.docs)})
	}
	return out, nil
}

// equal reports whether e and o are the same entry. It names every field of
// manifestEntry: keep it in step.
func (e manifestEntry) equal(o manifestEntry) bool {
	return e.Hash == o.Hash && e.ContentHash == o.ContentHash && e.Stamp == o.Stamp &&
		e.ReportID == o.ReportID && e.Passages == o.Passages && e.Skip == o.Skip &&
		e.Garbled == o.Garbled && slices.Equal(e.Attached, o.Attached)
}
