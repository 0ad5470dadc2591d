package server

import (
	"errors"
	"testing"

	"kennisbank/indexer/search"
)

func TestRequestMessageInDutch(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&search.RequestError{Field: "from", Message: "from is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"},
			"„Van” is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"},
		{&search.RequestError{Field: "from", Message: "from ligt na to"}, "„Van” ligt na „tot en met”"},
		{&search.RequestError{Field: "status", Message: "status moet open of done zijn"}, "Status moet open of afgerond zijn"},
		{&search.RequestError{Field: "sort", Message: "sort moet relevance, date_desc of date_asc zijn"},
			"„Sortering” moet relevantie, nieuwste eerst of oudste eerst zijn"},
		{&search.RequestError{Field: "x", Message: `onbekende parameter "x"; gebruik q, speaker of to`},
			"Deze pagina kent de parameter „x” niet; haal die uit het adres."},
		{&search.RequestError{Field: "q", Message: "de zoekopdracht is te lang (300 tekens); gebruik ten hoogste 200 tekens"},
			"De zoekopdracht is te lang (300 tekens); gebruik ten hoogste 200 tekens"},
		{errors.New("disk broken"), ""},
	}
	for _, tt := range tests {
		if got := requestMessage(tt.err); got != tt.want {
			t.Errorf("requestMessage(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestCountText(t *testing.T) {
	tests := []struct {
		n    any
		want string
	}{
		{0, "0 verslagen"},
		{1, "1 verslag"},
		{uint64(1), "1 verslag"},
		{uint64(12), "12 verslagen"},
		{int64(2), "2 verslagen"},
	}
	for _, tt := range tests {
		if got := countText(tt.n, "verslag", "verslagen"); got != tt.want {
			t.Errorf("countText(%v) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestShortDutchDate(t *testing.T) {
	for in, want := range map[string]string{"2024-06-06": "6 juni 2024", "2021-12-31": "31 december 2021", "": "", "gisteren": "gisteren"} {
		if got := shortDutchDate(in); got != want {
			t.Errorf("shortDutchDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPeriodText(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"2020-01-01", "2020-12-31", "periode 1 januari 2020 – 31 december 2020"},
		{"2020-01-01", "", "vanaf 1 januari 2020"},
		{"", "2020-12-31", "tot en met 31 december 2020"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := periodText(tt.from, tt.to); got != tt.want {
			t.Errorf("periodText(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
