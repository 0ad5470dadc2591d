package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestDamagedIndexIsFoundAndRebuilt damages a segment file of a closed index in the
// ways disks and people do, checks that Open refuses it as damaged instead of serving
// it, and that OpenRebuilt builds a working index from the corpus without opening it.
func TestDamagedIndexIsFoundAndRebuilt(t *testing.T) {
	tests := []struct {
		name   string
		damage func(data []byte) []byte
	}{
		{"truncated segment", func(data []byte) []byte { return data[:len(data)/2] }},
		{"random bytes inside a segment", func(data []byte) []byte {
			out := append([]byte(nil), data...)
			copy(out[len(out)/3:], []byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04})
			return out
		}},
		{"one flipped bit", func(data []byte) []byte {
			out := append([]byte(nil), data...)
			out[len(out)/2] ^= 0x10
			return out
		}},
		{"empty segment", func([]byte) []byte { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			corpusDir := mustCorpus(t)
			opts := Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: corpusDir}
			ix, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Sync(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			if _, err := ix.Compact(context.Background()); err != nil {
				t.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			segs, err := filepath.Glob(filepath.Join(opts.Dir, "gen-*", "store", "*.zap"))
			if err != nil || len(segs) == 0 {
				t.Fatalf("no segments: %v", err)
			}
			for _, seg := range segs {
				data, err := os.ReadFile(seg)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(seg, tt.damage(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			if ix, err := Open(opts); !errors.Is(err, ErrDamaged) {
				if err == nil {
					ix.Close()
				}
				t.Fatalf("Open of a damaged index: %v, want ErrDamaged", err)
			}

			ix, sum, err := OpenRebuilt(context.Background(), opts, nil)
			if err != nil {
				t.Fatalf("OpenRebuilt: %v", err)
			}
			if sum.Indexed != 2 {
				t.Errorf("rebuild indexed %d reports, want 2", sum.Indexed)
			}
			if ps, err := ix.Passages(context.Background(), "expertisecentrum-jeugdhulp-limburg"); err != nil || len(ps) == 0 {
				t.Errorf("passages after the rebuild: %d, %v", len(ps), err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			ix, err = Open(opts)
			if err != nil {
				t.Fatalf("Open after the rebuild: %v", err)
			}
			ix.Close()
			if gens, _ := filepath.Glob(filepath.Join(opts.Dir, "gen-*")); len(gens) != 1 {
				t.Errorf("generations after the rebuild: %q, want only the new one", gens)
			}
		})
	}
}

// TestOpenRebuiltRespectsLock checks that a rebuild does not touch an index that a
// running process holds.
func TestOpenRebuiltRespectsLock(t *testing.T) {
	corpusDir := mustCorpus(t)
	ix := mustOpen(t, corpusDir)
	opts := Options{Dir: ix.opts.Dir, CorpusDir: corpusDir}
	if other, _, err := OpenRebuilt(context.Background(), opts, nil); !errors.Is(err, ErrLocked) {
		if err == nil {
			other.Close()
		}
		t.Fatalf("OpenRebuilt of a held index: %v, want ErrLocked", err)
	}
}
