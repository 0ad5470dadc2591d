package main

import (
	"os"
	"runtime/debug"
)

// Soft memory limits (see setMemoryLimit). What a sync holds in use stays near 150 MB
// whatever the corpus size; without a limit the collector lets garbage pile up to
// several times that. On the 110 MB benchmark corpus the limits take the peak of
// `index` from 730 to 525 MB (1% more CPU) and of a first `serve` from 890 to 740 MB,
// with the same search throughput.
const (
	indexMemoryLimit = 300 << 20
	serveMemoryLimit = 512 << 20
)

// indexGCPercent is the garbage collector's GOGC for `index`, unless GOGC is set: a
// sync allocates much short-lived memory (analysis, segments), so the heap may grow
// further between collections, well within indexMemoryLimit.
const indexGCPercent = 300

// setGCPercent sets the garbage collector's GOGC, unless GOGC is set.
func setGCPercent(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}

// setMemoryLimit sets the Go runtime's soft memory limit, unless GOMEMLIMIT is set. A
// soft limit makes the collector work harder as the heap nears it; it never fails an
// allocation.
func setMemoryLimit(limit int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}
