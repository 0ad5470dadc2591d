// Package extract turns a report file into clean text: one function per format
// (.txt, .md, .html, .pdf, .docx, .odt, .eml), text repair, and the isolation of PDF parsing in a child
// process.
//
// # Output shape
//
// Document.Text is always valid UTF-8 in Unicode NFKC form, with these properties:
//
//   - Lines end in "\n" (never "\r"); there are no leading or trailing blank lines and no
//     spaces at the start or end of a line; runs of spaces are one space; tabs are kept.
//   - Blocks (paragraphs, list items of different lists, headings, table rows of HTML,
//     PDF pages) are separated by exactly one blank line.
//   - Single newlines inside a block are kept as "\n": a consumer that wants running text
//     joins them with a space, a consumer that looks for "Naam: …" transcript lines or
//     list items reads them line by line.
//   - Headings that the source marks as headings (Markdown "#" and setext headings, HTML
//     h1–h6) are blocks of one line starting with "# ", "## ", … "###### ".
//   - Markdown list items keep a "- " (or "1. ") marker, one item per line; HTML list
//     items become blocks of their own starting with "- ". In HTML, paragraphs, divs,
//     table rows and <br> all make block breaks.
//   - Text repair (see Repair) has been applied: no control characters, no U+FFFD, no
//     non-breaking spaces, words hyphenated across line ends joined, and paragraphs that
//     a web export broke in the middle of a sentence joined again.
//
// Meta holds metadata from YAML front matter (.md) and from a sidecar file; the sidecar
// wins field by field. Dates are normalised to YYYY-MM-DD.
//
// # PDF isolation
//
// PDF text is read by github.com/ledongthuc/pdf in a child process of the running
// executable, because some files make that library panic, loop forever or allocate
// unbounded memory. The program's main function (and TestMain of every test package that
// extracts PDFs) must call RunChildIfRequested first. Every failure of the child ends as
// a *SkipError with a Dutch reason; the calling process is never at risk.
package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Document is the text of one report file and what the file itself says about it.
type Document struct {
	// Format is "txt", "md", "html", "pdf", "docx", "odt" or "eml".
	Format string
	// Text is the cleaned text: blocks separated by blank lines, headings that the
	// source marks as headings on their own line starting with "# ", "## ", ….
	// The package documentation describes the shape in full.
	Text string
	// Meta holds metadata from front matter and a sidecar file.
	Meta Meta
	// Warnings are notes for the operator (Dutch), such as a repaired encoding.
	Warnings []string
	// Properties are the document properties of an office file or the headers of an
	// e-mail: weaker than the text, never a meeting date.
	Properties Properties
	// Attachments are the files attached to an e-mail: read as documents of their
	// own when their type is supported, listed with a reason otherwise.
	Attachments []Attachment
	// OCR says that the text was recognised in the images of a scanned PDF.
	OCR bool
}

// Meta is metadata that a file states about itself, in front matter or a sidecar
// "<file>.yaml". Empty fields say nothing.
type Meta struct {
	Title         string   `yaml:"title"`
	Date          string   `yaml:"date"` // YYYY-MM-DD when it could be normalised
	Speakers      []string `yaml:"speakers"`
	Themes        []string `yaml:"themes"`
	Places        []string `yaml:"places"`
	Organisations []string `yaml:"organisations"`
	// Series names the series of meetings the report belongs to ("werkgroep Inkoop").
	Series string `yaml:"series"`
	// Decisions and Actions, when set, are the report's decisions and action items as
	// corrected by hand; they replace what the text gives (an empty list: none).
	Decisions *[]string     `yaml:"decisions"`
	Actions   *[]ActionMeta `yaml:"actions"`
}

// ActionMeta is an action item as a correction states it.
type ActionMeta struct {
	Text   string `yaml:"text" json:"text"`
	Owner  string `yaml:"owner,omitempty" json:"owner,omitempty"`
	Due    string `yaml:"due,omitempty" json:"due,omitempty"`
	Status string `yaml:"status,omitempty" json:"status,omitempty"`
}

// IsZero reports whether m says nothing.
func (m Meta) IsZero() bool {
	return m.Title == "" && m.Date == "" && len(m.Speakers) == 0 && len(m.Themes) == 0 &&
		len(m.Places) == 0 && len(m.Organisations) == 0 && m.Series == "" && m.Decisions == nil && m.Actions == nil
}

// Merge returns m with every non-empty field of over written over it.
func (m Meta) Merge(over Meta) Meta {
	if over.Title != "" {
		m.Title = over.Title
	}
	if over.Date != "" {
		m.Date = over.Date
	}
	if len(over.Speakers) > 0 {
		m.Speakers = over.Speakers
	}
	if len(over.Themes) > 0 {
		m.Themes = over.Themes
	}
	if len(over.Places) > 0 {
		m.Places = over.Places
	}
	if len(over.Organisations) > 0 {
		m.Organisations = over.Organisations
	}
	if over.Series != "" {
		m.Series = over.Series
	}
	if over.Decisions != nil {
		m.Decisions = over.Decisions
	}
	if over.Actions != nil {
		m.Actions = over.Actions
	}
	return m
}

