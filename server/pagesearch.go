package server

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
)

// templates are the Dutch HTML pages.
var templates = template.Must(template.New("").Funcs(template.FuncMap{"aantal": countText}).ParseFS(web, "web/templates/*.html"))

// render writes a page with the security headers of pages; no one may frame it.
func (s *Server) render(c *gin.Context, status int, name string, data any) {
	s.renderFramed(c, status, name, data, "'none'")
}

// renderFramed writes a page that the given ancestors may frame.
func (s *Server) renderFramed(c *gin.Context, status int, name string, data any, ancestors string) {
	pageHeaders(c, ancestors)
	c.Status(status)
	c.Header("Content-Type", "text/html; charset=utf-8")
	if err := templates.ExecuteTemplate(c.Writer, name, data); err != nil {
		s.opts.Logger.Error("render page", "page", name, "err", err)
	}
}

// errorPage shows a Dutch error page.
func (s *Server) errorPage(c *gin.Context, status int, title, message string) {
	s.render(c, status, "error.html", map[string]string{"Title": title, "Message": message})
}

var (
	weekdaysNL = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	monthsNL   = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"}
)

// dutchDate writes a YYYY-MM-DD date as "dinsdag 18 mei 2021"; "" stays "".
func dutchDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return weekdaysNL[t.Weekday()] + " " + strconv.Itoa(t.Day()) + " " + monthsNL[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

type link struct{ Label, URL string }

type hiddenField struct{ Name, Value string }

type facetLink struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

type facetBlock struct {
	Title  string
	Values []facetLink
}

type filterChip struct{ Label, RemoveURL string }

type sortLink struct {
	Label, URL string
	Current    bool
}

type passageView struct {
	Snippet  template.HTML // HTML-escaped by the indexer; only <mark> is markup
	URL      string
	Speakers string
}

type groupView struct {
	Title, URL, Date, DateISO string
	Speakers, Themes          []link
	Passages                  []passageView
}

// searchView is what the search page shows.
type searchView struct {
	Title         string
	Query         string
	Error         string
	Result        *search.Result
	Groups        []groupView
	Facets        []facetBlock
	Filters       []filterChip
	Sorts         []sortLink
	Hidden        []hiddenField
	From, To      string
	PrevURL       string
	NextURL       string
	DidYouMean    string
	DidYouMeanURL string
	// FeedURL is the Atom feed of this search, FeedTitle its title.
	FeedURL, FeedTitle string
	values             url.Values
}

// HiddenWithQuery lists the page's parameters but the given ones, for a form that
// sets those.
func (v *searchView) HiddenWithQuery(except ...string) []hiddenField {
	var out []hiddenField
	for _, k := range sortedKeys(v.values) {
		if k == "page" || slices.Contains(except, k) {
			continue
		}
		for _, val := range v.values[k] {
			out = append(out, hiddenField{k, val})
		}
	}
	return out
}

// facetsPart is the facets and the period form of a search page, once beside the
// results (ID "") and once in the filters disclosure that phones show before them
// (ID "m-": the form's ids get that prefix; Sub: its headings are one level lower).
type facetsPart struct {
	ID  string
	Sub bool
	V   *searchView
}

// FacetPart returns the facets of the page for the place with the given id prefix.
func (v *searchView) FacetPart(id string) facetsPart {
	return facetsPart{ID: id, Sub: id != "", V: v}
}

func sortedKeys(v url.Values) []string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// pageURL returns the search page for the parameters v changed by change; paging
// starts again unless change sets it.
func pageURL(v url.Values, change func(url.Values)) string {
	w := url.Values{}
	for k, vals := range v {
		if k != "page" {
			w[k] = slices.Clone(vals)
		}
	}
	change(w)
	if len(w) == 0 {
		return "/"
	}
	return "/?" + w.Encode()
}

// searchPage answers GET /: search with results grouped per meeting, facets, filters,
// sorting and paging, all in the URL.
func (s *Server) searchPage(c *gin.Context) {
	v := c.Request.URL.Query()
	view := &searchView{Title: "Zoeken", Query: v.Get("q"), From: v.Get("from"), To: v.Get("to"), values: v}
	for _, k := range filterNames(slices.Concat(rangeParams, []string{"sort"})...) {
		for _, val := range v[k] {
			view.Hidden = append(view.Hidden, hiddenField{k, val})
		}
	}
	req, err := searchRequest(v)
	if err == nil && req.Group != "" {
		err = &search.RequestError{Field: "group", Message: "group kan hier niet worden gebruikt"}
	}
	if err != nil {
		view.Error = requestMessage(err)
		s.render(c, http.StatusBadRequest, "search.html", view)
		return
	}
	req.Group, req.Size = search.GroupReport, 10
	res, err := s.runSearch(c, req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			s.errorPage(c, http.StatusServiceUnavailable, "Even geduld", "Het is nu druk; probeer het zo opnieuw.")
			return
		}
		if msg := requestMessage(err); msg != "" {
			view.Error = msg
			s.render(c, http.StatusBadRequest, "search.html", view)
			return
		}
		s.opts.Logger.Error("search page", "err", err)
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "Er ging iets mis aan onze kant; probeer het later opnieuw.")
		return
	}
	view.Result = res
	view.FeedURL, view.FeedTitle = feedURL(v), feedTitle(v)
	if view.Query != "" {
		view.Title = view.Query + " — zoeken"
	}
	if res.DidYouMean != "" {
		view.DidYouMean = res.DidYouMean
		view.DidYouMeanURL = pageURL(v, func(w url.Values) { w.Set("q", res.DidYouMean) })
	}
	filterLink := func(param, value string) string {
		return pageURL(v, func(w url.Values) {
			if !slices.Contains(w[param], value) {
				w.Add(param, value)
			}
		})
	}
	for _, g := range res.Groups {
		gv := groupView{Title: g.ReportTitle, URL: reportURL(g.ReportID, view.Query, ""), Date: dutchDate(g.Date), DateISO: g.Date}
		for _, sp := range g.Speakers {
			gv.Speakers = append(gv.Speakers, link{sp, filterLink("speaker", sp)})
		}
		for _, th := range g.Themes {
			gv.Themes = append(gv.Themes, link{th, filterLink("theme", th)})
		}
		for _, h := range g.Passages {
			anchor := passageAnchor(h)
			gv.Passages = append(gv.Passages, passageView{Snippet: template.HTML(h.Snippet), // escaped by the indexer
				URL: reportURL(h.ReportID, view.Query, anchor), Speakers: strings.Join(h.Speakers, ", ")})
		}
		view.Groups = append(view.Groups, gv)
	}
	facet := func(title, param string, values []search.FacetValue) facetBlock {
		b := facetBlock{Title: title}
		for _, fv := range values {
			b.Values = append(b.Values, facetLink{Label: fv.Value, Count: fv.Count, URL: filterLink(param, fv.Value),
				Active: slices.Contains(v[param], fv.Value)})
		}
		return b
	}
	for _, f := range filterParams {
		view.Facets = append(view.Facets, facet(f.title, f.name, f.facet(&res.Facets)))
	}
	years := facetBlock{Title: "Jaren"}
	for _, y := range res.Facets.Years {
		years.Values = append(years.Values, facetLink{Label: y.Value, Count: y.Count,
			URL:    pageURL(v, func(w url.Values) { w.Set("from", y.Value+"-01-01"); w.Set("to", y.Value+"-12-31") }),
			Active: v.Get("from") == y.Value+"-01-01" && v.Get("to") == y.Value+"-12-31"})
	}
	view.Facets = append(view.Facets, years)
	for _, k := range filterNames() {
		for _, val := range v[k] {
			val := val
			k := k
			view.Filters = append(view.Filters, filterChip{Label: val, RemoveURL: pageURL(v, func(w url.Values) {
				w[k] = slices.DeleteFunc(w[k], func(x string) bool { return x == val })
			})})
		}
	}
	if v.Get("from") != "" || v.Get("to") != "" {
		view.Filters = append(view.Filters, filterChip{Label: periodText(v.Get("from"), v.Get("to")),
			RemoveURL: pageURL(v, func(w url.Values) { w.Del("from"); w.Del("to") })})
	}
	current := req.Sort
	if current == "" {
		current = search.SortRelevance
		if search.ParseQuery(req.Query).Empty() {
			current = search.SortDateDesc
		}
	}
	for _, so := range []struct{ value, label string }{{search.SortRelevance, "relevantie"}, {search.SortDateDesc, "nieuwste eerst"}, {search.SortDateAsc, "oudste eerst"}} {
		view.Sorts = append(view.Sorts, sortLink{Label: so.label, Current: current == so.value,
			URL: pageURL(v, func(w url.Values) { w.Set("sort", so.value) })})
	}
	pageTo := func(p int) string {
		return pageURL(v, func(w url.Values) { w.Set("page", strconv.Itoa(p)) })
	}
	if res.Page > 1 {
		view.PrevURL = pageTo(res.Page - 1)
	}
	if res.Page*res.Size < res.TotalGroups && res.Page*res.Size < search.MaxResults {
		view.NextURL = pageTo(res.Page + 1)
	}
	s.render(c, http.StatusOK, "search.html", view)
}

