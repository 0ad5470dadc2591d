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
// garbage collector run without pause. So a server's limit is set at start to
// serveMemoryLimit and then, every serveAdaptEvery, to twice the live heap (what the
// last collection left in use) plus some room, never below serveMemoryLimit and never
// above three quarters of the machine's (or the container's) memory. `index` does
// the same with indexLimit: what a sync holds in use grows with the number of reports
// (the manifest and the plan of the work, about 600 bytes a report).

// serveAdaptEvery is how often the server's memory limit is brought in line with its
// live heap.
const serveAdaptEvery = 10 * time.Second

// indexAdaptEvery is how often the memory limit of `index` is brought in line with
// its live heap; a sync's heap changes faster than a server's.
const indexAdaptEvery = 2 * time.Second

// memoryRoom is what the limit leaves above twice the live heap, for the garbage of
// the searches running.
const memoryRoom = 128 << 20

// serveLimit returns the soft memory limit for a server whose live heap is live
// bytes, on a machine with ceiling bytes it may use (0: unknown).
func serveLimit(live, ceiling uint64) int64 {
	limit := max(uint64(serveMemoryLimit), 2*live+memoryRoom)
	if ceiling > 0 {
		limit = min(limit, max(ceiling, uint64(serveMemoryLimit)))
	}
	return int64(limit)
}

// indexRoom is what the limit of `index` leaves above twice the live heap.
const indexRoom = 64 << 20

// indexLimit returns the soft memory limit for `index` whose live heap is live bytes,
// on a machine with ceiling bytes it may use (0: unknown): twice the live heap plus
// indexRoom, never below indexMemoryLimit. The room for garbage between collections
// grows with the live heap, as with GOGC, so that collecting costs about the same
// share of the work at every corpus size: under a fixed 256 MB limit on a million
// passages the room had shrunk to some 30 MB by the end of a sync, and collection
// took 21% of the processor time.
func indexLimit(live, ceiling uint64) int64 {
	limit := max(uint64(indexMemoryLimit), 2*live+indexRoom)
	if ceiling > 0 {
		limit = min(limit, max(ceiling, uint64(indexMemoryLimit)))
	}
	return int64(limit)
}

// adaptMemoryLimit keeps the soft memory limit at limit(live heap, ceiling) until ctx
// is done, checking every so often, unless GOMEMLIMIT is set.
func adaptMemoryLimit(ctx context.Context, every time.Duration, limit func(live, ceiling uint64) int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	ceiling := memoryCeiling() / 4 * 3
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(every)
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
		debug.SetMemoryLimit(limit(sample[0].Value.Uint64(), ceiling))
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
