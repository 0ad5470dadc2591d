package meeting

import (
	"regexp"
	"slices"
	"strconv"
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
	cues     cueSet
	score    int
	block    int
	sentence string
	bound    bool // a deadline or plan ("vanaf 1 januari 2023"): the meeting came before it
	since    bool // a start in the past ("sinds 1 januari 2023"): the report was written after it
}

// A cue is one piece of evidence, in a date's sentence or in its place in the report,
// for or against its being the date of the meeting reported.
type cue uint8

const (
	cueTitle       cue = iota // in the report's title
	cueHeading                // in a section heading
	cueDateLine               // alone on its line ("12 mei 2023", "Den Haag, 3 april 2009")
	cueHeader                 // that line heads the report: it comes before any passage
	cueLabel                  // after "Datum:", "Vergaderdatum", "Verslag:", or "Wanneer:" in a report
	cueDocument               // in a "Document:" or "Onderwerp:" line of a decision list
	cueTookPlace              // "vond plaats", "werd gehouden", "kwamen bijeen", "was het zover"
	cueMeetingNoun            // "vergadering van", "bijeenkomst op", "d.d."
	cueReportOf               // "Verslag vergadering 15 april", "Notulen wijkraad 8 juli 2019"
	cueOn                     // "op 14 december", "Op vrijdagmiddag 1 december 2017 had de raad een werkbezoek", "Zaterdag 9 maart organiseerde …"
	cueRecent                 // "afgelopen donderdag 7 maart", "26 januari jl."
	cueWeekday                // a weekday is written with the date
	cueEarly                  // near the top of the report
	cueLead                   // in the lead: the first sentence of the first passage after the title
	cueDeep                   // far into the report, where other events are told of
	cueTime                   // a time follows ("19:30 uur")
	cueEarlier                // an earlier meeting: "vorige", "verslag van de vergadering van", "uit het verslag van"
	cueMinutesItem            // an agenda item on earlier minutes: "2. Notulen vergadering 1-2-2018"
	cueSettle                 // "vaststelling", "goedkeuring": minutes being approved
	cueCaseLine               // a "Zaak:" or "Brief:" line, or after " - "
	cueYearless               // no year written: it has to be inferred
	cueRepeated               // the same day is given elsewhere in the report too
	cueBackground             // more than a year before the report was posted
	numCues
)

// cueWeights is the scoring model. A date's score is the sum of the weights of its
// cues; the best date is the meeting date when it scores at least minMeetingScore.
var cueWeights = [numCues]int{
	cueTitle:       6,
	cueHeading:     2,
	cueDateLine:    4,
	cueHeader:      2,
	cueLabel:       7,
	cueDocument:    5,
	cueTookPlace:   4,
	cueMeetingNoun: 3,
	cueReportOf:    3,
	cueOn:          1,
	cueRecent:      2,
	cueWeekday:     1,
	cueEarly:       1,
	cueLead:        1,
	cueDeep:        -2,
	cueTime:        1,
	cueEarlier:     -6,
	cueMinutesItem: -6,
	cueSettle:      -3,
	cueCaseLine:    -3,
	cueYearless:    -1,
	cueRepeated:    1,
	cueBackground:  -2,
}

// deepOffset is how far into a report, in bytes, a date is taken to be about some other
// event: a report states when its meeting was at the top, in its first page or so.
const deepOffset = 3000

// minMeetingScore is the least score of a meeting date.
const minMeetingScore = 3

// eventCues are the cues that tie a date to an event rather than to a page.
const eventCues = 1<<cueTookPlace | 1<<cueMeetingNoun | 1<<cueReportOf | 1<<cueOn | 1<<cueRecent

// cueSet is a set of cues.
type cueSet uint32

func (c *cueSet) add(x cue)        { *c |= 1 << x }
func (c cueSet) has(x cue) bool    { return c&(1<<x) != 0 }
func (c cueSet) any(m cueSet) bool { return c&m != 0 }

// score sums the weights of the cues.
func (c cueSet) score() int {
	n := 0
	for x := cue(0); x < numCues; x++ {
		if c.has(x) {
			n += cueWeights[x]
		}
	}
	return n
}

