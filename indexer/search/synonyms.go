package search

// Synonyms of the field: a query word that is one of a group ("POH") also finds the
// others ("praktijkondersteuner huisarts"). Groups come from synonyms.yaml beside the
// themes (see corpus/synonyms.yaml) and are compared through the Dutch analyser.

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"kennisbank/indexer/dutch"
)

// Synonyms are groups of words and phrases that mean the same. The zero value and nil
// have none.
type Synonyms struct {
	groups [][]string     // as written
	byKey  map[string]int // analysed form of a member → its group
	maxLen int            // the most words of a member
}

type synonymsFile struct {
	Synonyms [][]string `yaml:"synonyms"`
}

// ParseSynonyms reads a synonyms.yaml: a list of groups, each a list of words and
// phrases.
func ParseSynonyms(data []byte) (*Synonyms, error) {
	var f synonymsFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("search: synonyms: %w", err)
	}
	s := &Synonyms{byKey: map[string]int{}}
	for i, g := range f.Synonyms {
		var members []string
		for _, m := range g {
			m = strings.Join(strings.Fields(m), " ")
			key := synonymKey(m)
			if key == "" {
				continue
			}
			if _, dup := s.byKey[key]; dup {
				return nil, fmt.Errorf("search: synonyms: %q (group %d) is in two groups", m, i+1)
			}
			s.byKey[key] = len(s.groups)
			s.maxLen = max(s.maxLen, len(strings.Fields(m)))
			members = append(members, m)
		}
		if len(members) < 2 {
			return nil, fmt.Errorf("search: synonyms: group %d needs two or more words", i+1)
		}
		s.groups = append(s.groups, members)
	}
	return s, nil
}

// synonymKey is the analysed form of a word or phrase, as a query word is compared.
func synonymKey(s string) string { return strings.Join(dutch.QueryTerms(s), " ") }

// at returns the group that the words starting at words[i] begin, and how many words
// they take (the longest member that fits), or -1.
func (s *Synonyms) at(words []string, i int) (group, n int) {
	if s == nil {
		return -1, 0
	}
	for n = min(s.maxLen, len(words)-i); n >= 1; n-- {
		if g, ok := s.byKey[synonymKey(strings.Join(words[i:i+n], " "))]; ok {
			return g, n
		}
	}
	return -1, 0
}
