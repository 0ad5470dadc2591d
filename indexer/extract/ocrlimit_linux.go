//go:build linux

package extract

import (
	"errors"
	"os/exec"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// limitProcess sets the CPU time limit (RLIMIT_CPU: SIGXCPU at cpu, SIGKILL a second
// later) and the address space limit (RLIMIT_AS) of the running process pid.
func limitProcess(pid int, cpu time.Duration, mem int64) error {
	secs := uint64(max(cpu/time.Second, 1))
	// ESRCH: the process has ended already, so there is nothing left to limit.
	if err := unix.Prlimit(pid, unix.RLIMIT_CPU, &unix.Rlimit{Cur: secs, Max: secs + 1}, nil); err != nil && !errors.Is(err, unix.ESRCH) {
		return err
	}
	if err := unix.Prlimit(pid, unix.RLIMIT_AS, &unix.Rlimit{Cur: uint64(mem), Max: uint64(mem)}, nil); err != nil && !errors.Is(err, unix.ESRCH) {
		return err
	}
	return nil
}

// cpuLimited reports whether the child was stopped by its CPU time limit.
func cpuLimited(e *exec.ExitError) bool {
	ws, ok := e.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && (ws.Signal() == syscall.SIGXCPU || ws.Signal() == syscall.SIGKILL)
}
