//go:build !linux

package extract

import (
	"os/exec"
	"runtime/debug"
)

// configureChild keeps the default: on timeout the child itself is killed.
func configureChild(cmd *exec.Cmd) {}

// killedBySignal is not known outside Linux.
func killedBySignal(e *exec.ExitError) bool { return false }

// limitMemory only sets the Go heap limit outside Linux; the deadline still bounds
// the child.
func limitMemory(limit int64) error {
	debug.SetMemoryLimit(limit)
	return nil
}

// limitCPU is not available outside Linux; the wall-time backstop bounds the child.
func limitCPU(seconds int64) error { return nil }
