package extract

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/jhillyerd/enmime"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits on e-mail messages. A message with more attachments than maxMailAttachments
// has the first ones read and the rest listed with a reason; the reasons name at most
// maxListedAttachments files.
const (
	maxMailAttachments   = 10
	maxListedAttachments = 20
	maxMIMEParts         = 1000
)

// Attachment is a file attached to an e-mail. A supported file that could be read has
// Doc set; any other has Reason (Dutch) set.
type Attachment struct {
	Name   string
	Doc    *Document
	Reason string
}

// extractEML reads an e-mail message (RFC 5322, MIME): the subject becomes the title
// (Meta.Title), the Date header Properties.Sent, and the HTML part (or else the plain
// part) the text, without quoted replies and the signature. Attachments of supported
// types are read as documents of their own (Document.Attachments), one level deep; the
// others are listed with a reason.
func extractEML(ctx context.Context, data []byte, opts Options, depth int) (Document, error) {
	if !looksLikeMail(data) {
		return Document{}, skip("geen e-mailbericht: de kopregels (From, Date, Subject) ontbreken", nil)
	}
	env, err := enmime.NewParser(enmime.MaxStoredPartErrors(10)).ReadEnvelope(bytes.NewReader(data))
	if err != nil {
		return Document{}, skip("e-mailbericht is beschadigd en kan niet worden gelezen", fmt.Errorf("parse mail: %w", err))
	}
	if n := countParts(env.Root); n > maxMIMEParts {
		return Document{}, skip(fmt.Sprintf("e-mailbericht bestaat uit te veel delen (%d; de grens is %d)", n, maxMIMEParts), nil)
	}
	doc := Document{}
	if strings.TrimSpace(env.HTML) != "" {
		hdoc, err := extractHTML(withoutQuotedHTML(env.HTML))
		if err != nil {
			return Document{}, err
		}
		doc.Warnings = hdoc.Warnings
		doc = finish(doc, cutReply(hdoc.Text))
	} else {
		doc = finish(doc, cutReply(env.Text))
	}
	if len(env.Errors) > 0 {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("het e-mailbericht bevat %d %s in de opbouw (MIME); de tekst kan onvolledig zijn",
			len(env.Errors), plural(len(env.Errors), "fout", "fouten")))
	}
	doc.Meta.Title = cleanSubject(env.GetHeader("Subject"))
	doc.Properties.Title = doc.Meta.Title
	if from, err := env.AddressList("From"); err == nil && len(from) > 0 {
		doc.Properties.Author = cmpOr(from[0].Name, from[0].Address)
	}
	if t, err := env.Date(); err == nil && t.Year() >= 1980 {
		doc.Properties.Sent = t.UTC().Format("2006-01-02")
	}

	var files []*enmime.Part
	files = append(files, env.Attachments...)
	for _, p := range env.Inlines {
		if p.FileName != "" && !strings.HasPrefix(p.ContentType, "image/") {
			files = append(files, p)
		}
	}
	read := 0
	for _, p := range files {
		name := cmpOr(filepath.Base(p.FileName), "bijlage")
		a := Attachment{Name: name}
		switch {
		case depth > 0:
			a.Reason = "bijlage in een bijlage wordt niet gelezen"
		case !Supported(name):
			a.Reason = "bestandstype wordt niet ondersteund"
		case read >= maxMailAttachments:
			a.Reason = fmt.Sprintf("meer dan %d bijlagen; alleen de eerste %d worden gelezen", maxMailAttachments, maxMailAttachments)
		default:
			read++
			adoc, err := bytesAt(ctx, name, p.Content, opts, depth+1)
			if err != nil {
				if ctx.Err() != nil {
					return Document{}, fmt.Errorf("extract eml attachment: %w", ctx.Err())
				}
				a.Reason = skipReason(err)
			} else {
				a.Doc = &adoc
			}
		}
		doc.Attachments = append(doc.Attachments, a)
	}
	doc.Warnings = append(doc.Warnings, attachmentWarnings(doc.Attachments)...)
	return doc, nil
}

// attachmentWarnings lists the attachments that were not read, with their reasons.
func attachmentWarnings(atts []Attachment) []string {
	var out []string
	skipped := 0
	for _, a := range atts {
		if a.Doc != nil {
			continue
		}
		skipped++
		if len(out) < maxListedAttachments {
			out = append(out, fmt.Sprintf("bijlage %q niet opgenomen: %s", a.Name, a.Reason))
		}
	}
	if skipped > len(out) {
		out = append(out, fmt.Sprintf("en nog %d bijlagen niet opgenomen", skipped-len(out)))
	}
	return out
}