var (
	reTookPlace   = regexp.MustCompile(`(?i)\b(vond|vindt|vonden|vinden)\b.*\bplaats\b|\bgehouden\b|\bplaatsgevonden\b|\bbijeengekomen\b|\b(kwam|kwamen|komt)\b.*\b(bijeen|bij elkaar)\b|\bvergaderd(e|en)?\b|\bwas het (dan )?zover\b`)
	reMeetingNoun = endAnchored(`(?i)(vergadering|bijeenkomst|avond|overleg|gesprek|alv|procedure|congres|sessie|stuurgroep\S*|e-mailprocedure|raad|commissie|ontmoeting|werkbezoek|terugkoppeling)\s+(van|op|d\.d\.|gehouden op)\s*$|\bd\.\s?d\.?\s*$|\bdd\.\s*$`,
		"van", "op", "d.d.", "d. d.", "d.d", "d. d", "dd.").
		needing("vergadering", "bijeenkom", "avond", "overleg", "prek", "alv", "procedure", "congre",
			"essie", "tuurgroep", "raad", "commi", "ontmoeting", "werkbezoek", "terugkoppeling", "d.")
	// A meeting named right before its date: "OR- vergadering woensdag 18 januari 2017".
	reNounBefore = endAnchored(`(?i)(vergadering|bijeenkomst|overleg)\s*[:,]?\s*$`, "vergadering", "bijeenkomst", "overleg", ":", ",").
			needing("vergadering", "bijeenkom", "overleg")
	// "Datum:", "Datum | 12 september 2023" (a table row), "Vergaderdatum".
	reDatumLabel = endAnchored(`(?i)(\b(datum|vergaderdatum|datum vergadering|datum bijeenkomst)\s*[:|]?|\b(verslag|notulen|date)\s*[:|])\s*$`,
		"datum", "vergadering", "bijeenkomst", ":", "|").
		needing("datum", "ver", "notulen", "date")
	reReportOf    = regexp.MustCompile(`(?i)\p{L}*(verslag|notulen|besluitenlijst|actielijst)\b[\p{L}\s/'’.-]{0,60}$`)
	reReportAfter = regexp.MustCompile(`(?i)^\s*[-–:]?\s*\p{L}*(verslag|notulen|besluitenlijst)\b`) // "06.01.2007 verslag vergadering"
	reDocumentLbl = regexp.MustCompile(`(?i)^(document|onderwerp|betreft)\s*:`)
	reWhenLabel   = endAnchored(`(?i)\bwanneer\s*:?\s*$`, "wanneer", ":")
	reListOfEarly = endAnchored(`(?i)(besluitenlijst|notulen|verslag|actielijst)\s+van\s+de\s+\S*(vergadering|overleg|bijeenkomst|procedure)\s+van\s*$`,
		"van")
	reMinutesOf = endAnchored(`(?i)\b(uit|in|zie)\s+(het\s+|de\s+)?(verslag|notulen)(\s+van)?\s*$`,
		"van", "verslag", "notulen")
	reItemNumber   = regexp.MustCompile(`^\s*\d{1,2}\s*[.)]\s*\p{L}`)
	reApproved     = regexp.MustCompile(`(?i)\b(aldus\s+vastgesteld|vastgesteld\s+in\s+de|vastgesteld\s+op|goedgekeurd\s+(in|op))\b`)
	reCaseLine     = regexp.MustCompile(`(?i)^(zaak|brief|noot|agendapunt)\s*:`)
	reDeadlineWord = endAnchored(`(?i)(\b(vanaf|per|tot|voor|vóór|uiterlijk|na|medio|eind|begin|eind|t/m|m\.i\.v\.|ingaande|deadline)|\bin\s+de\s+week\s+van)\s*$`,
		"vanaf", "per", "tot", "voor", "vóór", "uiterlijk", "na", "medio", "eind", "begin",
		"t/m", "m.i.v.", "ingaande", "deadline", "van")
	reSince    = endAnchored(`(?i)\bsinds\s*$`, "sinds")
	reOnDay    = endAnchored(`(?i)\bop\s*$`, "op")
	reLastDay  = endAnchored(`(?i)\bafgelopen\s*$`, "afgelopen")
	rePastRef  = regexp.MustCompile(`(?i)^\s*(jl\.?|j\.l\.|jongstleden|ll\.|laatstleden)`)
	reComing   = regexp.MustCompile(`(?i)^\s*(a\.s\.|as\.?\b|aanstaande)`)
	rePubLabel = endAnchored(`(?i)\b(nieuws\s*[|:•·–-]|nieuwsbericht|nieuwsdatum|publicatiedatum|datum\s+publicatie|gepubliceerd(\s+op)?|geplaatst(\s+op)?|geüpload(\s+op)?|upload(datum)?|laatst\s+(gewijzigd|bijgewerkt)(\s+op)?|bijgewerkt(\s+op)?|posted(\s+on)?|published(\s+on)?)\s*:?\s*$`,
		"|", "•", "·", "–", "-", "nieuwsbericht", "nieuwsdatum", "publicatiedatum", "publicatie", "gepubliceerd", "geplaatst", "op", "geüpload", "upload",
		"uploaddatum", "gewijzigd", "bijgewerkt", "posted", "published", "on", ":").
		needing("nieuw", "publi", "geplaat", "pload", "laat", "bijgewerkt", "ted")
	// A byline with its date: "Door Peter Veld op 23 september 2013".
	reByline = regexp.MustCompile(`^(?:(?:[Gg]eplaatst|[Gg]epost|[Gg]eschreven)\s+)?(?:[Dd]oor|[Aa]uteur:?)\s+\p{Lu}[^.:;]{0,60}\s(?:op|on)\s*$`)
	// What a page of a document store prints after its upload date: "15.09.2013 Views".
	reCopyStats = regexp.MustCompile(`(?i)^\s*(views|weergaven|keer bekeken|downloads|reacties|comments)\b`)
	reTimeAfter = regexp.MustCompile(`(?i)^\s*,?\s*(om\s+|aanvang\s+|van\s+)?\d{1,2}[:.]\d{2}`)
	reDateLine  = regexp.MustCompile(`^\p{Lu}[\p{L}' .-]{1,40},\s*$`) // "Den Haag, "
	reMarkup    = regexp.MustCompile(`</?[a-zA-Z][^<>]{0,40}>`)
)

