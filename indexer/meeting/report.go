// Package meeting reads a meeting report the way a careful reader does: it turns the
// plain text of a report into a Report with its title, meeting date, speakers and their
// turns, places, organisations, sections, themes and passages.
//
// The package is pure: text in, values out. It does no I/O. Its one tie to the index
// is the Dutch analysis (package dutch): it finds themes in analysed text. It returns
// plain values; the indexer analyses what it indexes.
package meeting

// Date sources say where a report's meeting date came from.
const (
	DateFromFrontMatter = "front_matter" // front matter or a sidecar file
	DateFromText        = "text"         // a full date in the text
	DateFromWeekday     = "weekday"      // day and month in the text, year inferred from the weekday
	DateFromPublication = "publication"  // day and month in the text, year from a publication date
	DateFromFileName    = "file_name"    // a date in the file name
)

// Input is what Parse reads: the text of one report and what is known about it already.
type Input struct {
	// Name is the report's file name (without directories), used for the title and
	// date fallbacks.
	Name string
	// Format is the source format: "txt", "md", "html" or "pdf".
	Format string
	// Text is the report's cleaned text. Blocks are separated by blank lines;
	// headings that the source marked as such are lines starting with "# ", "## ", ….
	Text string
	// Overrides come from front matter or a sidecar file and win over what the text says.
	Overrides Overrides
}

// Overrides are metadata set by hand (front matter, a sidecar .yaml, a correction).
// Empty fields leave the extracted value alone.
type Overrides struct {
	Title         string
	Date          string // YYYY-MM-DD
	Speakers      []string
	Themes        []string
	Places        []string
	Organisations []string
	// Series names the series of meetings the report belongs to ("Fronteers bestuur").
	Series string
	// Decisions and Actions, when set, replace the decisions and action items the
	// text gives (an empty list: none). Each keeps the passage of the item it corrects.
	Decisions *[]string
	Actions   *[]ActionFix
}

// ActionFix is an action item as a correction states it.
type ActionFix struct {
	Text, Owner, Due, Status string
}

// Report is everything a careful reader takes from one report.
type Report struct {
	Title string
	// Date is the meeting date as YYYY-MM-DD, or empty when it cannot be known.
	Date string
	// DateSource says where Date came from (one of the DateFrom… constants).
	DateSource string
	// DateEvidence quotes the words the meeting date was read from, for people who
	// want to check it ("Dinsdag 18 mei vond … plaats; jaar uit: vanaf 1 januari 2023").
	DateEvidence string
	// PublicationDate is when the report itself was dated or posted (YYYY-MM-DD), when
	// the text says so apart from the meeting ("Den Haag, 3 april 2009").
	PublicationDate string
	// NextMeetingDate is the date of the next meeting when the report announces one.
	NextMeetingDate string
	Places          []string
	Organisations   []string
	Speakers        []Speaker
	// Mentioned are people named in the report who did not speak.
	Mentioned []string
	Sections  []string
	Themes    []string
	Passages  []Passage
	// Decisions are what the meeting decided, agreed or concluded, in reading order.
	Decisions []Decision
	// Actions are the action items: what, who and by when, in reading order.
	Actions []Action
	// Series names the series of meetings the report belongs to when a sidecar or
	// front matter says so; otherwise SeriesBody and SeriesOrgs let the indexer name it.
	Series string
	// SeriesBody is the body whose meeting the report is ("bestuur", "ALV",
	// "werkgroep Inkoop"), or empty.
	SeriesBody string
	// SeriesOrgs are the organisations the report may be of, most likely first.
	SeriesOrgs []string
	// DoneNotes are the sentences that report work done ("De notitie is rondgestuurd,
	// afgerond."), for marking the action items of the meeting before as done.
	DoneNotes []string
}

// Speaker is a person who spoke, presented or chaired at the meeting.
type Speaker struct {
	Name         string
	Aliases      []string
	Role         string
	Organisation string
}

// Passage is one paragraph or speaker's turn, in reading order.
type Passage struct {
	// Section is the heading the passage stands under, or empty.
	Section string
	Text    string
	// Speakers are the canonical names of whoever the passage is credited to;
	// empty for the report's own voice.
	Speakers []string
	Themes   []string
	// Turn counts the speaker turns from 1 in reading order; passages of one turn share
	// the number. 0 means the report's own voice.
	Turn int
	// Continued is true when the passage carries on the turn of the passage before it
	// without naming the speaker again ("Hij heeft hierbij …").
	Continued bool
}
