package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Keys for chromedp.KeyEvent.
const (
	keyTab       = kb.Tab
	keyEnter     = kb.Enter
	keyArrowDown = kb.ArrowDown
)

// envRequireBrowser, when "1", makes a missing Chromium fail the browser tests instead
// of skipping them (CI installs it).
const envRequireBrowser = "KENNISBANK_REQUIRE_BROWSER"

// browser starts a headless Chromium for a test and returns its context. The browser
// runs as long as the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("KENNISBANK_CHROMIUM")
	if path == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if os.Getenv(envRequireBrowser) == "1" {
			t.Fatal("no Chromium found (install Debian's chromium, or set KENNISBANK_CHROMIUM)")
		}
		t.Skip("no Chromium found; browser tests skipped (install Debian's chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first action starts the browser; it must not run under a timeout.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// until waits for a JavaScript condition to hold in the page.
func until(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](cond)
}

// TestBeheerInBrowser uses the management page in a real browser on a 360 px phone:
// sign in with the token, upload a report and see what was read (in Dutch), correct
// its title and choose a theme from the vocabulary, and after a reload (no new
// sign-in) correct it from the list, where the form opens with the report, and delete
// it. An upload with personal data waits in the review queue, one finding a line.
func TestBeheerInBrowser(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	ts, _ := ingestServer(t, Options{})
	file := filepath.Join(t.TempDir(), "werkgroep onderwijs.txt")
	if err := os.WriteFile(file, []byte(uploadText), 0o644); err != nil {
		t.Fatal(err)
	}
	C := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/beheer"),
		chromedp.WaitVisible(C("#token")),
		chromedp.SendKeys(C("#token"), testToken),
		chromedp.Click(C("#token-form button")),
		chromedp.WaitVisible(C("#beheer")),
		until(`document.querySelector('#verslagen').textContent.includes('Opstart Expertisecentrum Jeugdhulp Limburg')`),
		chromedp.SetUploadFiles(C("#bestand"), []string{file}),
		chromedp.Click(C("#upload-form button")),
		chromedp.WaitVisible(C("#upload-resultaat dl")),
	)
	if err != nil {
		t.Fatalf("upload in the browser: %v", err)
	}
	result, err := chromedp.Run(ctx, chromedp.Text(C("#upload-resultaat")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"12 maart 2024 (uit de tekst)", "Ahmed Yilmaz", "werkgroep-onderwijs.txt (tekst)"} {
		if !strings.Contains(result, want) {
			t.Errorf("upload result %q lacks %q", result, want)
		}
	}

	const title = "Werkgroep onderwijs en jeugdhulp, maart"
	err = chromedp.Do(ctx,
		chromedp.Click(C("#upload-resultaat button")),
		chromedp.WaitVisible(C("#corrigeren")),
		until(`document.querySelector('#c-datum').value === '2024-03-12'`),
		until(`document.querySelectorAll('#c-themas input[type=checkbox]').length >= 30`),
		until(`document.querySelector('#c-themas input[value="onderwijs"]').checked`),
		chromedp.SetValue(C("#c-titel"), title),
		chromedp.Click(C(`#c-themas input[value="pleegzorg"]`)),
		chromedp.Click(C(`#correctie-form button[type=submit]`)),
		until(`document.querySelector('#status').textContent.includes('Opgeslagen')`),
	)
	if err != nil {
		t.Fatalf("correction in the browser: %v", err)
	}
	var rep ReportResponse
	if status := getJSON(t, ts, "/api/v1/reports/werkgroep-onderwijs", &rep); status != http.StatusOK || rep.Title != title ||
		!slices.Contains(rep.Themes, "pleegzorg") || !slices.Contains(rep.Themes, "onderwijs") {
		t.Errorf("after the correction: status %d title %q themes %q", status, rep.Title, rep.Themes)
	}
	checkFitsScreen(t, ctx, "beheer with the correction form (telefoon)", 360)
	axe := axeIfFound(t)
	if axe != "" {
		checkAccessibility(t, ctx, axe, "beheer with the correction form (telefoon)")
	}

	err = chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(C("#beheer")),
		until(`document.querySelector('#verslagen').textContent.includes('`+title+`')`),
		chromedp.Click(chromedp.Search(`//li[contains(., "`+title+`")]/button`)),
		until(`document.querySelector('#c-titel').value === '`+title+`'`),
		// The form stands with the report it corrects.
		until(`document.querySelector('#verslagen li[data-id="werkgroep-onderwijs"] #correctie-form') !== null`),
		// Deleting asks for confirmation: answer yes.
		chromedp.Evaluate[chromedp.Void](`window.confirm = function () { return true; }`),
		chromedp.Click(C("#c-verwijderen")),
		until(`document.querySelector('#status').textContent.includes('Verwijderd')`),
	)
	if err != nil {
		t.Fatalf("delete in the browser: %v", err)
	}
	var e json.RawMessage
	if status := getJSON(t, ts, "/api/v1/reports/werkgroep-onderwijs", &e); status != http.StatusNotFound {
		t.Errorf("deleted report: status %d, want 404", status)
	}

	// An upload with personal data waits for review, each finding on a line.
	private := filepath.Join(t.TempDir(), "casus.txt")
	text := uploadText + "\nDe casus van de jongen (BSN 111222333, geboren op 3 mei 2011) werd besproken; moeder is bereikbaar op 06-12345678.\n"
	if err := os.WriteFile(private, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(C("#bestand"), []string{private}),
		chromedp.Click(C("#upload-form button")),
		until(`document.querySelectorAll('#wachtrij > li > ul > li').length >= 3`),
	)
	if err != nil {
		t.Fatalf("held upload in the browser: %v", err)
	}
	lines, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#wachtrij > li > ul > li')).map(li => li.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if strings.Contains(l, "111222333") || strings.Count(l, ": ") != 1 {
			t.Errorf("review queue line %q: want one masked finding", l)
		}
	}
	checkFitsScreen(t, ctx, "beheer with the review queue (telefoon)", 360)
	if axe != "" {
		checkAccessibility(t, ctx, axe, "beheer with the review queue (telefoon)")
	}
}

