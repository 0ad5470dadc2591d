package extract

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Namespaces of the OpenDocument elements odt.go reads.
const (
	odfTextNS   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odfTableNS  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	odfOfficeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// odtKind names the format in reasons.
const odtKind = "OpenDocument-bestand (.odt)"

// extractODT reads the text of an OpenDocument text file: content.xml in reading
// order, with text:h (by its outline level) as headings, list items as "- " lines and
// each table row as one line of cells separated by " | ". Footnotes, endnotes,
// comments (annotations), tracked deletions and the table of contents are left out.
// The document properties (meta.xml) go to Document.Properties.
func extractODT(data []byte) (Document, error) {
	pkg, err := openPackage(data, odtKind)
	if err != nil {
		return Document{}, err
	}
	content, found, err := pkg.read("content.xml")
	if err != nil {
		return Document{}, partError(odtKind, err)
	}
	if !found {
		return Document{}, skip("geen geldig "+odtKind+": content.xml ontbreekt", nil)
	}
	text, err := readODTContent(content)
	if err != nil {
		return Document{}, partError(odtKind, err)
	}
	doc := Document{}
	if raw, found, err := pkg.read("meta.xml"); err == nil && found {
		doc.Properties = readCoreProperties(raw)
	}
	return finish(doc, text), nil
}

// odtSkipped are elements whose content is not part of the text.
var odtSkipped = map[xml.Name]bool{
	{Space: odfTextNS, Local: "note"}:             true, // footnotes and endnotes
	{Space: odfOfficeNS, Local: "annotation"}:     true, // comments
	{Space: odfTextNS, Local: "tracked-changes"}:  true, // deleted text is kept here
	{Space: odfTextNS, Local: "table-of-content"}: true,
	{Space: odfTextNS, Local: "sequence-decls"}:   true,
	{Space: odfOfficeNS, Local: "forms"}:          true,
}

// odtPara is a paragraph or heading being read.
type odtPara struct {
	text    strings.Builder
	heading int // outline level for text:h
	list    bool
}

// readODTContent reads the text of content.xml.
func readODTContent(data []byte) (string, error) {
	var (
		w      blockWriter
		paras  []*odtPara
		tables []*docxTable
		skipN  int
		lists  int // depth inside text:list-item
	)
	err := xmlTokens(data, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if skipN > 0 || odtSkipped[t.Name] {
				skipN++
				return nil
			}
			var p *odtPara
			if len(paras) > 0 {
				p = paras[len(paras)-1]
			}
			switch t.Name {
			case xml.Name{Space: odfTextNS, Local: "p"}:
				paras = append(paras, &odtPara{list: lists > 0})
			case xml.Name{Space: odfTextNS, Local: "h"}:
				level := 1
				for _, a := range t.Attr {
					if a.Name.Local == "outline-level" {
						if l, err := strconv.Atoi(a.Value); err == nil && l >= 1 {
							level = l
						}
					}
				}
				paras = append(paras, &odtPara{heading: level})
			case xml.Name{Space: odfTextNS, Local: "list-item"}, xml.Name{Space: odfTextNS, Local: "list-header"}:
				lists++
			case xml.Name{Space: odfTextNS, Local: "s"}:
				n := 1
				for _, a := range t.Attr {
					if a.Name.Local == "c" {
						if c, err := strconv.Atoi(a.Value); err == nil && c > 1 {
							n = min(c, 100)
						}
					}
				}
				if p != nil {
					p.text.WriteString(strings.Repeat(" ", n))
				}
			case xml.Name{Space: odfTextNS, Local: "tab"}:
				if p != nil {
					p.text.WriteByte('\t')
				}
			case xml.Name{Space: odfTextNS, Local: "line-break"}:
				if p != nil {
					p.text.WriteByte('\n')
				}
			case xml.Name{Space: odfTableNS, Local: "table"}:
				tables = append(tables, &docxTable{})
			}
		case xml.CharData:
			if skipN == 0 && len(paras) > 0 {
				paras[len(paras)-1].text.Write(t)
			}
		case xml.EndElement:
			if skipN > 0 {
				skipN--
				return nil
			}
			switch t.Name {
			case xml.Name{Space: odfTextNS, Local: "p"}, xml.Name{Space: odfTextNS, Local: "h"}:
				if len(paras) == 0 {
					return nil
				}
				p := paras[len(paras)-1]
				paras = paras[:len(paras)-1]
				text := strings.TrimSpace(p.text.String())
				switch {
				case text == "":
				case len(paras) > 0: // a frame inside a paragraph: part of it
					paras[len(paras)-1].text.WriteString(" " + text + " ")
				case len(tables) > 0:
					c := &tables[len(tables)-1].cell
					if c.Len() > 0 {
						c.WriteByte(' ')
					}
					c.WriteString(strings.Join(strings.Fields(text), " "))
				case p.heading > 0:
					w.heading(p.heading, text)
				case p.list:
					w.listItem(strings.ReplaceAll(text, "\n", " "))
				default:
					w.paragraph(text)
				}
			case xml.Name{Space: odfTextNS, Local: "list-item"}, xml.Name{Space: odfTextNS, Local: "list-header"}:
				lists--
			case xml.Name{Space: odfTableNS, Local: "table-cell"}:
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.cells = append(tb.cells, strings.TrimSpace(tb.cell.String()))
					tb.cell.Reset()
				}
			case xml.Name{Space: odfTableNS, Local: "table-row"}:
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					row := tableRow(tb.cells)
					tb.cells = nil
					if len(tables) > 1 {
						tables[len(tables)-2].cell.WriteString(" " + row)
					} else {
						w.paragraph(row)
					}
				}
			case xml.Name{Space: odfTableNS, Local: "table"}:
				if len(tables) > 0 {
					tables = tables[:len(tables)-1]
				}
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if w.tooMuch {
		return "", skip(odtKind+" levert te veel tekst op", nil)
	}
	return w.String(), nil
}