// Options tune extraction. The zero value gives sane defaults.
type Options struct {
	// MaxFileSize refuses larger files (default 50 MB).
	MaxFileSize int64
	// MaxTextBytes refuses a file of any format whose text is longer (default 16 MB):
	// the budget that bounds the time and memory reading one report takes.
	MaxTextBytes int
	// PDFTimeout bounds the CPU time of one PDF extraction (default 20 s), rounded up
	// to whole seconds: the kernel stops the child process there (RLIMIT_CPU), however
	// busy the machine. A child that waits without using CPU is stopped after
	// pdfWallFactor times as much wall time.
	PDFTimeout time.Duration
	// PDFMemoryLimit bounds the memory of the PDF child process (default 2 GiB): its
	// Go heap limit, and its address space (RLIMIT_AS) beyond what the Go runtime has
	// reserved at start-up.
	PDFMemoryLimit int64
	// OCR tunes the reading of scanned PDFs.
	OCR OCROptions
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 50 << 20
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = 16 << 20
	}
	if o.PDFTimeout <= 0 {
		o.PDFTimeout = 20 * time.Second
	}
	if o.PDFMemoryLimit <= 0 {
		o.PDFMemoryLimit = 2 << 30
	}
	return o
}

// ErrUnsupported is returned for a file whose extension is not a known format.
var ErrUnsupported = errors.New("unsupported file type")

// SkipError says why a file cannot be indexed, in Dutch for the people who add reports.
type SkipError struct {
	Reason string // Dutch, for users
	Err    error  // the underlying cause, for logs
}

func (e *SkipError) Error() string {
	if e.Err == nil {
		return e.Reason
	}
	return e.Reason + ": " + e.Err.Error()
}

func (e *SkipError) Unwrap() error { return e.Err }

func skip(reason string, err error) *SkipError { return &SkipError{Reason: reason, Err: err} }

// Supported reports whether a file name has a supported report extension.
func Supported(name string) bool {
	return format(name) != ""
}

// format maps a file name to its format name, or "" when it is not supported.
func format(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return "txt"
	case ".md", ".markdown":
		return "md"
	case ".html", ".htm":
		return "html"
	case ".pdf":
		return "pdf"
	case ".docx":
		return "docx"
	case ".odt":
		return "odt"
	case ".eml":
		return "eml"
	}
	return ""
}

// File extracts the text of the report at path. A sidecar "<path>.yaml" (or the path
// with its extension replaced by ".yaml") overrides the metadata in the file.
func File(ctx context.Context, path string, opts Options) (Document, error) {
	opts = opts.withDefaults()
	if !Supported(path) {
		return Document{}, skip("bestandstype wordt niet ondersteund", ErrUnsupported)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Document{}, fmt.Errorf("extract: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return Document{}, skip("geen gewoon bestand", fmt.Errorf("extract %s: mode %v", path, fi.Mode()))
	}
	if fi.Size() > opts.MaxFileSize {
		return Document{}, tooLarge(fi.Size(), opts.MaxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Document{}, fmt.Errorf("extract: %w", err)
	}
	doc, err := Bytes(ctx, filepath.Base(path), data, opts)
	if err != nil {
		return Document{}, err
	}
	side, found, err := readSidecar(path)
	if err != nil {
		return Document{}, err
	}
	if found {
		doc.Meta = doc.Meta.Merge(side)
	}
	return doc, nil
}

// SidecarPaths returns the names a sidecar metadata file for path may have, in order of
// preference: "verslag.pdf.yaml", then "verslag.yaml". The indexer can use it to notice
// sidecar changes and to avoid indexing sidecars as reports.
func SidecarPaths(path string) []string {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	return []string{path + ".yaml", path + ".yml", base + ".yaml", base + ".yml"}
}

// Bytes extracts the text of a report held in memory, such as an upload. name is used
// only for its extension. Sidecar files are not consulted.
func Bytes(ctx context.Context, name string, data []byte, opts Options) (Document, error) {
	return bytesAt(ctx, name, data, opts, 0)
}

// bytesAt is Bytes for a file found at depth levels inside e-mail attachments.
func bytesAt(ctx context.Context, name string, data []byte, opts Options, depth int) (Document, error) {
	opts = opts.withDefaults()
	f := format(name)
	if f == "" {
		return Document{}, skip("bestandstype wordt niet ondersteund", ErrUnsupported)
	}
	if int64(len(data)) > opts.MaxFileSize {
		return Document{}, tooLarge(int64(len(data)), opts.MaxFileSize)
	}
	var (
		doc Document
		err error
	)
	switch f {
	case "txt":
		doc, err = extractText(data)
	case "md":
		doc, err = extractMarkdown(data)
	case "html":
		doc, err = extractHTML(data)
	case "pdf":
		doc, err = extractPDF(ctx, data, opts)
		if errors.Is(err, errNoText) {
			doc, err = extractScan(ctx, data, opts.OCR, err)
		}
	case "docx":
		doc, err = extractDOCX(data)
	case "odt":
		doc, err = extractODT(data)
	case "eml":
		doc, err = extractEML(ctx, data, opts, depth)
	}
	if err != nil {
		return Document{}, err
	}
	doc.Format = f
	if len(doc.Text) > opts.MaxTextBytes {
		return Document{}, skip(fmt.Sprintf("tekst is te lang (%s; de grens is %s): splits het verslag in delen",
			humanSize(int64(len(doc.Text))), humanSize(int64(opts.MaxTextBytes))), nil)
	}
	if strings.TrimSpace(doc.Text) == "" && f != "pdf" {
		return Document{}, skip("bestand bevat geen tekst", nil)
	}
	return doc, nil
}

func tooLarge(size, max int64) *SkipError {
	return skip(fmt.Sprintf("bestand is te groot (%s; de grens is %s)", humanSize(size), humanSize(max)), nil)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// finish applies text repair and turns its statistics into warnings.
func finish(doc Document, text string) Document {
	out, st := repair(text)
	doc.Text = out
	if w := st.warning(); w != "" {
		doc.Warnings = append(doc.Warnings, w)
	}
	return doc
}
