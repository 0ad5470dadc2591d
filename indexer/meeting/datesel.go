package meeting

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateRole is what a date in the text stands for.
type dateRole int

const (
	roleOther       dateRole = iota
	roleMeeting              // a candidate for the meeting date
	rolePublication          // when the report was dated or posted
	roleNext                 // the next meeting
	roleApproval             // when the minutes were approved
	roleInvitation           // the meeting an invitation announces
)

// scoredDate is a date mention read in its context.
type scoredDate struct {
	dateMention
	role     dateRole
	score    int
	block    int
	sentence string
	bound    bool // a deadline or plan ("vanaf 1 januari 2023"): the meeting came before it
}

var (
	reTookPlace   = regexp.MustCompile(`(?i)\b(vond|vindt|vonden|vinden)\b.*\bplaats\b|\bgehouden\b|\bplaatsgevonden\b|\bbijeengekomen\b|\b(kwam|kwamen|komt)\b.*\bbijeen\b|\bvergaderd(e|en)?\b`)
	reMeetingNoun = endAnchored(`(?i)(vergadering|bijeenkomst|avond|overleg|gesprek|alv|procedure|congres|sessie|stuurgroep\S*|e-mailprocedure|raad|commissie|ontmoeting|werkbezoek|terugkoppeling)\s+(van|op|d\.d\.|gehouden op)\s*$`,
		"van", "op", "d.d.")
	reDatumLabel = endAnchored(`(?i)\b(datum|vergaderdatum|datum vergadering|datum bijeenkomst)\s*:?\s*$`,
		"datum", "vergadering", "bijeenkomst", ":")
	reDocumentLbl = regexp.MustCompile(`(?i)^(document|onderwerp|betreft)\s*:`)
	reWhenLabel   = endAnchored(`(?i)\bwanneer\s*:?\s*$`, "wanneer", ":")
	reListOfEarly = endAnchored(`(?i)(besluitenlijst|notulen|verslag|actielijst)\s+van\s+de\s+\S*(vergadering|overleg|bijeenkomst|procedure)\s+van\s*$`,
		"van")
	reApproved     = regexp.MustCompile(`(?i)\b(aldus\s+vastgesteld|vastgesteld\s+in\s+de|vastgesteld\s+op|goedgekeurd\s+(in|op))\b`)
	reCaseLine     = regexp.MustCompile(`(?i)^(zaak|brief|noot|agendapunt)\s*:`)
	reDeadlineWord = endAnchored(`(?i)(\b(vanaf|per|tot|voor|vóór|uiterlijk|sinds|na|medio|eind|begin|eind|t/m|m\.i\.v\.|ingaande|deadline)|\bin\s+de\s+week\s+van)\s*$`,
		"vanaf", "per", "tot", "voor", "vóór", "uiterlijk", "sinds", "na", "medio", "eind", "begin",
		"t/m", "m.i.v.", "ingaande", "deadline", "van")
	rePastRef   = regexp.MustCompile(`(?i)^\s*(jl\.?|j\.l\.)`)
	reComing    = regexp.MustCompile(`(?i)^\s*(a\.s\.|as\.?\b|aanstaande)`)
	reTimeAfter = regexp.MustCompile(`(?i)^\s*,?\s*(om\s+|aanvang\s+|van\s+)?\d{1,2}[:.]\d{2}`)
	reDateLine  = regexp.MustCompile(`^\p{Lu}[\p{L}' .-]{1,40},\s*$`) // "Den Haag, "
)

