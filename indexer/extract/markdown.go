package extract

import (
	"html"
	"regexp"
	"strings"
)

// extractText reads a plain text file.
func extractText(data []byte) (Document, error) {
	s, warnings, err := decodeText(data)
	if err != nil {
		return Document{}, err
	}
	return finish(Document{Warnings: warnings}, s), nil
}

// extractMarkdown reads a Markdown file: YAML front matter goes to Meta and the body
// loses its Markdown syntax except headings ("# ") and list markers.
func extractMarkdown(data []byte) (Document, error) {
	s, warnings, err := decodeText(data)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Warnings: warnings}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if fm, body, ok := splitFrontMatter(s); ok {
		m, err := parseMeta([]byte(fm))
		if err != nil {
			doc.Warnings = append(doc.Warnings, "front matter (YAML bovenaan) is ongeldig en overgeslagen: "+err.Error())
		} else {
			doc.Meta = m
		}
		s = body
	}
	return finish(doc, markdownToText(s)), nil
}

// splitFrontMatter splits "---\n<yaml>\n---\n<body>" (the closing line may also be
// "..."). ok is false when s has no front matter.
func splitFrontMatter(s string) (fm, body string, ok bool) {
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "---\r\n") {
		return "", s, false
	}
	rest := s[strings.IndexByte(s, '\n')+1:]
	for off := 0; off < len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		line := rest[off:]
		next := len(rest)
		if end >= 0 {
			line = rest[off : off+end]
			next = off + end + 1
		}
		if l := strings.TrimRight(line, " \t\r"); l == "---" || l == "..." {
			return rest[:off], rest[next:], true
		}
		off = next
	}
	return "", s, false
}

var (
	mdFence       = regexp.MustCompile("^\\s*(```|~~~)")
	mdATXHeading  = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdSetextH1    = regexp.MustCompile(`^\s{0,3}=+\s*$`)
	mdSetextH2    = regexp.MustCompile(`^\s{0,3}-+\s*$`)
	mdRule        = regexp.MustCompile(`^\s{0,3}([-*_])(\s*([-*_])){2,}\s*$`)
	mdBullet      = regexp.MustCompile(`^\s*[-*+]\s+`)
	mdOrdered     = regexp.MustCompile(`^\s*(\d{1,3})[.)]\s+`)
	mdQuote       = regexp.MustCompile(`^\s*(>\s?)+`)
	mdRefDef      = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+.*$`)
	mdTableSep    = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	mdImage       = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink        = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink     = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdAutoLink    = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdBoldStar    = regexp.MustCompile(`\*\*([^*\n]+?)\*\*`)
	mdBoldUnder   = regexp.MustCompile(`(^|[^\p{L}\p{N}_])__([^_\n]+?)__`)
	mdItalicStar  = regexp.MustCompile(`(^|[^\p{L}\p{N}*])\*([^*\s][^*\n]*?)\*`)
	mdItalicUnder = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_([^_\s][^_\n]*?)_`)
	mdStrike      = regexp.MustCompile(`~~([^~\n]+)~~`)
	mdCode        = regexp.MustCompile("`+([^`\n]+)`+")
	mdHTMLTag     = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>`)
	mdHTMLComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdEscape      = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
)

// markdownToText removes Markdown syntax lightly. Headings become "# " lines in blocks
// of their own, list items keep "- " or "1. ", links keep their text, emphasis and code
// marks go, and fenced code keeps its content.
func markdownToText(s string) string {
	s = mdHTMLComment.ReplaceAllString(s, "")
	lines := strings.Split(s, "\n")
	var out []string
	blank := func() { out = append(out, "") }
	inFence := false
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		if mdFence.MatchString(line) {
			inFence = !inFence
			blank()
			continue
		}
		if inFence {
			out = append(out, line)
			continue
		}
		if g := mdATXHeading.FindStringSubmatch(line); g != nil {
			blank()
			out = append(out, g[1]+" "+mdInline(g[2]))
			blank()
			continue
		}
		// Setext heading: a text line underlined with === or ---.
		if i+1 < len(lines) && strings.TrimSpace(line) != "" && !mdBullet.MatchString(line) &&
			(i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			next := strings.TrimRight(lines[i+1], " \t\r")
			if mdSetextH1.MatchString(next) || (mdSetextH2.MatchString(next) && len(strings.TrimSpace(next)) >= 2) {
				level := "#"
				if strings.Contains(next, "-") {
					level = "##"
				}
				blank()
				out = append(out, level+" "+mdInline(strings.TrimSpace(line)))
				blank()
				i++
				continue
			}
		}
		if mdRule.MatchString(line) {
			blank()
			continue
		}
		if mdRefDef.MatchString(line) || (strings.Contains(line, "|") && mdTableSep.MatchString(line)) {
			continue
		}
		line = mdQuote.ReplaceAllString(line, "")
		prefix := ""
		if m := mdBullet.FindString(line); m != "" {
			prefix, line = "- ", line[len(m):]
		} else if g := mdOrdered.FindStringSubmatch(line); g != nil {
			prefix, line = g[1]+". ", line[len(g[0]):]
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1 {
			cells := strings.Split(strings.Trim(t, "|"), "|")
			for j := range cells {
				cells[j] = strings.TrimSpace(cells[j])
			}
			line = strings.Join(cells, " | ")
		}
		if strings.HasSuffix(lines[i], "  ") || strings.HasSuffix(line, "\\") {
			line = strings.TrimSuffix(line, "\\") // hard line break: the newline stays
		}
		out = append(out, prefix+mdInline(strings.TrimSpace(line)))
	}
	return strings.Join(out, "\n")
}

// mdInline removes inline Markdown: images, links, emphasis, code spans, HTML tags and
// backslash escapes.
func mdInline(s string) string {
	if !strings.ContainsAny(s, "[]*_`<~\\&") {
		return s
	}
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdAutoLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdBoldStar.ReplaceAllString(s, "$1")
	s = mdBoldUnder.ReplaceAllString(s, "$1$2")
	s = mdItalicStar.ReplaceAllString(s, "$1$2")
	s = mdItalicUnder.ReplaceAllString(s, "$1$2")
	s = mdStrike.ReplaceAllString(s, "$1")
	s = mdHTMLTag.ReplaceAllString(s, "")
	s = mdEscape.ReplaceAllString(s, "$1")
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return s
}
