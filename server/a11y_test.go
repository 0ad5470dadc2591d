package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"kennisbank/internal/modroot"
)

// axeSource returns axe-core (the npm package's axe.min.js): from KENNISBANK_AXE, or
// node_modules/axe-core beside the module. Without it the test skips, or fails when
// CI requires the browser tests.
func axeSource(t *testing.T) string {
	t.Helper()
	axe := axeIfFound(t)
	if axe == "" {
		t.Skip("axe-core not found; accessibility checks skipped (npm install axe-core)")
	}
	return axe
}

// axeIfFound is axeSource for a test that has more to check than accessibility: it
// returns "" when axe-core is not found (unless CI requires the browser tests).
func axeIfFound(t *testing.T) string {
	t.Helper()
	path := os.Getenv("KENNISBANK_AXE")
	if path == "" {
		if root, err := modroot.Root(); err == nil {
			path = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv(envRequireBrowser) == "1" {
			t.Fatalf("axe-core not found (%v); npm install axe-core, or set KENNISBANK_AXE", err)
		}
		t.Logf("axe-core not found (%v); accessibility checks skipped (npm install axe-core)", err)
		return ""
	}
	return string(data)
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// checkAccessibility runs axe-core over the page in ctx at the WCAG 2.1 AA level.
func checkAccessibility(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("%s: inject axe-core: %v", name, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: 'tag',
		values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
		help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: run axe-core: %v", name, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s (%s): %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
	}
}

// screenshot saves the page as testoutput/screenshots/<name>.png (what the screen shows) under the module root.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	root, err := modroot.Root()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "testoutput", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPagesAccessibleInBrowser checks every page with axe-core at the WCAG 2.1 AA level,
// on a desktop and a phone width, and saves screenshots of the search page, a report
// and the widget on a host page.
func TestPagesAccessibleInBrowser(t *testing.T) {
	browserCtx := browser(t)
	axe := axeSource(t)
	ctx, cancel := context.WithTimeout(browserCtx, 3*time.Minute)
	defer cancel()

	kb, setOptions := lateServer(t)
	host := hostPage(t, kb.URL)
	setOptions(Options{CORSOrigins: []string{host.URL}, BaseURL: kb.URL})

	pages := []struct{ name, url, shot string }{
		{"zoeken", kb.URL + "/", ""},
		{"zoekresultaten", kb.URL + "/?q=" + url.QueryEscape("gesloten jeugdzorg"), "zoeken"},
		{"zoekresultaten met filters", kb.URL + "/zoeken?q=jeugdzorg&theme=" + url.QueryEscape("gesloten jeugdzorg") + "&from=2020-01-01&to=2020-12-31", ""},
		{"niets gevonden", kb.URL + "/?q=xyzzyplugh", ""},
		{"verslagen", kb.URL + "/verslagen", ""},
		{"verslag", kb.URL + "/verslagen/expertisecentrum-jeugdhulp-limburg?q=jeugdzorg#p9", "verslag"},
		{"sprekers", kb.URL + "/sprekers", ""},
		{"spreker", kb.URL + "/sprekers/peter-dijkshoorn", ""},
		{"themas", kb.URL + "/themas", ""},
		{"thema", kb.URL + "/themas/gesloten-jeugdzorg", ""},
		{"over", kb.URL + "/over", ""},
		{"beheer", kb.URL + "/beheer", ""},
		{"embed", kb.URL + "/embed?q=jeugdzorg", ""},
		{"niet gevonden", kb.URL + "/verslagen/bestaat-niet", ""},
		{"besluiten", kb.URL + "/besluiten", ""},
		{"besluiten gefilterd", kb.URL + "/besluiten?q=contact&from=2021-01-01", ""},
		{"acties", kb.URL + "/acties?status=open", ""},
		{"acties fout", kb.URL + "/acties?status=klaar", ""},
		{"verslag met besluiten", kb.URL + "/verslagen/mvs-terugkoppelbijeenkomst", ""},
	}
	for _, size := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"desktop", 1280, 900, false}, {"telefoon", 360, 740, true}} {
		var opts []chromedp.EmulateViewportOption
		if size.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, size.height, opts...)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(p.url)); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			checkAccessibility(t, ctx, axe, p.name+" ("+size.name+")")
			checkFitsScreen(t, ctx, p.name+" ("+size.name+")", size.width)
			if p.shot != "" {
				screenshot(t, ctx, p.shot+"-"+size.name)
			}
		}
		// The widget on a page of another site, after a search.
		err := chromedp.Do(ctx,
			chromedp.Navigate(host.URL+"/"),
			until(shadow(`r !== null && r.querySelector('input') !== null`)),
			chromedp.Evaluate[chromedp.Void](shadow(`(r.querySelector('input').value = 'gesloten jeugdzorg', r.querySelector('form').requestSubmit())`)),
			until(shadow(`r.querySelectorAll('.resultaten li').length > 0`)),
		)
		if err != nil {
			t.Fatalf("widget (%s): %v", size.name, err)
		}
		checkAccessibility(t, ctx, axe, "widget ("+size.name+")")
		screenshot(t, ctx, "widget-"+size.name)
	}
}