// TestSearchPageInBrowser searches on the search page (no JavaScript needed), follows a
// highlighted passage to its report and lands on that passage.
func TestSearchPageInBrowser(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	ts := mustServer(t, Options{})
	C := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"), chromedp.SendKeys(C("#q"), "gesloten jeugdzorg")); err != nil {
		t.Fatal(err)
	}
	// Each click loads a page: wait for it before looking at it.
	if resp, err := chromedp.RunResponse(ctx, chromedp.Click(C(".zoek button"))); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("submit the search: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(C(".groep mark"))); err != nil {
		t.Fatal(err)
	}
	if resp, err := chromedp.RunResponse(ctx, chromedp.Click(C(".passages a"))); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("follow the first hit: %v", err)
	}
	err := chromedp.Do(ctx,
		until(`location.pathname === '/verslagen/expertisecentrum-jeugdhulp-limburg' && location.hash === '#p9'`),
		until(`document.querySelector('#p9 mark') !== null`),
	)
	if err != nil {
		t.Fatalf("land on the passage: %v", err)
	}
	target, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(':target').id`))
	if err != nil || target != "p9" {
		t.Errorf("the passage is not the page's target: %q %v", target, err)
	}
}

// lateServer serves the default corpus on an address known at once, with options set
// later: those that name other test servers (CORS origins), known only once they listen.
func lateServer(t *testing.T) (*httptest.Server, func(Options)) {
	t.Helper()
	ix := mustIndex(t)
	var mu sync.Mutex
	var handler http.Handler
	kb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := handler
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(kb.Close)
	return kb, func(opts Options) {
		opts.Searcher, opts.Library = ix, ix
		mu.Lock()
		handler = New(opts).Handler()
		mu.Unlock()
	}
}

// hostPage serves a page of another website that embeds the widget of kb.
func hostPage(t *testing.T, kb string) *httptest.Server {
	t.Helper()
	return hostPageWith(t, kb, `results="3"`)
}

// hostPageWith is hostPage with the given attributes on the widget.
func hostPageWith(t *testing.T, kb, attrs string) *httptest.Server {
	t.Helper()
	page := `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Programmasite</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:serif} input{border:5px solid red}</style>
