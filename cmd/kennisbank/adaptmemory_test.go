package main

import "testing"

func TestMemoryPolicyLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name          string
		policy        memoryPolicy
		live, ceiling uint64
		want          int64
	}{
		{"serve: small index keeps the floor", servePolicy, 50 * mib, 16 << 30, serveMemoryLimit},
		{"serve: large index, twice the live heap and room", servePolicy, 1400 * mib, 16 << 30, (2*1400 + 128) * mib},
		{"serve: never above the ceiling", servePolicy, 1400 * mib, 2 << 30, 2 << 30},
		{"serve: a ceiling below the floor leaves the floor", servePolicy, 1400 * mib, 256 * mib, serveMemoryLimit},
		{"serve: unknown ceiling", servePolicy, 3000 * mib, 0, (2*3000 + 128) * mib},
		{"index: a small corpus keeps the floor", indexPolicy, 90 * mib, 16 << 30, indexMemoryLimit},
		{"index: a large corpus, twice the live heap and room", indexPolicy, 240 * mib, 16 << 30, (2*240 + 64) * mib},
		{"index: never above the ceiling", indexPolicy, 3000 * mib, 2 << 30, 2 << 30},
		{"index: a ceiling below the floor leaves the floor", indexPolicy, 400 * mib, 128 * mib, indexMemoryLimit},
		{"compact: twice the live heap and room", compactPolicy, 30 * mib, 16 << 30, (2*30 + 96) * mib},
	} {
		if got := tc.policy.limit(tc.live, tc.ceiling); got != tc.want {
			t.Errorf("%s: limit(%d MiB, %d MiB) = %d MiB, want %d MiB", tc.name, tc.live/mib, tc.ceiling/mib, got/mib, tc.want/mib)
		}
	}
	if memoryCeiling() == 0 {
		t.Log("this machine tells no memory size; the limit then has no ceiling")
	}
}
