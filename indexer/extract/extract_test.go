package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"kennisbank/internal/sharedtest"
)

func TestFile(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		text     string // exact text, when set
		contains []string
		absent   []string
		warning  string // a substring of one warning
		meta     Meta
	}{
		{
			file:    "cp1252.txt",
			format:  "txt",
			text:    "Café – coördinatie met ‘jeugdhulp’ en € 5.\nTweede regel.",
			warning: "Windows-1252",
		},
		{
			file:   "bom.txt",
			format: "txt",
			text:   "Verslag overleg\n\nDe voorzitter opent de vergadering.",
		},
		{
			file:    "mojibake.txt",
			format:  "txt",
			text:    "De heer Laçin (SP) zegt dat het ‘goed’ gaat met de coördinatie.",
			warning: "dubbel gecodeerde",
		},
		{
			file:   "pdfexport.txt",
			format: "txt",
			text: "Besluitenlijst raadscommissie\n\n" +
				"Martin Kortekaas geeft aan dat de samenwerking\nmet Noord-Holland\ngoed loopt. Zorg- en\nwelzijnsinstellingen zijn tevreden.\n\n" +
				"De wethouder zegt dat de kavel braak ligt en de ontwikkeling\ntraag gaat.",
		},
		{
			file:   "frontmatter.md",
			format: "md",
			text: "# Notulen\n\n" +
				"De voorzitter opent de vergadering om 19:00 en verwijst naar de agenda.\n\n" +
				"## Aanwezig\n\n" +
				"- Anneke Sinnema (voorzitter)\n- Sander Vink (penningmeester)\n\n" +
				"1. Opening\n2. Jaarrekening 2019\n\n" +
				"Besluit: de jaarrekening wordt vastgesteld.\n\n" +
				"Post | Bedrag\nZaal | € 250\n\n" +
				"Een variabele_naam_met_underscores blijft heel.",
			meta: Meta{
				Title:    "Notulen ALV 14 oktober 2020",
				Date:     "2020-10-14",
				Speakers: []string{"Anneke Sinnema", "Sander Vink"},
				Themes:   []string{"financiën", "ledenadministratie"},
			},
		},
		{
			file:   "page.html",
			format: "html",
			text: "### 12 mei 2023\n\n" +
				"# Verslag stuurgroep 4-1-2021\n\n" +
				"De voorzitter & de secretaris openen de vergadering om 19:30 uur.\n\n" +
				"## Samen werken\n\n" +
				"Jos Borsboom lichtte het onderwerp toe en de aanwezigen discussieerden levendig.\n\n" +
				"- Maatjes centraal stellen\n\n- Doelgroepen beter bereiken\n\n" +
				"Vergadering van Gemeenteraad\n\nDatum: 31-08-2015 19:30 uur\n\n" +
				"1 Opening.\n\n2 Vaststelling agenda.",
		},
		{
			file:   "notitle.html",
			format: "html",
			text:   "# Vergadering gemeenteraad\n\nOpening door de voorzitter.\n\nregel 1\nregel 2",
		},
		{
			file:   "sidecar.txt",
			format: "txt",
			text:   "Verslag zonder kop.",
			meta: Meta{
				Title:         "Overleg jeugdhulp Roermond",
				Date:          "2020-10-07",
				Places:        []string{"Roermond"},
				Organisations: []string{"unieKJP", "VNG"},
			},
		},
		{
			// override.yaml (the sidecar) wins over the front matter, field by field.
			file:   "override.md",
			format: "md",
			text:   "Tekst.",
			meta:   Meta{Title: "Titel uit sidecar", Date: "2021-03-04", Themes: []string{"jeugdzorg"}},
		},
		{
			file:   "hello.pdf",
			format: "pdf",
			text:   "Verslag van de samenwerking\nin Noord-Holland.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(context.Background(), filepath.Join("testdata", tt.file), Options{})
			if err != nil {
				t.Fatalf("File: %v", err)
			}
			if doc.Format != tt.format {
				t.Errorf("Format = %q, want %q", doc.Format, tt.format)
			}
			if doc.Text != tt.text {
				t.Errorf("Text =\n%s\n--- want ---\n%s", doc.Text, tt.text)
			}
			if tt.warning != "" && !strings.Contains(strings.Join(doc.Warnings, "\n"), tt.warning) {
				t.Errorf("Warnings = %q, want one containing %q", doc.Warnings, tt.warning)
			}
			if tt.warning == "" && len(doc.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", doc.Warnings)
			}
			if !reflect.DeepEqual(doc.Meta, tt.meta) {
				t.Errorf("Meta = %+v, want %+v", doc.Meta, tt.meta)
			}
		})
	}
}