<script src="` + kb + `/widget.js" defer></script></head>
<body><h1>Jeugdhulp in de regio</h1><kennisbank-zoek ` + attrs + `></kennisbank-zoek></body></html>`
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(host.Close)
	return host
}

// shadow evaluates a JavaScript expression over the widget's shadow root, bound as r.
func shadow(expr string) string {
	return `(function () { var r = document.querySelector('kennisbank-zoek').shadowRoot; return ` + expr + `; })()`
}

// TestWidgetOnHostPage embeds the search box on a page of another origin, uses it with
// the keyboard alone (tab to the box, type, arrow to a suggestion, Enter), follows a
// result to the report, and checks that an origin not in server.cors_origins gets no
// answer.
func TestWidgetOnHostPage(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()

	kb, setOptions := lateServer(t)
	host := hostPage(t, kb.URL)
	setOptions(Options{CORSOrigins: []string{host.URL}})

	err := chromedp.Do(ctx,
		chromedp.Navigate(host.URL+"/"),
		until(shadow(`r !== null && r.querySelector('input') !== null`)),
		chromedp.KeyEvent(keyTab),
		until(shadow(`r.activeElement === r.querySelector('input')`)),
		chromedp.KeyEvent("gesloten jeugd"),
		until(shadow(`r.querySelectorAll('[role=option]').length > 0`)),
		chromedp.KeyEvent(keyArrowDown),
		until(shadow(`r.querySelector('[role=option][aria-selected=true]') !== null`)),
		chromedp.KeyEvent(keyEnter),
		until(shadow(`r.querySelectorAll('.resultaten li').length > 0`)),
	)
	if err != nil {
		t.Fatalf("keyboard use of the widget: %v", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](shadow(`({
		query: r.querySelector('input').value,
		results: r.querySelectorAll('.resultaten li').length,
		marks: r.querySelectorAll('.resultaten mark').length,
		href: r.querySelector('.resultaten a').href,
		border: getComputedStyle(r.querySelector('input')).borderTopWidth
	})`)))
	if err != nil {
		t.Fatal(err)
	}
	if state["query"] != "gesloten jeugdzorg" || state["results"].(float64) < 1 || state["results"].(float64) > 3 ||
		state["marks"].(float64) == 0 || state["border"] == "5px" {
		t.Errorf("widget state %v: want the chosen suggestion, 1–3 highlighted results, the host's CSS kept out", state)
	}
	href, _ := state["href"].(string)
	if !strings.HasPrefix(href, kb.URL+"/verslagen/") || !strings.Contains(href, "#p") {
		t.Fatalf("result link %q", href)
	}
	if resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(href)); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("follow the result: %v", err)
	}
	if err := chromedp.Do(ctx, until(`document.querySelector(':target') !== null && document.querySelector(':target mark') !== null`)); err != nil {
		t.Errorf("the report page does not land on a highlighted passage: %v", err)
	}

	// A site whose origin is not allowed gets no results.
	other := hostPage(t, kb.URL)
	err = chromedp.Do(ctx,
		chromedp.Navigate(other.URL+"/"),
		until(shadow(`r !== null && r.querySelector('input') !== null`)),
		chromedp.Evaluate[chromedp.Void](shadow(`(r.querySelector('input').value = 'jeugdzorg', r.querySelector('form').requestSubmit())`)),
		until(shadow(`r.querySelector('[role=status]').textContent.includes('niet bereikbaar')`)),
	)
	if err != nil {
		t.Errorf("a refused origin: %v", err)
	}
}

// TestSearchSuggestionsInBrowser types in the search page's box and takes a suggestion
// with the keyboard.
func TestSearchSuggestionsInBrowser(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancel()
	ts := mustServer(t, Options{})
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.Click(chromedp.CSS("#q")),
		chromedp.KeyEvent("Peter Dijk"),
		until(`document.querySelectorAll('#q-suggesties [role=option]').length > 0`),
		chromedp.KeyEvent(keyArrowDown),
		until(`document.querySelector('#q').getAttribute('aria-activedescendant') === 'q-s0'`),
	)
	if err != nil {
		t.Fatalf("suggestions: %v", err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(keyEnter)); err != nil {
		t.Fatalf("take a suggestion: %v", err)
	}
	// A speaker is taken as the speaker filter: what he said, not where he is named.
	sp, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new URLSearchParams(location.search).get('speaker') + '|' + (new URLSearchParams(location.search).get('q') || '')`))
	if err != nil || sp != "Peter Dijkshoorn|" {
		t.Errorf("speaker|q = %q (%v), want the speaker filter and no words", sp, err)
	}
}

func TestWidgetIsSmall(t *testing.T) {
	data, err := web.ReadFile("web/widget.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(data) >= 15000 {
		t.Errorf("widget.js is %d bytes, want under 15 kB", len(data))
	}
}
