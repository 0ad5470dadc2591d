package indexer

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

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
	keyManifest   = []byte("manifest")
)

// recordStore is a small bbolt database of report records and the manifest.
type recordStore struct {
	db *bolt.DB
}

// openRecords opens (or creates) the record store of the generation in dir.
func openRecords(dir string, lockTimeout time.Duration) (*recordStore, error) {
	db, err := bolt.Open(filepath.Join(dir, recordsFile), 0o644, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("indexer: open records: %w", ErrLocked)
		}
		return nil, fmt.Errorf("indexer: open records: %w", err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketReports, bucketMeta} {
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
	return &recordStore{db: db}, nil
}

func (s *recordStore) close() error { return s.db.Close() }

// get returns a copy of the value under key in bucket, nil when there is none.
func (s *recordStore) get(bucket, key []byte) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucket).Get(key); v != nil {
			out = append([]byte(nil), v...)
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

// manifest returns the saved manifest, nil when there is none.
func (s *recordStore) manifest() ([]byte, error) { return s.get(bucketMeta, keyManifest) }

// setManifest saves the manifest durably.
func (s *recordStore) setManifest(raw []byte) error {
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyManifest, raw) })
	if err != nil {
		return fmt.Errorf("indexer: write manifest: %w", err)
	}
	return nil
}

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
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReports)
		for _, op := range ops {
			var err error
			if op.raw == nil {
				err = b.Delete([]byte(op.id))
			} else {
				err = b.Put([]byte(op.id), op.raw)
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
