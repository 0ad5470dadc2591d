package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// ChildEnv is the environment variable that makes RunChildIfRequested run the PDF
// child side. The parent sets it to "pdf" when it starts the child.
const ChildEnv = "KENNISBANK_EXTRACT_CHILD"

// childMemEnv passes Options.PDFMemoryLimit to the child, in bytes.
const childMemEnv = "KENNISBANK_EXTRACT_MEMLIMIT"

// childCPUEnv passes the child's CPU-time budget (Options.PDFTimeout), in whole seconds.
const childCPUEnv = "KENNISBANK_EXTRACT_CPU"

// maxChildInput bounds what the child reads from stdin.
const maxChildInput = 1 << 30

// RunChildIfRequested runs the PDF extraction child and exits when the environment
// asks for it (ChildEnv=pdf); otherwise it returns at once. Call it first thing in
// main, and in TestMain of every test package that extracts PDFs, before flags are
// parsed or anything else is started.
func RunChildIfRequested() {
	if os.Getenv(ChildEnv) != "pdf" {
		return
	}
	limit, _ := strconv.ParseInt(os.Getenv(childMemEnv), 10, 64)
	if cpu, _ := strconv.ParseInt(os.Getenv(childCPUEnv), 10, 64); cpu > 0 {
		if err := limitCPU(cpu); err != nil {
			fmt.Fprintf(os.Stderr, "extract child: %v\n", err)
		}
	}
	os.Exit(RunPDFChild(os.Stdin, os.Stdout, limit))
}

// RunPDFChild is the child side of PDF extraction: it limits its own memory to memLimit
// bytes (when positive), reads one PDF from in and writes a JSON result to out. It
// returns the process exit code. The command can expose it as a hidden subcommand for
// debugging ("kennisbank extract-pdf < file.pdf"); it changes process-wide limits, so
// never call it inside a long-running process.
func RunPDFChild(in io.Reader, out io.Writer, memLimit int64) int {
	if memLimit > 0 {
		if err := limitMemory(memLimit); err != nil {
			fmt.Fprintf(os.Stderr, "extract child: %v\n", err)
		}
	}
	// A deep recursion on a cyclic object graph should fail fast, not eat the limit.
	debug.SetMaxStack(256 << 20)
	res := childExtract(in)
	if err := json.NewEncoder(out).Encode(res); err != nil {
		fmt.Fprintf(os.Stderr, "extract child: write result: %v\n", err)
		return 1
	}
	return 0
}

// Result kinds the child reports.
const (
	kindOK                    = "ok"
	kindNotPDF                = "not_pdf"
	kindEncrypted             = "encrypted"
	kindUnsupportedEncryption = "encryption_unsupported"
	kindDamaged               = "damaged"
	kindNoText                = "no_text"
	kindTooMuchText           = "too_much_text"
)

// childResult is the JSON the child writes.
type childResult struct {
	Kind      string `json:"kind"`
	Detail    string `json:"detail,omitempty"`
	Text      string `json:"text,omitempty"`
	Pages     int    `json:"pages"`
	BadPages  int    `json:"bad_pages,omitempty"`
	Repaired  string `json:"repaired,omitempty"` // what the child fixed in the file, for warnings
	Positions bool   `json:"positions,omitempty"`
}

// Limits on the page tree walk, against cyclic and absurd page trees.
const (
	maxPages      = 10000
	maxTreeDepth  = 64
	maxTreeVisits = 200000
	maxTextBytes  = 64 << 20
)

func childExtract(in io.Reader) (res childResult) {
	defer func() {
		if r := recover(); r != nil {
			res = childResult{Kind: kindDamaged, Detail: fmt.Sprintf("panic: %v", r)}
		}
	}()
	data, err := io.ReadAll(io.LimitReader(in, maxChildInput))
	if err != nil {
		return childResult{Kind: kindDamaged, Detail: "read input: " + err.Error()}
	}
	r, fixed, err := openPDF(data)
	if err != nil {
		return classifyOpenError(err)
	}
	res = readPages(r, int64(len(data)))
	res.Repaired = fixed
	return res
}

// openPDF opens data with the library, working around what it rejects but other
// readers accept: junk before "%PDF", a version header other than 1.0–1.7 (such as
// %PDF-2.0), and data after the last %%EOF. fixed says what was worked around.
func openPDF(data []byte) (r *pdf.Reader, fixed string, err error) {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	start := bytes.Index(head, []byte("%PDF-"))
	if start < 0 {
		return nil, "", errNotPDF
	}
	var notes []string
	attempts := [][]byte{data}
	if start > 0 {
		notes = append(notes, "tekst voor de PDF-kop overgeslagen")
		// Offsets in the file may count from the start of the file or from %PDF;
		// readers differ, so try both: cut the junk off, or overwrite it.
		attempts = [][]byte{data[start:]}
		if start >= 10 {
			over := bytes.Clone(data)
			copy(over, "%PDF-1.7\n%")
			for i := 10; i < start; i++ {
				if over[i] == '\n' || over[i] == '\r' {
					over[i] = ' '
				}
			}
			over[start-1] = '\n'
			attempts = append(attempts, over)
		}
	}
	for i, a := range attempts {
		a, note := fixHeader(a)
		if note != "" && i == 0 {
			notes = append(notes, note)
		}
		a = fixTrailer(a)
		r, err = pdf.NewReader(bytes.NewReader(a), int64(len(a)))
		if err == nil {
			return r, strings.Join(notes, "; "), nil
		}
	}
	return nil, "", err
}

var errNotPDF = errors.New("no %PDF header in the first 1024 bytes")

