package search

// Filters: the speakers, themes, organisations, places and dates a search is
// narrowed to, as bitmaps of the passages of each segment that pass, for both
// evaluators.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// filterGroup is one filter of a search. A passage passes it when it holds one of
// terms, or when its report is marked in reports (by report number in the column
// cache).
type filterGroup struct {
	terms   []termRef
	reports *reportFilter
}

// reportFilter is a filter on a report-level value (an organisation, a place): the
// reports that have it, by number, and the documents of those reports per segment,
// worked out once per snapshot, as filters repeat (a website's search box with its
// place, a saved search).
type reportFilter struct {
	marked []bool   // by report number
	bits   sync.Map // segKey → *roaring.Bitmap of the segment's live documents
}

// segKey names one segment as a snapshot sees it: its deletions differ by snapshot.
type segKey struct {
	seg segment.Segment
	del *roaring.Bitmap
}

// docs returns the live documents of a segment, with columns col, whose report the
// filter marks. The bitmap is shared: the caller must not change it.
func (f *reportFilter) docs(ss *scorch.SegmentSnapshot, col *segColumns) *roaring.Bitmap {
	key := segKey{ss.Segment(), ss.Deleted()}
	if bm, ok := f.bits.Load(key); ok {
		return bm.(*roaring.Bitmap)
	}
	bm := reportsBitmap(ss, col, f.marked)
	f.bits.Store(key, bm)
	return bm
}

// maxReportFilters bounds the report filters a snapshot keeps.
const maxReportFilters = 256

// reportFilterOf returns the filter on value v of report facet k, kept with the
// snapshot while there are fewer than maxReportFilters.
func (sn *snap) reportFilterOf(table *facetTable, k int, v string) *reportFilter {
	key := strconv.Itoa(k) + "\x00" + v
	if f, ok := sn.reportFilters.Load(key); ok {
		return f.(*reportFilter)
	}
	ids := table.reportsWith(k, v)
	nums := make([]int32, len(ids))
	for i, id := range ids {
		nums[i] = sn.columns.reports.number(id)
	}
	f := &reportFilter{marked: make([]bool, len(sn.columns.reports.values()))}
	for _, n := range nums {
		f.marked[n] = true
	}
	if sn.reportFilterCount.Add(1) <= maxReportFilters {
		sn.reportFilters.Store(key, f)
	}
	return f
}

// filters returns the filters of r; a passage must pass every one. Every speaker,
// organisation and place asked for is a filter of its own; a theme is one of the
// passage; a date range is its years, months and days. The values
// of a report (its themes, organisations and places) are looked up in the report
// records, as its facets are: the passages do not repeat them.
func (sn *snap) filters(r Request, from, to time.Time) ([]filterGroup, error) {
	var out []filterGroup
	for _, sp := range r.Speakers {
		g := filterGroup{terms: []termRef{{FieldSpeakers, sp}}}
		names, err := sn.speakersNamed(sp)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if n != sp {
				g.terms = append(g.terms, termRef{FieldSpeakers, n})
			}
		}
		out = append(out, g)
	}
	if len(r.Organisations)+len(r.Places)+len(r.Themes) > 0 {
		table, err := sn.facets()
		if err != nil {
			return nil, err
		}
		for _, o := range r.Organisations {
			out = append(out, filterGroup{reports: sn.reportFilterOf(table, facetOrganisation, o)})
		}
		for _, p := range r.Places {
			out = append(out, filterGroup{reports: sn.reportFilterOf(table, facetPlace, p)})
		}
		for _, th := range r.Themes {
			// The passages about the theme, not every passage of a report about it.
			out = append(out, filterGroup{terms: []termRef{{FieldThemes, th}}})
		}
	}
	for _, k := range r.Kinds {
		out = append(out, filterGroup{terms: []termRef{{FieldKind, k}}})
	}
	if !from.IsZero() || !to.IsZero() {
		out = append(out, filterGroup{terms: dateRangeTerms(from, to)})
	}
	return out, nil
}

