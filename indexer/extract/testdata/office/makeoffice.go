//go:build ignore

// makeoffice writes the .docx and .odt test files of this folder: two invented Dutch
// meeting reports as Word (OOXML) and OpenDocument packages in the shape Word and
// LibreOffice write them, and hostile packages for the bad-input tests.
//
//	go run makeoffice.go
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
)

func main() {
	write("word-verslag.docx", wordReport())
	write("odf-verslag.odt", odfReport())
	write("bom.docx", zipOf(part{"[Content_Types].xml", contentTypes},
		part{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="` + wNS + `"><w:body><w:p><w:r><w:t>` +
			strings.Repeat("a", 40<<20) + `</w:t></w:r></w:p></w:body></w:document>`}))
	var many []part
	for i := range 1200 {
		many = append(many, part{fmt.Sprint(i), ""})
	}
	write("many-entries.docx", zipOf(many...))
	write("entities.docx", zipOf(part{"[Content_Types].xml", contentTypes},
		part{"word/document.xml", `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="` + wNS + `"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`}))
	write("no-body.docx", zipOf(part{"[Content_Types].xml", contentTypes}))
	write("program.docx", append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0}, 200)...))
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

// wordReport is a report as Word writes it in a Dutch installation: style ids in Dutch
// ("Kop1", "Lijstalinea") with the built-in English names, numbered lists, a table, a
// footnote, a comment, a tracked deletion, a text box and document properties whose
// dates differ from the meeting date in the text.
func wordReport() []byte {
	p := func(style, text string) string {
		ppr := ""
		if style != "" {
			ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
		}
		return `<w:p>` + ppr + `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
	}
	li := func(text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="Lijstalinea"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	cell := func(text string) string {
		return `<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	body := p("Titel", "Verslag werkgroep Wijkteams Zuidoost") +
		p("", "Datum: dinsdag 14 januari 2020, 19.30 uur, wijkcentrum De Linde") +
		p("Kop1", "1. Opening en mededelingen") +
		`<w:p><w:r><w:t xml:space="preserve">De voorzitter, Marieke Verhoeven, opent de vergadering en heet iedereen welkom.</w:t></w:r>` +
		`<w:r><w:rPr><w:rStyle w:val="Voetnootmarkering"/></w:rPr><w:footnoteReference w:id="1"/></w:r>` +
		`<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> Er zijn twee afmeldingen.</w:t></w:r><w:commentRangeEnd w:id="0"/>` +
		`<w:r><w:commentReference w:id="0"/></w:r>` +
		`<w:del w:id="5" w:author="Sander" w:date="2020-01-15T10:00:00Z"><w:r><w:delText>Dit is geschrapte tekst.</w:delText></w:r></w:del></w:p>` +
		p("Kop2", "1.1 Terugblik") +
		p("", "Sander de Wit vertelt dat de wachtlijst voor de schuldhulpverlening korter is geworden.") +
		li("Aanmeldingen via het sociaal loket") +
		li("Inloopspreekuur op woensdag") +
		p("Kop1", "2. Cijfers per wijk") +
		`<w:tbl><w:tblPr><w:tblStyle w:val="Tabelraster"/></w:tblPr>` +
		`<w:tr>` + cell("Wijk") + cell("Aanmeldingen") + `</w:tr>` +
		`<w:tr>` + cell("Bijlmer-Centrum") + cell("42") + `</w:tr>` +
		`<w:tr>` + cell("Gaasperdam") + cell("17") + `</w:tr></w:tbl>` +
		`<w:p><w:r><w:t xml:space="preserve">Het veld </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> telt mee.</w:t></w:r></w:p>` +
		p("Kop1", "3. Rondvraag en sluiting") +
		`<w:p><w:r><w:t>Geen vragen.</w:t></w:r><w:r><w:tab/><w:t>De volgende bijeenkomst is op 11 februari 2020.</w:t></w:r></w:p>` +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="` + wNS + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" mc:Ignorable=""><w:body>` + body + `</w:body></w:document>`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="` + wNS + `">` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:basedOn w:val="Standaard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Standaard"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Lijstalinea"><w:name w:val="List Paragraph"/></w:style>` +
		`<w:style w:type="character" w:styleId="Voetnootmarkering"><w:name w:val="footnote reference"/></w:style>` +
		`</w:styles>`
	footnotes := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="` + wNS + `"><w:footnote w:id="1"><w:p><w:r><w:t>Voetnoot die niet in de tekst hoort.</w:t></w:r></w:p></w:footnote></w:footnotes>`
	comments := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="` + wNS + `"><w:comment w:id="0" w:author="Sander"><w:p><w:r><w:t>Opmerking die niet in de tekst hoort.</w:t></w:r></w:p></w:comment></w:comments>`
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Verslag wijkteams</dc:title><dc:creator>Marieke Verhoeven</dc:creator><cp:lastModifiedBy>Sander de Wit</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-03T09:12:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-20T16:40:00Z</dcterms:modified></cp:coreProperties>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`
	docRels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`
	types := strings.Replace(contentTypes, `</Types>`, `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`+
		`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`+
		`<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>`+
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`, 1)
	return zipOf(part{"[Content_Types].xml", types}, part{"_rels/.rels", rels}, part{"word/_rels/document.xml.rels", docRels},
		part{"word/document.xml", doc}, part{"word/styles.xml", styles},
		part{"word/footnotes.xml", footnotes}, part{"word/comments.xml", comments},
		part{"docProps/core.xml", core})
}

// odfReport is a report as LibreOffice Writer writes it: headings as text:h with an
// outline level, a list, a table, a footnote, a comment and meta.xml.
func odfReport() []byte {
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:text>` +
		`<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Illustration"/></text:sequence-decls>` +
		`<text:h text:style-name="P1" text:outline-level="1">Verslag dorpsraad Westerbroek</text:h>` +
		`<text:p text:style-name="Standard">Bijeenkomst van donderdag 5 maart 2020 in het dorpshuis.</text:p>` +
		`<text:h text:outline-level="2">Opening</text:h>` +
		`<text:p>Voorzitter Joost Hamers opent om 20.00 uur.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Voetnoot die niet in de tekst hoort.</text:p></text:note-body></text:note> De notulen worden<text:s/>vastgesteld.<office:annotation><dc:creator>Joost</dc:creator><text:p>Opmerking die niet in de tekst hoort.</text:p></office:annotation></text:p>` +
		`<text:h text:outline-level="2">Verkeersveiligheid</text:h>` +
		`<text:p>Ellen Bosman meldt dat de snelheid op de Dorpsstraat te hoog is.<text:line-break/>De gemeente plaatst drempels.</text:p>` +
		`<text:list text:style-name="L1"><text:list-item><text:p>Drempels bij de school</text:p></text:list-item><text:list-item><text:p>Een extra zebrapad</text:p></text:list-item></text:list>` +
		`<table:table table:name="Tabel1"><table:table-column/><table:table-row><table:table-cell><text:p>Actie</text:p></table:table-cell><table:table-cell><text:p>Wie</text:p></table:table-cell></table:table-row>` +
		`<table:table-row><table:table-cell><text:p>Brief aan de wethouder</text:p></table:table-cell><table:table-cell><text:p>Ellen Bosman</text:p></table:table-cell></table:table-row></table:table>` +
		`<text:p>Sluiting om 21.45 uur.</text:p>` +
		`</office:text></office:body></office:document-content>`
	meta := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:initial-creator>Joost Hamers</meta:initial-creator><meta:creation-date>2020-03-06T10:00:00</meta:creation-date><dc:date>2020-03-09T08:30:00</dc:date><dc:creator>Ellen Bosman</dc:creator><dc:title>Dorpsraad maart</dc:title></office:meta></office:document-meta>`
	manifest := `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>`
	return zipOf(part{"mimetype", "application/vnd.oasis.opendocument.text"},
		part{"content.xml", content}, part{"meta.xml", meta}, part{"META-INF/manifest.xml", manifest})
}

type part struct{ name, data string }

func zipOf(parts ...part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		method := zip.Deflate
		if p.name == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func write(name string, data []byte) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		log.Fatal(err)
	}
}