// readDates scores every date in the report and picks the meeting date, the publication
// date and the next meeting.
func readDates(d *doc, now time.Time) (meeting civil, source, evidence string, pub, next civil) {
	var all []scoredDate
	firstProse := -1
	for i, k := range d.kinds {
		if k == kindPassage && firstProse < 0 {
			firstProse = i
		}
	}
	invitation := false
	for i, b := range d.blocks {
		k := d.kinds[i]
		txt := b.text()
		var sents []string
		if b.heading || k != kindPassage {
			sents = []string{txt}
		} else {
			for _, seg := range labelSegments(b) {
				sents = append(sents, sentences(seg)...)
			}
		}
		for _, s := range sents {
			for _, m := range findDates(s) {
				sd := scoredDate{dateMention: m, block: i, sentence: s, role: roleMeeting}
				scoreDate(&sd, d, k, s, i, firstProse)
				if sd.role == roleInvitation {
					invitation = true
				}
				all = append(all, sd)
			}
		}
	}
	// A title given by front matter counts as a title block.
	if d.overrideTitle != "" {
		for _, m := range findDates(d.overrideTitle) {
			sd := scoredDate{dateMention: m, block: -1, sentence: d.overrideTitle, role: roleMeeting, score: 7}
			all = append(all, sd)
		}
	}
	if d.invitationHint && !invitation {
		for i := range all {
			if all[i].role == roleMeeting && all[i].score >= 0 && all[i].block >= 0 {
				all[i].role = roleInvitation
				invitation = true
				break
			}
		}
	}

	// Publication date: the first one found.
	for _, sd := range all {
		if sd.role == rolePublication && sd.Date.Year != 0 {
			pub = sd.Date
			break
		}
	}

	// Bounds and anchors for year inference.
	var bounds []civil
	var anchors []int
	for _, sd := range all {
		if sd.Date.Year == 0 {
			continue
		}
		anchors = append(anchors, sd.Date.Year)
		if sd.bound {
			bounds = append(bounds, sd.Date)
		}
	}
	if pub.Year != 0 {
		bounds = append(bounds, civil{pub.Year, pub.Month, pub.Day + 1})
	}

	// Meeting date: the best-scored candidate.
	best := -1
	for i, sd := range all {
		if sd.role != roleMeeting {
			continue
		}
		if best < 0 || sd.score > all[best].score {
			best = i
		}
	}
	if best >= 0 && all[best].score >= 3 && !invitation {
		sd := all[best]
		evidence = trimEvidence(sd.sentence)
		c, src, why := resolveYear(sd, all, pub, bounds, anchors, d.name, now)
		if c.Year != 0 {
			meeting, source = c, src
			if why != "" {
				evidence += "; " + why
			}
		}
	}
	if meeting.Year == 0 && !invitation {
		if c, ok := fileNameDate(d.name); ok {
			meeting, source, evidence = c, DateFromFileName, "bestandsnaam "+d.name
		}
	}

	// Next meeting: the first announced date after the meeting (or after publication).
	base := meeting
	if base.Year == 0 {
		base = pub
	}
	for _, sd := range all {
		if sd.role != roleNext && sd.role != roleInvitation {
			continue
		}
		c := sd.Date
		if c.Year == 0 {
			if base.Year == 0 {
				continue
			}
			c = nextOccurrence(sd, base)
		}
		if c.Year == 0 || (base.Year != 0 && !c.time().After(base.time().AddDate(0, 0, -1))) {
			continue
		}
		if meeting.Year != 0 && c == meeting {
			continue
		}
		next = c
		break
	}
	return meeting, source, evidence, pub, next
}

var labelLineRe = regexp.MustCompile(`^\p{Lu}[\p{L}()/ -]{1,30}:\s`)

// labelSegments cuts a block at lines that start with a label ("Document: …",
// "Zaak: …"), as decision lists are laid out; other lines join the segment before them.
func labelSegments(b block) []string {
	if b.list {
		return b.lines
	}
	var segs []string
	cur := ""
	for i, l := range b.lines {
		if i > 0 && (labelLineRe.MatchString(l) || i == 1 && isDateLine(b.lines[0])) {
			segs = append(segs, cur)
			cur = l
			continue
		}
		if cur == "" {
			cur = l
		} else {
			cur += " " + l
		}
	}
	return append(segs, cur)
}

func trimEvidence(s string) string {
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:157]) + "…"
	}
	return s
}