// checkFitsScreen fails when the page in ctx is wider than the screen, width pixels.
// It compares with the emulated width itself: a phone browser zooms a page that is too
// wide out until it fits, and then window.innerWidth grows with the page.
func checkFitsScreen(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Errorf("%s: measure the page: %v", name, err)
		return
	}
	if got > width {
		t.Errorf("%s: the page is %d px wide on a screen of %d px", name, got, width)
	}
}

// TestWithoutJavaScript runs the search page with JavaScript switched off.
func TestWithoutJavaScript(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	ts := mustServer(t, Options{})
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#q"), "samenwerking")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".zoek button"))); err != nil {
		t.Fatalf("submit without JavaScript: %v", err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#aantal")))
	if err != nil || !strings.Contains(text, "passages in") {
		t.Errorf("results without JavaScript: %q %v", text, err)
	}
	// Following a facet works too.
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(".facetten a"))); err != nil {
		t.Fatalf("facet without JavaScript: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if err == nil && !strings.Contains(loc, "q=samenwerking") {
		t.Errorf("facet link lost the query: %q", loc)
	}
	// /over shows the embed code; the copy button, which needs the script, stays away.
	if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(ts.URL+"/over")); err != nil {
		t.Fatal(err)
	}
	over, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({code: document.querySelector('#inbouwcode').textContent,
		button: document.querySelector('button[data-kopieer]').getClientRects().length})`))
	if err != nil || !strings.Contains(over["code"].(string), "/widget.js") || over["button"] != float64(0) {
		t.Errorf("/over without JavaScript: %v %v, want the code and no copy button", over, err)
	}
}

// TestEmbedInIframe frames /embed on an allowed site, which learns the frame's height,
// and on a site that is not allowed, whose frame stays empty.
func TestEmbedInIframe(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	kb, setOptions := lateServer(t)
	framing := func() *httptest.Server {
		page := `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Site</title></head><body>
<iframe id="kb" title="Zoeken in de Kennisbank" src="` + kb.URL + `/embed?q=jeugdzorg" style="width:100%;border:0"></iframe>
<script>window.addEventListener('message', function (e) {
  if (e.data && e.data.kennisbank === 'height') { document.getElementById('kb').style.height = e.data.height + 'px'; window.kbHeight = e.data.height; }
});</script></body></html>`
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		}))
		t.Cleanup(s.Close)
		return s
	}
	allowed, refused := framing(), framing()
	setOptions(Options{CORSOrigins: []string{allowed.URL}})

	if err := chromedp.Do(ctx, chromedp.Navigate(allowed.URL+"/"), until(`window.kbHeight > 100`)); err != nil {
		t.Fatalf("the allowed site does not learn the frame's height: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(refused.URL+"/"), chromedp.Sleep(1500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.kbHeight || 0`))
	if err != nil || h != 0 {
		t.Errorf("a site not in server.cors_origins framed /embed (height %v, %v)", h, err)
	}
}
