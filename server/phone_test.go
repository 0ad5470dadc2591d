package server

import (
	"context"
	"net/url"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestPhoneLayoutInBrowser looks at the pages on a 360 px phone screen: the search
// page offers its filters in a disclosure before the results (and beside them on a
// desktop), and the embed code on /over fits the screen and has a copy button.
func TestPhoneLayoutInBrowser(t *testing.T) {
	browserCtx := browser(t)
	ctx, cancel := context.WithTimeout(browserCtx, 2*time.Minute)
	defer cancel()
	kb, setOptions := lateServer(t)
	setOptions(Options{BaseURL: kb.URL})

	type layout struct {
		Disclosure bool    `json:"disclosure"` // the filters disclosure is shown
		Aside      bool    `json:"aside"`      // the facets beside the results are shown
		Before     bool    `json:"before"`     // the disclosure comes before the first result
		Summary    string  `json:"summary"`
		FacetLinks float64 `json:"facetLinks"` // links in the disclosure once opened
	}
	measure := `(function () {
		var d = document.querySelector('details.filters-klein'), a = document.querySelector('aside.facetten');
		var first = document.querySelector('.groep');
		var shown = function (e) { return e !== null && e.getClientRects().length > 0; };
		var out = {disclosure: shown(d), aside: shown(a), summary: d ? d.querySelector('summary').textContent : '',
			before: shown(d) && first !== null && d.getBoundingClientRect().bottom <= first.getBoundingClientRect().top};
		if (d) { d.open = true; }
		out.facetLinks = d ? Array.from(d.querySelectorAll('a')).filter(shown).length : 0;
		return out;
	})()`
	search := kb.URL + "/?q=" + url.QueryEscape("jeugdzorg") + "&theme=" + url.QueryEscape("gesloten jeugdzorg")
	for _, tt := range []struct {
		name   string
		width  int64
		mobile bool
		want   layout
	}{
		{"telefoon", 360, true, layout{Disclosure: true, Aside: false, Before: true, Summary: "Filters (1 actief)"}},
		{"desktop", 1280, false, layout{Disclosure: false, Aside: true, Before: false, Summary: "Filters (1 actief)"}},
	} {
		var opts []chromedp.EmulateViewportOption
		if tt.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(tt.width, 800, opts...)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(search)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](measure))
		if err != nil {
			t.Fatal(err)
		}
		if got.Disclosure != tt.want.Disclosure || got.Aside != tt.want.Aside || got.Before != tt.want.Before || got.Summary != tt.want.Summary {
			t.Errorf("%s: search page layout %+v, want %+v", tt.name, got, tt.want)
		}
		if tt.mobile && got.FacetLinks == 0 {
			t.Errorf("%s: the opened filters disclosure holds no facet links", tt.name)
		}
		checkFitsScreen(t, ctx, "zoekresultaten ("+tt.name+")", tt.width)
	}

	// /over on the phone: the embed code wraps inside its box, and the copy button
	// copies it.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.RunResponse(ctx, chromedp.Navigate(kb.URL+"/over")); err != nil {
		t.Fatal(err)
	}
	checkFitsScreen(t, ctx, "over (telefoon)", 360)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSetting("granted"), Origin: kb.URL})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () { var b = document.querySelector('button[data-kopieer]'); return b && !b.hidden ? b.textContent : ''; })()`))
	if err != nil || label != "Kopiëren" {
		t.Fatalf("copy button: label %q (%v), want a visible button Kopiëren", label, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("button[data-kopieer]")),
		until(`document.querySelector('.kopieer [role=status]').textContent === 'Gekopieerd'`),
	)
	if err != nil {
		t.Fatalf("copy the embed code: %v", err)
	}
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the clipboard: %v", err)
	}
	if want := `<script src="` + kb.URL + `/widget.js" defer></script>`; len(copied) < len(want) || copied[:len(want)] != want {
		t.Errorf("clipboard holds %q, want the embed code starting %q", copied, want)
	}
}
