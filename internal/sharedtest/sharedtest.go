// Package sharedtest finds the shared evaluation material that lives beside the
// repository (../shared: sample reports, gold files, the evaluation corpus) for tests.
//
// Tests read that material in place and never copy it into the repository. When it is
// absent a test is skipped with a clear message, unless KENNISBANK_REQUIRE_SHARED=1 is set
// (as CI does), which turns the skip into a failure.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"

	"kennisbank/internal/modroot"
)

// EnvDir names a variable that points at the shared folder explicitly.
const EnvDir = "KENNISBANK_SHARED"

// EnvRequire, when "1", makes a missing shared folder fail tests instead of skipping them.
const EnvRequire = "KENNISBANK_REQUIRE_SHARED"

// Dir returns the shared folder, or skips (or fails) the test when it is missing.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := find()
	if err != nil {
		if os.Getenv(EnvRequire) == "1" {
			tb.Fatalf("shared test material not found (%v); set %s or place it at ../shared beside the repository", err, EnvDir)
		}
		tb.Skipf("shared test material not found (%v); set %s or place it at ../shared beside the repository", err, EnvDir)
	}
	return dir
}

// Path returns a path inside the shared folder, skipping or failing like Dir.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv(EnvRequire) == "1" {
			tb.Fatalf("shared test material missing: %v", err)
		}
		tb.Skipf("shared test material missing: %v", err)
	}
	return p
}

func find() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		if _, err := os.Stat(d); err != nil {
			return "", err
		}
		return d, nil
	}
	return modroot.Shared()
}