// fixHeader rewrites a header the library does not accept to "%PDF-1.7\n" when that
// keeps every byte offset.
func fixHeader(data []byte) ([]byte, string) {
	if len(data) < 9 {
		return data, ""
	}
	okVersion := data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7'
	okEnd := data[8] == '\r' || data[8] == '\n'
	if okVersion && okEnd {
		return data, ""
	}
	if data[5] < '1' || data[5] > '9' || data[6] != '.' || data[7] < '0' || data[7] > '9' {
		return data, ""
	}
	out := bytes.Clone(data)
	note := ""
	if !okVersion {
		copy(out[5:8], "1.7")
		note = fmt.Sprintf("PDF-versie %s gelezen als 1.7", data[5:8])
	}
	if !okEnd && (out[8] == ' ' || out[8] == '\t' || out[8] == '%') {
		out[8] = '\n'
	}
	return out, note
}

// fixTrailer drops data after the last %%EOF when the library would not see it within
// the last 100 bytes.
func fixTrailer(data []byte) []byte {
	tail := data
	if len(tail) > 100 {
		tail = tail[len(tail)-100:]
	}
	if bytes.Contains(tail, []byte("%%EOF")) {
		return data
	}
	if i := bytes.LastIndex(data, []byte("%%EOF")); i > 0 {
		return append(bytes.Clone(data[:i+5]), '\n')
	}
	return data
}

func classifyOpenError(err error) childResult {
	msg := err.Error()
	switch {
	case errors.Is(err, errNotPDF), strings.Contains(msg, "not a PDF file: invalid header"):
		return childResult{Kind: kindNotPDF, Detail: msg}
	case errors.Is(err, pdf.ErrInvalidPassword), strings.Contains(msg, "invalid password"):
		return childResult{Kind: kindEncrypted, Detail: msg}
	case strings.Contains(msg, "encrypt"), strings.Contains(msg, "256-bit"):
		return childResult{Kind: kindUnsupportedEncryption, Detail: msg}
	}
	return childResult{Kind: kindDamaged, Detail: msg}
}

// readPages reads the text of every page. It walks the page tree itself, with limits
// on depth, visits and page count (at most one page per 64 bytes of file), because the
// library follows cyclic trees forever and trusts absurd /Count values.
func readPages(r *pdf.Reader, size int64) childResult {
	limit := int(min(size/64+1, maxPages))
	pages := collectPages(r, limit)
	if len(pages) == 0 {
		return childResult{Kind: kindDamaged, Detail: "no pages found in the page tree"}
	}
	res := childResult{Kind: kindOK, Pages: len(pages)}
	texts := make([]string, len(pages))
	var firstErr error
	total := 0
	for i, p := range pages {
		t, err := pageText(p)
		if err != nil {
			res.BadPages++
			if firstErr == nil {
				firstErr = fmt.Errorf("page %d: %w", i+1, err)
			}
			continue
		}
		texts[i] = t
		total += len(t)
		if total > maxTextBytes {
			return childResult{Kind: kindTooMuchText, Pages: len(pages)}
		}
	}
	text := strings.Join(texts, "\f")
	if looksGlued(text) {
		// The library ignores text positioning, so PDFs that place words by position
		// come out glued together. Rebuild those pages from the positions.
		spaced := make([]string, len(pages))
		for i, p := range pages {
			if texts[i] == "" {
				continue
			}
			if t, err := safePositionedText(p, true); err == nil && t != "" {
				spaced[i] = t
			} else {
				spaced[i] = texts[i]
			}
		}
		if alt := strings.Join(spaced, "\f"); !looksGlued(alt) || meanWordLength(alt) < meanWordLength(text) {
			text = alt
			res.Positions = true
		}
	}
	if strings.TrimSpace(strings.Map(visibleOnly, text)) == "" {
		if res.BadPages == len(pages) && firstErr != nil {
			return childResult{Kind: kindDamaged, Detail: firstErr.Error(), Pages: len(pages), BadPages: res.BadPages}
		}
		return childResult{Kind: kindNoText, Pages: len(pages), BadPages: res.BadPages}
	}
	if firstErr != nil {
		res.Detail = firstErr.Error()
	}
	res.Text = text
	return res
}

// visibleOnly keeps the characters that make text readable: it drops white space,
// control characters and U+FFFD, so that a page of only junk counts as empty.
func visibleOnly(r rune) rune {
	if r <= ' ' || r == '\ufffd' || r == 0x7f {
		return -1
	}
	return r
}

// collectPages walks the page tree depth first.
func collectPages(r *pdf.Reader, limit int) []pdf.Page {
	var pages []pdf.Page
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if len(pages) >= limit || depth > maxTreeDepth || visits >= maxTreeVisits || v.Kind() != pdf.Dict {
			return
		}
		visits++
		kids := v.Key("Kids")
		typ := v.Key("Type").Name()
		if typ == "Pages" || (typ != "Page" && kids.Kind() == pdf.Array) {
			n := kids.Len()
			for i := 0; i < n && len(pages) < limit && visits < maxTreeVisits; i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		pages = append(pages, pdf.Page{V: v})
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages
}

// pageText returns the text of a page with line breaks where the text moves to a new
// line. When that fails it falls back to the library's own Page.GetPlainText.
func pageText(p pdf.Page) (string, error) {
	if t, err := safePositionedText(p, false); err == nil {
		return t, nil
	}
	return safePageText(p)
}

// safePageText returns the library's text for a page, turning panics into errors.
func safePageText(p pdf.Page) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("panic: %v", r)
		}
	}()
	return p.GetPlainText(nil)
}
