package meeting

import (
	"os"
	"strings"
	"testing"
)

// TestDebugActing prints, for the report named by KENNISBANK_DEBUG_REPORT, each
// sentence that makes somebody a speaker. It is a tool for reading the extractor's
// decisions and skips without the variable:
//
//	KENNISBANK_DEBUG_REPORT=path/to/report.txt go test ./indexer/meeting -run TestDebugActing -v
func TestDebugActing(t *testing.T) {
	path := os.Getenv("KENNISBANK_DEBUG_REPORT")
	if path == "" {
		t.Skip("KENNISBANK_DEBUG_REPORT not set")
	}
	r := parseFileNamed(t, path, "verslag.txt", Options{Now: fixedNow})
	for _, p := range r.Passages {
		if len(p.Speakers) > 0 {
			t.Logf("%v %d: %s", p.Speakers, p.Turn, strings.Join(strings.Fields(p.Text), " ")[:min(200, len(strings.Join(strings.Fields(p.Text), " ")))])
		}
	}
	for _, s := range r.Speakers {
		t.Logf("speaker %q role %q org %q aliases %q", s.Name, s.Role, s.Organisation, s.Aliases)
	}
}
