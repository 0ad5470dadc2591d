package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestNoSniffEverywhere checks X-Content-Type-Options on JSON, errors, Atom and pages.
func TestNoSniffEverywhere(t *testing.T) {
	ts := mustServer(t, Options{})
	for _, path := range []string{"/api/v1/search?q=jeugdzorg", "/api/v1/status", "/api/v1/reports/bestaat-niet",
		"/api/v1/search?onbekend=1", "/feed.atom?q=jeugdzorg", "/", "/healthz"} {
		resp, _ := mustGet(t, ts, path)
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", path, got)
		}
	}
}

// utf16LE encodes s as UTF-16 little endian with a byte order mark, as Notepad saves
// "Unicode" text.
func utf16LE(s string) []byte {
	out := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// TestUploadUTF16 checks that a UTF-16 text with a byte order mark is read, not
// refused as an unsupported type.
func TestUploadUTF16(t *testing.T) {
	ts, _ := ingestServer(t, Options{})
	text := "Verslag van de wijkraad Zuidoost\n\nDe wijkraad bespreekt de herinrichting van het Stationsplein en de fietsenstalling.\n"
	resp, body := upload(t, ts, testToken, "notulen-unicode.txt", utf16LE(text))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d %s, want 201", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), "Stationsplein") {
		t.Errorf("the report does not hold the text: %.300s", body)
	}
}

// TestUploadBadFileName sends file names that break the multipart header: the answer
// is about the name, not about a missing field.
func TestUploadBadFileName(t *testing.T) {
	ts, _ := ingestServer(t, Options{})
	for _, name := range []string{`a"b.txt`, "a\r\nb.txt", "a\nb.txt", "a\rb.txt"} {
		body := "--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n" +
			"Content-Type: text/plain\r\n\r\nDe wijkraad vergaderde.\r\n--X--\r\n"
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/reports", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "multipart/form-data; boundary=X")
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, data := do(t, ts, req)
		var e apiError
		if resp.StatusCode != http.StatusBadRequest || json.Unmarshal(data, &e) != nil ||
			e.Error.Field != "file" || !strings.Contains(e.Error.Message, "bestandsnaam") {
			t.Errorf("name %q: status %d %s, want 400 about the file name", name, resp.StatusCode, data)
		}
	}
}
