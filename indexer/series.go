package indexer

import (
	"sort"

	"kennisbank/indexer/meeting"
)

// SeriesRecord is the series of meetings a report belongs to, with the meetings
// before and after it.
type SeriesRecord struct {
	Name     string      `json:"name,omitempty"`
	Previous *SeriesLink `json:"previous,omitempty"`
	Next     *SeriesLink `json:"next,omitempty"`
}

// SeriesLink names another meeting of a series.
type SeriesLink struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date,omitempty"`
}

// linkSeries names the series of each report, links each to the meeting before and
// after it, and marks as done the action items that the next meeting reports done.
//
// A report's series is its sidecar's "series:" when it has one. Otherwise it is the
// body its title names with the organisation it is of: of the organisations the
// report may be of, the one that most reports of the same body share.
func linkSeries(recs []ReportRecord) {
	votes := map[string]map[string]int{} // body → organisation → reports
	for _, r := range recs {
		if r.SeriesFixed != "" || r.SeriesBody == "" {
			continue
		}
		if votes[r.SeriesBody] == nil {
			votes[r.SeriesBody] = map[string]int{}
		}
		for _, o := range r.SeriesOrgs {
			votes[r.SeriesBody][o]++
		}
	}
	groups := map[string][]int{}
	for i := range recs {
		r := &recs[i]
		r.Series = SeriesRecord{Name: r.SeriesFixed}
		if r.Series.Name == "" && r.SeriesBody != "" {
			org, best := "", 1
			for _, o := range r.SeriesOrgs {
				if n := votes[r.SeriesBody][o]; n > best {
					org, best = o, n
				}
			}
			if org == "" && len(r.SeriesOrgs) > 0 {
				org = r.SeriesOrgs[0]
			}
			r.Series.Name = meeting.SeriesName(org, r.SeriesBody)
		}
		if r.Series.Name != "" {
			groups[r.Series.Name] = append(groups[r.Series.Name], i)
		}
	}
	for _, g := range groups {
		// Meetings in date order; a meeting without a date cannot be placed.
		var dated []int
		for _, i := range g {
			if recs[i].Date != "" {
				dated = append(dated, i)
			}
		}
		sort.Slice(dated, func(a, b int) bool {
			ra, rb := recs[dated[a]], recs[dated[b]]
			if ra.Date != rb.Date {
				return ra.Date < rb.Date
			}
			return ra.ID < rb.ID
		})
		for k, i := range dated {
			if k > 0 {
				p := recs[dated[k-1]]
				recs[i].Series.Previous = &SeriesLink{ID: p.ID, Title: p.Title, Date: p.Date}
			}
			if k+1 < len(dated) {
				n := recs[dated[k+1]]
				recs[i].Series.Next = &SeriesLink{ID: n.ID, Title: n.Title, Date: n.Date}
				markDone(&recs[i], n)
			}
		}
	}
}

// markDone marks the open action items of r that the next meeting reports done: a
// note of it says so, or its action list no longer holds an item of r's action list
// (struck from the list). The actions are copied, so the stored record is left alone.
func markDone(r *ReportRecord, next ReportRecord) {
	if len(r.Actions) == 0 {
		return
	}
	var nextList []string
	for _, a := range next.Actions {
		if a.Listed {
			nextList = append(nextList, a.Text)
		}
	}
	acts := append([]ActionRecord(nil), r.Actions...)
	for k, a := range acts {
		if a.Status != meeting.StatusOpen {
			continue
		}
		done := meeting.DoneBy(meeting.Action{Text: a.Text, Owner: a.Owner}, next.DoneNotes)
		if !done && a.Listed && len(nextList) > 0 {
			done = true
			for _, t := range nextList {
				if meeting.SameAction(a.Text, t) {
					done = false
					break
				}
			}
		}
		if done {
			acts[k].Status = meeting.StatusDone
		}
	}
	r.Actions = acts
}