// datelineLead reports whether left is the place before the date of a dateline ("Den
// Haag, ", "Bergen op Zoom, "): capitalised words and the small words of place names,
// none of them a word of a report's title ("Notulen werkgroep inkoop, 12 maart 2024"
// is a title with the meeting date, not a dateline).
func datelineLead(left string) bool {
	if !reDateLine.MatchString(left) {
		return false
	}
	place := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(left), ","))
	if isPlace(place) {
		return true
	}
	for i, w := range strings.Fields(place) {
		lw := strings.ToLower(w)
		if titleWords[lw] || !startsUpper(w) && (i == 0 || !placeSmallWords[lw]) {
			return false
		}
	}
	return true
}

// placeSmallWords stand in place names in lower case ("Bergen op Zoom", "Alphen aan
// den Rijn").
var placeSmallWords = map[string]bool{"op": true, "aan": true, "den": true, "de": true, "der": true,
	"bij": true, "in": true, "en": true, "van": true, "ter": true}

// titleWords name a report or a meeting; a line that starts with them is a title.
var titleWords = map[string]bool{"notulen": true, "verslag": true, "vergadering": true, "bijeenkomst": true,
	"overleg": true, "besluitenlijst": true, "actielijst": true, "agenda": true, "werkgroep": true,
	"stuurgroep": true, "bestuursvergadering": true, "ledenvergadering": true, "jaarvergadering": true,
	"raadsvergadering": true, "commissievergadering": true, "bestuur": true, "alv": true, "mr": true}

// dateSentence is a stretch of a block read for dates: a sentence, a heading or a line.
type dateSentence struct {
	text string
	item bool // the block or line opens with an item number ("2. Notulen …")
	lead bool // the first sentence of the first passage after the title
	deep bool // the block starts more than deepOffset bytes into the text
	// memo holds what scoreDate reads of the text, for every date in it; nil means
	// nothing is kept.
	memo *sentenceMemo
}

// sentenceMemo is what scoreDate works out about a sentence once for all its dates.
type sentenceMemo struct {
	low             string // the text in lower case, when lowDone
	lowDone         bool
	took, tookKnown bool // tookPlace(text), when tookKnown
}

// lower returns the sentence in lower case.
func (ds dateSentence) lower() string {
	if ds.memo == nil {
		return strings.ToLower(ds.text)
	}
	if !ds.memo.lowDone {
		ds.memo.low, ds.memo.lowDone = strings.ToLower(ds.text), true
	}
	return ds.memo.low
}

// tookPlace is tookPlace(ds.text).
func (ds dateSentence) tookPlace() bool {
	if ds.memo == nil {
		return tookPlaceLow(ds.text, ds.lower())
	}
	if !ds.memo.tookKnown {
		ds.memo.took, ds.memo.tookKnown = tookPlaceLow(ds.text, ds.lower()), true
	}
	return ds.memo.took
}

// blockSentences cuts a block into the stretches read for dates. A sentence cut after
// "d.d." is joined to the next one, and markup that a document viewer left in the text
// ("06.01.<strong>2007</strong>") is taken out.
func blockSentences(b block, k blockKind) []dateSentence {
	var out []dateSentence
	if b.heading || k != kindPassage {
		t := b.text()
		return []dateSentence{{text: unmark(t), item: reItemNumber.MatchString(t)}}
	}
	for _, seg := range labelSegments(b) {
		item := reItemNumber.MatchString(seg)
		ss := sentences(seg)
		for j := 0; j < len(ss); j++ {
			s := ss[j]
			for j+1 < len(ss) && endsWithDD(s) {
				j++
				s += " " + ss[j]
			}
			out = append(out, dateSentence{text: unmark(s), item: item})
		}
	}
	return out
}

