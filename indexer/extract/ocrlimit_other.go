//go:build !linux

package extract

import (
	"os/exec"
	"time"
)

// limitProcess sets no limits outside Linux: OCR there runs without them.
func limitProcess(pid int, cpu time.Duration, mem int64) error { return nil }

// cpuLimited reports whether the child was stopped by its CPU time limit.
func cpuLimited(e *exec.ExitError) bool { return false }
