package meeting

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kennisbank/indexer/extract"
	"kennisbank/internal/sharedtest"
)

// TestDateShapesNeverMissADate checks the cheap test in front of the date patterns:
// wherever a pattern matches a line of a real report, dateShapes must have let it try.
func TestDateShapesNeverMissADate(t *testing.T) {
	lines := append([]string{"dinsdag 18 mei 2021", "op 3e december", "1ste april", "12\tjuni", "2 MAART", "4-1-2021", "2021-05-18"},
		sharedLines(t)...)
	found := 0
	for _, l := range lines {
		numeric, worded := dateShapes(l)
		if wordDateRe.MatchString(l) {
			found++
			if !worded {
				t.Errorf("worded date in %q not let through", l)
			}
		}
		if (isoDateRe.MatchString(l) || numDateRe.MatchString(l)) && !numeric {
			t.Errorf("numeric date in %q not let through", l)
		}
	}
	if found < 100 {
		t.Errorf("only %d lines with a worded date", found)
	}
}

// TestEndPatternsAgreeWithRegexp checks that the word test of the end-anchored
// patterns never rules out a text its pattern matches: on the text before every word
// of the shared reports, and on texts that end in capitals or letters beyond ASCII.
func TestEndPatternsAgreeWithRegexp(t *testing.T) {
	texts := []string{"de VERGADERING VAN  ", "Datum:\t", "datum vergadering\n", "WANNEER :", "uiterlijk VÓÓR",
		"ſinds", "in de week van", "de bijeenkomst d.d. ", "Verslag van de ledenvergadering van", "stuurgroepoverleg op"}
	for _, l := range sharedLines(t) {
		for i := 0; i < len(l); i++ {
			if l[i] == ' ' {
				texts = append(texts, tail(l[:i+1]))
			}
		}
		texts = append(texts, tail(l))
	}
	for _, p := range []struct {
		name string
		p    endPattern
	}{{"reMeetingNoun", reMeetingNoun}, {"reDatumLabel", reDatumLabel}, {"reWhenLabel", reWhenLabel},
		{"reListOfEarly", reListOfEarly}, {"reDeadlineWord", reDeadlineWord}} {
		matched := 0
		for _, s := range texts {
			want := p.p.re.MatchString(s)
			if got := p.p.MatchString(s); got != want {
				t.Errorf("%s on %q: %v, the pattern alone %v", p.name, s, got, want)
			}
			if want {
				matched++
			}
		}
		if matched < 2 {
			t.Errorf("%s matched only %d texts: the test proves little", p.name, matched)
		}
	}
}

// sharedLines returns the lines of the shared evaluation and seed reports.
func sharedLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, dir := range []string{sharedtest.Path(t, "eval-corpus", "reports"), sharedtest.Path(t, "seed-reports")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !extract.Supported(e.Name()) {
				continue
			}
			doc, err := extract.File(context.Background(), filepath.Join(dir, e.Name()), extract.Options{})
			if err != nil {
				continue
			}
			lines = append(lines, strings.Split(doc.Text, "\n")...)
		}
	}
	return lines
}