// reportURL links to a report page, with the query to highlight and a passage anchor.
func reportURL(id, query, anchor string) string {
	u := "/verslagen/" + url.PathEscape(id)
	if query != "" {
		u += "?q=" + url.QueryEscape(query)
	}
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}

type speakerView struct{ Name, About, URL string }

type passageText struct {
	Anchor, Heading, Speakers string
	Text                      template.HTML
}

// reportView is what a report page shows.
type reportView struct {
	Title     string
	Report    indexer.ReportRecord
	Date      string
	Speakers  []speakerView
	Themes    []link
	SourceURL string
	Kind      string // the source format in Dutch
	Passages  []passageText
	Minutes   minutesBlock
}

// reportPage answers GET /verslagen/{id}: the whole report, passages anchored and marked
// with their speaker, the query's words highlighted.
func (s *Server) reportPage(c *gin.Context) {
	id := c.Param("id")
	rec, err := s.opts.Searcher.Report(id)
	if err != nil {
		s.errorPage(c, http.StatusNotFound, "Verslag niet gevonden", "Er is geen verslag "+id+". Misschien is het verwijderd.")
		return
	}
	ps, err := s.opts.Searcher.Passages(c.Request.Context(), id)
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "Het verslag kon niet worden gelezen.")
		return
	}
	view := reportView{Title: rec.Title, Report: rec, Date: dutchDate(rec.Date),
		SourceURL: "/api/v1/reports/" + url.PathEscape(id) + "/source", Kind: formatText(rec.Format), Minutes: newMinutesBlock(rec)}
	for _, sp := range rec.Speakers {
		about := strings.Trim(strings.Join([]string{sp.Role, sp.Organisation}, ", "), ", ")
		view.Speakers = append(view.Speakers, speakerView{sp.Name, about, "/?speaker=" + url.QueryEscape(sp.Name)})
	}
	for _, th := range rec.Themes {
		view.Themes = append(view.Themes, link{th, "/?theme=" + url.QueryEscape(th)})
	}
	mark := search.NewHighlighter(c.Query("q"))
	section := ""
	for _, p := range ps {
		pt := passageText{Anchor: "p" + strconv.Itoa(p.N), Speakers: strings.Join(p.Speakers, ", "),
			Text: template.HTML(mark.Mark(p.Text))} // escaped by the highlighter
		if p.Section != section {
			pt.Heading, section = p.Section, p.Section
		}
		view.Passages = append(view.Passages, pt)
	}
	s.render(c, http.StatusOK, "report.html", view)
}