// scoreDate reads one date mention in its sentence and block.
func scoreDate(sd *scoredDate, d *doc, k blockKind, s string, i, firstProse int) {
	left := s[:sd.Start]
	right := s[sd.End:]
	only := strings.Trim(strings.TrimSpace(left+right), " ,.:;()") == "" || timeOnlyRe.MatchString(strings.Trim(strings.TrimSpace(right), " ,.:;()"))
	only = only && strings.TrimSpace(left) == ""
	dateline := reDateLine.MatchString(left) && strings.Trim(right, " .") == ""
	switch {
	case k == kindDateLine && (d.titleIdx < 0 || i < d.titleIdx || dateline):
		if dateline || i < d.titleIdx || (i < firstProse && d.hasLaterDate(i)) {
			sd.role = rolePublication
			return
		}
	case dateline && i <= 1:
		sd.role = rolePublication
		return
	}
	low := strings.ToLower(s)
	if (strings.Contains(low, "vastgesteld") || strings.Contains(low, "goedgekeurd")) && reApproved.MatchString(s) {
		sd.role = roleApproval
		return
	}
	if reWhenLabel.MatchString(tail(left)) {
		sd.role = roleInvitation
		return
	}
	if reDeadlineWord.MatchString(tail(left)) {
		sd.bound = sd.Date.Year != 0
		sd.role = roleOther
		return
	}
	if reComing.MatchString(right) || nextWords.in(low) && meetingWord(low) ||
		futureWords.in(low) && meetingWord(low) && !tookPlace(s) && i != d.titleIdx && k == kindPassage {
		sd.role = roleNext
		return
	}
	score := 0
	switch {
	case i == d.titleIdx:
		score += 6
	case k == kindHeading:
		score += 2
	case k == kindDateLine || only:
		score += 4
	}
	if reDatumLabel.MatchString(tail(left)) {
		score += 6
	}
	if reDocumentLbl.MatchString(s) {
		score += 5
	}
	if tookPlace(s) {
		score += 4
	}
	if reMeetingNoun.MatchString(tail(left)) {
		score += 3
	}
	if sd.HasDay {
		score++
	}
	if i <= 2 || (firstProse >= 0 && i <= firstProse+1) {
		score++
	}
	if reTimeAfter.MatchString(right) {
		score++
	}
	if earlierWords.in(strings.ToLower(left)) || reListOfEarly.MatchString(tail(left)) && i != d.titleIdx && !reDocumentLbl.MatchString(s) {
		score -= 6
	}
	if settleWords.in(low) {
		score -= 3
	}
	if rePastRef.MatchString(right) {
		score -= 3
	}
	if reCaseLine.MatchString(s) || strings.HasSuffix(strings.TrimSpace(left), " -") {
		score -= 3
	}
	sd.score = score
}

// Word lists matched as whole words in any case, as `(?i)\b(…|…)\b` would, but
// by looking the words up.
var (
	nextWords    = wordSet("volgende eerstvolgende vervolgbijeenkomst vervolgvergadering vervolgoverleg")
	futureWords  = wordSet("zal zullen gaat gaan wordt worden staat staan gepland plannen inplannen organiseren aanstaande komende noteer reserveer")
	earlierWords = wordSet("vorige vorig eerdere voorgaande zie")
	settleWords  = wordSet("vaststelling vaststellen goedkeuring")
	alvWord      = wordSet("alv")
)

// meetingWordParts are the parts of words that name a meeting.
var meetingWordParts = []string{"vergadering", "bijeenkomst", "avond", "overleg", "sessie", "terugkoppel", "ontmoeting"}

// meetingWord reports whether the lower-cased text low names a meeting.
func meetingWord(low string) bool {
	for _, p := range meetingWordParts {
		if strings.Contains(low, p) {
			return true
		}
	}
	return alvWord.in(low)
}

// wordList is a set of lower-case words.
type wordList map[string]bool

func wordSet(list string) wordList {
	w := wordList{}
	for _, f := range strings.Fields(list) {
		w[f] = true
	}
	return w
}

// in reports whether the lower-cased text low holds one of the words as a whole word.
func (w wordList) in(low string) bool {
	start := -1
	for i, r := range low {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			if w[low[start:i]] {
				return true
			}
			start = -1
		}
	}
	return start >= 0 && w[low[start:]]
}

// tailLen is how much of the text before a date the end-anchored patterns
// (reMeetingNoun, reListOfEarly, …) can reach: their longest match is well under it.
const tailLen = 120

