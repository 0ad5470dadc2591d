package indexer

import (
	"bytes"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestRecordStorePacksValuesAndReadsUnpackedOnes(t *testing.T) {
	dir := t.TempDir()
	s, err := openRecords(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	record := []byte(`{"id":"a","title":"Verslag werkgroep onderwijs","themes":["onderwijs","onderwijs","onderwijs"]}`)
	if err := s.apply([]recordOp{{id: "b", raw: []byte(`{"id":"b"}`)}, {id: "a", raw: record}, {id: "b"}}); err != nil {
		t.Fatal(err)
	}
	// A value written by an earlier version, as plain JSON.
	old := []byte(`{"id":"c"}`)
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketReports).Put([]byte("c"), old) }); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id   string
		want []byte
	}{
		{"a", record},
		{"b", nil}, // put, then deleted in the same transaction
		{"c", old},
	}
	for _, tt := range tests {
		got, err := s.report(tt.id)
		if err != nil {
			t.Fatalf("report %s: %v", tt.id, err)
		}
		if !bytes.Equal(got, tt.want) {
			t.Errorf("report %s = %q, want %q", tt.id, got, tt.want)
		}
	}
	var stored []byte
	_ = s.db.View(func(tx *bolt.Tx) error {
		stored = append(stored, tx.Bucket(bucketReports).Get([]byte("a"))...)
		return nil
	})
	if len(stored) == 0 || stored[0] != packedPrefix || len(stored) >= len(record) {
		t.Errorf("record a is stored as %q, want it packed", stored)
	}
	if _, err := unpackValue(append([]byte{packedPrefix}, "niet snappy"...)); err == nil {
		t.Error("a damaged packed value read without an error")
	}
}
