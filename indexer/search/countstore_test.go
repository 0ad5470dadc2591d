package search

import (
	"errors"
	"reflect"
	"testing"
)

func TestCountsEncodeDecode(t *testing.T) {
	fc := &fieldCounts{}
	for i := range scoredFields {
		fc.perDoc[i] = []uint32{uint32(i), 70000, 0}
		fc.total[i] = uint64(i) + 70000
	}
	data := encodeCounts(fc, 3, 12345)
	got, err := decodeCounts(data, 3, 12345)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fc) {
		t.Errorf("decoded %+v, want %+v", got, fc)
	}
	for _, tc := range []struct {
		name string
		data []byte
		docs uint64
		size int64
	}{
		{"another file size", data, 3, 12346},
		{"another document count", data, 4, 12345},
		{"cut short", data[:len(data)-1], 3, 12345},
		{"trailing bytes", append(append([]byte(nil), data...), 0), 3, 12345},
		{"another version", append([]byte{countsVersion + 1}, data[1:]...), 3, 12345},
		{"empty", nil, 3, 12345},
	} {
		if _, err := decodeCounts(tc.data, tc.docs, tc.size); !errors.Is(err, errStaleCounts) {
			t.Errorf("%s: err = %v, want errStaleCounts", tc.name, err)
		}
	}
}
