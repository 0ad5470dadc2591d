package meeting

import (
	"os"
	"testing"

	"kennisbank/indexer/extract"
)

// TestMain lets the test binary act as the PDF extraction child that extract.File starts.
func TestMain(m *testing.M) {
	extract.RunChildIfRequested()
	os.Exit(m.Run())
}