// appendYears appends to years the numbers from 1950 to 2099 that stand alone in s
// ("Begin 2019", "in 2015"), less postcodes ("2011 VK Haarlem").
func appendYears(years []int, s string) []int {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigit(s[i]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 4 && (i == 0 || !isLetter(s[i-1])) && (j == len(s) || !isLetter(s[j])) && !postcodeAt(s[j:]) {
			if y, _ := strconv.Atoi(s[i:j]); y >= 1950 && y <= 2099 {
				years = append(years, y)
			}
		}
		i = j
	}
	return years
}

// postcodeAt reports whether s starts with the letters of a Dutch postcode (" VK").
func postcodeAt(s string) bool {
	s = strings.TrimPrefix(s, " ")
	return len(s) >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && (len(s) == 2 || !isLetter(s[2]))
}

// clauseAfter reports whether the text after a date that opens a sentence goes on
// with a clause, a verb first as Dutch puts it ("… organiseerde de wijkraad …"),
// rather than with a time, a place or nothing.
func clauseAfter(right string) bool {
	f := strings.Fields(right)
	if len(f) < 3 {
		return false
	}
	w := f[0]
	return w != "" && unicode.IsLower([]rune(w)[0]) && !strings.ContainsAny(w, "0123456789:") && !timeWords[strings.ToLower(w)]
}

// timeWords are the words that follow a date without starting a clause.
var timeWords = map[string]bool{"om": true, "van": true, "tot": true, "vanaf": true, "in": true, "te": true, "t/m": true, "uur": true, "aanvang": true, "-": true, "–": true}

// reportWord reports whether s may hold a word for minutes, as reReportOf needs.
func reportWord(s string) bool {
	low := strings.ToLower(s)
	return strings.Contains(low, "verslag") || strings.Contains(low, "notulen") ||
		strings.Contains(low, "lijst")
}

// endsWithDD reports whether s ends with "d.d." or "dd." ("de dato"), which a date
// follows.
func endsWithDD(s string) bool {
	// " " + strings.ToLower(strings.TrimSpace(s)) ends with " d.d." or " dd.", without
	// making that string: no character beyond ASCII lowers to these.
	t := strings.TrimSpace(s)
	endsWord := func(w string) bool {
		n := len(t) - len(w)
		return n >= 0 && strings.EqualFold(t[n:], w) && (n == 0 || t[n-1] == ' ')
	}
	return endsWord("d.d.") || endsWord("dd.")
}

// unmark takes HTML tags out of s.
func unmark(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return reMarkup.ReplaceAllString(s, "")
}

