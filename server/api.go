package server

import (
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kennisbank/indexer"
	"kennisbank/indexer/meeting"
	"kennisbank/indexer/search"
)

// SearchResponse is the JSON answer of GET /api/v1/search.
type SearchResponse struct {
	Total  uint64      `json:"total"`
	TookMS float64     `json:"took_ms"`
	Page   int         `json:"page"`
	Size   int         `json:"size"`
	Hits   []SearchHit `json:"hits"`
	Facets FacetsJSON  `json:"facets"`
	// DidYouMean is offered when the query finds little: the query with its unknown
	// words spelt as the reports spell them.
	DidYouMean string `json:"did_you_mean,omitempty"`
	// Corrected says the query found nothing and the hits are those of DidYouMean.
	Corrected bool `json:"corrected,omitempty"`
	// Forgiving says few or no meetings hold every word, and the hits after those
	// hold most of the words.
	Forgiving bool `json:"forgiving,omitempty"`
	// Groups and TotalGroups answer group=report: one entry per report, its best
	// passages inside; hits is then empty and total still counts passages.
	Groups      []GroupJSON `json:"groups,omitempty"`
	TotalGroups *int        `json:"total_groups,omitempty"`
}

// GroupJSON is one report in a grouped search response.
type GroupJSON struct {
	ReportID    string      `json:"report_id"`
	ReportTitle string      `json:"report_title"`
	Date        string      `json:"date,omitempty"`
	Speakers    []string    `json:"speakers"`
	Themes      []string    `json:"themes"`
	Score       float64     `json:"score"`
	Matches     int         `json:"matches"`
	URL         string      `json:"url"`
	Passages    []SearchHit `json:"passages"`
}

// SearchHit is one passage in a SearchResponse.
type SearchHit struct {
	PassageID   string   `json:"passage_id"`
	ReportID    string   `json:"report_id"`
	ReportTitle string   `json:"report_title"`
	Date        string   `json:"date,omitempty"`
	Section     string   `json:"section,omitempty"`
	Speakers    []string `json:"speakers"`
	Themes      []string `json:"themes"`
	Snippet     string   `json:"snippet"`
	Score       float64  `json:"score"`
	URL         string   `json:"url"`
}

// FacetsJSON holds the facet counts of a SearchResponse.
type FacetsJSON struct {
	Speakers      []FacetJSON `json:"speakers"`
	Themes        []FacetJSON `json:"themes"`
	Organisations []FacetJSON `json:"organisations"`
	Places        []FacetJSON `json:"places"`
	Years         []FacetJSON `json:"years"`
}

// FacetJSON is one facet value and its count.
type FacetJSON struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// NewSearchResponse renders a search result as the API's JSON.
func NewSearchResponse(r *search.Result) SearchResponse {
	out := SearchResponse{
		Total:      r.Total,
		TookMS:     float64(r.Took.Microseconds()) / 1000,
		Page:       r.Page,
		Size:       r.Size,
		Hits:       make([]SearchHit, 0, len(r.Hits)),
		DidYouMean: r.DidYouMean,
		Corrected:  r.Corrected,
		Forgiving:  r.Forgiving,
		Facets: FacetsJSON{
			Speakers:      facets(r.Facets.Speakers),
			Themes:        facets(r.Facets.Themes),
			Organisations: facets(r.Facets.Organisations),
			Places:        facets(r.Facets.Places),
			Years:         facets(r.Facets.Years),
		},
	}
	for _, h := range r.Hits {
		out.Hits = append(out.Hits, searchHit(h))
	}
	if r.Groups != nil {
		n := r.TotalGroups
		out.TotalGroups = &n
		out.Groups = make([]GroupJSON, 0, len(r.Groups))
		for _, g := range r.Groups {
			gj := GroupJSON{ReportID: g.ReportID, ReportTitle: g.ReportTitle, Date: g.Date,
				Speakers: nonNil(g.Speakers), Themes: nonNil(g.Themes), Score: g.Score, Matches: g.Matches,
				URL: "/verslagen/" + url.PathEscape(g.ReportID), Passages: make([]SearchHit, 0, len(g.Passages))}
			for _, h := range g.Passages {
				gj.Passages = append(gj.Passages, searchHit(h))
			}
			out.Groups = append(out.Groups, gj)
		}
	}
	return out
}

func searchHit(h search.Hit) SearchHit {
	return SearchHit{
		PassageID:   h.PassageID,
		ReportID:    h.ReportID,
		ReportTitle: h.ReportTitle,
		Date:        h.Date,
		Section:     h.Section,
		Speakers:    nonNil(h.Speakers),
		Themes:      nonNil(h.Themes),
		Snippet:     h.Snippet,
		Score:       h.Score,
		URL:         reportURL(h.ReportID, "", passageAnchor(h)),
	}
}

