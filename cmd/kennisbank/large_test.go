//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Budgets for indexing one 8 MB report, in CPU time so that a busy machine does not
// break them: 'kennisbank index' took 10 s and 370 MB on a 2-core machine.
const (
	largeCPUBudget = 90 * time.Second
	largeRSSBudget = 1 << 30
)

// largeText is size bytes of short paragraphs that name people, organisations, places
// and dates: the shape of the 7.4 MB report that once stalled ingestion.
func largeText(size int) []byte {
	lines := []string{
		"Jan de Vries (Gemeente Roermond) opent de vergadering om 19.30 uur.",
		"Stichting Jeugdhulp Limburg en Vereniging Dorpsraad Haaksbergen zijn aanwezig.",
		"Op 12 mei 2023 vond een bijeenkomst plaats over de opstart van het Expertisecentrum Jeugdhulp Limburg.",
		"Piet Jansen namens VNG: de Wmo-raad Moerdijk vraagt om een toelichting.",
		"Besluit: het voorstel wordt aangenomen.",
		"Actie: Marieke Bos stuurt het verslag rond voor 3 juni 2023.",
		"De voorzitter sluit de vergadering.",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%s %d\n\n", lines[i%len(lines)], i)
	}
	return []byte(b.String()[:size])
}

// TestIndexLargeText indexes an 8 MB plain-text report and a 10 MB file of one word in a
// process of their own and holds each to a CPU-time and a peak-memory budget.
func TestIndexLargeText(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("indexes 8 MB; the race detector multiplies its time and memory")
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"groot.txt", largeText(8 << 20)},
		{"eenwoord.txt", []byte(strings.Repeat("vergadering ", 10<<20/12))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			corpus := filepath.Join(dir, "corpus")
			if err := os.MkdirAll(corpus, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(corpus, tt.name), tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "index", "--corpus", corpus, "--index", filepath.Join(dir, "index"))
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), envRunMain+"=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("index: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), "geïndexeerd: "+tt.name) && !strings.Contains(string(out), "overgeslagen: "+tt.name) {
				t.Fatalf("index did not report %s as indexed or skipped:\n%s", tt.name, out)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			rss := ru.Maxrss << 10 // kilobytes on Linux
			t.Logf("%s: %v CPU, peak %d MB", tt.name, cpu.Round(time.Millisecond), rss>>20)
			if cpu > largeCPUBudget {
				t.Errorf("CPU time %v, budget %v", cpu, largeCPUBudget)
			}
			if rss > largeRSSBudget {
				t.Errorf("peak memory %d MB, budget %d MB", rss>>20, largeRSSBudget>>20)
			}
		})
	}
}
