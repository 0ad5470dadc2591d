package meeting

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestFindDatesInContext checks dates read inside running text.
func TestFindDatesInContext(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Verslag vergadering 15 april 2003UR", []string{"2003-04-15"}},
		{"in 15 april 20031 stuks", []string{"--04-15"}},
		{"uit het verslag van 24/10 jl. blijkt", []string{"--10-24"}},
		{"Overleg 26-11, 13:15 uur", []string{"--11-26"}},
		{"de stand was 3-2 na rust", nil},
		{"Op vrijdagmiddag 1 december 2017 had de raad", []string{"2017-12-01"}},
		{"zie https://www.voorbeeld.nl/nieuws/verslag-12-04-2019 en 14 mei 2019", []string{"2019-05-14"}},
		{"zie voorbeeld.nl/nieuws/2019/verslag/12-04-2019", nil},
		{"Op 1 en 2 november 2023 vond het congres plaats", []string{"2023-11-01"}},
		{"de conferentie van 12-14 juni 2024", []string{"2024-06-12"}},
		{"van 5 tot en met 7 mei", []string{"--05-05"}},
		{"Datum: 7 maart '23", []string{"2023-03-07"}},
		{"op 7 maart ’99 opgericht", []string{"1999-03-07"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range findDates(tt.in) {
			got = append(got, m.Date.String())
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("findDates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if ms := findDates("Op vrijdagmiddag 1 december 2017"); len(ms) != 1 || !ms[0].HasDay || ms[0].Weekday != time.Friday {
		t.Errorf("weekday of %q not read: %+v", "vrijdagmiddag 1 december 2017", ms)
	}
}

// TestEndPatternsAgreeWithRegexp checks that the word test of the end-anchored
// patterns never rules out a text its pattern matches: on the text before every word
// of the shared reports, and on texts that end in capitals or letters beyond ASCII.
func TestEndPatternsAgreeWithRegexp(t *testing.T) {
	texts := []string{"de VERGADERING VAN  ", "Datum:\t", "datum vergadering\n", "WANNEER :", "uiterlijk VÓÓR",
		"ſinds", "in de week van", "de bijeenkomst d.d. ", "Verslag van de ledenvergadering van", "stuurgroepoverleg op",
		"Verslag AB vergadering d. d.", "sinds", "al SINDS ", "Afgelopen", "Nieuwsdatum:", "Geüpload op", "gepubliceerd op ",
		"uit het verslag van ", "zie notulen", "Nieuws | "}
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
		{"reListOfEarly", reListOfEarly}, {"reDeadlineWord", reDeadlineWord}, {"reSince", reSince},
		{"reOnDay", reOnDay}, {"reLastDay", reLastDay}, {"rePubLabel", rePubLabel}, {"reMinutesOf", reMinutesOf},
		{"reNounBefore", reNounBefore}} {
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
