package server

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
	"kennisbank/indexer/search"
)

// DecisionJSON is a decision of a report. In a list over reports it also names the
// report it comes from.
type DecisionJSON struct {
	Text        string `json:"text"`
	PassageID   string `json:"passage_id"`
	ReportID    string `json:"report_id,omitempty"`
	ReportTitle string `json:"report_title,omitempty"`
	Date        string `json:"date,omitempty"`
	Series      string `json:"series,omitempty"`
	URL         string `json:"url,omitempty"`
}

// ActionJSON is an action item of a report: what, who, by when, and whether it is
// done. In a list over reports it also names the report it comes from.
type ActionJSON struct {
	Text        string `json:"text"`
	Owner       string `json:"owner,omitempty"`
	Due         string `json:"due,omitempty"`
	Status      string `json:"status"`
	PassageID   string `json:"passage_id"`
	ReportID    string `json:"report_id,omitempty"`
	ReportTitle string `json:"report_title,omitempty"`
	Date        string `json:"date,omitempty"`
	Series      string `json:"series,omitempty"`
	URL         string `json:"url,omitempty"`
}

// DecisionsResponse is the JSON answer of GET /api/v1/decisions.
type DecisionsResponse struct {
	Total     int            `json:"total"`
	Page      int            `json:"page"`
	Size      int            `json:"size"`
	Decisions []DecisionJSON `json:"decisions"`
}

// ActionsResponse is the JSON answer of GET /api/v1/actions.
type ActionsResponse struct {
	Total   int          `json:"total"`
	Page    int          `json:"page"`
	Size    int          `json:"size"`
	Actions []ActionJSON `json:"actions"`
}

func reportDecisions(r indexer.ReportRecord) []DecisionJSON {
	out := make([]DecisionJSON, 0, len(r.Decisions))
	for _, d := range r.Decisions {
		out = append(out, DecisionJSON{Text: d.Text, PassageID: d.PassageID})
	}
	return out
}

func reportActions(r indexer.ReportRecord) []ActionJSON {
	out := make([]ActionJSON, 0, len(r.Actions))
	for _, a := range r.Actions {
		out = append(out, ActionJSON{Text: a.Text, Owner: a.Owner, Due: a.Due, Status: a.Status, PassageID: a.PassageID})
	}
	return out
}

// minutesFilter is what GET /api/v1/decisions and /api/v1/actions and the pages
// /besluiten and /acties filter on.
type minutesFilter struct {
	words      []string // lower-case words that must all occur in the text
	themes     []string
	people     []string // speakers of the report (decisions) or owners (actions)
	from, to   string
	series     []string
	status     string
	page, size int
}

const minutesParamsHint = "q, theme, speaker, owner, from, to, series, status, page of size"

var minutesParams = map[string]bool{"q": true, "theme": true, "speaker": true, "owner": true, "from": true,
	"to": true, "series": true, "status": true, "page": true, "size": true}

// readMinutesFilter reads and checks the parameters of a list of decisions or actions.
func readMinutesFilter(v url.Values) (minutesFilter, error) {
	var f minutesFilter
	if err := knownParams(v, minutesParamsHint, minutesParams); err != nil {
		return f, err
	}
	f.words = strings.Fields(strings.ToLower(v.Get("q")))
	f.themes = v["theme"]
	f.people = append(append([]string{}, v["speaker"]...), v["owner"]...)
	f.series = v["series"]
	for _, k := range []string{"from", "to"} {
		if d := v.Get(k); d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return f, &search.RequestError{Field: k, Message: k + " is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"}
			}
		}
	}
	f.from, f.to = v.Get("from"), v.Get("to")
	switch f.status = v.Get("status"); f.status {
	case "", "open", "done":
	default:
		return f, &search.RequestError{Field: "status", Message: "status moet open of done zijn"}
	}
	var err error
	if f.page, err = intParam(v, "page", "page moet een geheel getal zijn, 1 of hoger"); err != nil {
		return f, err
	}
	f.size, err = intParam(v, "size", "size moet een geheel getal tussen 1 en 100 zijn")
	if err != nil || f.size > 100 {
		return f, &search.RequestError{Field: "size", Message: "size moet een geheel getal tussen 1 en 100 zijn"}
	}
	if f.page == 0 {
		f.page = 1
	}
	if f.size == 0 {
		f.size = 20
	}
	return f, nil
}

