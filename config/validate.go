package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The ranges that the values must lie in. Outside them a value is a mistake (a unit
// forgotten, a digit too many) rather than a choice.
const (
	minSearchTimeout  = time.Millisecond
	maxSearchTimeout  = 10 * time.Minute
	minMaxFileSize    = 1 << 10
	maxMaxFileSize    = 4 << 30
	minPDFTimeout     = time.Second
	maxPDFTimeout     = time.Hour
	minPDFMemoryLimit = 256 << 20
	maxPDFMemoryLimit = 64 << 30
)

// Validate checks every value and returns an *Error naming the key and the environment
// variable of each value it rejects, all of them at once; nil when all are right. It
// looks at the folders on disk (an existing corpus.dir or index.dir must be a folder)
// but creates or changes nothing.
func (c Config) Validate() error {
	if problems := c.problems(nil); len(problems) > 0 {
		return &Error{Problems: problems}
	}
	return nil
}

// problems checks every value whose key is not in skip (keys whose value could not be
// decoded, so that they are not reported twice).
func (c Config) problems(skip map[string]bool) []Problem {
	var out []Problem
	check := func(key string, msg string) {
		if msg != "" && !skip[key] {
			out = append(out, problem(key, "%s", msg))
		}
	}
	check("server.addr", checkAddr(c.Server.Addr))
	check("server.base_url", checkBaseURL(c.Server.BaseURL))
	for _, o := range c.Server.CORSOrigins {
		check("server.cors_origins", checkOrigin(o))
	}
	check("server.ingest_token", checkToken(c.Server.IngestToken))
	check("server.search_timeout", checkDuration(c.Server.SearchTimeout, minSearchTimeout, maxSearchTimeout))
	check("corpus.dir", checkDir(c.Corpus.Dir, "de map met verslagen"))
	check("index.dir", checkDir(c.Index.Dir, "de map voor de index"))
	if !skip["corpus.dir"] && !skip["index.dir"] {
		check("index.dir", checkApart(c.Corpus.Dir, c.Index.Dir))
	}
	check("extract.max_file_size", checkBytes(c.Extract.MaxFileSize, minMaxFileSize, maxMaxFileSize))
	check("extract.pdf_timeout", checkDuration(c.Extract.PDFTimeout, minPDFTimeout, maxPDFTimeout))
	check("extract.pdf_memory_limit", checkBytes(c.Extract.PDFMemoryLimit, minPDFMemoryLimit, maxPDFMemoryLimit))
	return out
}

// checkAddr wants host:port with a numeric port; the host may be empty (every
// interface), an IP address or a host name.
func checkAddr(addr string) string {
	const want = "verwacht host:poort, zoals 127.0.0.1:8080 of 0.0.0.0:8080 (alle netwerkkaarten, in een container)"
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Sprintf("ongeldig adres %q: %s", addr, want)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Sprintf("ongeldig adres %q: de poort %q is geen getal van 0 tot 65535", addr, port)
	}
	if host != "" && net.ParseIP(host) == nil && !validHostName(host) {
		return fmt.Sprintf("ongeldig adres %q: %q is geen IP-adres of hostnaam", addr, host)
	}
	return ""
}

// validHostName reports whether s is made of DNS labels: letters, digits and hyphens.
func validHostName(s string) bool {
	if len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// checkBaseURL wants an absolute http or https URL without query or fragment, or
// nothing (links are then relative to the request).
func checkBaseURL(s string) string {
	if s == "" {
		return ""
	}
	const want = "verwacht een absolute http- of https-URL, zoals https://kennisbank.example.nl"
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return fmt.Sprintf("ongeldige URL %q: %s", s, want)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Sprintf("ongeldige URL %q: het schema %q wordt niet ondersteund; %s", s, u.Scheme, want)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Sprintf("ongeldige URL %q: geen gebruikersnaam, zoekparameters (?…) of anker (#…) toegestaan; %s", s, want)
	}
	if msg := checkAddrPort(u); msg != "" {
		return fmt.Sprintf("ongeldige URL %q: %s", s, msg)
	}
	return ""
}

// checkAddrPort checks the port of a URL's host, when it has one.
func checkAddrPort(u *url.URL) string {
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("de poort %q is geen getal van 1 tot 65535", p)
		}
	}
	return ""
}

// checkOrigin wants a browser origin: http or https, a host, an optional port, no path.
func checkOrigin(o string) string {
	const want = "verwacht een origin zonder pad, zoals https://www.example.nl"
	if o == "*" {
		return `"*" is niet toegestaan: noem elke website die de zoekfunctie mag gebruiken apart, zoals https://www.example.nl`
	}
	u, err := url.Parse(o)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return fmt.Sprintf("ongeldige origin %q: %s", o, want)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Sprintf("ongeldige origin %q: het schema %q wordt niet ondersteund; %s", o, u.Scheme, want)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Sprintf("ongeldige origin %q: %s", o, want)
	}
	if msg := checkAddrPort(u); msg != "" {
		return fmt.Sprintf("ongeldige origin %q: %s", o, msg)
	}
	return ""
}

// checkToken rejects a token with spaces or control characters, which a header cannot
// carry as written: a copying mistake (a line end from a file of secrets, say).
func checkToken(token string) string {
	for _, r := range token {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return "het token bevat een spatie, tab of regeleinde (gekopieerd met de regel erna?); gebruik alleen zichtbare tekens"
		}
	}
	return ""
}

// checkDuration wants a duration in [lo, hi].
func checkDuration(d, lo, hi time.Duration) string {
	if d < lo || d > hi {
		return fmt.Sprintf("ongeldige duur %s: verwacht van %s tot %s", d, lo, hi)
	}
	return ""
}

// checkBytes wants a size in [lo, hi].
func checkBytes(n, lo, hi int64) string {
	if n < lo || n > hi {
		return fmt.Sprintf("ongeldige grootte %d bytes: verwacht van %d (%s) tot %d (%s)", n, lo, humanBytes(lo), hi, humanBytes(hi))
	}
	return ""
}

// humanBytes writes n in the largest binary unit that divides it.
func humanBytes(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkDir wants a folder name; when something of that name exists, it must be a folder.
func checkDir(dir, what string) string {
	if strings.TrimSpace(dir) == "" {
		return "leeg: geef " + what + " op"
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "" // made when needed
	case err != nil:
		return fmt.Sprintf("map %q is niet te lezen: %v", dir, err)
	case !info.IsDir():
		return fmt.Sprintf("%q is een bestand, geen map; geef %s op", dir, what)
	}
	return ""
}

// checkApart wants the index folder beside the corpus folder, not in it (its files
// would be read as reports) and not around it.
func checkApart(corpusDir, indexDir string) string {
	if strings.TrimSpace(corpusDir) == "" || strings.TrimSpace(indexDir) == "" {
		return ""
	}
	c, err1 := filepath.Abs(corpusDir)
	i, err2 := filepath.Abs(indexDir)
	if err1 != nil || err2 != nil {
		return ""
	}
	switch {
	case c == i:
		return fmt.Sprintf("%q is dezelfde map als corpus.dir; kies een aparte map, zoals data/index", indexDir)
	case within(i, c):
		return fmt.Sprintf("%q ligt in corpus.dir %q, waar de indexbestanden als verslagen gelezen zouden worden; kies een map ernaast, zoals data/index", indexDir, corpusDir)
	case within(c, i):
		return fmt.Sprintf("corpus.dir %q ligt in de indexmap %q; kies voor de index een map ernaast, zoals data/index", corpusDir, indexDir)
	}
	return ""
}

// within reports whether path lies inside dir (both absolute and clean).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
