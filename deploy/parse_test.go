package deploy

import (
	"bufio"
	"fmt"
	"net"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	line int    // where it starts, from 1
	cmd  string // upper case: FROM, RUN, …
	args string
}

// stage is one FROM and the instructions after it.
type stage struct {
	image, name string
	body        []instruction
}

// parseDockerfile splits a Dockerfile into stages. It knows what the checks need:
// comments, blank lines and lines continued with a backslash.
func parseDockerfile(text string) ([]stage, error) {
	var (
		stages  []stage
		pending strings.Builder
		start   int
	)
	lines := strings.Split(text, "\n")
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "#") || (line == "" && pending.Len() == 0) {
			continue
		}
		if pending.Len() == 0 {
			start = i + 1
		}
		if cont, ok := strings.CutSuffix(line, "\\"); ok {
			pending.WriteString(cont + " ")
			continue
		}
		pending.WriteString(line)
		full := strings.TrimSpace(pending.String())
		pending.Reset()
		if full == "" {
			continue
		}
		cmd, args, _ := strings.Cut(full, " ")
		in := instruction{line: start, cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			var st stage
			for _, w := range f {
				if !strings.HasPrefix(w, "--") {
					st.image = w
					break
				}
			}
			if len(f) >= 3 && strings.EqualFold(f[len(f)-2], "AS") {
				st.name = f[len(f)-1]
			}
			stages = append(stages, st)
			continue
		}
		if len(stages) == 0 {
			if in.cmd == "ARG" {
				continue
			}
			return nil, fmt.Errorf("line %d: %s before the first FROM", in.line, in.cmd)
		}
		stages[len(stages)-1].body = append(stages[len(stages)-1].body, in)
	}
	if pending.Len() > 0 {
		return nil, fmt.Errorf("line %d: continued past the end of the file", start)
	}
	return stages, nil
}

// all returns the instructions of the stage with command cmd.
func (s stage) all(cmd string) []instruction {
	var out []instruction
	for _, in := range s.body {
		if in.cmd == cmd {
			out = append(out, in)
		}
	}
	return out
}

// env is every variable the stage sets with ENV (KEY=value forms).
func (s stage) env() map[string]string {
	out := map[string]string{}
	for _, in := range s.all("ENV") {
		for _, f := range strings.Fields(in.args) {
			k, v, ok := strings.Cut(f, "=")
			if ok {
				out[k] = strings.Trim(v, `"'`)
			}
		}
	}
	return out
}

// aptPackages is every package the stage installs with apt-get install.
func (s stage) aptPackages() map[string]bool {
	out := map[string]bool{}
	for _, in := range s.all("RUN") {
		for _, part := range strings.FieldsFunc(in.args, func(r rune) bool { return r == '&' || r == ';' || r == '|' }) {
			f := strings.Fields(part)
			for i := 0; i+1 < len(f); i++ {
				if f[i] == "apt-get" && slices.Index(f[i+1:], "install") >= 0 {
					for _, w := range f[i+1+slices.Index(f[i+1:], "install")+1:] {
						if !strings.HasPrefix(w, "-") {
							out[w] = true
						}
					}
					break
				}
			}
		}
	}
	return out
}

// lintDockerfile returns what is wrong with a Dockerfile for Kennisbank, each as one
// line; none for a good one.
func lintDockerfile(text string) []string {
	stages, err := parseDockerfile(text)
	if err != nil {
		return []string{err.Error()}
	}
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	if len(stages) < 2 {
		return []string{fmt.Sprintf("%d stages, want a build stage and a runtime stage", len(stages))}
	}
	build, run := stages[0], stages[len(stages)-1]
	if !strings.HasPrefix(build.image, "golang:1.26") {
		fail("build stage image %q, want golang:1.26", build.image)
	}
	if build.name == "" {
		fail("build stage has no name (FROM … AS build)")
	}
	if !strings.HasPrefix(run.image, "debian:") || !strings.HasSuffix(run.image, "-slim") {
		fail("runtime image %q, want Debian slim", run.image)
	}
	copied := false
	for _, in := range run.all("COPY") {
		if strings.Contains(in.args, "--from="+build.name+" ") {
			copied = true
		}
	}
	if !copied {
		fail("runtime stage copies nothing from the build stage %q", build.name)
	}

	users := run.all("USER")
	if len(users) == 0 {
		fail("runtime stage has no USER: it would run as root")
	} else if u := users[len(users)-1].args; u == "root" || u == "0" || strings.HasPrefix(u, "root:") || strings.HasPrefix(u, "0:") {
		fail("runtime stage runs as %q, want a user without privileges", u)
	}

	pkgs := run.aptPackages()
	for _, p := range []string{"poppler-utils", "tesseract-ocr", "tesseract-ocr-nld"} {
		if !pkgs[p] {
			fail("runtime stage does not install %s (needed to read scanned PDFs)", p)
		}
	}

	env := run.env()
	addr := env["KENNISBANK_SERVER_ADDR"]
	host, port, err := net.SplitHostPort(addr)
	if err != nil || (host != "0.0.0.0" && host != "" && host != "::") {
		fail("KENNISBANK_SERVER_ADDR %q, want every interface (0.0.0.0:PORT) inside the container", addr)
	}

	exposed := run.all("EXPOSE")
	if len(exposed) == 0 {
		fail("no EXPOSE")
	} else if port != "" && !slicesContainsField(exposed[0].args, port, port+"/tcp") {
		fail("EXPOSE %s, but the server listens on port %s", exposed[0].args, port)
	}

	checks := run.all("HEALTHCHECK")
	switch {
	case len(checks) == 0:
		fail("no HEALTHCHECK")
	case strings.HasPrefix(strings.ToUpper(checks[len(checks)-1].args), "NONE"):
		fail("HEALTHCHECK NONE")
	default:
		hc := checks[len(checks)-1].args
		u := healthURL(hc)
		if u == nil || u.Path != "/healthz" {
			fail("HEALTHCHECK %q does not ask /healthz", hc)
		} else if u.Port() != port {
			fail("HEALTHCHECK asks port %s, but the server listens on port %s", u.Port(), port)
		}
		if tool := healthTool(hc); tool != "" && !pkgs[tool] {
			fail("HEALTHCHECK runs %s, which the runtime stage does not install", tool)
		}
	}

	volumes := run.all("VOLUME")
	if len(volumes) == 0 {
		fail("no VOLUME for corpus and index")
	}
	for _, key := range []string{"KENNISBANK_CORPUS_DIR", "KENNISBANK_INDEX_DIR"} {
		dir := env[key]
		if dir == "" {
			fail("%s is not set", key)
			continue
		}
		if !underVolume(dir, volumes) {
			fail("%s %s is not on a VOLUME", key, dir)
		}
	}

	var start string
	for _, cmd := range []string{"ENTRYPOINT", "CMD"} {
		if ins := run.all(cmd); len(ins) > 0 {
			start += " " + ins[len(ins)-1].args
		}
	}
	if !strings.Contains(start, "serve") {
		fail("the container does not start the server (ENTRYPOINT/CMD %q)", strings.TrimSpace(start))
	}
	return bad
}

