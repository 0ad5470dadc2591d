package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Limits on office packages (.docx, .odt), which are zip archives of XML parts. They
// bound the work a hostile file can cause: a zip bomb stops at maxPartBytes of
// uncompressed data per part, a package with thousands of entries is refused, and XML
// is read by encoding/xml, which never expands entities declared in a DTD.
const (
	maxZipEntries = 1000     // entries in one package
	maxPartBytes  = 32 << 20 // uncompressed bytes read from one XML part
	maxXMLDepth   = 512      // element nesting in one part
)

// errPartTooLarge says that a part of a package unpacks to more than maxPartBytes.
var errPartTooLarge = errors.New("part unpacks beyond the size limit")

// officePackage is an opened zip package with its parts by name.
type officePackage struct {
	parts map[string]*zip.File
}

// openPackage opens data as a zip package. kind names the format in reasons
// ("Word-bestand (.docx)").
func openPackage(data []byte, kind string) (*officePackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, skip("geen geldig "+kind+": het is geen zip-pakket", fmt.Errorf("open zip: %w", err))
	}
	if len(zr.File) > maxZipEntries {
		return nil, skip(fmt.Sprintf("%s bevat te veel onderdelen (%d; de grens is %d)", kind, len(zr.File), maxZipEntries),
			fmt.Errorf("zip has %d entries", len(zr.File)))
	}
	p := &officePackage{parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		p.parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	return p, nil
}

// read returns the uncompressed bytes of part name, or found=false when the package has
// no such part. A part that unpacks beyond maxPartBytes gives errPartTooLarge; the
// size in the zip header is not trusted.
func (p *officePackage) read(name string) (data []byte, found bool, err error) {
	f, ok := p.parts[name]
	if !ok {
		return nil, false, nil
	}
	if f.UncompressedSize64 > maxPartBytes {
		return nil, true, fmt.Errorf("%s: %w", name, errPartTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, fmt.Errorf("open %s: %w", name, err)
	}
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, maxPartBytes+1))
	if err != nil {
		return nil, true, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxPartBytes {
		return nil, true, fmt.Errorf("%s: %w", name, errPartTooLarge)
	}
	return data, true, nil
}

// partError maps an error from reading or parsing a part to a *SkipError.
func partError(kind string, err error) error {
	if errors.Is(err, errPartTooLarge) {
		return skip(fmt.Sprintf("%s pakt uit tot meer dan %d MB; mogelijk een zip-bom", kind, maxPartBytes>>20), err)
	}
	var se *SkipError
	if errors.As(err, &se) {
		return se
	}
	return skip(kind+" is beschadigd: de inhoud kan niet worden gelezen", err)
}

// newXMLDecoder returns a strict decoder for one part. Entity references other than
// the five predefined ones and character references are errors: a DTD's entity
// declarations are never expanded.
func newXMLDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(charset string, r io.Reader) (io.Reader, error) {
		return nil, fmt.Errorf("unsupported XML charset %q", charset)
	}
	return d
}

// xmlTokens calls fn for every token of data, refusing DTDs and absurd nesting.
func xmlTokens(data []byte, fn func(xml.Token) error) error {
	d := newXMLDecoder(data)
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("parse xml: %w", err)
		}
		switch tok.(type) {
		case xml.Directive:
			return errors.New("parse xml: document type declarations are not accepted")
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return fmt.Errorf("parse xml: elements nested deeper than %d", maxXMLDepth)
			}
		case xml.EndElement:
			depth--
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// Properties is what an office file or an e-mail says about itself apart from its text:
// the document properties of Word and OpenDocument files, the headers of an e-mail.
// They are weaker than what the text says: a date here is when a file was written or
// sent, never the meeting date.
type Properties struct {
	Title    string `json:"title,omitempty"`
	Author   string `json:"author,omitempty"`
	Created  string `json:"created,omitempty"`  // YYYY-MM-DD
	Modified string `json:"modified,omitempty"` // YYYY-MM-DD
	// Sent is the Date header of an e-mail (YYYY-MM-DD): when the report was published.
	Sent string `json:"sent,omitempty"`
}

// PublicationDate is the date the file was sent, or else last modified, or else created.
func (p Properties) PublicationDate() string {
	for _, d := range []string{p.Sent, p.Modified, p.Created} {
		if d != "" {
			return d
		}
	}
	return ""
}

// readCoreProperties reads title, author and dates from a properties part: OOXML
// docProps/core.xml and ODF meta.xml use the same Dublin Core names.
func readCoreProperties(data []byte) Properties {
	var (
		p    Properties
		text strings.Builder
	)
	_ = xmlTokens(data, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			v := strings.TrimSpace(text.String())
			switch t.Name.Local {
			case "title":
				p.Title = v
			case "initial-creator": // ODF: who wrote it first, before who saved it last
				p.Author = v
			case "creator":
				if p.Author == "" {
					p.Author = v
				}
			case "created", "creation-date":
				p.Created = propertyDate(v)
			case "modified", "date":
				p.Modified = propertyDate(v)
			}
			text.Reset()
		}
		return nil
	})
	return p
}

// propertyDate turns an ISO 8601 timestamp into YYYY-MM-DD, or "" when it is not one
// (or is the zero date some writers leave).
func propertyDate(v string) string {
	if len(v) < 10 {
		return ""
	}
	t, err := time.Parse("2006-01-02", v[:10])
	if err != nil || t.Year() < 1980 {
		return ""
	}
	return t.Format("2006-01-02")
}

// blockWriter collects the blocks of a document in the package's text shape: blocks
// separated by one blank line, headings as "# " lines, list items as "- " lines.
type blockWriter struct {
	b        strings.Builder
	lastList bool
	tooMuch  bool
}

// heading adds a heading of level 1–6.
func (w *blockWriter) heading(level int, text string) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return
	}
	level = min(max(level, 1), 6)
	w.block(strings.Repeat("#", level)+" "+text, false)
}

// paragraph adds a paragraph; lines inside it stay lines.
func (w *blockWriter) paragraph(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	w.block(text, false)
}

// listItem adds a list item; items in a row form one block.
func (w *blockWriter) listItem(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	w.block("- "+strings.TrimSpace(text), true)
}

func (w *blockWriter) block(s string, list bool) {
	if w.b.Len()+len(s) > maxTextBytes {
		w.tooMuch = true
		return
	}
	if w.b.Len() > 0 {
		if list && w.lastList {
			w.b.WriteString("\n")
		} else {
			w.b.WriteString("\n\n")
		}
	}
	w.b.WriteString(s)
	w.lastList = list
}

func (w *blockWriter) String() string { return w.b.String() }