// Bounds of the meeting dates a range query looks at.
var (
	firstDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dateRangeTerms returns the terms of the passages whose meeting date lies in
// [from, to] (a zero time is open). The range is written with as few terms as the
// year, month and date fields allow: whole years, then whole months, then single days
// at the edges, so that a range of ten years takes some dozens of terms rather than
// thousands of dates.
func dateRangeTerms(from, to time.Time) []termRef {
	if from.IsZero() || from.Before(firstDate) {
		from = firstDate
	}
	if to.IsZero() || to.After(lastDate) {
		to = lastDate
	}
	var parts []termRef
	for cur := from; !cur.After(to); {
		switch {
		case cur.YearDay() == 1 && !cur.AddDate(1, 0, -1).After(to):
			parts = append(parts, termRef{FieldYear, cur.Format("2006")})
			cur = cur.AddDate(1, 0, 0)
		case cur.Day() == 1 && !cur.AddDate(0, 1, -1).After(to):
			parts = append(parts, termRef{FieldMonth, cur.Format("2006-01")})
			cur = cur.AddDate(0, 1, 0)
		default:
			parts = append(parts, termRef{FieldDate, cur.Format(time.DateOnly)})
			cur = cur.AddDate(0, 0, 1)
		}
	}
	return parts
}

// filterBitmap returns the live documents of a segment, with columns col, that pass
// every filter, or nil when there are no filters.
func filterBitmap(ss *scorch.SegmentSnapshot, col *segColumns, groups []filterGroup) (*roaring.Bitmap, error) {
	var out *roaring.Bitmap
	for _, g := range groups {
		// The group's terms by field (a date range spans years, months and days), so
		// that each field's dictionary is opened once.
		var fields []string
		byField := map[string][]string{}
		for _, t := range g.terms {
			if byField[t.field] == nil {
				fields = append(fields, t.field)
			}
			byField[t.field] = append(byField[t.field], t.term)
		}
		var any []*roaring.Bitmap
		for _, f := range fields {
			bm, err := termsBitmap(ss, f, byField[f])
			if err != nil {
				return nil, err
			}
			any = append(any, bm)
		}
		if g.reports != nil {
			any = append(any, g.reports.docs(ss, col))
		}
		u := roaring.FastOr(any...) // a new bitmap, even of one
		if out == nil {
			out = u
		} else {
			out.And(u)
		}
		if out.IsEmpty() {
			return out, nil
		}
	}
	return out, nil
}

// reportsBitmap returns the live documents of a segment, with columns col, whose
// report is marked in reports.
func reportsBitmap(ss *scorch.SegmentSnapshot, col *segColumns, reports []bool) *roaring.Bitmap {
	out := roaring.New()
	for d, rep := range col.report {
		if rep >= 0 && int(rep) < len(reports) && reports[rep] {
			out.Add(uint32(d))
		}
	}
	if del := ss.Deleted(); del != nil {
		out.AndNot(del)
	}
	return out
}

// termsBitmap returns the live documents of a segment that hold any of the terms in
// field, or nil when there are no terms. The bitmap is the caller's to change.
func termsBitmap(ss *scorch.SegmentSnapshot, field string, terms []string) (*roaring.Bitmap, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	dict, err := ss.Segment().Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("search: filter: %w", err)
	}
	out := roaring.New()
	for _, term := range terms {
		pl, err := dict.PostingsList([]byte(term), ss.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("search: filter: %w", err)
		}
		if pl == nil || pl.Count() == 0 {
			continue
		}
		it := pl.Iterator(false, false, false, nil)
		if zi, ok := it.(*zapx.PostingsIterator); ok && zi.ActualBM != nil {
			out.Or(zi.ActualBM) // Or copies: the postings themselves stay untouched
			continue
		}
		for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
			if err != nil {
				return nil, fmt.Errorf("search: filter: %w", err)
			}
			out.Add(uint32(p.Number()))
		}
	}
	return out, nil
}

// speakersNamed returns the speakers of the snapshot's reports that a name asked for
// stands for: the same name in other case or without diacritics ("mohammed el
// amrani"), or the last words of a speaker's name ("El Amrani", "Dijkshoorn"). The
// speakers are indexed by every tail of their folded names once per snapshot.
func (sn *snap) speakersNamed(asked string) ([]string, error) {
	want := strings.Join(foldWords(asked), " ")
	if want == "" {
		return nil, nil
	}
	sn.mu.RLock()
	idx := sn.byTail
	sn.mu.RUnlock()
	if idx == nil {
		table, err := sn.facets()
		if err != nil {
			return nil, err
		}
		idx = map[string][]string{}
		seen := map[string]bool{}
		for _, rec := range table.records {
			for _, name := range rec.Speakers {
				if seen[name] {
					continue
				}
				seen[name] = true
				words := foldWords(name)
				for i := range words {
					k := strings.Join(words[i:], " ")
					idx[k] = append(idx[k], name)
				}
			}
		}
		for _, names := range idx {
			sort.Strings(names)
		}
		sn.mu.Lock()
		sn.byTail = idx
		sn.mu.Unlock()
	}
	return idx[want], nil
}
