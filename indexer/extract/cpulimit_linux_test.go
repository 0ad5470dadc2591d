//go:build linux

package extract

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// spinEnv makes the test binary spin under a CPU limit (see TestCPULimitStopsChild).
const spinEnv = "KENNISBANK_TEST_SPIN"

func init() {
	if os.Getenv(spinEnv) != "1" {
		return
	}
	if err := limitCPU(1); err != nil {
		os.Exit(3)
	}
	for x := 0; ; x++ {
		_ = x * x
	}
}

// TestCPULimitStopsChild starts a child that spins forever under a CPU budget of one
// second: the kernel stops it after one second of CPU time however long that takes in
// wall time, and usedCPU tells that stop apart from others.
func TestCPULimitStopsChild(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), spinEnv+"=1", "GOMAXPROCS=1")
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok {
		t.Fatalf("child ended with %v, want it killed", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want SIGKILL from RLIMIT_CPU", ws)
	}
	if used := usedCPU(cmd.ProcessState); used < time.Second-cpuSlack {
		t.Fatalf("child used %v of CPU, want its budget of 1 s", used)
	}
	if !killedBySignal(ee) {
		t.Error("killedBySignal = false for a child stopped by its CPU limit")
	}
}
