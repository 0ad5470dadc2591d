package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kennisbank/indexer/search"
	"kennisbank/server"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	var cf commonFlags
	cf.register(fs)
	asJSON := fs.Bool("json", false, "druk het JSON-antwoord van de API af")
	var speakers, themes stringList
	fs.Var(&speakers, "speaker", "alleen passages van deze spreker (herhaalbaar)")
	fs.Var(&themes, "theme", "alleen over dit thema (herhaalbaar)")
	from := fs.String("from", "", "vanaf datum JJJJ-MM-DD")
	to := fs.String("to", "", "tot en met datum JJJJ-MM-DD")
	sortBy := fs.String("sort", "", "relevance, date_desc of date_asc")
	page := fs.Int("page", 1, "pagina")
	size := fs.Int("size", 10, "resultaten per pagina (1-50)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	c, err := cf.load()
	if err != nil {
		return err
	}
	req := search.Request{
		Query: strings.Join(fs.Args(), " "), Speakers: speakers, Themes: themes,
		From: *from, To: *to, Sort: *sortBy, Page: *page, Size: *size,
	}

	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	var resp server.SearchResponse
	ix, err := openIndex(c, logger)
	switch {
	case err == nil:
		defer ix.Close()
		if _, err := ix.Sync(ctx, nil); err != nil {
			return err
		}
		res, err := ix.Search(ctx, req)
		if err != nil {
			return searchError(err)
		}
		resp = server.NewSearchResponse(res)
	case strings.Contains(err.Error(), "draaiende server"):
		// The running server holds the index: ask it.
		if resp, err = searchRemote(ctx, c.Server.Addr, req); err != nil {
			return err
		}
	default:
		return err
	}

	absoluteLinks(&resp, c.Server.BaseURL)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	printHits(stdout, resp)
	return nil
}

func searchError(err error) error {
	var re *search.RequestError
	if errors.As(err, &re) {
		return fmt.Errorf("%s", re.Message)
	}
	return err
}

// printHits prints results for a person at a terminal.
func printHits(w io.Writer, r server.SearchResponse) {
	if r.Total == 0 {
		fmt.Fprintln(w, "Geen resultaten.")
		return
	}
	switch {
	case r.Corrected:
		fmt.Fprintf(w, "Geen resultaten; hieronder de resultaten voor: %s\n", r.DidYouMean)
	case r.DidYouMean != "":
		fmt.Fprintf(w, "Bedoelde u: %s\n", r.DidYouMean)
	}
	noun := "resultaten"
	if r.Total == 1 {
		noun = "resultaat"
	}
	fmt.Fprintf(w, "%d %s (pagina %d):\n\n", r.Total, noun, r.Page)
	for i, h := range r.Hits {
		head := h.ReportTitle
		if h.Date != "" {
			head += " — " + h.Date
		}
		fmt.Fprintf(w, "%d. %s\n", (r.Page-1)*r.Size+i+1, head)
		var meta []string
		if h.Section != "" {
			meta = append(meta, "sectie: "+h.Section)
		}
		if len(h.Speakers) > 0 {
			meta = append(meta, "spreker: "+strings.Join(h.Speakers, ", "))
		}
		if len(h.Themes) > 0 {
			meta = append(meta, "thema's: "+strings.Join(h.Themes, ", "))
		}
		if len(meta) > 0 {
			fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		}
		fmt.Fprintf(w, "   %s\n   %s\n\n", plainSnippet(h.Snippet), h.URL)
	}
}

// absoluteLinks makes the links of r absolute on base (server.base_url), so that they
// can be opened from a terminal or pasted in a message; without a base they stay
// paths on the server.
func absoluteLinks(r *server.SearchResponse, base string) {
	base = strings.TrimRight(base, "/")
	if base == "" {
		return
	}
	for i, h := range r.Hits {
		if strings.HasPrefix(h.URL, "/") {
			r.Hits[i].URL = base + h.URL
		}
	}
}

// plainSnippet turns an HTML snippet into text, marking hits with »…«.
func plainSnippet(s string) string {
	s = strings.ReplaceAll(s, "<mark>", "»")
	s = strings.ReplaceAll(s, "</mark>", "«")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// searchRemote asks the server at addr, for when it holds the index.
func searchRemote(ctx context.Context, addr string, r search.Request) (server.SearchResponse, error) {
	var out server.SearchResponse
	v := url.Values{}
	if r.Query != "" {
		v.Set("q", r.Query)
	}
	for _, s := range r.Speakers {
		v.Add("speaker", s)
	}
	for _, t := range r.Themes {
		v.Add("theme", t)
	}
	for k, val := range map[string]string{"from": r.From, "to": r.To, "sort": r.Sort} {
		if val != "" {
			v.Set(k, val)
		}
	}
	v.Set("page", strconv.Itoa(r.Page))
	v.Set("size", strconv.Itoa(r.Size))
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/api/v1/search?"+v.Encode(), nil)
	if err != nil {
		return out, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return out, fmt.Errorf("de index is in gebruik door een server op %s, maar die antwoordt niet: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&e)
		return out, fmt.Errorf("server antwoordt %s: %s", resp.Status, e.Error.Message)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return out, fmt.Errorf("antwoord van de server: %w", err)
	}
	return out, nil
}
