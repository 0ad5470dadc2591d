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
	lines := []string{"dinsdag 18 mei 2021", "op 3e december", "1ste april", "12\tjuni", "2 MAART", "4-1-2021", "2021-05-18"}
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
