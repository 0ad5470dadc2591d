package meeting

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// civil is a calendar date; Year is 0 when the text gives none.
type civil struct {
	Year, Month, Day int
}

func (c civil) String() string {
	if c.Year == 0 {
		return fmt.Sprintf("--%02d-%02d", c.Month, c.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", c.Year, c.Month, c.Day)
}

func (c civil) time() time.Time {
	return time.Date(c.Year, time.Month(c.Month), c.Day, 0, 0, 0, 0, time.UTC)
}

func (c civil) valid() bool {
	if c.Month < 1 || c.Month > 12 || c.Day < 1 || c.Day > 31 {
		return false
	}
	y := c.Year
	if y == 0 {
		y = 2000 // a leap year: 29 February is possible without a year
	}
	t := time.Date(y, time.Month(c.Month), c.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == c.Day
}

var monthNames = map[string]int{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
	"april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
	"aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12,
	// English, as web pages print their posting dates ("Tuesday 13 June 2017").
	"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
}

var weekdayNames = map[string]time.Weekday{
	"zondag": time.Sunday, "maandag": time.Monday, "dinsdag": time.Tuesday, "woensdag": time.Wednesday,
	"donderdag": time.Thursday, "vrijdag": time.Friday, "zaterdag": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

const (
	monthPat = `(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|febr|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)`
)

var (
	// "18 mei", "7 oktober 2020", "14 dec. 2020", "1e januari"; a weekday before it
	// ("dinsdag 18 mei") is read by weekdayBefore. The year may run into the next
	// word, as the columns of a PDF do ("15 april 2003UR"); findDatesIn drops a year
	// that runs into a fifth digit.
	wordDateRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:e|ste|de)?\s+` + monthPat + `\b\.?(?:,?\s+(\d{4}|['’]\d{2}\b))?`)
	// The first day of a range before a worded date: "1 en 2 november 2023", "1 t/m 3
	// maart", "12-14 juni", "5 tot en met 7 mei". A meeting of several days is dated by
	// its first.
	rangeStartRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:e|ste|de)?\s*(?:en|t/m|tot\s+en\s+met|tot|-|–|&)\s*$`)
	// "4-1-2021", "31-08-2015", "30/11/2020", "14.12.2020", "5-2-18"
	numDateRe = regexp.MustCompile(`\b(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})\b`)
	// "2021-05-18"
	isoDateRe = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	// A day and a month without a year, only where a time or "jl." follows: "26-11, 13:15",
	// "24/10 jl.". Bare "3-2" is as often a score or a range.
	dayMonthRe = regexp.MustCompile(`(?i)\b(\d{1,2})[-/](\d{1,2})(?:,?\s*(?:om\s+)?\d{1,2}[:.]\d{2}\b|\s*(?:jl\.?|j\.l\.))`)
)

// dateMention is one date written in the text.
type dateMention struct {
	Date    civil
	Weekday time.Weekday
	HasDay  bool // a weekday was written
	Start   int  // byte offsets in the text searched
	End     int
	Text    string
}

// findDates returns the dates written in s, in order. Invalid dates ("31 februari") are
// left out; two-digit years are read as 19xx or 20xx.
//
// Every date form holds a digit, so text without one is passed over, and in a long text
// the patterns run only on windows around its digits.
func findDates(s string) []dateMention {
	first := strings.IndexAny(s, "0123456789")
	if first < 0 {
		return nil
	}
	if len(s) <= 2*dateWindow {
		return findDatesIn(s)
	}
	var out []dateMention
	for _, w := range digitWindows(s, first) {
		for _, m := range findDatesIn(s[w[0]:w[1]]) {
			m.Start += w[0]
			m.End += w[0]
			out = append(out, m)
		}
	}
	return out
}

// dateWindow is how far a date can reach from one of its digits, in bytes: a weekday
// before the day, the month and year after it.
const dateWindow = 64

// digitWindows returns the spans of s within dateWindow of a digit, widened to white
// space so that no word is cut, merged where they touch.
func digitWindows(s string, first int) [][2]int {
	var out [][2]int
	for i := first; i < len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		start, end := max(0, i-dateWindow), min(len(s), i+dateWindow)
		for start > 0 && !isSpace(s[start-1]) {
			start--
		}
		for end < len(s) && !isSpace(s[end]) {
			end++
		}
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = end
		} else {
			out = append(out, [2]int{start, end})
		}
	}
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// findDatesIn is findDates on one stretch of text.
func findDatesIn(s string) []dateMention {
	var out []dateMention
	taken := make([]bool, len(s)+1)
	add := func(m dateMention) {
		for i := m.Start; i < m.End; i++ {
			if taken[i] {
				return
			}
		}
		if !m.Date.valid() || inURL(s, m.Start, m.End) {
			return
		}
		if m.HasDay && m.Date.Year != 0 && m.Date.time().Weekday() != m.Weekday {
			// A weekday that does not fit the full date: keep the date, drop the weekday.
			m.HasDay = false
		}
		for i := m.Start; i < m.End; i++ {
			taken[i] = true
		}
		out = append(out, m)
	}
	numeric, worded := dateShapes(s)
	if numeric {
		for _, ix := range isoDateRe.FindAllStringSubmatchIndex(s, -1) {
			y, _ := strconv.Atoi(s[ix[2]:ix[3]])
			mo, _ := strconv.Atoi(s[ix[4]:ix[5]])
			d, _ := strconv.Atoi(s[ix[6]:ix[7]])
			if y < 1800 || y > 2200 {
				continue
			}
			add(dateMention{Date: civil{y, mo, d}, Start: ix[0], End: ix[1], Text: s[ix[0]:ix[1]]})
		}
		for _, ix := range numDateRe.FindAllStringSubmatchIndex(s, -1) {
			ix = withWeekday(s, ix)
			if s[ix[6]:ix[7]] != s[ix[10]:ix[11]] {
				continue // mixed separators: not a date
			}
			d, _ := strconv.Atoi(s[ix[4]:ix[5]])
			mo, _ := strconv.Atoi(s[ix[8]:ix[9]])
			ys := s[ix[12]:ix[13]]
			y, _ := strconv.Atoi(ys)
			if len(ys) == 2 {
				if y <= 50 {
					y += 2000
				} else {
					y += 1900
				}
			}
			if y < 1800 || y > 2200 {
				continue
			}
			// "19.30.2020" and the like are no dates; also skip version numbers "1.2.2021"
			// glued to more digits.
			if ix[1] < len(s) && (s[ix[1]] == '.' && ix[1]+1 < len(s) && isDigit(s[ix[1]+1]) || s[ix[1]] == '-' && ix[1]+1 < len(s) && isDigit(s[ix[1]+1])) {
				continue
			}
			m := dateMention{Date: civil{y, mo, d}, Start: ix[0], End: ix[1], Text: s[ix[0]:ix[1]]}
			if ix[2] >= 0 {
				m.HasDay, m.Weekday = true, weekdayNames[strings.ToLower(s[ix[2]:ix[3]])]
			}
			add(m)
		}
	}
	if worded {
		for _, ix := range wordDateRe.FindAllStringSubmatchIndex(s, -1) {
			ix = withWeekday(s, ix)
			mon := s[ix[6]:ix[7]]
			if mon == "Jan" || mon == "JAN" {
				continue // "Jan" is a first name far more often than a month
			}
			d, _ := strconv.Atoi(s[ix[4]:ix[5]])
			if ix[4] > 0 && (isDigit(s[ix[4]-1]) || s[ix[4]-1] == '.' || s[ix[4]-1] == ',') && ix[2] < 0 {
				continue // "2.5 mei", "1,5 mei"
			}
			m := dateMention{Date: civil{0, monthNames[strings.ToLower(mon)], d}, Start: ix[0], End: ix[1]}
			if ix[2] < 0 {
				if r := rangeStartRe.FindStringSubmatchIndex(s[max(0, ix[0]-24):ix[0]]); r != nil {
					off := max(0, ix[0]-24)
					if d0, _ := strconv.Atoi(s[off+r[2] : off+r[3]]); d0 >= 1 && d0 < d {
						m.Date.Day, m.Start = d0, off+r[0]
					}
				}
			}
			if ix[8] >= 0 {
				ys := strings.TrimLeft(s[ix[8]:ix[9]], "'’")
				m.Date.Year, _ = strconv.Atoi(ys)
				if len(ys) == 2 { // "7 maart '23"
					m.Date.Year += 2000
					if m.Date.Year > 2050 {
						m.Date.Year -= 100
					}
				}
				if m.Date.Year < 1800 || m.Date.Year > 2200 || ix[9] < len(s) && isDigit(s[ix[9]]) {
					m.Date.Year = 0
					m.End = ix[7]
				}
			}
			if ix[2] >= 0 {
				m.HasDay, m.Weekday = true, weekdayNames[strings.ToLower(s[ix[2]:ix[3]])]
			}
			m.Text = s[m.Start:m.End]
			add(m)
		}
	}
	if numeric {
		for _, ix := range dayMonthRe.FindAllStringSubmatchIndex(s, -1) {
			if ix[0] > 0 && (isDigit(s[ix[0]-1]) || strings.ContainsRune("-/.,", rune(s[ix[0]-1]))) {
				continue // part of a longer number or date
			}
			d, _ := strconv.Atoi(s[ix[2]:ix[3]])
			mo, _ := strconv.Atoi(s[ix[4]:ix[5]])
			add(dateMention{Date: civil{0, mo, d}, Start: ix[0], End: ix[5], Text: s[ix[0]:ix[5]]})
		}
	}
	sortMentions(out)
	return out
}

// withWeekday widens the match ix of a date pattern to a weekday written just before
// it ("dinsdag 18 mei", "vrijdagmiddag, 1 december 2017"). It returns the match in the
// layout of a pattern whose first group is the weekday name, -1 -1 when there is none.
func withWeekday(s string, ix []int) []int {
	out := make([]int, 0, len(ix)+2)
	ws, we := weekdayBefore(s, ix[0])
	start := ix[0]
	if ws >= 0 {
		start = ws
	}
	out = append(out, start, ix[1], ws, we)
	return append(out, ix[2:]...)
}

// weekdaySuffixes are the parts of the day a weekday can be joined with ("vrijdagmiddag").
var weekdaySuffixes = []string{"avond", "ochtend", "middag", "morgen"}

// weekdayBefore finds a weekday name that ends, with perhaps a comma, in the white space
// before s[at:]. It returns the bounds of the name without a part of the day, or -1 -1.
func weekdayBefore(s string, at int) (int, int) {
	j := at
	for j > 0 && isSpace(s[j-1]) {
		j--
	}
	if j == at {
		return -1, -1
	}
	if j > 0 && s[j-1] == ',' {
		j--
	}
	k := j
	for k > 0 && isLetter(s[k-1]) {
		k--
	}
	if k == j || k > 0 && isDigit(s[k-1]) {
		return -1, -1
	}
	word := strings.ToLower(s[k:j])
	for _, suf := range weekdaySuffixes {
		if w, ok := strings.CutSuffix(word, suf); ok && w != "" {
			word = w
			break
		}
	}
	if _, ok := weekdayNames[word]; !ok {
		return -1, -1
	}
	return k, k + len(word)
}

// inURL reports whether s[start:end] lies in a web address or a file path ("…/2020/11/21/…",
// "www.…/24-10-2017"): a date there says when a page was made, never when a meeting was.
func inURL(s string, start, end int) bool {
	for start > 0 && !isSpace(s[start-1]) {
		start--
	}
	for end < len(s) && !isSpace(s[end]) {
		end++
	}
	tok := strings.ToLower(s[start:end])
	return strings.Contains(tok, "://") || strings.Contains(tok, "www.") ||
		strings.Count(tok, "/") >= 3 || strings.Contains(tok, ".html") || strings.Contains(tok, ".php")
}

// monthStems are the starts of the month names and abbreviations of wordDateRe.
var monthStems = []string{"jan", "feb", "maa", "mrt", "mar", "apr", "mei", "may", "jun", "jul", "aug", "sep", "okt", "oct", "nov", "dec"}

// dateShapes tells which date patterns can match s: numeric ones need a digit, a
// separator and a digit ("4-1", "2021-05"); worded ones a month name.
func dateShapes(s string) (numeric, worded bool) {
	for i := 0; i+2 < len(s); i++ {
		if isDigit(s[i]) && (s[i+1] == '-' || s[i+1] == '/' || s[i+1] == '.') && isDigit(s[i+2]) {
			numeric = true
			break
		}
	}
	// A worded date is a day number, maybe "e", "ste" or "de", white space, and a
	// month name.
	for i := 0; i < len(s) && !worded; i++ {
		if !isDigit(s[i]) || i+1 < len(s) && isDigit(s[i+1]) {
			continue
		}
		j := i + 1
		for _, suf := range []string{"ste", "de", "e"} {
			if len(s)-j >= len(suf) && strings.EqualFold(s[j:j+len(suf)], suf) {
				j += len(suf)
				break
			}
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '\f') {
			k++
		}
		worded = k > j && monthAt(s[k:])
	}
	return numeric, worded
}

// monthAt reports whether s may start with a month name of wordDateRe.
func monthAt(s string) bool {
	if len(s) < 3 {
		return false
	}
	var low [3]byte
	for i := range low {
		c := s[i]
		if c >= 0x80 {
			return true // case folding beyond ASCII: let the pattern decide
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for _, m := range monthStems {
		if string(low[:]) == m {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// isLetter reports whether b is an ASCII letter or an underscore: a word character of \b
// that is no digit.
func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' }

func sortMentions(ms []dateMention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// parseDate reads a single date written alone ("dinsdag 18 mei", "4-1-2021",
// "2021-05-18"). The year is 0 when not written.
func parseDate(s string) (civil, bool) {
	return parseDateFound(s, findDates(s))
}

// parseDateFound is parseDate for a caller that has the dates of s (findDates) at hand.
func parseDateFound(s string, ms []dateMention) (civil, bool) {
	if len(ms) != 1 {
		return civil{}, false
	}
	rest := strings.TrimSpace(s[:ms[0].Start] + s[ms[0].End:])
	rest = strings.Trim(rest, " ,.:;()")
	if rest != "" && !timeOnlyRe.MatchString(rest) && !dateLabelRe.MatchString(rest) {
		return civil{}, false
	}
	return ms[0].Date, true
}

var (
	timeOnlyRe  = regexp.MustCompile(`(?i)^(om\s+|van\s+|aanvang\s+)?\d{1,2}[:.]\d{2}(\s*(uur|u))?(\s*[-–]\s*\d{1,2}[:.]\d{2}(\s*(uur|u))?)?$`)
	dateLabelRe = regexp.MustCompile(`(?i)^(datum|date|vergaderdatum|geplaatst( op)?|gepubliceerd( op)?)$`)
)

// fileNameDate reads a date from a file name: "verslag-2021-05-18.pdf",
// "notulen_18-05-2021.txt", "20210518-verslag.md".
func fileNameDate(name string) (civil, bool) {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?:^|\D)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?:\D|$)`),
	} {
		if m := re.FindStringSubmatch(base); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			if c := (civil{y, mo, d}); c.valid() {
				return c, true
			}
		}
	}
	if m := regexp.MustCompile(`(?:^|\D)(\d{2})[-_.](\d{2})[-_.]((?:19|20)\d{2})(?:\D|$)`).FindStringSubmatch(base); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if c := (civil{y, mo, d}); c.valid() {
			return c, true
		}
	}
	return civil{}, false
}
