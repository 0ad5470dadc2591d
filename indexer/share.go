package indexer

import (
	"kennisbank/indexer/meeting"
	"kennisbank/indexer/search"
)

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

// arena hands out copies of slices, each exactly as long as the slice, cut from a few
// large arrays. The slices a record decoded from JSON holds are grown by doubling
// (on 100,000 reports the lists of speakers had room for 1.02 million where 0.74
// million were used) and each is an allocation of its own.
type arena[T any] struct{ buf []T }

// arenaChunk is the number of elements of each array an arena cuts from.
const arenaChunk = 4096

// copy returns a copy of s in the arena, with no room to grow: appending to it copies
// it elsewhere. An empty s is returned as it is (nil stays nil).
func (a *arena[T]) copy(s []T) []T {
	if len(s) == 0 {
		return s
	}
	out := a.take(len(s))
	copy(out, s)
	return out
}

// take returns n zero elements of the arena, with no room to grow.
func (a *arena[T]) take(n int) []T {
	if cap(a.buf)-len(a.buf) < n {
		a.buf = make([]T, 0, max(n, arenaChunk))
	}
	start := len(a.buf)
	a.buf = a.buf[:start+n]
	return a.buf[start : start+n : start+n]
}

// recordArenas are the arenas the lists of the cached records are packed into.
type recordArenas struct {
	strings   arena[string]
	speakers  arena[meeting.Speaker]
	decisions arena[DecisionRecord]
	actions   arena[ActionRecord]
	counts    arena[search.NameCount]
}

// pack moves the lists of r into the arenas.
func (a *recordArenas) pack(r *ReportRecord) {
	for _, p := range []*[]string{&r.Places, &r.Organisations, &r.Sections, &r.Themes, &r.SeriesOrgs,
		&r.Warnings, &r.Attachments} {
		*p = a.strings.copy(*p)
	}
	for i := range r.Speakers {
		r.Speakers[i].Aliases = a.strings.copy(r.Speakers[i].Aliases)
	}
	r.Speakers = a.speakers.copy(r.Speakers)
	r.Decisions = a.decisions.copy(r.Decisions)
	r.Actions = a.actions.copy(r.Actions)
	r.SpeakerPassages = a.counts.copy(r.SpeakerPassages)
	r.ThemePassages = a.counts.copy(r.ThemePassages)
}