// passageAnchor is the anchor of a hit's passage on its report page ("p12").
func passageAnchor(h search.Hit) string {
	return strings.TrimPrefix(h.PassageID, h.ReportID+"#")
}

func facets(in []search.FacetValue) []FacetJSON {
	out := make([]FacetJSON, 0, len(in))
	for _, f := range in {
		out = append(out, FacetJSON{Value: f.Value, Count: f.Count})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Server) search(c *gin.Context) {
	req, err := searchRequest(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	res, err := s.runSearch(c, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, NewSearchResponse(res))
}

// searchRequest reads and checks the query parameters of a search.
func searchRequest(v url.Values) (search.Request, error) {
	if err := knownParams(v, searchParamsHint, searchParams); err != nil {
		return search.Request{}, err
	}
	for _, single := range singleParams {
		if len(v[single]) > 1 {
			return search.Request{}, &search.RequestError{Field: single, Message: single + " mag maar één keer voorkomen"}
		}
	}
	req := search.Request{
		Query: v.Get("q"),
		From:  v.Get("from"),
		To:    v.Get("to"),
		Sort:  v.Get("sort"),
		Group: v.Get("group"),
	}
	if k := v.Get("kind"); k != "" {
		req.Kinds = []string{k}
	}
	for _, f := range filterParams {
		*f.field(&req) = v[f.name]
	}
	var err error
	if req.Page, err = intParam(v, "page", "page moet een geheel getal zijn, 1 of hoger"); err != nil {
		return req, err
	}
	if req.Size, err = intParam(v, "size", "size moet een geheel getal tussen 1 en 50 zijn"); err != nil {
		return req, err
	}
	return req, checkSearchLimits(req)
}

// knownParams fails on a parameter that is not in allowed; hint lists those in Dutch.
// A parameter without a name ("?&q=x", "?=") is ignored: it asks for nothing.
func knownParams(v url.Values, hint string, allowed map[string]bool) error {
	for k := range v {
		if k != "" && !allowed[k] {
			return &search.RequestError{Field: k, Message: "onbekende parameter " + strconv.Quote(k) + "; gebruik " + hint}
		}
	}
	return nil
}

func intParam(v url.Values, name, msg string) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, &search.RequestError{Field: name, Message: msg}
	}
	return n, nil
}

// StatusResponse is the JSON answer of GET /api/v1/status.
type StatusResponse struct {
	Reports        int           `json:"reports"`
	Passages       int           `json:"passages"`
	LastSync       *time.Time    `json:"last_sync"`
	IndexSizeBytes int64         `json:"index_size_bytes"`
	Skipped        []SkippedJSON `json:"skipped"`
	// DiskFreeBytes is the free space on the fuller disk of corpus and index (absent
	// when it cannot be read); DiskNearlyFull says uploads are refused for lack of it.
	DiskFreeBytes  *int64 `json:"disk_free_bytes,omitempty"`
	DiskNearlyFull bool   `json:"disk_nearly_full"`
}

// SkippedJSON is a corpus file that is not in the index, with the reason.
type SkippedJSON struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

func (s *Server) status(c *gin.Context) {
	st := s.opts.Searcher.Status()
	out := StatusResponse{Reports: st.Reports, Passages: st.Passages, IndexSizeBytes: st.SizeBytes, Skipped: []SkippedJSON{},
		DiskNearlyFull: st.DiskNearlyFull}
	if st.DiskFreeBytes >= 0 {
		out.DiskFreeBytes = &st.DiskFreeBytes
	}
	if !st.LastSync.IsZero() {
		t := st.LastSync.UTC()
		out.LastSync = &t
	}
	for _, sk := range st.Skipped {
		out.Skipped = append(out.Skipped, SkippedJSON{File: sk.File, Reason: sk.Reason})
	}
	c.JSON(http.StatusOK, out)
}

// ReportSummary is a report in a list.
type ReportSummary struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Date     string   `json:"date,omitempty"`
	Speakers []string `json:"speakers"`
	Themes   []string `json:"themes"`
	Passages int      `json:"passages"`
	URL      string   `json:"url"`
}

// ReportsResponse is the JSON answer of GET /api/v1/reports.
type ReportsResponse struct {
	Total   int             `json:"total"`
	Page    int             `json:"page"`
	Size    int             `json:"size"`
	Reports []ReportSummary `json:"reports"`
}