// reportsPage answers GET /verslagen: every meeting, newest first.
func (s *Server) reportsPage(c *gin.Context) {
	all, err := s.opts.Searcher.Reports()
	if err != nil {
		s.errorPage(c, http.StatusInternalServerError, "Er ging iets mis", "De verslagen konden niet worden gelezen.")
		return
	}
	type item struct{ Title, URL, Date, DateISO string }
	view := struct {
		Title   string
		Reports []item
	}{Title: "Verslagen"}
	for _, r := range all {
		view.Reports = append(view.Reports, item{r.Title, reportURL(r.ID, "", ""), dutchDate(r.Date), r.Date})
	}
	s.render(c, http.StatusOK, "reports.html", view)
}

// embedPage answers GET /embed?…: a compact search for an iframe on another site. It
// may be framed by the origins in server.cors_origins only, and tells its height to
// the framing page.
func (s *Server) embedPage(c *gin.Context) {
	v := c.Request.URL.Query()
	view := struct {
		Query, Error string
		AllURL       string // the full search on the Kennisbank's own search page
		Searched     bool
		Total        uint64
		Hidden       []hiddenField
		Hits         []struct {
			Title, Date, URL string
			Snippet          template.HTML
		}
	}{Query: v.Get("q")}
	for _, k := range filterNames(slices.Concat(rangeParams, []string{"size"})...) {
		for _, val := range v[k] {
			view.Hidden = append(view.Hidden, hiddenField{k, val})
		}
	}
	ancestors := "'none'"
	if len(s.opts.CORSOrigins) > 0 {
		ancestors = strings.Join(s.opts.CORSOrigins, " ")
	}
	renderEmbed := func(status int) { s.renderFramed(c, status, "embed.html", view, ancestors) }
	req, err := searchRequest(v)
	if err != nil {
		view.Error = requestMessage(err)
		renderEmbed(http.StatusBadRequest)
		return
	}
	if search.ParseQuery(req.Query).Empty() && !hasValueFilter(&req) {
		renderEmbed(http.StatusOK)
		return
	}
	if req.Size == 0 {
		req.Size = 5
	}
	res, err := s.runSearch(c, req)
	if err != nil {
		status := http.StatusBadRequest
		view.Error = requestMessage(err)
		switch {
		case view.Error != "":
		case errors.Is(err, context.DeadlineExceeded):
			status, view.Error = http.StatusServiceUnavailable, "Het is nu druk; probeer het zo opnieuw."
			s.opts.Logger.Warn("embed search timed out", "query", req.Query, "err", err)
		case errors.Is(err, context.Canceled):
			c.Abort() // the visitor went away
			return
		default:
			status, view.Error = http.StatusInternalServerError, "Zoeken lukte niet; probeer het later opnieuw."
			s.opts.Logger.Error("embed search", "err", err)
		}
		renderEmbed(status)
		return
	}
	view.Searched, view.Total = true, res.Total
	base := strings.TrimRight(s.opts.BaseURL, "/")
	if res.Total > 0 {
		view.AllURL = base + pageURL(v, func(w url.Values) { w.Del("size") })
	}
	for _, h := range res.Hits {
		anchor := passageAnchor(h)
		view.Hits = append(view.Hits, struct {
			Title, Date, URL string
			Snippet          template.HTML
		}{h.ReportTitle, dutchDate(h.Date), base + reportURL(h.ReportID, req.Query, anchor), template.HTML(h.Snippet)}) // escaped by the indexer
	}
	renderEmbed(http.StatusOK)
}
