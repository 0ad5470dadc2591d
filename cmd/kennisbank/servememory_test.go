package main

import "testing"

func TestServeLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name          string
		live, ceiling uint64
		want          int64
	}{
		{"small index keeps the floor", 50 * mib, 16 << 30, serveMemoryLimit},
		{"large index: twice the live heap and room", 1400 * mib, 16 << 30, (2*1400 + 128) * mib},
		{"never above the ceiling", 1400 * mib, 2 << 30, 2 << 30},
		{"a ceiling below the floor leaves the floor", 1400 * mib, 256 * mib, serveMemoryLimit},
		{"unknown ceiling", 3000 * mib, 0, (2*3000 + 128) * mib},
	} {
		if got := serveLimit(tc.live, tc.ceiling); got != tc.want {
			t.Errorf("%s: serveLimit(%d MiB, %d MiB) = %d MiB, want %d MiB", tc.name, tc.live/mib, tc.ceiling/mib, got/mib, tc.want/mib)
		}
	}
	if memoryCeiling() == 0 {
		t.Log("this machine tells no memory size; the limit then has no ceiling")
	}
}

func TestIndexLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tc := range []struct {
		name          string
		live, ceiling uint64
		want          int64
	}{
		{"a small corpus keeps the floor", 90 * mib, 16 << 30, indexMemoryLimit},
		{"a large corpus: twice the live heap and room", 240 * mib, 16 << 30, 2*240*mib + indexRoom},
		{"never above the ceiling", 3000 * mib, 2 << 30, 2 << 30},
		{"a ceiling below the floor leaves the floor", 400 * mib, 128 * mib, indexMemoryLimit},
	} {
		if got := indexLimit(tc.live, tc.ceiling); got != tc.want {
			t.Errorf("%s: indexLimit(%d MiB, %d MiB) = %d MiB, want %d MiB", tc.name, tc.live/mib, tc.ceiling/mib, got/mib, tc.want/mib)
		}
	}
}