func (s *Server) reports(c *gin.Context) {
	v := c.Request.URL.Query()
	if err := knownParams(v, "page of size", map[string]bool{"page": true, "size": true}); err != nil {
		s.fail(c, err)
		return
	}
	page, err := intParam(v, "page", "page moet een geheel getal zijn, 1 of hoger")
	if err != nil {
		s.fail(c, err)
		return
	}
	size, err := intParam(v, "size", "size moet een geheel getal tussen 1 en 100 zijn")
	if err != nil || size > 100 {
		s.fail(c, &search.RequestError{Field: "size", Message: "size moet een geheel getal tussen 1 en 100 zijn"})
		return
	}
	if page == 0 {
		page = 1
	}
	if size == 0 {
		size = 20
	}
	all, err := s.opts.Searcher.Reports()
	if err != nil {
		s.fail(c, err)
		return
	}
	out := ReportsResponse{Total: len(all), Page: page, Size: size, Reports: []ReportSummary{}}
	start := min((page-1)*size, len(all))
	for _, r := range all[start:min(start+size, len(all))] {
		out.Reports = append(out.Reports, ReportSummary{
			ID: r.ID, Title: r.Title, Date: r.Date, Speakers: speakerNames(r.Speakers),
			Themes: nonNil(r.Themes), Passages: r.Passages, URL: "/verslagen/" + url.PathEscape(r.ID),
		})
	}
	c.JSON(http.StatusOK, out)
}

// ReportResponse is the JSON answer of GET /api/v1/reports/{id}.
type ReportResponse struct {
	ID              string         `json:"id"`
	Title           string         `json:"title"`
	Date            string         `json:"date,omitempty"`
	DateSource      string         `json:"date_source,omitempty"`
	NextMeetingDate string         `json:"next_meeting_date,omitempty"`
	SourceFile      string         `json:"source_file"`
	Format          string         `json:"format"`
	Places          []string       `json:"places"`
	Organisations   []string       `json:"organisations"`
	Speakers        []SpeakerJSON  `json:"speakers"`
	Sections        []string       `json:"sections"`
	Themes          []string       `json:"themes"`
	Warnings        []string       `json:"warnings,omitempty"`
	Passages        []PassageJSON  `json:"passages"`
	Decisions       []DecisionJSON `json:"decisions"`
	Actions         []ActionJSON   `json:"actions"`
	Series          *SeriesJSON    `json:"series,omitempty"`
	// PublicationDate is when the report was sent or written (an e-mail's Date
	// header, a document's properties), apart from the meeting date.
	PublicationDate string `json:"publication_date,omitempty"`
	// AttachedTo is the id of the e-mail report this report was attached to;
	// Attachments the ids of the reports made from this one's attachments.
	AttachedTo  string   `json:"attached_to,omitempty"`
	Attachments []string `json:"attachments,omitempty"`
	// Properties are what a Word or OpenDocument file or an e-mail states about
	// itself (title, author, dates); the report's own fields come from its text.
	Properties *indexer.DocumentProperties `json:"properties,omitempty"`
}

// SpeakerJSON is a speaker of a report.
type SpeakerJSON struct {
	Name         string   `json:"name"`
	Aliases      []string `json:"aliases,omitempty"`
	Role         string   `json:"role,omitempty"`
	Organisation string   `json:"organisation,omitempty"`
}

// PassageJSON is a passage of a report.
type PassageJSON struct {
	ID       string   `json:"id"`
	Section  string   `json:"section,omitempty"`
	Text     string   `json:"text"`
	Speakers []string `json:"speakers"`
	Themes   []string `json:"themes"`
}

func (s *Server) report(c *gin.Context) {
	id := c.Param("id")
	r, err := s.opts.Searcher.Report(id)
	if err != nil {
		s.fail(c, err)
		return
	}
	ps, err := s.opts.Searcher.Passages(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, newReportResponse(r, ps))
}

// newReportResponse renders a report and its passages as the API's JSON.
func newReportResponse(r indexer.ReportRecord, ps []indexer.PassageRecord) ReportResponse {
	out := ReportResponse{
		ID: r.ID, Title: r.Title, Date: r.Date, DateSource: r.DateSource, NextMeetingDate: r.NextMeetingDate,
		SourceFile: r.SourceFile, Format: r.Format, Places: nonNil(r.Places), Organisations: nonNil(r.Organisations),
		Speakers: []SpeakerJSON{}, Sections: nonNil(r.Sections), Themes: nonNil(r.Themes), Warnings: r.Warnings,
		Passages:  make([]PassageJSON, 0, len(ps)),
		Decisions: reportDecisions(r), Actions: reportActions(r), Series: reportSeries(r),
		PublicationDate: r.PublicationDate, AttachedTo: r.AttachedTo, Attachments: r.Attachments,
		Properties: r.Properties,
	}
	for _, sp := range r.Speakers {
		out.Speakers = append(out.Speakers, SpeakerJSON{Name: sp.Name, Aliases: sp.Aliases, Role: sp.Role, Organisation: sp.Organisation})
	}
	for _, p := range ps {
		out.Passages = append(out.Passages, PassageJSON{ID: p.ID, Section: p.Section, Text: p.Text,
			Speakers: nonNil(p.Speakers), Themes: nonNil(p.Themes)})
	}
	return out
}

