package dutch

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"

	"kennisbank/indexer/dutch/internal/lex"
)

// The word lists are derived from OpenTaal's dictionaries by internal/genlists
// (see generate.go and lists/NOTICE) and compiled into the binary, so the index
// never depends on files outside it.
//
//go:embed lists/compound_parts.txt lists/es_plurals.txt lists/lexicon.bloom
var listFS embed.FS

// Roles of a compound part, from hunspell-nl's compound flags.
const (
	roleBegin uint8 = 1 << iota // may begin a compound or sit inside one
	roleEnd                     // may end a compound
)

// wordLists holds the parsed lists. It is built once and then only read.
type wordLists struct {
	parts   map[string]uint8    // compound part → roles
	esBase  map[string]struct{} // words Xe whose plural is Xes
	lexicon *lex.Bloom          // all known word forms, folded
}

var (
	listsOnce sync.Once
	listsVal  *wordLists
	listsErr  error
)

// loadLists parses the embedded lists on first use.
func loadLists() (*wordLists, error) {
	listsOnce.Do(func() {
		listsVal, listsErr = parseLists()
	})
	return listsVal, listsErr
}

// mustLists is loadLists for callers that cannot return an error; the lists are
// compiled in, so a failure is a build defect and is covered by the tests.
func mustLists() *wordLists {
	l, err := loadLists()
	if err != nil {
		panic("dutch: " + err.Error())
	}
	return l
}

func parseLists() (*wordLists, error) {
	l := &wordLists{parts: map[string]uint8{}, esBase: map[string]struct{}{}}
	err := eachLine("lists/compound_parts.txt", func(line string) error {
		word, roles, ok := strings.Cut(line, "\t")
		if !ok || word == "" || roles == "" {
			return fmt.Errorf("want word<TAB>roles, got %q", line)
		}
		var r uint8
		for _, c := range roles {
			switch c {
			case 'b':
				r |= roleBegin
			case 'e':
				r |= roleEnd
			default:
				return fmt.Errorf("unknown role %q in %q", c, line)
			}
		}
		l.parts[word] = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine("lists/es_plurals.txt", func(line string) error {
		l.esBase[line] = struct{}{}
		return nil
	})
	if err != nil {
		return nil, err
	}
	data, err := listFS.ReadFile("lists/lexicon.bloom")
	if err != nil {
		return nil, fmt.Errorf("read lexicon: %w", err)
	}
	l.lexicon = new(lex.Bloom)
	if err := l.lexicon.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("load lexicon: %w", err)
	}
	return l, nil
}

// eachLine calls fn for every non-empty line of an embedded list that is not a # comment.
func eachLine(name string, fn func(string) error) error {
	data, err := listFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}
