package extract

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// The WordprocessingML namespace of the elements docx.go reads.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// docxKind names the format in reasons.
const docxKind = "Word-bestand (.docx)"

// extractDOCX reads the text of a Word document: the body of word/document.xml in
// reading order, with paragraphs in heading styles (or with an outline level) as
// headings, numbered and bulleted paragraphs as list items and each table row as one
// line of cells separated by " | ". Footnotes, endnotes, comments, headers, footers,
// deleted text of tracked changes and field codes are left out. The document
// properties (docProps/core.xml) go to Document.Properties.
func extractDOCX(data []byte) (Document, error) {
	pkg, err := openPackage(data, docxKind)
	if err != nil {
		return Document{}, err
	}
	body, found, err := pkg.read("word/document.xml")
	if err != nil {
		return Document{}, partError(docxKind, err)
	}
	if !found {
		return Document{}, skip("geen geldig "+docxKind+": word/document.xml ontbreekt", nil)
	}
	styles := docxStyles{}
	if raw, found, err := pkg.read("word/styles.xml"); err != nil {
		return Document{}, partError(docxKind, err)
	} else if found {
		styles = readDOCXStyles(raw)
	}
	text, err := readDOCXBody(body, styles)
	if err != nil {
		return Document{}, partError(docxKind, err)
	}
	doc := Document{}
	if raw, found, err := pkg.read("docProps/core.xml"); err == nil && found {
		doc.Properties = readCoreProperties(raw)
	}
	return finish(doc, text), nil
}

// docxStyle is what a paragraph style says about the paragraphs that use it.
type docxStyle struct {
	level int  // heading level 1–9, 0 for none
	list  bool // the style numbers its paragraphs
}

type docxStyles map[string]docxStyle

// readDOCXStyles reads the paragraph styles that make headings (by the built-in name
// "heading N" or "Title", whatever the style id is in the user's language, or by an
// outline level) or list items.
func readDOCXStyles(data []byte) docxStyles {
	styles := docxStyles{}
	var (
		id    string
		style docxStyle
		in    bool
	)
	_ = xmlTokens(data, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS {
				return nil
			}
			switch t.Name.Local {
			case "style":
				in = wordAttr(t, "type") == "paragraph"
				id, style = wordAttr(t, "styleId"), docxStyle{}
			case "name":
				if !in {
					return nil
				}
				name := strings.ToLower(wordAttr(t, "val"))
				if n, ok := strings.CutPrefix(name, "heading "); ok {
					if l, err := strconv.Atoi(n); err == nil && l >= 1 && l <= 9 {
						style.level = l
					}
				} else if name == "title" {
					style.level = 1
				} else if strings.Contains(name, "list") && !strings.Contains(name, "paragraph") {
					style.list = true
				}
			case "outlineLvl":
				if l, err := strconv.Atoi(wordAttr(t, "val")); in && err == nil && l >= 0 && l < 9 && style.level == 0 {
					style.level = l + 1
				}
			case "numPr":
				if in {
					style.list = true
				}
			}
		case xml.EndElement:
			if t.Name.Space == wordNS && t.Name.Local == "style" && in {
				if style != (docxStyle{}) {
					styles[id] = style
				}
				in = false
			}
		}
		return nil
	})
	return styles
}

// wordAttr returns the value of the attribute w:name of t.
func wordAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && (a.Name.Space == wordNS || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// docxPara is a paragraph being read.
type docxPara struct {
	text  strings.Builder
	style string
	level int // outline level set on the paragraph itself, 1–9
	list  bool
}

// docxTable is a table being read: the cells of the current row.
type docxTable struct {
	cells []string
	cell  strings.Builder
}

// docxSkipped are elements whose content is not part of the text.
var docxSkipped = map[string]bool{
	"del": true, "delText": true, "moveFrom": true, "instrText": true, "delInstrText": true,
	"footnoteReference": true, "endnoteReference": true, "commentReference": true,
	"sectPr": true, "rPr": true,
}

// readDOCXBody reads the text of word/document.xml.
func readDOCXBody(data []byte, styles docxStyles) (string, error) {
	var (
		w      blockWriter
		paras  []*docxPara
		tables []*docxTable
		skipN  int  // depth inside an element that is left out
		inText bool // inside w:t
	)
	const mcNS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	err := xmlTokens(data, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if skipN > 0 || t.Name.Space == wordNS && docxSkipped[t.Name.Local] ||
				t.Name.Space == mcNS && t.Name.Local == "Fallback" {
				skipN++
				return nil
			}
			if t.Name.Space != wordNS {
				return nil
			}
			var p *docxPara
			if len(paras) > 0 {
				p = paras[len(paras)-1]
			}
			switch t.Name.Local {
			case "p":
				paras = append(paras, &docxPara{})
			case "pStyle":
				if p != nil {
					p.style = wordAttr(t, "val")
				}
			case "outlineLvl":
				if l, err := strconv.Atoi(wordAttr(t, "val")); p != nil && err == nil && l >= 0 && l < 9 {
					p.level = l + 1
				}
			case "numPr":
				if p != nil {
					p.list = true
				}
			case "t":
				inText = true
			case "tab":
				if p != nil {
					p.text.WriteByte('\t')
				}
			case "br", "cr":
				if p != nil {
					p.text.WriteByte('\n')
				}
			case "tbl":
				tables = append(tables, &docxTable{})
			}
		case xml.CharData:
			if skipN == 0 && inText && len(paras) > 0 {
				paras[len(paras)-1].text.Write(t)
			}
		case xml.EndElement:
			if skipN > 0 {
				skipN--
				return nil
			}
			if t.Name.Space != wordNS {
				return nil
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if len(paras) == 0 {
					return nil
				}
				p := paras[len(paras)-1]
				paras = paras[:len(paras)-1]
				text := strings.TrimSpace(p.text.String())
				switch {
				case text == "":
				case len(paras) > 0: // a text box inside a paragraph: part of it
					paras[len(paras)-1].text.WriteString(" " + text + " ")
				case len(tables) > 0:
					c := &tables[len(tables)-1].cell
					if c.Len() > 0 {
						c.WriteByte(' ')
					}
					c.WriteString(strings.Join(strings.Fields(text), " "))
				default:
					emitDOCXPara(&w, p, text, styles)
				}
			case "tc":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.cells = append(tb.cells, strings.TrimSpace(tb.cell.String()))
					tb.cell.Reset()
				}
			case "tr":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					row := tableRow(tb.cells)
					tb.cells = nil
					if len(tables) > 1 {
						c := &tables[len(tables)-2].cell
						c.WriteString(" " + row)
					} else {
						w.paragraph(row)
					}
				}
			case "tbl":
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
		return "", skip(docxKind+" levert te veel tekst op", nil)
	}
	return w.String(), nil
}

func emitDOCXPara(w *blockWriter, p *docxPara, text string, styles docxStyles) {
	st := styles[p.style]
	level := p.level
	if level == 0 {
		level = st.level
	}
	if level == 0 {
		// Documents written without styles.xml still name the built-in styles.
		if n, ok := strings.CutPrefix(strings.ToLower(p.style), "heading"); ok {
			level, _ = strconv.Atoi(n)
		}
	}
	switch {
	case level > 0:
		w.heading(level, text)
	case p.list || st.list:
		w.listItem(strings.ReplaceAll(text, "\n", " "))
	default:
		w.paragraph(text)
	}
}

// tableRow joins the non-empty cells of a row with " | ".
func tableRow(cells []string) string {
	var keep []string
	for _, c := range cells {
		if c != "" {
			keep = append(keep, c)
		}
	}
	return strings.Join(keep, " | ")
}
