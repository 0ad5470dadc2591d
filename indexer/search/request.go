package search

import (
	"fmt"
	"time"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDateDesc  = "date_desc"
	SortDateAsc   = "date_asc"
)

// Limits on paging.
const (
	DefaultSize = 10
	MaxSize     = 50
	MaxResults  = 1000 // no page reaches beyond the first MaxResults hits
)

// Request is one search.
type Request struct {
	Query         string
	Speakers      []string
	Themes        []string
	Organisations []string
	Places        []string
	// Kinds limits the search to passages that record a decision (KindDecision) or an
	// action item (KindAction).
	Kinds    []string
	From, To string // YYYY-MM-DD, inclusive; empty for open
	Sort     string // SortRelevance, SortDateDesc or SortDateAsc; empty for the default
	Page     int    // from 1; 0 means 1
	Size     int    // 1–MaxSize; 0 means DefaultSize
	// Group is GroupReport for one result per report (Result.Groups, paged by report)
	// or empty for one per passage.
	Group string
}

// RequestError is a request that cannot be answered as asked. Message is Dutch, for
// users; Field names the parameter.
type RequestError struct {
	Field   string
	Message string
}

func (e *RequestError) Error() string { return e.Field + ": " + e.Message }

// normalize fills defaults and checks every value.
func (r *Request) normalize() (from, to time.Time, err error) {
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page < 1 {
		return from, to, &RequestError{"page", "page moet 1 of hoger zijn"}
	}
	if r.Size < 1 || r.Size > MaxSize {
		return from, to, &RequestError{"size", fmt.Sprintf("size moet tussen 1 en %d liggen", MaxSize)}
	}
	if r.Page*r.Size > MaxResults {
		return from, to, &RequestError{"page", fmt.Sprintf("alleen de eerste %d resultaten zijn op te vragen; verfijn de zoekopdracht", MaxResults)}
	}
	for _, k := range r.Kinds {
		if k != KindDecision && k != KindAction {
			return from, to, &RequestError{"kind", "kind moet decision of action zijn"}
		}
	}
	if r.Group != "" && r.Group != GroupReport {
		return from, to, &RequestError{"group", "group kan alleen report zijn (één resultaat per verslag)"}
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
		if ParseQuery(r.Query).Empty() {
			r.Sort = SortDateDesc
		}
	case SortRelevance, SortDateDesc, SortDateAsc:
	default:
		return from, to, &RequestError{"sort", "sort moet relevance, date_desc of date_asc zijn"}
	}
	if r.From != "" {
		if from, err = time.Parse(time.DateOnly, r.From); err != nil {
			return from, to, &RequestError{"from", "from is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"}
		}
	}
	if r.To != "" {
		if to, err = time.Parse(time.DateOnly, r.To); err != nil {
			return from, to, &RequestError{"to", "to is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"}
		}
	}
	if r.From != "" && r.To != "" && from.After(to) {
		return from, to, &RequestError{"from", "from ligt na to"}
	}
	return from, to, nil
}

// Result is one page of search results.
type Result struct {
	Total  uint64
	Took   time.Duration
	Page   int
	Size   int
	Hits   []Hit
	Facets Facets
	// Groups holds, for a Request with Group set, one group per report (Hits is
	// empty), and TotalGroups how many reports match.
	Groups      []Group
	TotalGroups int
	// DidYouMean is the query with its unknown words spelt as the reports spell them,
	// offered when the query finds little; empty otherwise.
	DidYouMean string
	// Corrected is set when the query found nothing and the hits are those of
	// DidYouMean instead.
	Corrected bool
	// Forgiving is set when no or few meetings hold every word and the hits are the
	// passages that hold most of them (see forgiving.go).
	Forgiving bool

	strictTotal uint64 // the passages that hold every word
}

// Hit is one matching passage.
type Hit struct {
	PassageID   string
	ReportID    string
	ReportTitle string
	Date        string // YYYY-MM-DD, empty when unknown
	Section     string
	Speakers    []string
	Themes      []string
	// Snippet is HTML-escaped text in which only <mark> is markup.
	Snippet string
	Score   float64
}

// Facets count values over the whole result.
type Facets struct {
	Speakers      []FacetValue
	Themes        []FacetValue
	Organisations []FacetValue
	Places        []FacetValue
	Years         []FacetValue
}

// FacetValue is one value of a facet with the number of passages that have it.
type FacetValue struct {
	Value string
	Count int
}

const facetSize = 25
