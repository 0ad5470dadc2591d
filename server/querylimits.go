package server

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"kennisbank/indexer/search"
)

// Limits on what one search may ask. A longer query or more terms add little to what
// is found and much to what a search costs: every term is a posting list to read and
// merge, and a phrase checks positions for every word. A query over a limit is
// refused (400) rather than cut, so that nobody reads results for a query they did
// not ask.
const (
	maxQueryRunes   = 200 // characters of q
	maxQueryTerms   = 20  // words of q, counting the words of phrases and exclusions
	maxFilterValues = 20  // values of one filter parameter
	maxFilterRunes  = 200 // characters of one filter value
	maxSuggestRunes = 100 // characters of the q of a suggestion
)

// checkSearchLimits refuses a search request that asks more than the limits allow.
func checkSearchLimits(req search.Request) error {
	if n := utf8.RuneCountInString(req.Query); n > maxQueryRunes {
		return &search.RequestError{Field: "q", Message: fmt.Sprintf(
			"de zoekopdracht is te lang (%d tekens); gebruik ten hoogste %d tekens", n, maxQueryRunes)}
	}
	if n := queryTerms(req.Query); n > maxQueryTerms {
		return &search.RequestError{Field: "q", Message: fmt.Sprintf(
			"de zoekopdracht heeft te veel woorden (%d); gebruik ten hoogste %d woorden", n, maxQueryTerms)}
	}
	for _, f := range filterParams {
		vals := *f.field(&req)
		if len(vals) > maxFilterValues {
			return &search.RequestError{Field: f.name, Message: fmt.Sprintf(
				"%s mag ten hoogste %d keer voorkomen", f.name, maxFilterValues)}
		}
		for _, v := range vals {
			if utf8.RuneCountInString(v) > maxFilterRunes {
				return &search.RequestError{Field: f.name, Message: fmt.Sprintf(
					"een waarde van %s mag ten hoogste %d tekens lang zijn", f.name, maxFilterRunes)}
			}
		}
	}
	return nil
}

// queryTerms counts the words a query searches for: its words, the words of its
// phrases and what it excludes.
func queryTerms(q string) int {
	uq := search.ParseQuery(q)
	n := len(uq.Words)
	for _, p := range uq.Phrases {
		n += len(strings.Fields(p))
	}
	for _, e := range uq.Excluded {
		n += len(strings.Fields(e))
	}
	return n
}

// checkSuggestLimit refuses a suggestion prefix longer than maxSuggestRunes.
func checkSuggestLimit(q string) error {
	if n := utf8.RuneCountInString(q); n > maxSuggestRunes {
		return &search.RequestError{Field: "q", Message: fmt.Sprintf(
			"de invoer is te lang (%d tekens); gebruik ten hoogste %d tekens", n, maxSuggestRunes)}
	}
	return nil
}
