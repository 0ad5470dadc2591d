package server

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
)

// minutesBlock is the "Besluiten en acties" block of a report page, with the links
// to the meetings before and after it.
type minutesBlock struct {
	Decisions []minutesItem
	Actions   []minutesItem
	Series    string
	SeriesURL string
	Previous  *seriesNav
	Next      *seriesNav
}

// minutesItem is a decision or an action item as a page shows it.
type minutesItem struct {
	Text, Owner, Due, Status, URL string
	Done                          bool
	Report, ReportURL, Date       string
	DateISO, Series               string
}

type seriesNav struct{ Title, URL, Date string }

func newMinutesBlock(r indexer.ReportRecord) minutesBlock {
	b := minutesBlock{Series: r.Series.Name}
	if b.Series != "" {
		b.SeriesURL = "/besluiten?series=" + url.QueryEscape(b.Series)
	}
	for _, d := range r.Decisions {
		b.Decisions = append(b.Decisions, minutesItem{Text: d.Text, URL: "#" + anchorOf(d.PassageID)})
	}
	for _, a := range r.Actions {
		b.Actions = append(b.Actions, actionItem(a, "#"+anchorOf(a.PassageID)))
	}
	nav := func(l *indexer.SeriesLink) *seriesNav {
		if l == nil {
			return nil
		}
		return &seriesNav{Title: l.Title, URL: "/verslagen/" + url.PathEscape(l.ID), Date: dutchDate(l.Date)}
	}
	b.Previous, b.Next = nav(r.Series.Previous), nav(r.Series.Next)
	return b
}

func anchorOf(passageID string) string {
	_, n, _ := strings.Cut(passageID, "#")
	return n
}

// dueText writes a due in Dutch: a date in words, other dues as they are.
func dueText(due string) string {
	if d := dutchDate(due); d != "" && len(due) == len("2006-01-02") {
		return d
	}
	return due
}

func actionItem(a indexer.ActionRecord, link string) minutesItem {
	it := minutesItem{Text: a.Text, Owner: a.Owner, Due: dueText(a.Due), URL: link, Done: a.Status == "done", Status: "open"}
	if it.Done {
		it.Status = "afgerond"
	}
	return it
}

// minutesPageView is what /besluiten and /acties show: the filter form and the items.
type minutesPageView struct {
	Title, Intro, Error string
	Actions             bool
	Query, Person       string
	From, To, Status    string
	Theme, Series       string
	Themes, AllSeries   []string
	Items               []minutesItem
	Total               int
	FeedURL             string
}

func (s *Server) minutesPage(c *gin.Context, actions bool) {
	v := c.Request.URL.Query()
	view := minutesPageView{Title: "Besluiten", Actions: actions, Query: v.Get("q"), From: v.Get("from"), To: v.Get("to"),
		Status: v.Get("status"), Theme: v.Get("theme"), Series: v.Get("series"),
		Intro: "Wat er in de bijeenkomsten is besloten en afgesproken, nieuwste bijeenkomst eerst."}
	view.Person = v.Get("speaker")
	if actions {
		view.Title = "Acties"
		view.Intro = "Actiepunten uit de verslagen: wat er gedaan moet worden, door wie en wanneer."
		view.Person = v.Get("owner")
	}
	all, err := s.opts.Searcher.Reports()
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De verslagen konden niet worden gelezen.")
		return
	}
	themes, series := map[string]bool{}, map[string]bool{}
	for _, r := range all {
		for _, t := range r.Themes {
			if !themes[t] {
				themes[t] = true
				view.Themes = append(view.Themes, t)
			}
		}
		if n := r.Series.Name; n != "" && !series[n] {
			series[n] = true
			view.AllSeries = append(view.AllSeries, n)
		}
	}
	// Empty form fields say nothing.
	for k, vals := range v {
		if len(vals) == 1 && vals[0] == "" {
			delete(v, k)
		}
	}
	f, err := readMinutesFilter(v)
	if err != nil {
		view.Error = requestMessage(err)
		s.render(c, http.StatusBadRequest, "minutes.html", view)
		return
	}
	f.size = 200
	if actions {
		list, err := s.listActions(f)
		if err != nil {
			s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De acties konden niet worden gelezen.")
			return
		}
		view.Total = len(list)
		for _, a := range pageOf(list, 1, f.size) {
			it := actionItem(indexer.ActionRecord{Text: a.Text, Owner: a.Owner, Due: a.Due, Status: a.Status}, a.URL)
			it.Report, it.ReportURL, it.Date, it.DateISO, it.Series = a.ReportTitle, "/verslagen/"+url.PathEscape(a.ReportID), dutchDate(a.Date), a.Date, a.Series
			view.Items = append(view.Items, it)
		}
	} else {
		list, err := s.listDecisions(f)
		if err != nil {
			s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De besluiten konden niet worden gelezen.")
			return
		}
		view.Total = len(list)
		for _, d := range pageOf(list, 1, f.size) {
			view.Items = append(view.Items, minutesItem{Text: d.Text, URL: d.URL, Report: d.ReportTitle,
				ReportURL: "/verslagen/" + url.PathEscape(d.ReportID), Date: dutchDate(d.Date), DateISO: d.Date, Series: d.Series})
		}
		view.FeedURL = "/besluiten.atom?" + v.Encode()
	}
	s.render(c, http.StatusOK, "minutes.html", view)
}

func (s *Server) decisionsPage(c *gin.Context) { s.minutesPage(c, false) }

func (s *Server) actionsPage(c *gin.Context) { s.minutesPage(c, true) }

// decisionsFeed answers GET /besluiten.atom?…: the decisions of a theme or a series (or
// any filter of /besluiten) as an Atom feed, newest meeting first.
func (s *Server) decisionsFeed(c *gin.Context) {
	f, err := readMinutesFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.listDecisions(f)
	if err != nil {
		s.fail(c, err)
		return
	}
	base := strings.TrimRight(s.opts.BaseURL, "/")
	self := base + c.Request.URL.RequestURI()
	title := "Kennisbank: besluiten"
	var about []string
	for _, t := range f.themes {
		about = append(about, "thema "+t)
	}
	about = append(about, f.series...)
	if len(about) > 0 {
		title += " — " + strings.Join(about, ", ")
	}
	feed := atomFeed{Title: title, ID: self,
		Links: []atomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: base + "/besluiten?" + c.Request.URL.RawQuery, Rel: "alternate", Type: "text/html"}}}
	var newest time.Time
	for i, d := range pageOf(list, 1, 50) {
		updated := s.reportUpdated(d.ReportID, d.Date)
		if updated.After(newest) {
			newest = updated
		}
		link := base + d.URL
		feed.Entries = append(feed.Entries, atomEntry{Title: d.ReportTitle, ID: base + "/besluiten/" + url.PathEscape(d.PassageID) + "/" + strconv.Itoa(i+1),
			Updated: updated.Format(time.RFC3339), Link: atomLink{Href: link},
			Summary: atomText{Type: "html", Text: template.HTMLEscapeString(d.Text)}})
	}
	if newest.IsZero() {
		newest = s.opts.Searcher.Status().LastSync.UTC().Truncate(time.Second)
	}
	feed.Updated = newest.Format(time.RFC3339)
	s.writeFeed(c, feed)
}