func speakerNames(sp []meeting.Speaker) []string {
	out := make([]string, 0, len(sp))
	for _, s := range sp {
		out = append(out, s.Name)
	}
	return out
}

// SpeakersResponse is the JSON answer of GET /api/v1/speakers.
type SpeakersResponse struct {
	Speakers []SpeakerSummaryJSON `json:"speakers"`
}

// SpeakerSummaryJSON is one person across all reports.
type SpeakerSummaryJSON struct {
	Name          string   `json:"name"`
	Slug          string   `json:"slug"`
	Aliases       []string `json:"aliases"`
	Roles         []string `json:"roles"`
	Organisations []string `json:"organisations"`
	Reports       []string `json:"reports"`
	Passages      int      `json:"passages"`
}

func (s *Server) speakers(c *gin.Context) {
	all, err := s.opts.Searcher.Speakers()
	if err != nil {
		s.fail(c, err)
		return
	}
	out := SpeakersResponse{Speakers: make([]SpeakerSummaryJSON, 0, len(all))}
	for _, sp := range all {
		out.Speakers = append(out.Speakers, SpeakerSummaryJSON{
			Name: sp.Name, Slug: sp.Slug, Aliases: nonNil(sp.Aliases), Roles: nonNil(sp.Roles),
			Organisations: nonNil(sp.Organisations), Reports: nonNil(sp.Reports), Passages: sp.Passages,
		})
	}
	c.JSON(http.StatusOK, out)
}

// ThemesResponse is the JSON answer of GET /api/v1/themes.
type ThemesResponse struct {
	Themes []ThemeSummaryJSON `json:"themes"`
}

// ThemeSummaryJSON is one theme across all reports.
type ThemeSummaryJSON struct {
	Name     string   `json:"name"`
	Slug     string   `json:"slug"`
	Reports  []string `json:"reports"`
	Passages int      `json:"passages"`
}

func (s *Server) themes(c *gin.Context) {
	all, err := s.opts.Searcher.Themes()
	if err != nil {
		s.fail(c, err)
		return
	}
	out := ThemesResponse{Themes: make([]ThemeSummaryJSON, 0, len(all))}
	for _, t := range all {
		out.Themes = append(out.Themes, ThemeSummaryJSON{Name: t.Name, Slug: t.Slug, Reports: nonNil(t.Reports), Passages: t.Passages})
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) reportSource(c *gin.Context) {
	p, err := s.opts.Searcher.SourcePath(c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.FileAttachment(p, filepath.Base(p))
}

// SuggestResponse is the JSON answer of GET /api/v1/suggest.
type SuggestResponse struct {
	Suggestions []SuggestionJSON `json:"suggestions"`
}

// SuggestionJSON is one completion: kind is speaker, theme or term.
type SuggestionJSON struct {
	Text string `json:"text"`
	Kind string `json:"kind"`
}

func (s *Server) suggest(c *gin.Context) {
	v := c.Request.URL.Query()
	if err := knownParams(v, "q of size", map[string]bool{"q": true, "size": true}); err != nil {
		s.fail(c, err)
		return
	}
	size, err := intParam(v, "size", "size moet een geheel getal tussen 1 en 20 zijn")
	if err != nil || size > search.MaxSuggestions {
		s.fail(c, &search.RequestError{Field: "size", Message: "size moet een geheel getal tussen 1 en 20 zijn"})
		return
	}
	if size == 0 {
		size = 8
	}
	if err := checkSuggestLimit(v.Get("q")); err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.searchContext(c)
	defer cancel()
	start := time.Now()
	list, err := s.opts.Searcher.Suggest(ctx, v.Get("q"), size)
	s.metrics.observeSuggest(err, time.Since(start))
	if err != nil {
		s.fail(c, err)
		return
	}
	out := SuggestResponse{Suggestions: make([]SuggestionJSON, 0, len(list))}
	for _, sg := range list {
		out.Suggestions = append(out.Suggestions, SuggestionJSON{Text: sg.Text, Kind: sg.Kind})
	}
	c.JSON(http.StatusOK, out)
}
