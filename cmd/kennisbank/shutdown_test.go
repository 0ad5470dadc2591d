package main

import (
	"testing"
	"time"
)

// TestFinishWithin checks that a stop that never ends (a merge stuck on a full disk)
// is given up on at the deadline, and that one that ends is waited for.
func TestFinishWithin(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
		d    time.Duration
		want bool
	}{
		{"ends", func() {}, time.Minute, true},
		{"never ends", func() { select {} }, 50 * time.Millisecond, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := finishWithin(tt.d, tt.fn); got != tt.want {
				t.Errorf("finishWithin = %v, want %v", got, tt.want)
			}
		})
	}
}
