package extract

import "testing"

func TestSniffFormat(t *testing.T) {
	tests := []struct {
		name, file string
		head       string
		want       string
	}{
		{"pdf", "x.bin", "%PDF-1.7\n%âãÏÓ", ".pdf"},
		{"pdf without header", "verslag.pdf", "1 0 obj\n<< /Type /Catalog >>\nxref", ".pdf"},
		{"pdf structure under another name", "verslag.txt", "1 0 obj\n<< /Type >>\x00", ""},
		{"html", "verslag.txt", "\ufeff  <!DOCTYPE html><html><body>x</body></html>", ".html"},
		{"xhtml", "x", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, ".html"},
		{"markdown by name", "Notulen.md", "# Notulen\n\nTekst.", ".md"},
		{"text", "notulen", "Notulen van de vergadering\r\n", ".txt"},
		{"latin-1 text", "notulen.txt", "Caf\xe9 overleg", ".txt"},
		{"png", "foto.txt", "\x89PNG\r\n\x1a\n", ""},
		{"zip named .xlsx", "begroting.xlsx", "PK\x03\x04\x14\x00", ""},
		{"zip named .docx", "verslag.docx", "PK\x03\x04\x14\x00", ".docx"},
		{"word package", "upload", "PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", ".docx"},
		{"word package", "upload", "PK\x03\x04\x14\x00\x06\x00word/document.xml", ".docx"},
		{"spreadsheet package", "upload", "PK\x03\x04\x14\x00\x06\x00[Content_Types].xmlxl/workbook.xml", ""},
		{"odt", "upload.zip", "PK\x03\x04\x14\x00\x00\x08mimetypeapplication/vnd.oasis.opendocument.text", ".odt"},
		{"ods", "upload.odt", "PK\x03\x04\x14\x00\x00\x08mimetypeapplication/vnd.oasis.opendocument.spreadsheet", ""},
		{"mail", "upload", "Received: from x\r\nFrom: a@b.nl\r\nSubject: Verslag\r\n\r\nTekst", ".eml"},
		{"mail by name", "verslag.eml", "From: a@b.nl\nSubject: Verslag\n\nTekst", ".eml"},
		{"text with a subject line", "notulen.txt", "Subject: begroting\n\nNotulen", ".txt"},
		{"empty", "leeg.txt", "", ""},
		{"utf-16le with bom", "notulen.txt", "\xff\xfeN\x00o\x00t\x00u\x00l\x00e\x00n\x00\r\x00\n\x00", ".txt"},
		{"utf-16be with bom, cut mid-character", "notulen.txt", "\xfe\xff\x00N\x00o\x00t", ".txt"},
		{"utf-16 html", "verslag", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", ".html"},
	}
	for _, tt := range tests {
		if got := SniffFormat([]byte(tt.head), tt.file); got != tt.want {
			t.Errorf("%s: SniffFormat = %q, want %q", tt.name, got, tt.want)
		}
	}
}
