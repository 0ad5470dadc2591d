package server

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWidgetAllResultsInBrowser uses a widget with fixed filters: a search submitted
// while suggestions are still on their way leaves the suggestion list closed, and
// after the few results the widget shows, "Alle resultaten" leads to the full search
// on the Kennisbank with the same words and filters.
func TestWidgetAllResultsInBrowser(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	kb, setOptions := lateServer(t)
	host := hostPageWith(t, kb.URL, `results="1" theme="gesloten jeugdzorg" filter="place=Roermond"`)
	setOptions(Options{CORSOrigins: []string{host.URL}})

	err := chromedp.Do(ctx,
		chromedp.Navigate(host.URL+"/"),
		until(shadow(`r !== null && r.querySelector('input') !== null`)),
		chromedp.KeyEvent("\t"),
		until(shadow(`r.activeElement === r.querySelector('input')`)),
		// Type and submit at once: the suggestions asked for while typing come later.
		chromedp.KeyEvent("jeugdzorg"),
		chromedp.KeyEvent(keyEnter),
		until(shadow(`r.querySelectorAll('.resultaten li').length > 0`)),
		// Give a late suggestion time to arrive (it must not open the list).
		chromedp.Sleep(800*time.Millisecond),
	)
	if err != nil {
		t.Fatalf("search with the widget: %v", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](shadow(`({
		listHidden: r.querySelector('[role=listbox]').hidden,
		expanded: r.querySelector('input').getAttribute('aria-expanded'),
		results: r.querySelectorAll('.resultaten li').length,
		allShown: !r.querySelector('.alle').hidden,
		allText: r.querySelector('.alle a').textContent,
		allHref: r.querySelector('.alle a').href
	})`)))
	if err != nil {
		t.Fatal(err)
	}
	if state["listHidden"] != true || state["expanded"] != "false" {
		t.Errorf("after the search the suggestion list is open: %v", state)
	}
	if state["results"] != float64(1) || state["allShown"] != true || state["allText"] != "Alle resultaten" {
		t.Errorf("widget shows %v results and link %q (shown %v), want 1 and Alle resultaten", state["results"], state["allText"], state["allShown"])
	}
	href, _ := state["allHref"].(string)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme+"://"+u.Host != kb.URL || u.Path != "/" || q.Get("q") != "jeugdzorg" || q.Get("theme") != "gesloten jeugdzorg" ||
		q.Get("place") != "Roermond" || q.Has("size") {
		t.Errorf("Alle resultaten links %q, want the search page of %s with q, theme and place and no size", href, kb.URL)
	}
	if resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(href)); err != nil || resp.Status != 200 {
		t.Errorf("follow Alle resultaten: %v", err)
	}
}

// TestEmbedLinksLookLikeLinks checks that the result titles of /embed are underlined,
// in the link colour, and that it links all results.
func TestEmbedLinksLookLikeLinks(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	kb, setOptions := lateServer(t)
	setOptions(Options{BaseURL: "https://kennisbank.example.nl"})
	if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(kb.URL+"/embed?q=jeugdzorg&theme="+url.QueryEscape("gesloten jeugdzorg"))); err != nil {
		t.Fatal(err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`(function () {
		var a = document.querySelector('.treffers a'), s = getComputedStyle(a);
		var out = {underline: s.textDecorationLine, color: s.color, text: getComputedStyle(document.body).color,
			all: document.querySelector('.alle a') ? document.querySelector('.alle a').getAttribute('href') : ''};
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if state["underline"] != "underline" || state["color"] == state["text"] {
		t.Errorf("embed result titles do not look like links: %v", state)
	}
	if state["all"] != "https://kennisbank.example.nl/?q=jeugdzorg&theme=gesloten+jeugdzorg" {
		t.Errorf("embed links all results at %q", state["all"])
	}
}
