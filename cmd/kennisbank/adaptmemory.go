package main

import (
	"bufio"
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// The soft memory limit follows what the process holds in use. A fixed limit fits no
// corpus size: the caches of a large index (columns, facet tables, report records)
// hold over a gigabyte on a million passages, and a limit below that makes the
// garbage collector run without pause; what a sync holds grows with the number of
// reports too (the manifest and the plan of the work, about 600 bytes a report). So
// the limit is set at start to a floor and then, every so often, to twice the live
// heap (what the last collection left in use) plus some room, never below the floor
// and never above three quarters of the machine's (or the container's) memory. The
// room for garbage between collections grows with the live heap, as with GOGC, so
// that collecting costs about the same share of the work at every corpus size: under
// a fixed 256 MB limit on a million passages the room of `index` had shrunk to some
// 30 MB by the end of a sync, and collection took 21% of the processor time.

// memoryPolicy is how one command sets its soft memory limit.
type memoryPolicy struct {
	floor uint64        // the limit at start, and the lowest it goes
	room  uint64        // what the limit leaves above the live heap's share
	every time.Duration // how often the limit is brought in line with the live heap
}

var (
	// servePolicy leaves room for the garbage of the searches running. It looks every
	// second: when a server starts, its caches grow by a gigabyte in seconds on a
	// large index, and every second spent under the floor's limit is spent collecting
	// (looking every 10 s, the collector took a third of the CPU of the start on two
	// million passages).
	servePolicy = memoryPolicy{floor: serveMemoryLimit, room: 128 << 20, every: time.Second}
	// indexPolicy looks every 2 s, as a sync's heap grows over minutes.
	indexPolicy = memoryPolicy{floor: indexMemoryLimit, room: 64 << 20, every: 2 * time.Second}
	// compactPolicy sets the heap of the final merge by what it keeps live (some 30 MB
	// on the benchmark corpus). The merge maps every segment file, but the pages it
	// has read are dropped from the resident set as it goes (see indexer.Options
	// ReleasePages), so the heap may have the room of a sync again: under a tighter
	// policy (a live share of 150% and 24 MB of room, GOGC 100) the merge of the
	// benchmark corpus collected without pause and took 8.5–9.8 s; under this one it
	// takes 4.0–4.6 s, and its peak RSS (277–325 MB) stays below the sync's. It looks
	// four times a second, as a merge takes seconds.
	compactPolicy = memoryPolicy{floor: compactMemoryLimit, room: 96 << 20, every: time.Second / 4}
)

// limit returns the soft memory limit for a live heap of live bytes, on a machine
// with ceiling bytes the process may use (0: unknown).
func (p memoryPolicy) limit(live, ceiling uint64) int64 {
	limit := max(p.floor, 2*live+p.room)
	if ceiling > 0 {
		limit = min(limit, max(ceiling, p.floor))
	}
	return int64(limit)
}

// adaptMemoryLimit sets the soft memory limit as p says until ctx is done, unless
// GOMEMLIMIT is set.
func adaptMemoryLimit(ctx context.Context, p memoryPolicy) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	ceiling := memoryCeiling() / 4 * 3
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		debug.SetMemoryLimit(p.limit(sample[0].Value.Uint64(), ceiling))
	}
}

// memoryCeiling returns the memory the process may use: the container's limit
// (cgroup v2 memory.max) when there is one, else the machine's (MemTotal), else 0.
func memoryCeiling() uint64 {
	if data, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64); err == nil {
			return n
		}
	}
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			if kb, err := strconv.ParseUint(fields[1], 10, 64); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
