package main

import (
	"fmt"
	"net/http"
	"syscall"
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

// TestServeStopsOnSIGTERM stops a real server process with SIGTERM while uploads have
// just been made: it exits with code 0, and no later than its HTTP shutdown (10 s) and
// closeTimeout allow, with slack for a busy machine.
func TestServeStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	dir := t.TempDir()
	p := startServer(t, dir)
	for n := 0; n < 5; n++ {
		if status, _, err := postReport(p.base, fmt.Sprintf("verslag %d.txt", n), crashReport(n)); err != nil || status != http.StatusCreated {
			t.Fatalf("upload %d: %d %v", n, status, err)
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server exited with %v after SIGTERM, want 0", err)
		}
	case <-time.After(10*time.Second + closeTimeout + time.Minute):
		t.Fatal("server did not exit after SIGTERM within its deadline")
	}
}