func TestFileSkips(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	badYAML := write("kapot.txt", []byte("Tekst."))
	write("kapot.txt.yaml", []byte("title: [niet afgesloten"))
	tests := []struct {
		name   string
		path   string
		opts   Options
		reason string
	}{
		{"unsupported", write("notulen.xlsx", []byte("PK")), Options{}, "niet ondersteund"},
		{"binary", filepath.Join("testdata", "binary.txt"), Options{}, "binaire inhoud"},
		{"empty", write("leeg.txt", []byte(" \n\n\t\n")), Options{}, "geen tekst"},
		{"too large", write("groot.txt", bytes.Repeat([]byte("a"), 2048)), Options{MaxFileSize: 1024}, "te groot"},
		{"bad sidecar", badYAML, Options{}, "metadatabestand"},
		{"not a pdf", write("nep.pdf", []byte("Dit is geen PDF.\n")), Options{}, "geen PDF-bestand"},
		{"truncated pdf", write("half.pdf", readFile(t, "hello.pdf")[:300]), Options{}, "PDF is beschadigd"},
		{"pdf without text", write("scan.pdf", makePDF("")), Options{OCR: OCROptions{Off: true}}, "is het een scan?"},
		{"pdf without text, by OCR", write("scan2.pdf", makePDF("")), Options{}, "PDF bevat geen tekst (1 pagina)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := File(context.Background(), tt.path, tt.opts)
			var se *SkipError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want *SkipError", err)
			}
			if !strings.Contains(se.Reason, tt.reason) {
				t.Errorf("Reason = %q, want it to contain %q", se.Reason, tt.reason)
			}
		})
	}
	if _, err := File(context.Background(), filepath.Join(dir, "ontbreekt.txt"), Options{}); err == nil || errors.As(err, new(*SkipError)) {
		t.Errorf("missing file: err = %v, want a plain I/O error", err)
	}
}

// TestBytesPDFRepairs checks the fallbacks for headers the library rejects.
func TestBytesPDFRepairs(t *testing.T) {
	hello := readFile(t, "hello.pdf")
	v2 := bytes.Replace(hello, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1)
	junk := append([]byte("Content-Type: application/pdf\r\n\r\n"), hello...)
	trailing := append(bytes.Clone(hello), bytes.Repeat([]byte("garbage after the end\n"), 10)...)
	for name, data := range map[string][]byte{"pdf-2.0": v2, "leading junk": junk, "trailing junk": trailing} {
		t.Run(name, func(t *testing.T) {
			doc, err := Bytes(context.Background(), "upload.PDF", data, Options{})
			if err != nil {
				t.Fatalf("Bytes: %v", err)
			}
			if !strings.Contains(doc.Text, "samenwerking") {
				t.Errorf("Text = %q", doc.Text)
			}
		})
	}
}

func TestPDFTimeoutAndCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	// A context that is already cancelled is the caller's doing: a plain error, no skip.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Bytes(ctx, "a.pdf", readFile(t, "hello.pdf"), Options{})
	if err == nil || errors.As(err, new(*SkipError)) || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
	// The budget is CPU time in whole seconds: a nanosecond is one second, time
	// enough for a small PDF however busy the machine is (TestCPULimitStopsChild
	// shows the kernel stopping a child at its budget).
	doc, err := Bytes(context.Background(), "a.pdf", readFile(t, "hello.pdf"), Options{PDFTimeout: time.Nanosecond})
	if err != nil || strings.TrimSpace(doc.Text) == "" {
		t.Errorf("budget of a nanosecond: %q, %v; want the text within one second of CPU", doc.Text, err)
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "b.MD": true, "c.html": true, "d.htm": true, "e.pdf": true,
		"f.docx": true, "f.odt": true, "f.xlsx": false, "g.yaml": false, "h": false, "verslag.pdf.yaml": false,
	} {
		if got := Supported(name); got != want {
			t.Errorf("Supported(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNormaliseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2020-10-14":                "2020-10-14",
		"2020-1-4":                  "2020-01-04",
		"2021-03-04T10:00:00+01:00": "2021-03-04",
		"31-08-2015":                "2015-08-31",
		"4/1/2021":                  "2021-01-04",
		"7 oktober 2020":            "2020-10-07",
		"donderdag 2 april 2009":    "2009-04-02",
		"31-02-2020":                "31-02-2020",
		"binnenkort":                "binnenkort",
	} {
		if got := normaliseDate(in); got != want {
			t.Errorf("normaliseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRealReports(t *testing.T) {
	dir := sharedtest.Path(t, "eval-corpus", "reports")
	tests := []struct {
		file   string
		want   []string
		absent []string
		title  string
	}{
		{
			file:   "jobhulpmaatje-zoetermeer-maatjesavond-2023-05-11.html",
			want:   []string{"### 12 mei 2023", "# Verslag maatjesavond 11 mei", "## Transactionele analyse", "- Maatjes centraal stellen", "voorzitter Jan Waaijer"},
			absent: []string{"bluefont", "<", "maatjesavond0510"},
		},
		{
			file:   "den-helder-gemeenteraad-2015-08-31-agenda.html",
			want:   []string{"# Vergadering", "Datum: 31-08-2015 19:30 uur", "Vragenkwartier."},
			absent: []string{"Pagina afdrukken", "Site Navigatie", "Zoekterm", "Postbus 36", "Terug naar boven", "Content overslaan"},
		},
		{
			file:  "fronteers-notulen-alv-2020-10-14.md",
			want:  []string{"## Aanwezig", "Anneke Sinnema (voorzitter)"},
			title: "Notulen ALV 14 oktober 2020",
		},
		{
			file:   "amstelveen-besluitenlijst-raadscommissie-rwn-2014-05-20.txt",
			want:   []string{"Amsterdamseweg"},
			absent: []string{"Pagina 2 van 4", "\f"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(context.Background(), filepath.Join(dir, tt.file), Options{})
			if err != nil {
				t.Fatalf("File: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(doc.Text, a) {
					t.Errorf("text has %q", a)
				}
			}
			if doc.Meta.Title != tt.title {
				t.Errorf("Meta.Title = %q, want %q", doc.Meta.Title, tt.title)
			}
		})
	}
}

// TestHelloFixture documents testdata/hello.pdf: it is makePDF of two lines.
func TestHelloFixture(t *testing.T) {
	if !bytes.Equal(readFile(t, "hello.pdf"), makePDF("Verslag van de samen-\nwerking in Noord-Holland.")) {
		t.Error("testdata/hello.pdf differs from makePDF; regenerate it with makePDF")
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// makePDF builds a one-page PDF with a correct xref table. Each line of text becomes a
// line on the page; an empty text gives a page without text, like a scan.
func makePDF(text string) []byte {
	var content bytes.Buffer
	if text != "" {
		content.WriteString("BT\n/F1 12 Tf\n72 720 Td\n")
		for i, line := range strings.Split(text, "\n") {
			if i > 0 {
				content.WriteString("0 -16 Td\n")
			}
			line = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(line)
			content.WriteString("(" + line + ") Tj\n")
		}
		content.WriteString("ET\n")
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length " + strconv.Itoa(content.Len()) + " >>\nstream\n" + content.String() + "endstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o + "\nendobj\n")
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(len(objs)+1) + "\n0000000000 65535 f \n")
	for _, o := range offs {
		s := strconv.Itoa(o)
		b.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	b.WriteString("trailer\n<< /Size " + strconv.Itoa(len(objs)+1) + " /Root 1 0 R >>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}
