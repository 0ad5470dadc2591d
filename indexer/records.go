package indexer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/golang/snappy"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// recordsFile is the name, inside a generation's folder, of the store of what the index
// keeps beside its passages: each report's metadata and the sync manifest. Bleve's own
// internal key-value space would rewrite all of it with every snapshot it persists,
// which makes indexing slow down as the knowledge base grows.
const recordsFile = "records.db"

var (
	bucketReports = []byte("reports")
	bucketMeta    = []byte("meta")
	// bucketCounts holds the term counts of the index's segments, by segment file
	// (see search.CountStore).
	bucketCounts = []byte("counts")
	keyManifest  = []byte("manifest")
)

// recordStore is a small bbolt database of report records and the manifest. Values
// are stored compressed (see packValue).
type recordStore struct {
	db  *bolt.DB
	dir string // the generation's folder
}

// recordsPageSize is the page size of a new record store. A record is a few
// kilobytes of JSON; on bbolt's default pages of 4 kB most records took a page, or
// two, of their own.
const recordsPageSize = 16 << 10

// packedPrefix starts a compressed value; JSON, which stores of earlier versions
// hold, never starts with it.
const packedPrefix = 's'

// packValue compresses raw (JSON) with Snappy: records and the manifest take a
// third of the space, and reading them back costs less than the disk reads saved.
func packValue(raw []byte) []byte {
	buf := make([]byte, 1+snappy.MaxEncodedLen(len(raw)))
	buf[0] = packedPrefix
	n := len(snappy.Encode(buf[1:], raw))
	return buf[:1+n]
}

// unpackValue returns the JSON of a stored value, packed or not, in memory of its
// own: v is valid only within its transaction.
func unpackValue(v []byte) ([]byte, error) {
	if len(v) == 0 || v[0] != packedPrefix {
		return append([]byte(nil), v...), nil
	}
	out, err := snappy.Decode(nil, v[1:])
	if err != nil {
		return nil, fmt.Errorf("indexer: damaged record: %w", err)
	}
	return out, nil
}

// openRecords opens (or creates) the record store of the generation in dir.
func openRecords(dir string, lockTimeout time.Duration) (*recordStore, error) {
	db, err := bolt.Open(filepath.Join(dir, recordsFile), 0o644, &bolt.Options{Timeout: lockTimeout, PageSize: recordsPageSize})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("indexer: open records: %w", ErrLocked)
		}
		return nil, fmt.Errorf("indexer: open records: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketReports, bucketMeta, bucketCounts} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("indexer: open records: %w", err)
	}
	return &recordStore{db: db, dir: dir}, nil
}

func (s *recordStore) close() error { return s.db.Close() }

// get returns a copy of the value under key in bucket, nil when there is none.
func (s *recordStore) get(bucket, key []byte) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucket).Get(key); v != nil {
			var err error
			out, err = unpackValue(v)
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indexer: read records: %w", err)
	}
	return out, nil
}

// report returns the record of report id, nil when there is none.
func (s *recordStore) report(id string) ([]byte, error) { return s.get(bucketReports, []byte(id)) }

// reports returns the records of ids, in one transaction; a record not found is nil.
func (s *recordStore) reports(ids []string) ([][]byte, error) {
	out := make([][]byte, len(ids))
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReports)
		for i, id := range ids {
			if v := b.Get([]byte(id)); v != nil {
				var err error
				if out[i], err = unpackValue(v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indexer: read records: %w", err)
	}
	return out, nil
}

// manifest returns the saved manifest, nil when there is none.
func (s *recordStore) manifest() ([]byte, error) { return s.get(bucketMeta, keyManifest) }

// setManifest saves the manifest durably.
func (s *recordStore) setManifest(raw []byte) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyManifest, packValue(raw)) })
	if err != nil {
		return fmt.Errorf("indexer: write manifest: %w", err)
	}
	return nil
}

// recordsFill is how full bbolt fills the pages of the report records when it splits
// them. Its default (one half) suits keys that arrive in random order; records mostly
// arrive in key order, and at one half the file held twice what it stores.
const recordsFill = 0.9

// recordOp puts a report record (or deletes it, when raw is nil).
type recordOp struct {
	id  string
	raw []byte
}

// apply carries out ops in order, in one transaction.
func (s *recordStore) apply(ops []recordOp) error {
	if len(ops) == 0 {
		return nil
	}
	// In key order, on pages filled to recordsFill: a sync reads its files in name
	// order, and report ids follow the file names, so most puts add to the end.
	ops = slices.Clone(ops)
	slices.SortStableFunc(ops, func(a, b recordOp) int { return strings.Compare(a.id, b.id) })
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReports)
		b.FillPercent = recordsFill
		for _, op := range ops {
			var err error
			if op.raw == nil {
				err = b.Delete([]byte(op.id))
			} else {
				err = b.Put([]byte(op.id), packValue(op.raw))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("indexer: write report records: %w", err)
	}
	return nil
}

// countsKey returns the key of the counts of the segment file at path: its name,
// when it is a segment of this store's generation (the folder Bleve keeps them in,
// beside this store), else nil.
func (s *recordStore) countsKey(path string) []byte {
	segDir := filepath.Dir(path)
	if filepath.Base(segDir) != "store" {
		return nil
	}
	a, err1 := os.Stat(filepath.Dir(segDir))
	b, err2 := os.Stat(s.dir)
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		return nil
	}
	return []byte(filepath.Base(path))
}

// counts returns the term counts kept for the segment file at path, nil when none.
func (s *recordStore) counts(path string) ([]byte, error) {
	key := s.countsKey(path)
	if key == nil {
		return nil, nil
	}
	return s.get(bucketCounts, key)
}

// setCounts keeps the term counts of the segment file at path, and forgets those of
// segment files that are gone (merged away). Counts of a segment of another
// generation are not kept.
func (s *recordStore) setCounts(path string, data []byte) error {
	key := s.countsKey(path)
	if key == nil {
		return nil
	}
	segDir := filepath.Dir(path)
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCounts)
		var gone [][]byte
		err := b.ForEach(func(k, _ []byte) error {
			if _, err := os.Stat(filepath.Join(segDir, string(k))); errors.Is(err, fs.ErrNotExist) {
				gone = append(gone, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range gone {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return b.Put(key, packValue(data))
	})
}
