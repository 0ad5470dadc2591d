//go:build linux

package extract

import (
	"os"
	"os/exec"
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
// wall time, and the child says so by its exit code.
func TestCPULimitStopsChild(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), spinEnv+"=1", "GOMAXPROCS=1")
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok {
		t.Fatalf("child ended with %v, want it stopped", err)
	}
	if ee.ExitCode() != cpuLimitExit {
		t.Fatalf("child ended with %v, want exit code %d at its CPU limit", ee, cpuLimitExit)
	}
	if used := usedCPU(cmd.ProcessState); used < time.Second-cpuSlack {
		t.Fatalf("child used %v of CPU, want its budget of 1 s", used)
	}
}
