package config

import (
	"fmt"
	"slices"
	"strings"
)

// Problem is one rejected configuration value.
type Problem struct {
	// Key is the configuration key, as in server.addr.
	Key string
	// Env is the environment variable that sets Key, as in KENNISBANK_SERVER_ADDR;
	// empty for a key that only a file can hold (an unknown key).
	Env string
	// Message says in Dutch what is wrong and what is wanted.
	Message string
}

// String gives the problem as one line: the key, its environment variable and the message.
func (p Problem) String() string {
	if p.Env == "" {
		return fmt.Sprintf("%s: %s", p.Key, p.Message)
	}
	return fmt.Sprintf("%s (%s): %s", p.Key, p.Env, p.Message)
}

// Error is every problem found in a configuration. Load and Validate return it, so that
// an operator can correct all values in one go.
type Error struct {
	Problems []Problem
}

// Error lists the problems, one a line.
func (e *Error) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("ongeldige configuratie: ")
		b.WriteString(e.Problems[0].String())
		return b.String()
	}
	fmt.Fprintf(&b, "ongeldige configuratie (%d problemen):", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// EnvName is the environment variable that sets key: KENNISBANK_ and the key in upper
// case with dots as underscores (server.addr → KENNISBANK_SERVER_ADDR).
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// problem makes the Problem of key with a formatted message.
func problem(key, format string, args ...any) Problem {
	return Problem{Key: key, Env: EnvName(key), Message: fmt.Sprintf(format, args...)}
}

// keysOf is the set of keys that have a problem.
func keysOf(problems []Problem) map[string]bool {
	keys := make(map[string]bool, len(problems))
	for _, p := range problems {
		keys[p.Key] = true
	}
	return keys
}

// sortProblems orders problems as the keys stand in Config, unknown keys last; the
// problems of one key keep their order.
func sortProblems(problems []Problem) {
	keys := Keys()
	rank := func(p Problem) int {
		if i := slices.Index(keys, p.Key); i >= 0 {
			return i
		}
		return len(keys)
	}
	slices.SortStableFunc(problems, func(a, b Problem) int { return rank(a) - rank(b) })
}