// readDates scores every date in the report and picks the meeting date, the publication
// date and the next meeting.
func readDates(d *doc, now time.Time) (meeting civil, source, evidence string, pub, next civil) {
	var all []scoredDate
	firstProse, leadBlock := -1, -1
	for i, k := range d.kinds {
		if k == kindPassage && firstProse < 0 {
			firstProse = i
		}
		if k == kindPassage && leadBlock < 0 && i > d.titleIdx && len(strings.Fields(d.blocks[i].text())) >= 8 {
			leadBlock = i
		}
	}
	invitation := false
	offset := 0     // where block i starts in the text, roughly
	var years []int // every year the text names, also alone ("Begin 2019")
	for i, b := range d.blocks {
		k := d.kinds[i]
		sents := blockSentences(b, k)
		for j := range sents {
			sents[j].deep = offset > deepOffset
		}
		for _, l := range b.lines {
			offset += len(l) + 1
		}
		if i == leadBlock && len(sents) > 0 {
			sents[0].lead = true
		}
		for _, s := range sents {
			years = appendYears(years, s.text)
			ms := findDates(s.text)
			if len(ms) > 0 {
				s.memo = &sentenceMemo{}
			}
			for _, m := range ms {
				sd := scoredDate{dateMention: m, block: i, sentence: s.text, role: roleMeeting}
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
			sd := scoredDate{dateMention: m, block: -1, sentence: d.overrideTitle, role: roleMeeting,
				cues: 1<<cueTitle | 1<<cueEarly}
			sd.score = sd.cues.score()
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
	postedAfterLead(all, leadBlock)

	// Publication date: the first one found; pubLine is its block when that is a date
	// line, else -1.
	pubLine := -1
	for _, sd := range all {
		if sd.role == rolePublication && sd.Date.Year != 0 {
			pub = sd.Date
			if sd.block >= 0 && d.kinds[sd.block] == kindDateLine && sd.Start <= len(sd.sentence) && datelineLead(sd.sentence[:sd.Start]) {
				pubLine = sd.block // "Utrecht, 27 januari 2022", not "Geplaatst op …"
			}
			break
		}
	}
	crossCues(all, pub)

	// Bounds and anchors for year inference.
	var bounds []civil
	var anchors []int
	var written civil // the latest date the report speaks of as past: it was written after it
	var latest civil  // the latest date it names at all, but for deadlines and plans
	past := cueSet(1<<cueTookPlace | 1<<cueRecent)
	for _, sd := range all {
		if sd.Date.Year == 0 {
			continue
		}
		anchors = append(anchors, sd.Date.Year)
		if sd.bound {
			bounds = append(bounds, sd.Date)
		}
		if (sd.since || sd.role == roleMeeting && sd.cues.any(past)) && sd.Date.time().After(written.time()) {
			written = sd.Date
		}
		if (sd.since || sd.role == roleMeeting) && sd.Date.time().After(latest.time()) {
			latest = sd.Date
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
	if best >= 0 && all[best].score >= minMeetingScore && !invitation {
		sd := all[best]
		evidence = trimEvidence(sd.sentence)
		c, src, why := resolveYear(sd, all, pub, bounds, anchors, years, written, latest, d.name, now)
		if c.Year != 0 {
			meeting, source = c, src
			if why != "" {
				evidence += "; " + why
			}
		}
	}
	// "Gisteren vond in De Tuinen een ouderavond plaats" under "16 november 2023": the
	// lead dates the meeting from the day the report was written.
	if !invitation && leadBlock >= 0 {
		chosen := best
		if chosen >= 0 && all[chosen].score < minMeetingScore {
			chosen = -1
		}
		if c, why, ok := relativeMeeting(d, all, chosen, leadBlock, pub); ok {
			meeting, source, evidence = c, DateFromText, why
		}
	}
	// "Expertmeeting gesloten jeugdzorg" / "Utrecht, 27 januari 2022": a report of a
	// meeting dated under its title, that names no other date of the meeting, was
	// written on the day it reports.
	if meeting.Year == 0 && !invitation && pubLine >= 0 && pubLine == d.titleIdx+1 && titleNamesMeeting(d.title) {
		meeting, source, evidence = pub, DateFromText, trimEvidence(d.blocks[pubLine].text())+"; datum onder de titel"
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

// labelLineRe is a line that opens with a label: "Datum: 9 november 2023",
// "Gespreksleider: Youssef Amrani", "Zaak: …".
var labelLineRe = regexp.MustCompile(`^\p{Lu}[\p{L}()/ -]{1,30}:\s`)

// labelSegments cuts a block at lines that start with a label ("Document: …",
// "Zaak: …"), as decision lists are laid out; other lines join the segment before them.
func labelSegments(b block) []string {
	if b.list {
		return b.lines
	}
	var segs []string
	var cur strings.Builder // the lines of the segment, joined with spaces
	for i, l := range b.lines {
		// A label holds a colon; most lines do not.
		if i > 0 && (strings.IndexByte(l, ':') > 0 && labelLineRe.MatchString(l) || i == 1 && isDateLine(b.lines[0])) {
			segs = append(segs, cur.String())
			cur.Reset()
			cur.WriteString(l)
			continue
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(l)
	}
	return append(segs, cur.String())
}

func trimEvidence(s string) string {
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:157]) + "…"
	}
	return s
}

// scoreDate reads one date mention in its sentence and block: it settles the role of
// dates that are plainly not the meeting's, and gathers the cues of the others.
func scoreDate(sd *scoredDate, d *doc, k blockKind, ds dateSentence, i, firstProse int) {
	s := ds.text
	left := s[:sd.Start]
	right := s[sd.End:]
	lt := tail(left)
	// The date stands alone, or with only a time after it. (With left nothing but
	// white space, trimming left+right is trimming right: no string is joined.)
	only := false
	if strings.TrimSpace(left) == "" {
		rest := strings.Trim(strings.TrimSpace(right), " ,.:;()")
		only = rest == "" || timeOnlyRe.MatchString(rest)
	}
	dateline := datelineLead(left) && strings.Trim(right, " .") == ""
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
	if rePubLabel.MatchString(lt) || reByline.MatchString(left) {
		sd.role = rolePublication
		return
	}
	if reCopyStats.MatchString(right) {
		sd.role = roleOther // when a copy was uploaded
		return
	}
	low := ds.lower()
	if (strings.Contains(low, "vastgesteld") || strings.Contains(low, "goedgekeurd")) && approvedDate(s, left, right) {
		sd.role = roleApproval
		return
	}
	var c cueSet
	if reWhenLabel.MatchString(lt) {
		if !d.reportHead {
			sd.role = roleInvitation
			return
		}
		c.add(cueLabel) // "Wanneer:" in minutes gives the meeting's own date
	}
	if reSince.MatchString(lt) {
		sd.since = sd.Date.Year != 0
		sd.role = roleOther
		return
	}
	if reDeadlineWord.MatchString(lt) {
		sd.bound = sd.Date.Year != 0
		sd.role = roleOther
		return
	}
	tookPlaceS := ds.tookPlace
	if reComing.MatchString(right) || nextWords.in(low) && meetingWord(low) ||
		futureWords.in(low) && meetingWord(low) && !tookPlaceS() && i != d.titleIdx && k == kindPassage {
		sd.role = roleNext
		return
	}
	switch {
	case i == d.titleIdx:
		c.add(cueTitle)
	case k == kindHeading:
		c.add(cueHeading)
	case k == kindDateLine || only:
		c.add(cueDateLine)
		if firstProse < 0 || i < firstProse {
			c.add(cueHeader)
		}
	}
	if reDatumLabel.MatchString(lt) {
		c.add(cueLabel)
	}
	if reDocumentLbl.MatchString(s) {
		c.add(cueDocument)
	}
	if tookPlaceS() {
		c.add(cueTookPlace)
	}
	if reportWord(lt) && reReportOf.MatchString(lt) || reReportAfter.MatchString(right) {
		c.add(cueReportOf)
		if ds.item {
			c.add(cueMinutesItem)
		}
	}
	if reMeetingNoun.MatchString(lt) || !c.has(cueReportOf) && reNounBefore.MatchString(lt) {
		c.add(cueMeetingNoun)
	}
	if sd.HasDay {
		c.add(cueWeekday)
	}
	if reOnDay.MatchString(lt) || k == kindPassage && strings.TrimSpace(left) == "" && clauseAfter(right) {
		c.add(cueOn) // "op 14 december", or the date opens the sentence: "Zaterdag 9 maart organiseerde …"
	}
	if reLastDay.MatchString(lt) || rePastRef.MatchString(right) {
		c.add(cueRecent)
	}
	if i <= 2 || (firstProse >= 0 && i <= firstProse+1) {
		c.add(cueEarly)
	}
	if ds.lead {
		c.add(cueLead)
	}
	if ds.deep {
		c.add(cueDeep)
	}
	if reTimeAfter.MatchString(right) {
		c.add(cueTime)
	}
	if earlierWords.in(strings.ToLower(left)) || reMinutesOf.MatchString(lt) ||
		reListOfEarly.MatchString(lt) && i != d.titleIdx && !reDocumentLbl.MatchString(s) {
		c.add(cueEarlier)
	}
	if settleWords.in(low) {
		c.add(cueSettle)
	}
	if reCaseLine.MatchString(s) || strings.HasSuffix(strings.TrimSpace(left), " -") {
		c.add(cueCaseLine)
	}
	if sd.Date.Year == 0 {
		c.add(cueYearless)
	}
	sd.cues = c
	sd.score = c.score()
}

// crossCues adds the cues that come from comparing the dates of a report: a full date
// that more than one passage gives, and one from long before the report was posted
// (pub, when known), which tells of the past rather than of the meeting reported.
func crossCues(all []scoredDate, pub civil) {
	yearAgo := time.Time{}
	if pub.Year != 0 {
		yearAgo = pub.time().AddDate(-1, 0, 0)
	}
	for i := range all {
		sd := &all[i]
		if sd.role != roleMeeting || sd.Date.Year == 0 {
			continue
		}
		for _, o := range all {
			if o.role == roleMeeting && o.block != sd.block && o.Date == sd.Date && o.score > 0 {
				sd.cues.add(cueRepeated)
				break
			}
		}
		if pub.Year != 0 && sd.Date.time().Before(yearAgo) {
			sd.cues.add(cueBackground)
		}
		sd.score = sd.cues.score()
	}
}

// postedAfterLead settles a date standing alone under the title of a news page: it is
// when the page was posted when the opening passage (block lead) tells of an event on
// or shortly before it ("8 december 2017" above "Op vrijdagmiddag 1 december 2017 had
// de gemeenteraad een werkbezoek"). A report is posted after its meeting, so a lone
// date before the event date says nothing of the kind, and stays a candidate. The event
// date must be one that could be the meeting's by its own score.
func postedAfterLead(all []scoredDate, lead int) {
	for i := range all {
		h := &all[i]
		if h.role != roleMeeting || !h.cues.has(cueDateLine) || h.Date.Year == 0 {
			continue
		}
		for _, b := range all {
			if b.role != roleMeeting || b.block != lead || b.block <= h.block || !b.cues.any(eventCues) || b.score < minMeetingScore {
				continue
			}
			e := b.Date
			if e.Year == 0 {
				e.Year = h.Date.Year
				if e.time().After(h.Date.time()) {
					e.Year--
				}
			}
			if !e.valid() || e.time().After(h.Date.time()) || h.Date.time().Sub(e.time()) > 62*24*time.Hour {
				continue
			}
			h.role = rolePublication
			break
		}
	}
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

// relativeMeeting reads a lead that dates the meeting by the day of writing
// ("Gisteren vond … plaats", "Afgelopen dinsdag kwamen …", "Vandaag kwamen …"), from a
// publication date or a date line at the head of the report. It applies when the
// best candidate for the meeting date, if any, is that head date itself.
func relativeMeeting(d *doc, all []scoredDate, best, lead int, pub civil) (civil, string, bool) {
	anchor := pub
	if best >= 0 {
		b := all[best]
		if b.block < 0 || b.block >= lead || !b.cues.has(cueDateLine) || b.Date.Year == 0 {
			return civil{}, "", false // the meeting date is written elsewhere
		}
		anchor = b.Date
	}
	if anchor.Year == 0 {
		return civil{}, "", false
	}
	sents := sentences(d.blocks[lead].text())
	for _, s := range sents[:min(2, len(sents))] {
		if days, ok := daysBefore(s, anchor); ok {
			t := anchor.time().AddDate(0, 0, -days)
			c := civil{t.Year(), int(t.Month()), t.Day()}
			return c, trimEvidence(s) + "; geschreven op " + anchor.String(), true
		}
	}
	return civil{}, "", false
}

// daysBefore reads in a sentence how many days before the day of writing, anchor, the
// meeting it reports took place: "gisteren" 1, "eergisteren" 2, "vandaag" or
// "vanavond" 0, "afgelopen dinsdag" or "vorige dinsdag" back to that weekday.
func daysBefore(s string, anchor civil) (int, bool) {
	toks := tokenize(s)
	for i, t := range toks {
		switch lw := t.lower(); lw {
		case "gisteren", "gisteravond", "gistermiddag", "gisterochtend", "gistermorgen":
			return 1, true
		case "eergisteren":
			return 2, true
		case "vandaag", "vanavond", "vanmiddag", "vanochtend", "vanmorgen":
			if lw == "vandaag" && i+2 < len(toks) && toks[i+1].lower() == "de" && toks[i+2].lower() == "dag" {
				continue // "vandaag de dag": nowadays
			}
			return 0, true
		case "afgelopen", "vorige", "jongstleden", "jl.":
			if i+1 >= len(toks) {
				continue
			}
			w, ok := weekdayOf(toks[i+1].lower())
			if !ok {
				continue
			}
			days := (int(anchor.time().Weekday()) - int(w) + 7) % 7
			if days == 0 {
				days = 7
			}
			return days, true
		}
	}
	return 0, false
}

// weekdayOf reads a weekday name, perhaps joined with a part of the day
// ("dinsdagavond").
func weekdayOf(w string) (time.Weekday, bool) {
	if d, ok := weekdayNames[w]; ok {
		return d, true
	}
	for _, suf := range weekdaySuffixes {
		if d, ok := weekdayNames[strings.TrimSuffix(w, suf)]; ok && strings.HasSuffix(w, suf) {
			return d, true
		}
	}
	return 0, false
}

// approvedDate reports whether a date whose sentence says something was approved
// ("vastgesteld op", "goedgekeurd in") is the approval's date or that of the minutes
// approved: the phrase stands before it with no other number between, or after it in
// a sentence that names no date before it. "2 februari 2024 (verslag vastgesteld op 5
// februari 2024)" dates the meeting, then the approval.
func approvedDate(s, left, right string) bool {
	locs := reApproved.FindAllStringIndex(left, -1)
	if len(locs) > 0 {
		return !strings.ContainsAny(left[locs[len(locs)-1][0]:], "0123456789")
	}
	// The phrase after this date: "De notulen van 3 maart, vastgesteld op …" dates
	// minutes approved, unless a date stood before the phrase or the phrase is a remark
	// in brackets after this date.
	return reApproved.MatchString(s) && !strings.ContainsAny(left, "0123456789") &&
		!strings.HasPrefix(strings.TrimSpace(right), "(")
}

// titleNamesMeeting reports whether a title names a meeting or another gathering
// ("Expertmeeting …", "Verslag werkconferentie …").
func titleNamesMeeting(title string) bool {
	low := strings.ToLower(title)
	for _, w := range meetingWordParts {
		if strings.Contains(low, w) {
			return true
		}
	}
	for _, w := range gatheringWordParts {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// gatheringWordParts are parts of words that name a gathering, besides meetingWordParts.
var gatheringWordParts = []string{"meeting", "conferentie", "congres", "symposium", "workshop", "webinar", "werksessie", "themadag", "studiedag", "inspraak", "dialoog"}

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
	// needs, when set, are words one of which every match holds, in any case: most
	// texts that end with one of ends hold none of them ("… op"). None holds an "s",
	// which (?i) also matches as "ſ", a letter that lowering leaves alone.
	needs []string
}

// endAnchored compiles pattern, whose every match ends with one of ends (in any case)
// and then white space.
func endAnchored(pattern string, ends ...string) endPattern {
	return endPattern{re: regexp.MustCompile(pattern), ends: ends}
}

// needing returns p with the words one of which every match holds (see needs).
func (p endPattern) needing(words ...string) endPattern {
	p.needs = words
	return p
}

// MatchString reports whether the pattern matches s.
func (p endPattern) MatchString(s string) bool {
	if !mayEndWith(s, p.ends) {
		return false
	}
	if p.needs != nil {
		low := strings.ToLower(s)
		if !slices.ContainsFunc(p.needs, func(w string) bool { return strings.Contains(low, w) }) {
			return false
		}
	}
	return p.re.MatchString(s)
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
func tookPlace(s string) bool { return tookPlaceLow(s, strings.ToLower(s)) }

// tookPlaceLow is tookPlace for a caller with s in lower case (low) at hand.
func tookPlaceLow(s, low string) bool {
	if !tookPlaceWords.in(low) {
		return false
	}
	// reTookPlace matches where one of its alternatives does: each is tried only when
	// low holds its word. The words hold no "s", which (?i) also matches as "ſ", a
	// letter that lowering leaves alone.
	for _, alt := range tookPlaceAlternatives {
		if strings.Contains(low, alt.word) && alt.re.MatchString(s) {
			return true
		}
	}
	return false
}

// tookPlaceWords are the words one of which a sentence needs for tookPlace.
var tookPlaceWords = newSubstrings("plaats", "gehouden", "bijee", "vergader", "elkaar", "zover")

// tookPlaceAlternatives are the alternatives of reTookPlace, each with a word it cannot
// match without.
var tookPlaceAlternatives = []struct {
	word string
	re   *regexp.Regexp
}{
	{"von", regexp.MustCompile(`(?i)\b(vond|vonden)\b.*\bplaats\b`)},
	{"vind", regexp.MustCompile(`(?i)\b(vindt|vinden)\b.*\bplaats\b`)},
	{"gehouden", regexp.MustCompile(`(?i)\bgehouden\b`)},
	{"gevonden", regexp.MustCompile(`(?i)\bplaatsgevonden\b`)},
	{"bijeengekomen", regexp.MustCompile(`(?i)\bbijeengekomen\b`)},
	{"kwam", regexp.MustCompile(`(?i)\b(kwam|kwamen)\b.*\b(bijeen|bij elkaar)\b`)},
	{"komt", regexp.MustCompile(`(?i)\bkomt\b.*\b(bijeen|bij elkaar)\b`)},
	{"vergaderd", regexp.MustCompile(`(?i)\bvergaderd(e|en)?\b`)},
	{"zover", regexp.MustCompile(`(?i)\bwas het (dan )?zover\b`)},
}

// resolveYear completes a date without a year, and says how.
//
// anchors are the years of the full dates in the text, years every year it names
// (also alone: "Begin 2019"), written the latest full date it speaks of as past, and
// latest the latest it names but for deadlines and plans.
func resolveYear(sd scoredDate, all []scoredDate, pub civil, bounds []civil, anchors, years []int, written, latest civil, name string, now time.Time) (civil, string, string) {
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
		// "3 maart jl." is recent when the report is written, which is after the
		// dates it names: not more than a year before the latest of them.
		if sd.cues.has(cueRecent) && latest.Year != 0 && t.time().Before(latest.time().AddDate(-1, 0, 0)) {
			return false
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
	// 3. "26 januari jl." is the last 26 January before the report was written, and the
	// report was written after the latest past date it names ("sinds 1 januari 2023"):
	// when that date's year has its 26 January after it, that is the day.
	if sd.cues.has(cueRecent) && written.Year != 0 {
		t := civil{written.Year, c.Month, c.Day}
		if fits(written.Year) && !t.time().Before(written.time()) {
			return t, DateFromText, "jaar uit: na " + written.String()
		}
	}
	// 4. The weekday, nearest to the years the text names.
	if sd.HasDay {
		hi := 2100
		if !now.IsZero() {
			hi = now.Year() + 1
		}
		bestY, bestDist, tie := 0, 1<<30, false
		for y := 1950; y <= hi; y++ {
			if !fits(y) {
				continue
			}
			dist := 1 << 29
			for _, a := range years {
				if v := abs(a - y); v < dist {
					dist = v
				}
			}
			switch {
			case dist < bestDist:
				bestY, bestDist, tie = y, dist, false
			case dist == bestDist:
				tie = true
			}
		}
		// Two years as near to the text's years leave the day unknown.
		if bestY != 0 && bestDist <= 3 && !tie {
			why := "jaar uit de weekdag"
			if len(bounds) > 0 {
				why += ", vóór " + bounds[0].String()
			}
			return civil{bestY, c.Month, c.Day}, DateFromWeekday, why
		}
	}
	// 5. A date in the file name on the same day.
	if f, ok := fileNameDate(name); ok && f.Month == c.Month && f.Day == c.Day {
		return f, DateFromFileName, "jaar uit bestandsnaam"
	}
	// 6. One year throughout the text.
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