// slicesContainsField reports whether the whitespace-separated list holds one of want.
func slicesContainsField(list string, want ...string) bool {
	for _, f := range strings.Fields(list) {
		for _, w := range want {
			if f == w {
				return true
			}
		}
	}
	return false
}

// healthURL is the first http URL in a HEALTHCHECK instruction.
func healthURL(args string) *url.URL {
	for _, f := range strings.FieldsFunc(args, func(r rune) bool { return r == ' ' || r == '"' || r == ',' || r == '[' || r == ']' }) {
		if strings.HasPrefix(f, "http://") {
			u, err := url.Parse(f)
			if err == nil {
				return u
			}
		}
	}
	return nil
}

// healthTool is the program a HEALTHCHECK runs, when it is one that a package installs.
func healthTool(args string) string {
	_, cmd, ok := strings.Cut(args, "CMD")
	if !ok {
		return ""
	}
	f := strings.FieldsFunc(cmd, func(r rune) bool { return r == ' ' || r == '"' || r == ',' || r == '[' || r == ']' })
	if len(f) == 0 {
		return ""
	}
	switch tool := path.Base(f[0]); tool {
	case "curl", "wget":
		return tool
	}
	return ""
}

// underVolume reports whether dir is a volume or lies in one.
func underVolume(dir string, volumes []instruction) bool {
	for _, v := range volumes {
		for _, f := range strings.FieldsFunc(v.args, func(r rune) bool { return r == ' ' || r == '"' || r == ',' || r == '[' || r == ']' }) {
			f = path.Clean(f)
			if dir == f || strings.HasPrefix(dir, f+"/") {
				return true
			}
		}
	}
	return false
}

// unit is a parsed systemd unit: per section, each key with its values in order.
type unit map[string]map[string][]string

// parseUnit reads a unit file; a key may occur more than once.
func parseUnit(file string) (unit, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	u := unit{}
	section := ""
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			if u[section] == nil {
				u[section] = map[string][]string{}
			}
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok || section == "" {
				return nil, fmt.Errorf("%s:%d: want key=value in a section: %q", file, n, line)
			}
			k = strings.TrimSpace(k)
			u[section][k] = append(u[section][k], strings.TrimSpace(v))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return u, nil
}

// last is the value in effect for a key: its last one.
func (u unit) last(section, key string) (string, bool) {
	vs := u[section][key]
	if len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// environment is what the unit's Environment= lines set.
func (u unit) environment() map[string]string {
	out := map[string]string{}
	for _, v := range u["Service"]["Environment"] {
		for _, f := range strings.Fields(v) {
			if k, val, ok := strings.Cut(strings.Trim(f, `"`), "="); ok {
				out[k] = val
			}
		}
	}
	return out
}

// systemdDuration reads a systemd time span such as 30s, 1min 30s or 90 (seconds).
func systemdDuration(s string) (time.Duration, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "min", "m")
	return time.ParseDuration(s)
}

// readEnvFile reads KEY=value lines; with commented also the lines that a # turns off.
func readEnvFile(file string, commented bool) (map[string]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "#"); ok {
			if !commented {
				continue
			}
			line = strings.TrimSpace(rest)
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || strings.ContainsAny(k, " \t") || k == "" {
			continue
		}
		out[k] = v
	}
	return out, nil
}
