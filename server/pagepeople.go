package server

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer/search"
)

type listItem struct{ Name, URL, About string }

type reportLink struct{ Title, URL, Date, DateISO string }

// speakersPage answers GET /sprekers: every speaker, most passages first.
func (s *Server) speakersPage(c *gin.Context) {
	all, err := s.opts.Searcher.Speakers()
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De sprekers konden niet worden gelezen.")
		return
	}
	view := struct {
		Title, Heading, Intro string
		Items                 []listItem
	}{Title: "Sprekers", Heading: "Sprekers", Intro: "Iedereen die in een verslag aan het woord is, met het aantal passages."}
	for _, sp := range all {
		about := strings.Join(append(append([]string{}, sp.Roles...), sp.Organisations...), ", ")
		if about != "" {
			about += " · "
		}
		view.Items = append(view.Items, listItem{sp.Name, "/sprekers/" + url.PathEscape(sp.Slug), about + plural(sp.Passages, "passage", "passages")})
	}
	s.render(c, http.StatusOK, "people.html", view)
}

// themesPage answers GET /themas: every theme, most reports first.
func (s *Server) themesPage(c *gin.Context) {
	all, err := s.opts.Searcher.Themes()
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De thema's konden niet worden gelezen.")
		return
	}
	view := struct {
		Title, Heading, Intro string
		Items                 []listItem
	}{Title: "Thema's", Heading: "Thema's", Intro: "De thema's van de verslagen, met het aantal verslagen."}
	for _, th := range all {
		view.Items = append(view.Items, listItem{th.Name, "/themas/" + url.PathEscape(th.Slug), plural(len(th.Reports), "verslag", "verslagen")})
	}
	s.render(c, http.StatusOK, "people.html", view)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// personView is a speaker's or a theme's page.
type personView struct {
	Title, Heading, About string
	SearchURL, FeedURL    string
	Reports               []reportLink
	Passages              []passageView
}

// speakerPage answers GET /sprekers/{slug}: a person's roles, organisations, meetings
// and passages.
func (s *Server) speakerPage(c *gin.Context) {
	all, err := s.opts.Searcher.Speakers()
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De sprekers konden niet worden gelezen.")
		return
	}
	for _, sp := range all {
		if sp.Slug != c.Param("slug") {
			continue
		}
		q := url.Values{"speaker": {sp.Name}}
		view := personView{Title: sp.Name, Heading: sp.Name, About: strings.Join(append(append([]string{}, sp.Roles...), sp.Organisations...), ", "),
			SearchURL: "/?" + q.Encode(), FeedURL: "/feed.atom?" + q.Encode(), Reports: s.reportLinks(sp.Reports)}
		view.Passages = s.passagesFor(c, search.Request{Speakers: []string{sp.Name}, Sort: search.SortDateDesc, Size: 20})
		s.render(c, http.StatusOK, "person.html", view)
		return
	}
	s.errorPage(c, http.StatusNotFound, "Spreker niet gevonden", "Er is geen spreker met deze naam in de verslagen.")
}

// themePage answers GET /themas/{slug}: a theme's meetings and passages.
func (s *Server) themePage(c *gin.Context) {
	all, err := s.opts.Searcher.Themes()
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De thema's konden niet worden gelezen.")
		return
	}
	for _, th := range all {
		if th.Slug != c.Param("slug") {
			continue
		}
		q := url.Values{"theme": {th.Name}}
		view := personView{Title: th.Name, Heading: "Thema: " + th.Name,
			SearchURL: "/?" + q.Encode(), FeedURL: "/feed.atom?" + q.Encode(), Reports: s.reportLinks(th.Reports)}
		view.Passages = s.passagesFor(c, search.Request{Themes: []string{th.Name}, Sort: search.SortDateDesc, Size: 20})
		s.render(c, http.StatusOK, "person.html", view)
		return
	}
	s.errorPage(c, http.StatusNotFound, "Thema niet gevonden", "Er is geen thema met deze naam.")
}

// reportLinks links to reports by id, newest first as given.
func (s *Server) reportLinks(ids []string) []reportLink {
	var out []reportLink
	for _, id := range ids {
		if r, err := s.opts.Searcher.Report(id); err == nil {
			out = append(out, reportLink{r.Title, reportURL(r.ID, "", ""), dutchDate(r.Date), r.Date})
		}
	}
	return out
}

// passagesFor lists the passages of a search, for a person's or theme's page.
func (s *Server) passagesFor(c *gin.Context, req search.Request) []passageView {
	res, err := s.runSearch(c, req)
	if err != nil {
		return nil
	}
	var out []passageView
	for _, h := range res.Hits {
		anchor := passageAnchor(h)
		out = append(out, passageView{Snippet: template.HTML(h.Snippet), URL: reportURL(h.ReportID, "", anchor)}) // escaped by the indexer
	}
	return out
}

// aboutPage answers GET /over: what the knowledge base holds, how to search, how to
// embed it, and the API.
func (s *Server) aboutPage(c *gin.Context) {
	st := s.opts.Searcher.Status()
	base := strings.TrimRight(s.opts.BaseURL, "/")
	view := struct {
		Title             string
		Reports, Passages int
		Snippet, EmbedURL string
	}{Title: "Over", Reports: st.Reports, Passages: st.Passages,
		Snippet:  `<script src="` + base + `/widget.js" defer></script>` + "\n" + `<kennisbank-zoek></kennisbank-zoek>`,
		EmbedURL: `<iframe src="` + base + `/embed?theme=onderwijs" title="Zoeken in de Kennisbank"></iframe>`}
	s.render(c, http.StatusOK, "about.html", view)
}
