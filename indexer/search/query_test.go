package search

import (
	"strings"
	"testing"
	"time"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in                       string
		words, phrases, excluded []string
	}{
		{"gesloten jeugdzorg", []string{"gesloten", "jeugdzorg"}, nil, nil},
		{`"beweging van 0" preventie`, []string{"preventie"}, []string{"beweging van 0"}, nil},
		{`jeugdzorg -Limburg -"gesloten jeugdzorg"`, []string{"jeugdzorg"}, nil, []string{"Limburg", "gesloten jeugdzorg"}},
		{`"'s-Hertogenbosch" F-35`, []string{"F-35"}, []string{"'s-Hertogenbosch"}, nil},
		{`"niet afgesloten`, nil, []string{"niet afgesloten"}, nil},
		{"* ? ( ) - \"\"", nil, nil, nil},
		{"jeugd\x00zorg \xff", []string{"jeugd", "zorg"}, nil, nil},
	}
	for _, tt := range tests {
		got := ParseQuery(tt.in)
		if strings.Join(got.Words, "|") != strings.Join(tt.words, "|") ||
			strings.Join(got.Phrases, "|") != strings.Join(tt.phrases, "|") ||
			strings.Join(got.Excluded, "|") != strings.Join(tt.excluded, "|") {
			t.Errorf("ParseQuery(%q) = %+v, want words %q phrases %q excluded %q", tt.in, got, tt.words, tt.phrases, tt.excluded)
		}
	}
}

func TestDateRangeQueryTerms(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		from, to string
		want     int // terms
	}{
		{"2012-01-01", "2020-12-31", 9},               // whole years
		{"2020-10-07", "2021-05-18", 25 + 2 + 4 + 18}, // days, months, months, days
		{"2020-02-01", "2020-02-29", 1},               // a whole month
		{"2020-02-10", "2020-02-10", 1},               // one day
		{"2021-01-01", "", 79},                        // open end: 2021–2099
	}
	for _, tt := range tests {
		var to time.Time
		if tt.to != "" {
			to = day(tt.to)
		}
		if got := len(dateRangeTerms(day(tt.from), to)); got != tt.want {
			t.Errorf("%s–%s: %d terms, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}
