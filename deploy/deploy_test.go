package deploy

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kennisbank/config"
	"kennisbank/server"
)

const (
	dockerfile   = "../Dockerfile"
	dockerignore = "../.dockerignore"
	unitFile     = "kennisbank.service"
	envFile      = "kennisbank.env"
)

// TestDockerfile checks the repository's Dockerfile by its structure. No image is
// built: that needs a Docker daemon and the network.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range lintDockerfile(string(data)) {
		t.Errorf("Dockerfile: %s", problem)
	}
}

// TestLintDockerfile shows that the checks catch what they are for: each file in
// testdata/dockerfile breaks one thing.
func TestLintDockerfile(t *testing.T) {
	tests := []struct {
		file string
		want string // a part of the one problem; empty for none
	}{
		{"good.Dockerfile", ""},
		{"root-user.Dockerfile", `runs as "root"`},
		{"no-user.Dockerfile", "no USER"},
		{"no-healthcheck.Dockerfile", "no HEALTHCHECK"},
		{"no-dutch-model.Dockerfile", "does not install tesseract-ocr-nld"},
		{"loopback.Dockerfile", "want every interface"},
		{"health-port.Dockerfile", "HEALTHCHECK asks port 9090, but the server listens on port 8080"},
		{"health-tool-missing.Dockerfile", "HEALTHCHECK runs curl"},
		{"data-off-volume.Dockerfile", "not on a VOLUME"},
		{"not-slim.Dockerfile", "want Debian slim"},
		{"one-stage.Dockerfile", "want a build stage and a runtime stage"},
		{"copy-from-other.Dockerfile", "copies nothing from the build stage"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "dockerfile", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got := lintDockerfile(string(data))
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("problems %q, want none", got)
			case tt.want != "" && (len(got) == 0 || slices.ContainsFunc(got, func(p string) bool { return !strings.Contains(p, tt.want) })):
				t.Errorf("problems %q, want only ones saying %q", got, tt.want)
			}
		})
	}
}

// TestDockerfileSettingsLoad loads the configuration with the variables the image
// sets: a value the server would refuse must fail here, not in production.
func TestDockerfileSettingsLoad(t *testing.T) {
	data, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	stages, err := parseDockerfile(string(data))
	if err != nil {
		t.Fatal(err)
	}
	loadWith(t, stages[len(stages)-1].env())
}

// TestDockerignore checks which files of a working copy go into the build context.
func TestDockerignore(t *testing.T) {
	data, err := os.ReadFile(dockerignore)
	if err != nil {
		t.Fatal(err)
	}
	rules := parseIgnore(string(data))
	tests := []struct {
		path string
		sent bool
	}{
		{"go.mod", true},
		{"go.sum", true},
		{"cmd/kennisbank/main.go", true},
		{"server/web/static/kennisbank.css", true},
		{"indexer/dutch/lists/lexicon.bloom", true},
		{"corpus/corpus.go", true},
		{"corpus/expertisecentrum-jeugdhulp-limburg.txt", true},
		{"corpus/themes.yaml", true},
		{"corpus/synonyms.yaml", true},
		{"corpus/verslag-mr-2024.pdf", false},
		{"corpus/eigen-verslag.txt", false},
		{"corpus/_wachtrij/upload.pdf", false},
		{".git/HEAD", false},
		{"data/index/CURRENT", false},
		{"testoutput/screenshots/zoeken-desktop.png", false},
		{"node_modules/axe-core/axe.min.js", false},
		{"kennisbank", false},
		{"kennisbank.yaml", false},
	}
	for _, tt := range tests {
		if got := !rules.excluded(tt.path); got != tt.sent {
			t.Errorf("%s sent to the build: %v, want %v", tt.path, got, tt.sent)
		}
	}
}

