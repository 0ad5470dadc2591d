package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
)

// commands are the commands the completion offers, in the order of the usage.
var commands = []string{"serve", "index", "search", "export", "backup", "restore", "version", "completion", "help"}

// flagCommands are the commands with options.
var flagCommands = []string{"serve", "index", "search", "export", "backup", "restore"}

// runCompletion prints a completion script for the shell named in args (bash; zsh
// reads it through bashcompinit). The options of each command are read from the
// command's own help, so the completion never falls behind the commands.
func runCompletion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 || (args[0] != "bash" && args[0] != "zsh") {
		fmt.Fprintln(stderr, "Gebruik: kennisbank completion bash|zsh\n\n"+
			"Voor bash: source <(kennisbank completion bash), of sla de uitvoer op in\n"+
			"/etc/bash_completion.d/kennisbank. Voor zsh: autoload -U bashcompinit && bashcompinit,\n"+
			"dan source <(kennisbank completion zsh).")
		return errUsage
	}
	var b strings.Builder
	b.WriteString("# Aanvulling voor kennisbank (" + args[0] + "): source dit bestand.\n")
	if args[0] == "zsh" {
		b.WriteString("autoload -U +X bashcompinit && bashcompinit\n")
	}
	b.WriteString("_kennisbank() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} opts=\"\"\n")
	b.WriteString("  if [ \"$COMP_CWORD\" -eq 1 ]; then\n")
	fmt.Fprintf(&b, "    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    return\n  fi\n", strings.Join(commands, " "))
	b.WriteString("  case ${COMP_WORDS[1]} in\n")
	for _, c := range flagCommands {
		fmt.Fprintf(&b, "    %s) opts=%q ;;\n", c, strings.Join(commandFlags(ctx, c), " "))
	}
	b.WriteString("    completion) COMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\")); return ;;\n")
	b.WriteString("  esac\n")
	b.WriteString("  if [[ $cur == -* ]]; then\n")
	b.WriteString("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n")
	b.WriteString("  else\n")
	b.WriteString("    COMPREPLY=($(compgen -f -- \"$cur\"))\n")
	b.WriteString("  fi\n")
	b.WriteString("}\n")
	b.WriteString("complete -o filenames -F _kennisbank kennisbank\n")
	_, err := io.WriteString(stdout, b.String())
	return err
}

// commandFlags returns the options of a command (--name), as its help lists them.
func commandFlags(ctx context.Context, command string) []string {
	var help bytes.Buffer
	run(ctx, []string{command, "--help"}, io.Discard, &help)
	var out []string
	for _, line := range strings.Split(help.String(), "\n") {
		if !strings.HasPrefix(line, "  --") {
			continue
		}
		out = append(out, strings.Fields(line)[0])
	}
	sort.Strings(out)
	return append(out, "--help")
}
