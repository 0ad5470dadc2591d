package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLoadProblems loads wrong configurations and checks that every wrong value is
// reported, once, under its key and environment variable, with a Dutch message.
func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   map[string]string
		files []string // made in the working directory first
		// want is the key of each problem, in order.
		want []string
		// text holds parts of the error text.
		text []string
	}{
		{
			name: "address without port",
			file: "testdata/bad-addr.yaml",
			want: []string{"server.addr"},
			text: []string{`server.addr (KENNISBANK_SERVER_ADDR): ongeldig adres "geen adres": verwacht host:poort`},
		},
		{
			name: "port out of range",
			file: "testdata/bad-port.yaml",
			want: []string{"server.addr"},
			text: []string{`de poort "99999" is geen getal van 0 tot 65535`},
		},
		{
			name: "address from the environment",
			env:  map[string]string{"KENNISBANK_SERVER_ADDR": "kennis bank:80"},
			want: []string{"server.addr"},
			text: []string{"KENNISBANK_SERVER_ADDR", `"kennis bank" is geen IP-adres of hostnaam`},
		},
		{
			name: "base url without scheme",
			file: "testdata/bad-base-url.yaml",
			want: []string{"server.base_url"},
			text: []string{"server.base_url (KENNISBANK_SERVER_BASE_URL): ongeldige URL \"kennisbank.example.nl\": verwacht een absolute http- of https-URL"},
		},
		{
			name: "base url of another scheme",
			file: "testdata/base-url-ftp.yaml",
			want: []string{"server.base_url"},
			text: []string{`het schema "ftp" wordt niet ondersteund`},
		},
		{
			name: "base url with a query",
			file: "testdata/base-url-query.yaml",
			want: []string{"server.base_url"},
			text: []string{"zoekparameters"},
		},
		{
			name: "origin without scheme",
			file: "testdata/bad-origin.yaml",
			want: []string{"server.cors_origins"},
			text: []string{`KENNISBANK_SERVER_CORS_ORIGINS): ongeldige origin "www.example.nl"`},
		},
		{
			name: "origin star",
			file: "testdata/origin-star.yaml",
			want: []string{"server.cors_origins"},
			text: []string{`"*" is niet toegestaan`},
		},
		{
			name: "two bad origins in the environment",
			env:  map[string]string{"KENNISBANK_SERVER_CORS_ORIGINS": "https://a.nl,a.nl,https://b.nl/pad"},
			want: []string{"server.cors_origins", "server.cors_origins"},
			text: []string{`"a.nl"`, `"https://b.nl/pad"`},
		},
		{
			name: "token with a line end",
			env:  map[string]string{"KENNISBANK_SERVER_INGEST_TOKEN": "geheim\n"},
			want: []string{"server.ingest_token"},
			text: []string{"regeleinde"},
		},
		{
			name: "every value wrong at once",
			file: "testdata/all-wrong.yaml",
			want: []string{"server.addr", "server.base_url", "server.cors_origins", "server.search_timeout",
				"corpus.dir", "index.dir", "extract.max_file_size", "extract.pdf_timeout", "extract.pdf_memory_limit"},
			text: []string{
				"ongeldige configuratie (9 problemen):",
				"corpus.dir (KENNISBANK_CORPUS_DIR): leeg: geef de map met verslagen op",
				"index.dir (KENNISBANK_INDEX_DIR): leeg",
				"server.search_timeout (KENNISBANK_SERVER_SEARCH_TIMEOUT): ongeldige duur 0s: verwacht van 1ms tot 10m0s",
				"extract.max_file_size (KENNISBANK_EXTRACT_MAX_FILE_SIZE): ongeldige grootte -1 bytes",
				"extract.pdf_timeout (KENNISBANK_EXTRACT_PDF_TIMEOUT): ongeldige duur 2h0m0s",
				"extract.pdf_memory_limit (KENNISBANK_EXTRACT_PDF_MEMORY_LIMIT): ongeldige grootte 1048576 bytes: verwacht van 268435456 (256 MiB)",
			},
		},
		{
			name: "unknown keys with a suggestion",
			file: "testdata/unknown-keys.yaml",
			want: []string{"extract.timeout", "server.adres", "zoeken.timeout"},
			text: []string{
				"server.adres: onbekende sleutel in het configuratiebestand; bedoelt u server.addr?",
				"extract.timeout: onbekende sleutel in het configuratiebestand; bedoelt u extract.pdf_timeout?",
				"zoeken.timeout: onbekende sleutel in het configuratiebestand; bedoelt u server.search_timeout?",
			},
		},
		{
			name: "a section that is no table",
			file: "testdata/section-not-table.yaml",
			want: []string{"server"},
			text: []string{`server: verwacht een tabel met sleutels, niet de tekst "127.0.0.1:8080"`},
		},
		{
			name: "values of the wrong type, each reported once",
			file: "testdata/wrong-types.yaml",
			want: []string{"server.cors_origins", "server.ingest_token", "server.search_timeout", "extract.max_file_size"},
			text: []string{
				"verwacht een lijst of door komma's gescheiden tekst, niet een tabel",
				"verwacht een tekst, niet een lijst",
				`ongeldige duur "snel"`,
				`ongeldige waarde "groot": verwacht een aantal bytes, zoals 52428800, 50MiB of 2GiB`,
			},
		},
		{
			name: "duration without unit",
			file: "testdata/duration-no-unit.yaml",
			want: []string{"extract.pdf_timeout"},
			text: []string{"duur 20 zonder eenheid: schrijf bijvoorbeeld 20s"},
		},
		{
			name: "duration without unit in the environment",
			env:  map[string]string{"KENNISBANK_SERVER_SEARCH_TIMEOUT": "5"},
			want: []string{"server.search_timeout"},
			text: []string{`duur "5" zonder eenheid`},
		},
		{
			name: "size with an unknown unit in the environment",
			env:  map[string]string{"KENNISBANK_EXTRACT_MAX_FILE_SIZE": "50 megabyte"},
			want: []string{"extract.max_file_size"},
			text: []string{"KENNISBANK_EXTRACT_MAX_FILE_SIZE", `"50 megabyte"`},
		},
		{
			name: "index inside the corpus",
			file: "testdata/index-in-corpus.yaml",
			want: []string{"index.dir"},
			text: []string{`index.dir (KENNISBANK_INDEX_DIR): "verslagen/index" ligt in corpus.dir "verslagen"`},
		},
		{
			name: "index and corpus the same folder",
			file: "testdata/same-dir.yaml",
			want: []string{"index.dir"},
			text: []string{"dezelfde map als corpus.dir"},
		},
		{
			name: "corpus around the index from the environment",
			env:  map[string]string{"KENNISBANK_INDEX_DIR": "data", "KENNISBANK_CORPUS_DIR": "data/verslagen"},
			want: []string{"index.dir"},
			text: []string{`corpus.dir "data/verslagen" ligt in de indexmap "data"`},
		},
		{
			name:  "corpus is a file",
			file:  "testdata/corpus-is-file.yaml",
			files: []string{"verslagen.txt"},
			want:  []string{"corpus.dir"},
			text:  []string{`"verslagen.txt" is een bestand, geen map`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadIn(t, tt.file, tt.env, tt.files)
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("Load(%q) = %+v, %v; want an *Error", tt.file, c, err)
			}
			var keys []string
			for _, p := range cerr.Problems {
				keys = append(keys, p.Key)
			}
			if !slices.Equal(keys, tt.want) {
				t.Errorf("problems at %q, want %q\n%v", keys, tt.want, err)
			}
			for _, s := range tt.text {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error does not say %q:\n%v", s, err)
				}
			}
		})
	}
}

