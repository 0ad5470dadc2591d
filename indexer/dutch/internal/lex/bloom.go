package lex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// bloomMagic starts every serialised Bloom filter; the last byte is the format version.
var bloomMagic = [4]byte{'K', 'B', 'F', 1}

// bloomHeaderLen is the size of the header: magic, k (uint32), m in bits (uint64), n (uint64).
const bloomHeaderLen = 4 + 4 + 8 + 8

// Bloom is a fixed-size Bloom filter over byte strings. It is built once (by the
// word-list generator) and then only read, which is safe from many goroutines.
type Bloom struct {
	bits []uint64
	m    uint64 // number of bits
	k    uint32 // probes per key
	n    uint64 // keys added, for information only
}

// NewBloom sizes a filter for n keys at false-positive rate fp (0 < fp < 1).
func NewBloom(n int, fp float64) *Bloom {
	if n < 1 {
		n = 1
	}
	m := uint64(math.Ceil(-float64(n) * math.Log(fp) / (math.Ln2 * math.Ln2)))
	m = (m + 63) &^ 63
	k := uint32(math.Round(float64(m) / float64(n) * math.Ln2))
	if k < 1 {
		k = 1
	}
	return &Bloom{bits: make([]uint64, m/64), m: m, k: k}
}

// hash64 is FNV-1a followed by the splitmix64 finaliser, for a well-mixed,
// deterministic hash that does not depend on the process (unlike hash/maphash).
func hash64(key []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Add inserts key.
func (b *Bloom) Add(key []byte) {
	h := hash64(key)
	h1, h2 := h&0xffffffff, (h>>32)|1
	for i := uint64(0); i < uint64(b.k); i++ {
		p := (h1 + i*h2) % b.m
		b.bits[p>>6] |= 1 << (p & 63)
	}
	b.n++
}

// Has reports whether key may have been added; false positives occur at about the
// rate the filter was sized for, false negatives never.
func (b *Bloom) Has(key []byte) bool { return b.HasHash(Hash(key)) }

// Hash returns the hash of key that the filter probes with: Has(key) is
// HasHash(Hash(key)), so a caller may remember an answer by the hash.
func Hash(key []byte) uint64 { return hash64(key) }

// HasHash is Has for a key of hash h (see Hash).
func (b *Bloom) HasHash(h uint64) bool {
	h1, h2 := h&0xffffffff, (h>>32)|1
	for i := uint64(0); i < uint64(b.k); i++ {
		p := (h1 + i*h2) % b.m
		if b.bits[p>>6]&(1<<(p&63)) == 0 {
			return false
		}
	}
	return true
}

// Len returns the number of keys added when the filter was built.
func (b *Bloom) Len() uint64 { return b.n }

// SizeBytes returns the memory held by the bit array.
func (b *Bloom) SizeBytes() int { return len(b.bits) * 8 }

// MarshalBinary encodes the filter: a small header, then the bit array in little-endian words.
func (b *Bloom) MarshalBinary() ([]byte, error) {
	out := make([]byte, bloomHeaderLen, bloomHeaderLen+len(b.bits)*8)
	copy(out, bloomMagic[:])
	binary.LittleEndian.PutUint32(out[4:], b.k)
	binary.LittleEndian.PutUint64(out[8:], b.m)
	binary.LittleEndian.PutUint64(out[16:], b.n)
	for _, w := range b.bits {
		out = binary.LittleEndian.AppendUint64(out, w)
	}
	return out, nil
}

// UnmarshalBinary decodes a filter written by MarshalBinary.
func (b *Bloom) UnmarshalBinary(data []byte) error {
	if len(data) < bloomHeaderLen || [4]byte(data[:4]) != bloomMagic {
		return errors.New("lex: not a Bloom filter (bad header)")
	}
	k := binary.LittleEndian.Uint32(data[4:])
	m := binary.LittleEndian.Uint64(data[8:])
	n := binary.LittleEndian.Uint64(data[16:])
	body := data[bloomHeaderLen:]
	if m == 0 || m%64 != 0 || k == 0 || uint64(len(body)) != m/8 {
		return fmt.Errorf("lex: corrupt Bloom filter (k=%d, m=%d bits, %d body bytes)", k, m, len(body))
	}
	bits := make([]uint64, m/64)
	for i := range bits {
		bits[i] = binary.LittleEndian.Uint64(body[i*8:])
	}
	*b = Bloom{bits: bits, m: m, k: k, n: n}
	return nil
}
