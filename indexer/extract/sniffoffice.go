package extract

import (
	"bytes"
	"path/filepath"
	"strings"
)

// sniffPackageOrMail recognises Word and OpenDocument packages and e-mail messages by
// their first bytes: ".docx", ".odt", ".eml" or "".
//
// An OpenDocument file starts with its stored "mimetype" entry; a Word file is a zip
// whose first entries name "[Content_Types].xml" or "word/", or a zip named .docx (the
// Word reader then judges it). A mail starts with header lines among which From, Date
// or Subject, and is named .eml or carries a Received, Message-ID or MIME-Version
// header.
func sniffPackageOrMail(head []byte, name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		switch {
		case bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument.text")):
			return ".odt"
		case bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")):
			return "" // a spreadsheet or presentation
		case ext == ".docx" || ext == ".odt":
			return ext
		case bytes.Contains(head, []byte("word/")) || bytes.Contains(head, []byte("[Content_Types].xml")) && !bytes.Contains(head, []byte("xl/")) && !bytes.Contains(head, []byte("ppt/")):
			return ".docx"
		}
		return ""
	}
	if looksLikeText(head) && looksLikeMail(head) && mailHead(head, ext) {
		return ".eml"
	}
	return ""
}

// mailHead reports whether the header lines at the start of head make a mail message
// rather than a text that happens to start with "Datum:" or "Subject:".
func mailHead(head []byte, ext string) bool {
	if ext == ".eml" {
		return true
	}
	lower := bytes.ToLower(head)
	for _, h := range []string{"received:", "message-id:", "mime-version:", "return-path:"} {
		if bytes.HasPrefix(lower, []byte(h)) || bytes.Contains(lower, []byte("\n"+h)) {
			return true
		}
	}
	return false
}