// TestLoadValues loads configurations that are right, with values in the forms the
// file and the environment allow.
func TestLoadValues(t *testing.T) {
	tests := []struct {
		name string
		file string
		env  map[string]string
		want func(c *Config)
	}{
		{
			name: "sizes with units",
			file: "testdata/sizes.yaml",
			want: func(c *Config) { c.Extract.MaxFileSize = 10 << 20; c.Extract.PDFMemoryLimit = 1 << 30 },
		},
		{
			name: "sizes with units from the environment",
			env:  map[string]string{"KENNISBANK_EXTRACT_MAX_FILE_SIZE": "20MB", "KENNISBANK_EXTRACT_PDF_MEMORY_LIMIT": "536870912"},
			want: func(c *Config) { c.Extract.MaxFileSize = 20_000_000; c.Extract.PDFMemoryLimit = 512 << 20 },
		},
		{
			name: "the container's settings",
			file: "testdata/container.yaml",
			want: func(c *Config) {
				c.Server.Addr = "0.0.0.0:8080"
				c.Server.BaseURL = "http://localhost:8080/kennisbank/"
				c.Corpus.Dir = "/var/lib/kennisbank/corpus"
				c.Index.Dir = "/var/lib/kennisbank/index"
			},
		},
		{
			name: "every interface and an empty base url",
			env:  map[string]string{"KENNISBANK_SERVER_ADDR": ":8080", "KENNISBANK_SERVER_BASE_URL": "", "KENNISBANK_SERVER_SEARCH_TIMEOUT": "1m30s"},
			want: func(c *Config) {
				c.Server.Addr = ":8080"
				c.Server.BaseURL = ""
				c.Server.SearchTimeout = 90 * time.Second
			},
		},
		{
			name: "an IPv6 address and an origin with a port",
			env:  map[string]string{"KENNISBANK_SERVER_ADDR": "[::1]:8080", "KENNISBANK_SERVER_CORS_ORIGINS": "http://localhost:3000"},
			want: func(c *Config) {
				c.Server.Addr = "[::1]:8080"
				c.Server.CORSOrigins = []string{"http://localhost:3000"}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := loadIn(t, tt.file, tt.env, nil)
			if err != nil {
				t.Fatalf("Load(%q): %v", tt.file, err)
			}
			want := Default()
			tt.want(&want)
			if !equalConfig(got, want) {
				t.Errorf("Load(%q) = %+v, want %+v", tt.file, got, want)
			}
		})
	}
}

