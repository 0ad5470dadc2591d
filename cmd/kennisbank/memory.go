package main

import (
	"os"
	"runtime/debug"
)

// Soft memory limits (see setMemoryLimit). What a sync holds in use stays near 150 MB
// whatever the corpus size; without a limit the collector lets garbage pile up to
// several times that. On the 110 MB benchmark corpus the limits take the peak of
// `index` from 730 to 525 MB (1% more CPU) and of a first `serve` from 890 to 740 MB,
// with the same search throughput. The heap a sync of that corpus holds after a
// collection peaks at 125 MB (GODEBUG=gctrace=1); indexMemoryLimit is about twice that,
// so that the heap and the segment files a background merge maps stay under 400 MB.
// Both are floors: on a large corpus the limits follow the live heap (see
// memoryPolicy).
const (
	indexMemoryLimit = 256 << 20
	serveMemoryLimit = 512 << 20
	// compactMemoryLimit is the floor of the limit while `index` merges the index into
	// one segment (see compactPolicy).
	compactMemoryLimit = 64 << 20
)

// indexGCPercent is the garbage collector's GOGC for `index`, unless GOGC is set: a
// sync allocates much short-lived memory (analysis, segments), so the heap may grow
// further between collections, well within indexMemoryLimit.
const indexGCPercent = 300

// compactGCPercent is the garbage collector's GOGC while `index` merges the index into
// one segment, unless GOGC is set. The merge allocates little and its heap is bounded
// by compactPolicy; the heap the sync left behind is returned first (see
// prepareCompactMemory).
const compactGCPercent = 200

// prepareCompactMemory returns the heap the sync left behind to the system and sets
// the memory policy of the merge that follows (see compactGCPercent). Without it the
// peak of `index` on the 110 MB benchmark corpus is in the final merge: the sync's
// heap, still held, plus the index's 390 MB of segment files.
func prepareCompactMemory() {
	setGCPercent(compactGCPercent)
	setMemoryLimit(compactMemoryLimit)
	debug.FreeOSMemory()
}

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
