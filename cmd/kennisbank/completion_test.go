package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompletion sources the bash completion script in a real bash and completes
// commands and options with it.
func TestCompletion(t *testing.T) {
	code, script, errOut := mustRun(t, "completion", "bash")
	if code != 0 {
		t.Fatalf("completion bash exit %d: %s", code, errOut)
	}
	if code, _, errOut := mustRun(t, "completion", "fish"); code != 2 || !strings.Contains(errOut, "Gebruik: kennisbank completion bash|zsh") {
		t.Errorf("completion fish exit %d: %s", code, errOut)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash here")
	}
	path := filepath.Join(t.TempDir(), "kennisbank.bash")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{[]string{"kennisbank", "se"}, "serve search"},
		{[]string{"kennisbank", "search", "--js"}, "--json"},
		{[]string{"kennisbank", "index", "--re"}, "--rebuild"},
		{[]string{"kennisbank", "restore", "--f"}, "--force"},
		{[]string{"kennisbank", "export", "--fo"}, "--format"},
		{[]string{"kennisbank", "completion", "z"}, "zsh"},
	} {
		cmd := exec.Command(bash, "-c", `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _kennisbank; echo "${COMPREPLY[*]}"`,
			"bash", path)
		cmd.Args = append(cmd.Args, tc.words...)
		out, err := cmd.CombinedOutput()
		if got := strings.TrimSpace(string(out)); err != nil || got != tc.want {
			t.Errorf("completing %q: %q (%v), want %q", tc.words, got, err, tc.want)
		}
	}
}