// TestValidateAfterFlags checks Validate on its own, as the command calls it once the
// flags are applied.
func TestValidateAfterFlags(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
	c.Server.Addr = "8080"
	c.Index.Dir = filepath.Join(c.Corpus.Dir, "index")
	err := c.Validate()
	var cerr *Error
	if !errors.As(err, &cerr) || len(cerr.Problems) != 2 {
		t.Fatalf("Validate() = %v, want two problems", err)
	}
}

// TestEveryKeyDecodes makes sure each field of Config has a type that decode handles,
// so that a key added later cannot be silently unsettable.
func TestEveryKeyDecodes(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, key := range Keys() {
		if strings.Contains(EnvName(key), ".") {
			t.Errorf("EnvName(%q) = %q", key, EnvName(key))
		}
	}
	if _, err := Load(""); err != nil {
		t.Fatalf("Load with defaults: %v", err)
	}
}

// loadIn runs Load in an empty working folder (so that no kennisbank.yaml of the
// developer is read), with env set and the named files made there.
func loadIn(t *testing.T, file string, env map[string]string, files []string) (Config, error) {
	t.Helper()
	if file != "" {
		abs, err := filepath.Abs(file)
		if err != nil {
			t.Fatal(err)
		}
		file = abs
	}
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("tekst\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for k, v := range env {
		t.Setenv(k, v)
	}
	return Load(file)
}

// equalConfig compares two configurations, an empty and a nil list being equal.
func equalConfig(a, b Config) bool {
	if !slices.Equal(a.Server.CORSOrigins, b.Server.CORSOrigins) {
		return false
	}
	a.Server.CORSOrigins, b.Server.CORSOrigins = nil, nil
	return reflect.DeepEqual(a, b)
}
