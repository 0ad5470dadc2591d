package indexer

import "kennisbank/indexer/search"

// stringTable hands out one copy of each distinct string. The records of a large
// index repeat the same names many times over (speakers, organisations, places,
// themes, section headings, roles), and each record decoded from its JSON holds
// copies of its own: on 100,000 reports the records took some 375 MB of heap.
type stringTable map[string]string

// share returns the table's copy of s, adding s when it is new.
func (t stringTable) share(s string) string {
	if s == "" {
		return s
	}
	if c, ok := t[s]; ok {
		return c
	}
	t[s] = s
	return s
}

// shareAll replaces each string of ss by the table's copy.
func (t stringTable) shareAll(ss []string) {
	for i, s := range ss {
		ss[i] = t.share(s)
	}
}

// shareCounts replaces the names of pc by the table's copies.
func (t stringTable) shareCounts(pc search.PassageCounts) {
	for i := range pc {
		pc[i].Name = t.share(pc[i].Name)
	}
}

// shareStrings makes the repeated strings of r the table's copies.
func (t stringTable) shareStrings(r *ReportRecord) {
	r.Date = t.share(r.Date)
	r.DateSource = t.share(r.DateSource)
	r.PublicationDate = t.share(r.PublicationDate)
	r.NextMeetingDate = t.share(r.NextMeetingDate)
	r.Format = t.share(r.Format)
	t.shareAll(r.Places)
	t.shareAll(r.Organisations)
	t.shareAll(r.Sections)
	t.shareAll(r.Themes)
	t.shareAll(r.SeriesOrgs)
	r.SeriesBody = t.share(r.SeriesBody)
	r.SeriesFixed = t.share(r.SeriesFixed)
	for i := range r.Speakers {
		sp := &r.Speakers[i]
		sp.Name = t.share(sp.Name)
		sp.Role = t.share(sp.Role)
		sp.Organisation = t.share(sp.Organisation)
		t.shareAll(sp.Aliases)
	}
	for i := range r.Actions {
		a := &r.Actions[i]
		a.Owner = t.share(a.Owner)
		a.Due = t.share(a.Due)
		a.Status = t.share(a.Status)
	}
	t.shareCounts(r.SpeakerPassages)
	t.shareCounts(r.ThemePassages)
}
