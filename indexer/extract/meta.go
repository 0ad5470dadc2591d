package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// rawMeta is the YAML form of Meta. It accepts a date as a YAML timestamp or a string,
// and a list as a sequence or a single (comma-separated) string.
type rawMeta struct {
	Title         string        `yaml:"title"`
	Date          yaml.Node     `yaml:"date"`
	Speakers      stringList    `yaml:"speakers"`
	Themes        stringList    `yaml:"themes"`
	Places        stringList    `yaml:"places"`
	Organisations stringList    `yaml:"organisations"`
	Series        string        `yaml:"series"`
	Decisions     *[]string     `yaml:"decisions"`
	Actions       *[]ActionMeta `yaml:"actions"`
	// Common alternative spellings.
	Organizations stringList `yaml:"organizations"`
	Tags          stringList `yaml:"tags"`
}

type stringList []string

// UnmarshalYAML accepts "a", "a, b" and ["a", "b"].
func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = nil
		for _, p := range strings.Split(n.Value, ",") {
			if p = strings.TrimSpace(p); p != "" {
				*l = append(*l, p)
			}
		}
		return nil
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: list item is not text", c.Line)
			}
			if v := strings.TrimSpace(c.Value); v != "" {
				out = append(out, v)
			}
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: expected text or a list", n.Line)
}

// parseMeta reads YAML metadata. Unknown keys are ignored.
func parseMeta(data []byte) (Meta, error) {
	var raw rawMeta
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return Meta{}, fmt.Errorf("parse metadata: %w", err)
	}
	m := Meta{
		Title:         strings.TrimSpace(raw.Title),
		Speakers:      raw.Speakers,
		Themes:        raw.Themes,
		Places:        raw.Places,
		Organisations: raw.Organisations,
		Series:        strings.TrimSpace(raw.Series),
		Decisions:     raw.Decisions,
		Actions:       raw.Actions,
	}
	if len(m.Organisations) == 0 {
		m.Organisations = raw.Organizations
	}
	if len(m.Themes) == 0 {
		m.Themes = raw.Tags
	}
	if raw.Date.Kind == yaml.ScalarNode {
		m.Date = normaliseDate(raw.Date.Value)
	}
	return m, nil
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$`)
	dmyDate   = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	dutchDate = regexp.MustCompile(`(?i)^(?:[a-z]+dag\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$`)
)

var dutchMonths = map[string]int{
	"januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
	"mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// normaliseDate turns "2023-05-11", "2023-05-11T19:30:00Z", "11-05-2023", "11/5/2023" or
// "11 mei 2023" into "2023-05-11". A value it cannot read is returned trimmed, as is.
func normaliseDate(s string) string {
	s = strings.TrimSpace(s)
	var y, m, d int
	if g := isoDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := dmyDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[3]), atoi(g[2]), atoi(g[1])
	} else if g := dutchDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[3]), dutchMonths[strings.ToLower(g[2])], atoi(g[1])
	} else {
		return s
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || t.Day() != d || int(t.Month()) != m {
		return s
	}
	return t.Format("2006-01-02")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// readSidecar reads the first sidecar metadata file of path that exists. A sidecar
// that cannot be parsed makes the report be skipped, so that the mistake is seen.
func readSidecar(path string) (Meta, bool, error) {
	for _, p := range SidecarPaths(path) {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Meta{}, false, fmt.Errorf("extract: read sidecar: %w", err)
		}
		m, err := parseMeta(data)
		if err != nil {
			return Meta{}, false, skip("metadatabestand (.yaml) naast het verslag is ongeldig", fmt.Errorf("%s: %w", p, err))
		}
		return m, true, nil
	}
	return Meta{}, false, nil
}
