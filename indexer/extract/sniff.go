package extract

import (
	"bytes"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/unicode"
)

// SniffBytes is how many of a file's first bytes SniffFormat wants to see.
const SniffBytes = 4096

// SniffFormat decides a report's extension from its first bytes (up to SniffBytes):
// ".pdf", ".html", ".md", ".txt", ".docx", ".odt" or ".eml", or "" for anything else
// (images, spreadsheets, archives, binary data). The name only tells Markdown from plain
// text, lets a damaged PDF without its header through to the PDF reader, and tells a
// Word or OpenDocument file from other zip archives when its first bytes do not.
func SniffFormat(head []byte, name string) string {
	if ext := sniffPackageOrMail(head, name); ext != "" {
		return ext
	}
	head = fromUTF16(head)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 512)])
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return ".pdf"
	case strings.EqualFold(filepath.Ext(name), ".pdf") && pdfLike(head):
		return ".pdf" // a damaged PDF without its header: the PDF reader judges it
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<head")) || bytes.HasPrefix(lower, []byte("<body")):
		return ".html"
	case !looksLikeText(head):
		return ""
	case strings.EqualFold(filepath.Ext(name), ".md") || strings.EqualFold(filepath.Ext(name), ".markdown"):
		return ".md"
	}
	return ".txt"
}

// pdfLike reports whether b holds the structure of a PDF file (objects, a cross-
// reference table).
func pdfLike(b []byte) bool {
	return bytes.Contains(b, []byte("startxref")) || bytes.Contains(b, []byte("xref")) ||
		bytes.Contains(b, []byte(" obj")) && (bytes.Contains(b, []byte("<<")) || bytes.Contains(b, []byte("stream")))
}

// looksLikeText reports whether b reads as text: no control bytes but tab, line and
// page breaks. UTF-8, Windows-1252 and Latin-1 all pass (the extractor converts the
// latter two); images, archives, office files and other binary data do not.
func looksLikeText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == 0x7f {
			return false
		}
	}
	return true
}

// fromUTF16 returns head decoded to UTF-8 when it opens with a UTF-16 byte order mark
// (as Windows Notepad saves "Unicode" text), and head itself otherwise: the NUL bytes
// of UTF-16 would make it look binary.
func fromUTF16(head []byte) []byte {
	if !bytes.HasPrefix(head, []byte("\xff\xfe")) && !bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return head
	}
	even := head[:len(head)&^1] // a character cut in two at the end of the sniffed bytes
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(even)
	if err != nil {
		return head
	}
	return out
}