// skipReason is the Dutch reason of err, or a general one.
func skipReason(err error) string {
	if se, ok := err.(*SkipError); ok {
		return se.Reason
	}
	return "bestand kan niet worden gelezen"
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return strings.TrimSpace(a)
	}
	return b
}

// looksLikeMail reports whether data starts with mail headers that name at least one
// of From, Date or Subject.
func looksLikeMail(data []byte) bool {
	head := data[:min(len(data), 16<<10)]
	end := bytes.Index(head, []byte("\n\n"))
	if e := bytes.Index(head, []byte("\r\n\r\n")); e >= 0 && (end < 0 || e < end) {
		end = e
	}
	if end >= 0 {
		head = head[:end]
	}
	for _, line := range bytes.Split(head, []byte("\n")) {
		l := bytes.ToLower(line)
		if bytes.HasPrefix(l, []byte("from:")) || bytes.HasPrefix(l, []byte("date:")) || bytes.HasPrefix(l, []byte("subject:")) {
			return true
		}
	}
	return false
}

func countParts(p *enmime.Part) int {
	n := 0
	for stack := []*enmime.Part{p}; len(stack) > 0; {
		q := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if q == nil {
			continue
		}
		n++
		stack = append(stack, q.FirstChild, q.NextSibling)
	}
	return n
}

var subjectPrefix = regexp.MustCompile(`(?i)^\s*((re|fw|fwd|doorst|antw|tr|wg|aw)\s*(\[\d+\])?\s*:\s*)+`)

// cleanSubject drops reply and forward prefixes ("RE:", "Fwd:", "Antw:", "Doorst:").
func cleanSubject(s string) string {
	return strings.Join(strings.Fields(subjectPrefix.ReplaceAllString(s, "")), " ")
}

// quoteNames are class and id names of quoted replies and signatures in the HTML of
// common mail clients (Gmail, Outlook, Thunderbird, Apple Mail).
var quoteNames = []string{
	"gmail_quote", "gmail_signature", "moz-cite-prefix", "moz-signature", "divrplyfwdmsg",
	"appendonsend", "signature", "outlook_signature", "yahoo_quoted", "protonmail_quote",
}

// withoutQuotedHTML removes blockquotes, quoted replies and signatures from a mail's
// HTML, and everything after Outlook's reply header.
func withoutQuotedHTML(s string) []byte {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return []byte(s)
	}
	var remove []*html.Node
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Blockquote || quoted(n) {
				remove = append(remove, n)
				if isReplyHeader(n) {
					// Outlook puts the quoted mail after its header, not inside it.
					for s := n.NextSibling; s != nil; s = s.NextSibling {
						remove = append(remove, s)
					}
					return true
				}
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	for _, n := range remove {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	var b bytes.Buffer
	if err := html.Render(&b, root); err != nil {
		return []byte(s)
	}
	return b.Bytes()
}

func quoted(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, q := range quoteNames {
			if strings.Contains(v, q) {
				return true
			}
		}
	}
	return false
}

func isReplyHeader(n *html.Node) bool {
	for _, a := range n.Attr {
		if (a.Key == "id" || a.Key == "class") && (strings.EqualFold(a.Val, "divRplyFwdMsg") || strings.EqualFold(a.Val, "appendonsend")) {
			return true
		}
	}
	return false
}

// replyStart matches the line where a quoted reply or forwarded mail begins in plain
// text, in Dutch and English clients.
var replyStart = regexp.MustCompile(`(?im)^(-{2,}\s*(oorspronkelijk bericht|original message|doorgestuurd bericht|forwarded message)\s*-{2,}` +
	`|(op|on) .{4,120}(schreef|wrote)\s*.{0,80}:$` +
	`|(van|from): .+\n(verzonden|sent|datum|date): )`)

// cutReply drops quoted lines ("> …"), everything from a reply or forward header on,
// and the signature after a "-- " line.
func cutReply(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if loc := replyStart.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l == "-- " || l == "--" {
			break
		}
		if strings.HasPrefix(strings.TrimSpace(l), ">") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
