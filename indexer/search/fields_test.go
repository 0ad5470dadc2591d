package search

import "testing"

func TestPassageIDParts(t *testing.T) {
	for _, tc := range []struct {
		id     string
		report string
		n      int
	}{
		{"verslag-2020-10-01#p1", "verslag-2020-10-01", 1},
		{"verslag-2020-10-01#p123", "verslag-2020-10-01", 123},
		{"a#p-b#p7", "a#p-b", 7}, // the last "#p" ends the report id
		{"verslag", "verslag", 0},
		{"verslag#pX", "verslag", 0},
	} {
		if got := ReportOf(tc.id); got != tc.report {
			t.Errorf("ReportOf(%q) = %q, want %q", tc.id, got, tc.report)
		}
		if got := PassageNumber(tc.id); got != tc.n {
			t.Errorf("PassageNumber(%q) = %d, want %d", tc.id, got, tc.n)
		}
	}
}