// report reports whether a report passes the filters on the report as a whole.
func (f minutesFilter) report(r indexer.ReportRecord) bool {
	if f.from != "" && (r.Date == "" || r.Date < f.from) || f.to != "" && (r.Date == "" || r.Date > f.to) {
		return false
	}
	if len(f.themes) > 0 && !anyFold(r.Themes, f.themes) {
		return false
	}
	if len(f.series) > 0 && !anyFold([]string{r.Series.Name}, f.series) {
		return false
	}
	return true
}

func (f minutesFilter) text(s string) bool {
	l := strings.ToLower(s)
	for _, w := range f.words {
		if !strings.Contains(l, w) {
			return false
		}
	}
	return true
}

func anyFold(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if strings.EqualFold(h, w) {
				return true
			}
		}
	}
	return false
}

// listDecisions returns the decisions over all reports that pass f, newest meeting first.
func (s *Server) listDecisions(f minutesFilter) ([]DecisionJSON, error) {
	all, err := s.opts.Searcher.Reports()
	if err != nil {
		return nil, err
	}
	out := []DecisionJSON{}
	for _, r := range all {
		if !f.report(r) || len(f.people) > 0 && !anyFold(speakerNames(r.Speakers), f.people) {
			continue
		}
		for _, d := range r.Decisions {
			if !f.text(d.Text) {
				continue
			}
			out = append(out, DecisionJSON{Text: d.Text, PassageID: d.PassageID, ReportID: r.ID, ReportTitle: r.Title,
				Date: r.Date, Series: r.Series.Name, URL: passageURL(d.PassageID)})
		}
	}
	return out, nil
}

// listActions returns the action items over all reports that pass f, newest meeting first.
func (s *Server) listActions(f minutesFilter) ([]ActionJSON, error) {
	all, err := s.opts.Searcher.Reports()
	if err != nil {
		return nil, err
	}
	out := []ActionJSON{}
	for _, r := range all {
		if !f.report(r) {
			continue
		}
		for _, a := range r.Actions {
			if !f.text(a.Text+" "+a.Owner) || f.status != "" && a.Status != f.status ||
				len(f.people) > 0 && !anyFold([]string{a.Owner}, f.people) {
				continue
			}
			out = append(out, ActionJSON{Text: a.Text, Owner: a.Owner, Due: a.Due, Status: a.Status, PassageID: a.PassageID,
				ReportID: r.ID, ReportTitle: r.Title, Date: r.Date, Series: r.Series.Name, URL: passageURL(a.PassageID)})
		}
	}
	return out, nil
}

// passageURL is the address of a passage on its report page.
func passageURL(passageID string) string {
	id, n, _ := strings.Cut(passageID, "#")
	return "/verslagen/" + url.PathEscape(id) + "#" + n
}

func pageOf[T any](items []T, page, size int) []T {
	start := min((page-1)*size, len(items))
	return items[start:min(start+size, len(items))]
}

func (s *Server) decisions(c *gin.Context) {
	f, err := readMinutesFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	all, err := s.listDecisions(f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, DecisionsResponse{Total: len(all), Page: f.page, Size: f.size, Decisions: pageOf(all, f.page, f.size)})
}

func (s *Server) actions(c *gin.Context) {
	f, err := readMinutesFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	all, err := s.listActions(f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ActionsResponse{Total: len(all), Page: f.page, Size: f.size, Actions: pageOf(all, f.page, f.size)})
}

// SeriesJSON is the series of meetings a report belongs to, with the meetings before
// and after it.
type SeriesJSON struct {
	Name     string          `json:"name"`
	Previous *SeriesLinkJSON `json:"previous,omitempty"`
	Next     *SeriesLinkJSON `json:"next,omitempty"`
}

// SeriesLinkJSON names another meeting of the series.
type SeriesLinkJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
	URL   string `json:"url"`
}

func reportSeries(r indexer.ReportRecord) *SeriesJSON {
	if r.Series.Name == "" {
		return nil
	}
	link := func(l *indexer.SeriesLink) *SeriesLinkJSON {
		if l == nil {
			return nil
		}
		return &SeriesLinkJSON{ID: l.ID, Title: l.Title, Date: l.Date, URL: "/verslagen/" + url.PathEscape(l.ID)}
	}
	return &SeriesJSON{Name: r.Series.Name, Previous: link(r.Series.Previous), Next: link(r.Series.Next)}
}