// TestUnit checks the hardening and the stop timeout of the systemd unit.
func TestUnit(t *testing.T) {
	u, err := parseUnit(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range lintUnit(u) {
		t.Errorf("%s: %s", unitFile, problem)
	}
}

// TestLintUnit shows that the unit checks catch a unit without hardening.
func TestLintUnit(t *testing.T) {
	u, err := parseUnit(filepath.Join("testdata", "unit", "weak.service"))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lintUnit(u), "\n")
	for _, want := range []string{
		"User=root", "ProtectSystem=full", "NoNewPrivileges", "PrivateTmp", "ProtectHome",
		"CapabilityBoundingSet", "AF_PACKET", "SystemCallFilter", "MemoryMax",
		"Restart=always", "TimeoutStopSec=5s", "ReadWritePaths",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lintUnit(weak.service) does not mention %s:\n%s", want, got)
		}
	}
}

// TestUnitSettingsLoad loads the configuration with what the unit and the example
// environment file set, and checks that every KENNISBANK_ variable the file names,
// commented or not, is one Kennisbank knows.
func TestUnitSettingsLoad(t *testing.T) {
	u, err := parseUnit(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	env := u.environment()
	set, err := readEnvFile(envFile, false)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range set {
		env[k] = v
	}
	all, err := readEnvFile(envFile, true)
	if err != nil {
		t.Fatal(err)
	}
	loadWith(t, env)

	known := map[string]bool{}
	for _, key := range config.Keys() {
		known[config.EnvName(key)] = true
	}
	for k := range all {
		if strings.HasPrefix(k, config.EnvPrefix+"_") && !known[k] {
			t.Errorf("%s names %s, which is no configuration key", envFile, k)
		}
	}
	for k := range known {
		if _, ok := all[k]; !ok {
			t.Errorf("%s does not show %s", envFile, k)
		}
	}
}

// TestUnitVerify runs systemd-analyze verify on the unit, with ExecStart pointing at
// an executable that exists here. Without systemd-analyze it skips, unless
// KENNISBANK_REQUIRE_SYSTEMD=1 says it must run (as in CI).
func TestUnitVerify(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		if os.Getenv("KENNISBANK_REQUIRE_SYSTEMD") == "1" {
			t.Fatal("systemd-analyze not found (KENNISBANK_REQUIRE_SYSTEMD=1): apt-get install systemd")
		}
		t.Skip("systemd-analyze not found (apt-get install systemd); the unit is checked by its structure only")
	}
	data, err := os.ReadFile(unitFile)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const binary = "/usr/local/bin/kennisbank"
	if !bytes.Contains(data, []byte("ExecStart="+binary+" ")) {
		t.Fatalf("%s: ExecStart does not run %s", unitFile, binary)
	}
	copyFile := filepath.Join(t.TempDir(), unitFile)
	data = bytes.ReplaceAll(data, []byte("ExecStart="+binary), []byte("ExecStart="+self))
	if err := os.WriteFile(copyFile, data, 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(analyze, "verify", "--man=no", copyFile).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		// systemd-analyze warns about unknown keys and bad values with exit status 0.
		t.Errorf("systemd-analyze verify %s: %v\n%s", unitFile, err, out)
	}

	// The exposure score, where this systemd can judge a unit file offline (v250+).
	out, err = exec.Command(analyze, "security", "--offline=true", copyFile).CombinedOutput()
	if err != nil {
		t.Logf("systemd-analyze security --offline: %v (older systemd?); score not checked", err)
		return
	}
	m := regexp.MustCompile(`Overall exposure level for [^:]+: ([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no exposure level in:\n%s", out)
	}
	score, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	const maxScore = 2.0
	if score > maxScore {
		t.Errorf("exposure level %.1f, want at most %.1f:\n%s", score, maxScore, out)
	}
}

// lintUnit returns what is wrong with a systemd unit for Kennisbank, one line each.
func lintUnit(u unit) []string {
	var bad []string
	want := func(key, value string) {
		if got, _ := u.last("Service", key); got != value {
			bad = append(bad, key+"="+got+", want "+key+"="+value)
		}
	}
	if dyn, _ := u.last("Service", "DynamicUser"); dyn != "yes" {
		if user, _ := u.last("Service", "User"); user == "" || user == "root" || user == "0" {
			bad = append(bad, "User="+user+": want DynamicUser=yes or a user of its own")
		}
	}
	want("ProtectSystem", "strict")
	want("NoNewPrivileges", "yes")
	want("PrivateTmp", "yes")
	want("ProtectHome", "yes")
	want("Restart", "on-failure")
	if v, ok := u.last("Service", "CapabilityBoundingSet"); !ok || v != "" {
		bad = append(bad, "CapabilityBoundingSet="+v+", want it empty (no capabilities)")
	}
	families, _ := u.last("Service", "RestrictAddressFamilies")
	if f := strings.Fields(families); len(f) == 0 || slices.ContainsFunc(f, func(s string) bool {
		return s != "AF_INET" && s != "AF_INET6" && s != "AF_UNIX"
	}) {
		bad = append(bad, "RestrictAddressFamilies="+families+", want only AF_INET AF_INET6 AF_UNIX")
	}
	if !slices.Contains(u["Service"]["SystemCallFilter"], "@system-service") {
		bad = append(bad, "SystemCallFilter does not allow only @system-service")
	}
	if _, ok := u.last("Service", "MemoryMax"); !ok {
		bad = append(bad, "no MemoryMax")
	}

	// The server lets requests finish for server.ShutdownTimeout and then closes the
	// index within 15 s (cmd/kennisbank checks its own part against this unit).
	stop, _ := u.last("Service", "TimeoutStopSec")
	if d, err := systemdDuration(stop); err != nil || d <= server.ShutdownTimeout {
		bad = append(bad, "TimeoutStopSec="+stop+", want more than the server's shutdown of "+server.ShutdownTimeout.String())
	}

	// The folders the server writes must be writable under ProtectSystem=strict.
	writable := u["Service"]["ReadWritePaths"]
	for _, d := range u["Service"]["StateDirectory"] {
		writable = append(writable, "/var/lib/"+d)
	}
	env := u.environment()
	for _, key := range []string{"KENNISBANK_CORPUS_DIR", "KENNISBANK_INDEX_DIR"} {
		dir := env[key]
		if dir == "" {
			bad = append(bad, "Environment does not set "+key+" to a folder in ReadWritePaths")
			continue
		}
		if !slices.ContainsFunc(writable, func(w string) bool {
			w = path.Clean(strings.TrimPrefix(w, "-"))
			return dir == w || strings.HasPrefix(dir, w+"/")
		}) {
			bad = append(bad, key+"="+dir+" lies in no ReadWritePaths")
		}
	}
	return bad
}

// loadWith loads the configuration with env set, in an empty folder so that no
// kennisbank.yaml is read, and fails the test with every problem there is.
func loadWith(t *testing.T, env map[string]string) {
	t.Helper()
	t.Chdir(t.TempDir())
	for k, v := range env {
		t.Setenv(k, v)
	}
	if _, err := config.Load(""); err != nil {
		var cerr *config.Error
		if !errors.As(err, &cerr) {
			t.Fatal(err)
		}
		t.Errorf("the configuration is refused: %v", err)
	}
}

// ignoreRule is one line of a .dockerignore file.
type ignoreRule struct {
	pattern string
	negate  bool
}

type ignoreRules []ignoreRule

// parseIgnore reads .dockerignore lines: patterns, ! exceptions, # comments.
func parseIgnore(text string) ignoreRules {
	var rules ignoreRules
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{}
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			r.negate, line = true, rest
		}
		r.pattern = path.Clean(strings.TrimPrefix(line, "/"))
		rules = append(rules, r)
	}
	return rules
}

// excluded applies the rules as Docker does: the last rule that matches the path, or
// a folder it lies in, decides.
func (rules ignoreRules) excluded(p string) bool {
	out := false
	for _, r := range rules {
		for q := p; q != "." && q != "/"; q = path.Dir(q) {
			if ok, _ := path.Match(r.pattern, q); ok {
				out = !r.negate
				break
			}
		}
	}
	return out
}
