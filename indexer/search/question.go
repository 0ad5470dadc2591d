package search

// Everyday questions: people type "wat zei Peter Dijkshoorn over gesloten jeugdzorg"
// rather than keywords. The question and filler words never decide a search, and a
// speaker's name in the query, whole or by surname, stands for the passages that
// speaker speaks in rather than for passages that happen to name them.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"kennisbank/indexer/dutch"
)

// fillerWords ask or point but say nothing about the subject; the Dutch stop words
// (wie, wat, over, …) are dropped by the analyser already.
var fillerWords = map[string]bool{
	"welke": true, "welk": true, "wanneer": true, "waarom": true, "waar": true, "hoe": true,
	"sprak": true, "spraken": true, "spreekt": true, "zei": true, "zeiden": true, "zegt": true,
	"gezegd": true, "gesproken": true, "vertelde": true, "vertelt": true, "verteld": true,
	"iets": true, "zoek": true, "zoeken": true, "informatie": true, "info": true,
}

// dropFillers returns uq without its filler words, unless nothing else is left.
func dropFillers(uq UserQuery) UserQuery {
	var keep []string
	for _, w := range uq.Words {
		if !fillerWords[strings.ToLower(w)] || uq.isRequired(w) {
			keep = append(keep, w)
		}
	}
	if len(keep) == 0 && len(uq.Phrases) == 0 {
		return uq
	}
	uq.Words = keep
	return uq
}

// speakersIn finds speakers' names in a query's words: the longest runs of words
// that are a speaker's name or its last words ("Peter Dijkshoorn", "Dijkshoorn").
// A single word counts only when it is written with a capital or is no Dutch word,
// so that "jong" or "visser" stay words. It returns the query without those words
// and the speakers' names as asked.
func (sn *snap) speakersIn(uq UserQuery) (UserQuery, []string, error) {
	if len(uq.Words) < 2 {
		return uq, nil, nil // a name alone is searched as text too
	}
	var keep, names []string
	for i := 0; i < len(uq.Words); {
		found := 0
		for n := min(4, len(uq.Words)-i); n >= 1; n-- {
			run := strings.Join(uq.Words[i:i+n], " ")
			if n == 1 && !startsUpperRune(run) && dutch.KnownWordShare(run) > 0 {
				continue
			}
			got, err := sn.speakersNamed(run)
			if err != nil {
				return uq, nil, err
			}
			if len(got) > 0 {
				found = n
				names = append(names, run)
				break
			}
		}
		if found == 0 {
			keep = append(keep, uq.Words[i])
			i++
			continue
		}
		i += found
	}
	if len(names) == 0 || len(keep) == 0 && len(uq.Phrases) == 0 {
		return uq, nil, nil
	}
	uq.Words = keep
	return uq, names, nil
}

func startsUpperRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
