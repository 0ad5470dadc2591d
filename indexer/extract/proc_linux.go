//go:build linux

package extract

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"
)

// configureChild puts the child in its own process group, so that a timeout kills it
// and anything it started, and asks the kernel to kill it if this process dies.
func configureChild(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		if errors.Is(err, syscall.ESRCH) {
			return os.ErrProcessDone
		}
		return err
	}
}

// killedBySignal reports whether the child died from SIGKILL that we did not send (the
// kernel's OOM killer, typically).
func killedBySignal(e *exec.ExitError) bool {
	ws, ok := e.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// limitMemory caps this process: RLIMIT_AS at the address space the Go runtime has
// already reserved plus limit (scaled for the race detector's shadow memory), and the
// Go heap at limit. An allocation beyond it makes the runtime die with "out of memory",
// which the parent reports.
func limitMemory(limit int64) error {
	debug.SetMemoryLimit(limit)
	base, err := vmSize()
	if err != nil {
		return fmt.Errorf("read address space size: %w", err)
	}
	as := base + limit*raceFactor
	lim := syscall.Rlimit{Cur: uint64(as), Max: uint64(as)}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		return fmt.Errorf("set RLIMIT_AS: %w", err)
	}
	return nil
}

// vmSize returns the current address space size of this process in bytes.
func vmSize() (int64, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if v, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmSize:")); ok {
			f := bytes.Fields(v)
			if len(f) == 0 {
				break
			}
			kb, err := strconv.ParseInt(string(f[0]), 10, 64)
			if err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("no VmSize in /proc/self/status")
}

// limitCPU makes this process end once it has used seconds of CPU time (RLIMIT_CPU):
// a budget that a busy machine does not shorten, as a deadline in wall time would. At
// the soft limit the kernel sends SIGXCPU, on which the process writes cpuLimitNote
// and exits with cpuLimitExit; should that not happen, the kernel kills it two seconds
// of CPU later.
func limitCPU(seconds int64) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGXCPU)
	go func() {
		<-sig
		fmt.Fprintln(os.Stderr, cpuLimitNote)
		os.Exit(cpuLimitExit)
	}()
	lim := syscall.Rlimit{Cur: uint64(seconds), Max: uint64(seconds + 2)}
	if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &lim); err != nil {
		return fmt.Errorf("set RLIMIT_CPU: %w", err)
	}
	return nil
}
