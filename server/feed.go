package server

import (
	"encoding/xml"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer/search"
)

// Atom feed types (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"` // RFC 4287 asks for one where entries have none
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary atomText `xml:"summary"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// feedSize is how many reports a search feed holds, newest meeting first.
const feedSize = 30

// feed answers GET /feed.atom?…: any search as an Atom feed, one entry per report
// (newest meeting first) with the passages that match, so that people can follow a
// search, a theme or a speaker in a feed reader. An entry is updated at the meeting's
// date, or when the report was indexed if its date is unknown; the feed at its newest
// entry. Neither is the time of the request, so a feed reader sees nothing new until
// a report is.
func (s *Server) feed(c *gin.Context) {
	v := c.Request.URL.Query()
	req, err := searchRequest(v)
	if err != nil {
		s.fail(c, err)
		return
	}
	req.Sort, req.Group, req.Page, req.Size = search.SortDateDesc, search.GroupReport, 1, feedSize
	res, err := s.runSearch(c, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	base := strings.TrimRight(s.opts.BaseURL, "/")
	self := base + c.Request.URL.RequestURI()
	entries := make([]atomEntry, 0, len(res.Groups))
	var newest time.Time
	for _, g := range res.Groups {
		updated := s.reportUpdated(g.ReportID, g.Date)
		if updated.After(newest) {
			newest = updated
		}
		entries = append(entries, atomEntry{Title: g.ReportTitle, ID: base + "/verslagen/" + url.PathEscape(g.ReportID),
			Updated: updated.Format(time.RFC3339), Link: atomLink{Href: base + reportURL(g.ReportID, req.Query, "")},
			Summary: atomText{Type: "html", Text: groupSummary(base, req.Query, g)}})
	}
	if newest.IsZero() {
		newest = s.opts.Searcher.Status().LastSync.UTC().Truncate(time.Second)
	}
	page := base + "/"
	if c.Request.URL.RawQuery != "" {
		page += "?" + c.Request.URL.RawQuery
	}
	f := atomFeed{Title: feedTitle(v), ID: self, Updated: newest.Format(time.RFC3339), Entries: entries,
		Links: []atomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: page, Rel: "alternate", Type: "text/html"}}}
	s.writeFeed(c, f)
}

// reportUpdated is when a feed says a report was updated: its meeting date, or when
// it was indexed if the date is unknown (the Unix epoch if that is unknown too).
func (s *Server) reportUpdated(id, date string) time.Time {
	if d, err := time.Parse(time.DateOnly, date); err == nil {
		return d
	}
	if r, err := s.opts.Searcher.Report(id); err == nil && !r.IndexedAt.IsZero() {
		return r.IndexedAt.UTC().Truncate(time.Second)
	}
	return time.Unix(0, 0).UTC()
}

// groupSummary is the HTML of a report's entry: its matching passages, each linked
// to its place in the report, and how many more there are.
func groupSummary(base, query string, g search.Group) string {
	var b strings.Builder
	if len(g.Speakers) > 0 {
		b.WriteString("<p>Sprekers: " + template.HTMLEscapeString(strings.Join(g.Speakers, ", ")) + "</p>")
	}
	b.WriteString("<ul>")
	for _, h := range g.Passages {
		// The snippet is HTML-escaped by the indexer; only <mark> is markup.
		b.WriteString(`<li><a href="` + template.HTMLEscapeString(base+reportURL(h.ReportID, query, passageAnchor(h))) + `">` + h.Snippet + "</a>")
		if len(h.Speakers) > 0 {
			b.WriteString(" — " + template.HTMLEscapeString(strings.Join(h.Speakers, ", ")))
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	if more := g.Matches - len(g.Passages); more > 0 {
		b.WriteString("<p>En " + countText(more, "andere passage", "andere passages") + " in dit verslag.</p>")
	}
	return b.String()
}

// writeFeed writes an Atom feed, authored by the Kennisbank.
func (s *Server) writeFeed(c *gin.Context, f atomFeed) {
	f.Author = atomAuthor{Name: "Kennisbank"}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// feedTitle is the title of the feed of a search: "Kennisbank: " and the search in
// words, or "Kennisbank: nieuwe verslagen" for all reports.
func feedTitle(v url.Values) string {
	var parts []string
	if q := v.Get("q"); q != "" {
		parts = append(parts, "“"+q+"”")
	}
	for _, f := range filterParams {
		parts = append(parts, v[f.name]...)
	}
	if p := periodText(v.Get("from"), v.Get("to")); p != "" {
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return "Kennisbank: nieuwe verslagen"
	}
	return "Kennisbank: " + strings.Join(parts, ", ")
}

// feedURL is the feed of the search with parameters v (paging and sorting left out:
// a feed is newest first).
func feedURL(v url.Values) string {
	w := url.Values{}
	for k, vals := range v {
		if k != "page" && k != "sort" && k != "group" {
			w[k] = vals
		}
	}
	if len(w) == 0 {
		return "/feed.atom"
	}
	return "/feed.atom?" + w.Encode()
}
