package lex

import (
	"fmt"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"jeugdzorg", "jeugdzorg"},
		{"coördinatie", "coordinatie"},
		{"ideeën", "ideeen"},
		{"café", "cafe"},
		{"cliënt", "client"},
		{"CAFÉ", "CAFE"},
		{"e\u0301", "e"}, // already decomposed
		{"øre", "øre"},   // no decomposition: kept
		{"", ""},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		if got := string(Fold(in)); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if string(in) != tt.in {
			t.Errorf("Fold modified its input to %q", in)
		}
		if got := FoldString(tt.in); got != tt.want {
			t.Errorf("FoldString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBloom(t *testing.T) {
	const n = 20000
	b := NewBloom(n, 0.01)
	for i := range n {
		b.Add(fmt.Appendf(nil, "woord%d", i))
	}
	data, err := b.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Bloom
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if !got.Has(fmt.Appendf(nil, "woord%d", i)) {
			t.Fatalf("woord%d missing after a round trip", i)
		}
	}
	fp := 0
	for i := range n {
		if got.Has(fmt.Appendf(nil, "ander%d", i)) {
			fp++
		}
	}
	if rate := float64(fp) / n; rate > 0.02 {
		t.Errorf("false-positive rate %.4f, want about 0.01", rate)
	}
	if got.Len() != n {
		t.Errorf("Len = %d, want %d", got.Len(), n)
	}
}

func TestBloomUnmarshalErrors(t *testing.T) {
	good, _ := NewBloom(10, 0.01).MarshalBinary()
	for name, data := range map[string][]byte{
		"empty":     nil,
		"bad magic": append([]byte("XXXX"), good[4:]...),
		"truncated": good[:len(good)-8],
	} {
		var b Bloom
		if err := b.UnmarshalBinary(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
