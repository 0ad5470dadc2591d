package search

import (
	"encoding/json"
	"fmt"
	"sort"
)

// PassageCounts counts a report's passages per name (a speaker or a theme), sorted by
// name. It is a short list, not a map: a report names a handful of speakers and
// themes, and on a hundred thousand reports the two maps of every report held some
// 80 MB of a server's heap.
type PassageCounts []NameCount

// NameCount is the number of passages of one name.
type NameCount struct {
	Name     string
	Passages int32
}

// CountsOf returns the counts of m as PassageCounts.
func CountsOf(m map[string]int) PassageCounts {
	if len(m) == 0 {
		return nil
	}
	out := make(PassageCounts, 0, len(m))
	for name, n := range m {
		out = append(out, NameCount{Name: name, Passages: int32(n)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Get returns the count of name, 0 when it has none.
func (pc PassageCounts) Get(name string) int {
	i := sort.Search(len(pc), func(i int) bool { return pc[i].Name >= name })
	if i < len(pc) && pc[i].Name == name {
		return int(pc[i].Passages)
	}
	return 0
}

// MarshalJSON writes the counts as a JSON object from name to count, as the map it
// replaces was written.
func (pc PassageCounts) MarshalJSON() ([]byte, error) {
	m := make(map[string]int, len(pc))
	for _, c := range pc {
		m[c.Name] = int(c.Passages)
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads a JSON object from name to count.
func (pc *PassageCounts) UnmarshalJSON(data []byte) error {
	var m map[string]int
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("passage counts: %w", err)
	}
	*pc = CountsOf(m)
	return nil
}
