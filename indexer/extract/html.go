package extract

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// extractHTML reads an HTML page. Headings become "# "/"## " blocks, paragraphs, list
// items, divs, table rows and <br> (outside table cells) make block breaks, and page furniture (scripts,
// styles, navigation, headers, footers, forms, hidden text) is dropped. When the kept
// content has no h1, the <title> becomes the first "# " heading.
func extractHTML(data []byte) (Document, error) {
	s, warnings, err := decodeText(data)
	if err != nil {
		return Document{}, err
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return Document{}, skip("HTML kan niet worden gelezen", fmt.Errorf("parse html: %w", err))
	}
	w := &htmlWriter{}
	w.walk(root)
	text := w.b.String()
	if !w.sawH1 {
		if t := collapseSpace(w.title); t != "" {
			text = "# " + t + "\n\n" + text
		}
	}
	return finish(Document{Warnings: warnings}, text), nil
}

// htmlWriter renders the kept text of an HTML tree.
type htmlWriter struct {
	b       strings.Builder
	title   string
	sawH1   bool
	pre     int  // depth inside <pre>
	heading bool // inside h1–h6: line breaks become spaces
	cell    int  // depth inside td/th: line breaks stay inside the table row
}

// droppedElements never hold report text.
var droppedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Label: true,
	atom.Img: true, atom.Video: true, atom.Audio: true, atom.Map: true, atom.Dialog: true,
}

// droppedNames are id and class names of page furniture on common (Dutch) sites, such
// as the menu, search box, footer and print banner of a council information system.
var droppedNames = map[string]bool{
	"header": true, "footer": true, "nav": true, "navbar": true, "navigation": true, "menu": true,
	"menuholder": true, "mainmenu": true, "breadcrumb": true, "breadcrumbs": true, "sidebar": true,
	"cookie": true, "cookies": true, "cookiebar": true, "cookie-banner": true, "printhead": true,
	"skip": true, "skiplink": true, "skip-link": true, "search": true, "zoeken": true,
	"options": true, "share": true, "social": true, "logo": true, "totop": true,
	"nonvisual": true, "sr-only": true, "visually-hidden": true, "visuallyhidden": true,
	"hidden": true, "banner": true, "advertisement": true, "ads": true,
}

// droppedRoles are ARIA landmark roles of page furniture.
var droppedRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "search": true, "complementary": true,
}

// blockElements start and end a block.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true,
	atom.Tr: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Caption: true,
	atom.Blockquote: true, atom.Pre: true, atom.Address: true, atom.Figure: true,
	atom.Figcaption: true, atom.Hr: true, atom.Body: true, atom.Details: true, atom.Summary: true,
	atom.Fieldset: true, atom.Center: true,
}

func (w *htmlWriter) drop(n *html.Node) bool {
	if droppedElements[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if droppedRoles[strings.ToLower(a.Val)] {
				return true
			}
		case "style":
			if v := strings.ReplaceAll(strings.ToLower(a.Val), " ", ""); strings.Contains(v, "display:none") {
				return true
			}
		case "id", "class":
			for _, f := range strings.Fields(strings.ToLower(a.Val)) {
				if droppedNames[f] {
					return true
				}
			}
		}
	}
	return false
}

func (w *htmlWriter) blockBreak() { w.b.WriteString("\n\n") }

func (w *htmlWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if n.DataAtom == atom.Title && w.title == "" {
			w.title = textContent(n)
			return
		}
		if n.DataAtom == atom.Head {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Title {
					w.walk(c)
				}
			}
			return
		}
		if w.drop(n) {
			return
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			w.headingNode(n)
			return
		case atom.Br:
			switch {
			case w.heading:
				w.b.WriteByte(' ')
			case w.cell > 0:
				// Runs of <br> in a cell stay one line break, so the row stays one block.
				if !strings.HasSuffix(strings.TrimRight(w.b.String(), " "), "\n") {
					w.b.WriteByte('\n')
				}
			default:
				w.blockBreak()
			}
			return
		case atom.Li:
			w.blockBreak()
			w.b.WriteString("- ")
			w.children(n)
			w.blockBreak()
			return
		case atom.Td, atom.Th:
			w.b.WriteByte(' ')
			w.cell++
			w.children(n)
			w.cell--
			w.b.WriteByte(' ')
			return
		case atom.Pre:
			w.blockBreak()
			w.pre++
			w.children(n)
			w.pre--
			w.blockBreak()
			return
		}
		if blockElements[n.DataAtom] {
			w.blockBreak()
			w.children(n)
			w.blockBreak()
			return
		}
	}
	w.children(n)
}

func (w *htmlWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func (w *htmlWriter) headingNode(n *html.Node) {
	level := int(n.Data[1] - '0')
	var sub htmlWriter
	sub.heading = true
	sub.children(n)
	t := collapseSpace(sub.b.String())
	if t == "" {
		return
	}
	if level == 1 {
		w.sawH1 = true
	}
	w.blockBreak()
	w.b.WriteString(strings.Repeat("#", level) + " " + t)
	w.blockBreak()
}

func (w *htmlWriter) text(s string) {
	if w.pre > 0 {
		w.b.WriteString(s)
		return
	}
	// Collapse white space like a browser; repair trims the line ends.
	var prevSpace bool
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !prevSpace {
				w.b.WriteByte(' ')
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		w.b.WriteRune(r)
	}
}

// textContent returns all text below n.
func textContent(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
