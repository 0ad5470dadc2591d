package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"kennisbank/server"
)

// TestUnitStopTimeout checks that the systemd unit waits for a stopping server longer
// than the server may take: server.ShutdownTimeout for running requests, then
// closeTimeout for the index. A shorter TimeoutStopSec would kill it half-way.
func TestUnitStopTimeout(t *testing.T) {
	data, err := os.ReadFile("../../deploy/kennisbank.service")
	if err != nil {
		t.Fatal(err)
	}
	var stop string
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "TimeoutStopSec="); ok {
			stop = v
		}
	}
	d, err := time.ParseDuration(stop)
	if err != nil {
		t.Fatalf("TimeoutStopSec=%q: want a duration such as 30s: %v", stop, err)
	}
	if need := server.ShutdownTimeout + closeTimeout; d <= need {
		t.Errorf("TimeoutStopSec=%s, want more than %s (server shutdown %s + closing the index %s)",
			stop, need, server.ShutdownTimeout, closeTimeout)
	}
}
