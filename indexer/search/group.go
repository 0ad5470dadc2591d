package search

// GroupReport groups search results by report.
const GroupReport = "report"

// GroupPassages is how many of its best passages a report group shows.
const GroupPassages = 3

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Group is one report in a grouped result: its best passages, best first.
type Group struct {
	ReportID    string
	ReportTitle string
	Date        string // YYYY-MM-DD, empty when unknown
	Speakers    []string
	Themes      []string
	Score       float64 // the best passage's
	Matches     int     // matching passages of this report
	Passages    []Hit
}

// groupPage fills out.Groups with the page of reports that hc found: in relevance
// order by their best passage, in the date orders by meeting date. Each group shows
// its best passages (its first in the date orders), fetched with their snippets.
func (sn *snap) groupPage(uq UserQuery, r Request, hc *hitCollector, out *Result) error {
	out.Groups = []Group{}
	order := hc.groups(r.Page * r.Size)
	start := min((r.Page-1)*r.Size, len(order))
	page := order[start:min(start+r.Size, len(order))]
	if len(page) == 0 {
		return nil
	}
	var ids []string
	for _, b := range page {
		for _, h := range b.passages() {
			ids = append(ids, hc.passageID(h))
		}
	}
	hits, err := sn.loadHits(uq, ids)
	if err != nil {
		return err
	}
	table, err := sn.facets()
	if err != nil {
		return err
	}
	for _, b := range page {
		id := hc.reportNames[b.report]
		g := Group{ReportID: id, Score: b.score, Matches: int(hc.reportCounts[b.report]), Speakers: []string{}, Themes: []string{}}
		for _, h := range b.passages() {
			if hit, ok := hits[hc.passageID(h)]; ok {
				g.Passages = append(g.Passages, hit)
			}
		}
		if rec := table.records[id]; rec != nil {
			g.ReportTitle, g.Date, g.Themes = rec.Title, rec.Date, nonNil(rec.Themes)
			g.Speakers = append(g.Speakers, rec.Speakers...)
		}
		out.Groups = append(out.Groups, g)
	}
	return nil
}