// tail returns the last tailLen bytes of s, starting on a whole character.
func tail(s string) string {
	if len(s) <= tailLen {
		return s
	}
	i := len(s) - tailLen
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// endPattern is a pattern anchored at the end of the text ("… van\s*$"), with the
// words one of its matches must end with. Go's regexp tries such a pattern from every
// position of the text; the words rule most texts out first.
type endPattern struct {
	re   *regexp.Regexp
	ends []string
}

// endAnchored compiles pattern, whose every match ends with one of ends (in any case)
// and then white space.
func endAnchored(pattern string, ends ...string) endPattern {
	return endPattern{regexp.MustCompile(pattern), ends}
}

// MatchString reports whether the pattern matches s.
func (p endPattern) MatchString(s string) bool {
	return mayEndWith(s, p.ends) && p.re.MatchString(s)
}

// mayEndWith reports whether s, less trailing white space, may end with one of words
// in any case. It is false only when s surely does not: when the last bytes hold a
// character beyond ASCII, case folding is left to the pattern.
func mayEndWith(s string, words []string) bool {
	s = strings.TrimRight(s, " \t\n\f\r")
	for _, w := range words {
		if len(s) < len(w) {
			continue
		}
		end := s[len(s)-len(w):]
		for i := 0; i < len(end); i++ {
			if end[i] >= utf8.RuneSelf {
				return true
			}
		}
		if strings.EqualFold(end, w) {
			return true
		}
	}
	return false
}

// tookPlace is reTookPlace.MatchString(s), after a test for the words it needs.
func tookPlace(s string) bool {
	low := strings.ToLower(s)
	if !strings.Contains(low, "plaats") && !strings.Contains(low, "gehouden") &&
		!strings.Contains(low, "bijee") && !strings.Contains(low, "vergader") {
		return false
	}
	return reTookPlace.MatchString(s)
}

// resolveYear completes a date without a year, and says how.
func resolveYear(sd scoredDate, all []scoredDate, pub civil, bounds []civil, anchors []int, name string, now time.Time) (civil, string, string) {
	if sd.Date.Year != 0 {
		return sd.Date, DateFromText, ""
	}
	c := sd.Date
	if !sd.HasDay {
		// "Verslag bijeenkomst 18 mei" … "Dinsdag 18 mei vond … plaats": one day.
		for _, o := range all {
			if o.HasDay && o.Date.Month == c.Month && o.Date.Day == c.Day && o.role == roleMeeting {
				sd.HasDay, sd.Weekday = true, o.Weekday
				break
			}
		}
	}
	fits := func(y int) bool {
		t := civil{y, c.Month, c.Day}
		if !t.valid() {
			return false
		}
		if sd.HasDay && t.time().Weekday() != sd.Weekday {
			return false
		}
		for _, b := range bounds {
			if !t.time().Before(b.time()) {
				return false
			}
		}
		return !now.IsZero() && !t.time().After(now.AddDate(1, 0, 0)) || now.IsZero()
	}
	// 1. The same day written in full elsewhere.
	for _, o := range all {
		if o.Date.Year != 0 && o.Date.Month == c.Month && o.Date.Day == c.Day &&
			(o.role == roleMeeting || o.role == roleOther) && fits(o.Date.Year) {
			return o.Date, DateFromText, "jaar uit: " + o.Text
		}
	}
	// 2. The publication date: the last such day on or before it.
	if pub.Year != 0 {
		for y := pub.Year; y >= pub.Year-1; y-- {
			t := civil{y, c.Month, c.Day}
			if fits(y) && !t.time().After(pub.time()) {
				return t, DateFromPublication, "jaar uit publicatiedatum " + pub.String()
			}
		}
	}
	// 3. The weekday, nearest to the years the text names.
	if sd.HasDay {
		hi := 2100
		if !now.IsZero() {
			hi = now.Year() + 1
		}
		bestY, bestDist := 0, 1<<30
		for y := 1950; y <= hi; y++ {
			if !fits(y) {
				continue
			}
			dist := 1 << 29
			for _, a := range anchors {
				if v := abs(a - y); v < dist {
					dist = v
				}
			}
			if dist < bestDist || dist == bestDist && y > bestY {
				bestY, bestDist = y, dist
			}
		}
		if bestY != 0 && bestDist <= 3 {
			why := "jaar uit de weekdag"
			if len(bounds) > 0 {
				why += ", vóór " + bounds[0].String()
			}
			return civil{bestY, c.Month, c.Day}, DateFromWeekday, why
		}
	}
	// 4. A date in the file name on the same day.
	if f, ok := fileNameDate(name); ok && f.Month == c.Month && f.Day == c.Day {
		return f, DateFromFileName, "jaar uit bestandsnaam"
	}
	// 5. One year throughout the text.
	if len(anchors) > 0 {
		y := anchors[0]
		same := true
		for _, a := range anchors {
			same = same && a == y
		}
		if same && fits(y) {
			return civil{y, c.Month, c.Day}, DateFromText, "jaar uit de tekst"
		}
	}
	return civil{}, "", ""
}

// nextOccurrence gives the first date on or after base with the mention's day and month
// (and weekday, when written).
func nextOccurrence(sd scoredDate, base civil) civil {
	for y := base.Year; y <= base.Year+1; y++ {
		t := civil{y, sd.Date.Month, sd.Date.Day}
		if !t.valid() || t.time().Before(base.time()) {
			continue
		}
		if sd.HasDay && t.time().Weekday() != sd.Weekday {
			continue
		}
		return t
	}
	return civil{}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
