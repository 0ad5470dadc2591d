// Package config loads Kennisbank's configuration: defaults, then a kennisbank.yaml
// file, then KENNISBANK_<SECTION>_<KEY> environment variables. Command-line flags are
// applied on top by the caller. It is the only package that imports viper.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/spf13/viper"
)

// FileName is the configuration file looked for in the working directory.
const FileName = "kennisbank.yaml"

// EnvPrefix prefixes every environment variable, as in KENNISBANK_SERVER_ADDR.
const EnvPrefix = "KENNISBANK"

// Config is Kennisbank's whole configuration.
type Config struct {
	Server  Server  `mapstructure:"server"`
	Corpus  Corpus  `mapstructure:"corpus"`
	Index   Index   `mapstructure:"index"`
	Extract Extract `mapstructure:"extract"`
}

// Server configures the HTTP server.
type Server struct {
	// Addr is the listen address (default 127.0.0.1:8080).
	Addr string `mapstructure:"addr"`
	// BaseURL is the public address of the server, used in the embed snippet and feeds.
	BaseURL string `mapstructure:"base_url"`
	// CORSOrigins may call the API from a browser and embed the search box.
	CORSOrigins []string `mapstructure:"cors_origins"`
	// IngestToken authorises uploads; empty switches uploads off.
	IngestToken string `mapstructure:"ingest_token"`
	// SearchTimeout bounds one search (default 5s).
	SearchTimeout time.Duration `mapstructure:"search_timeout"`
}

// Corpus configures the folder of reports that is the source of truth.
type Corpus struct {
	// Dir holds the reports (default "corpus").
	Dir string `mapstructure:"dir"`
}

// Index configures the Bleve index.
type Index struct {
	// Dir holds the index (default "data/index").
	Dir string `mapstructure:"dir"`
}

// Extract configures text extraction.
type Extract struct {
	// MaxFileSize is the largest report accepted, in bytes (default 50 MB). The file
	// and the environment may also give it with a unit, as in "50MB" or "1GiB".
	MaxFileSize int64 `mapstructure:"max_file_size" unit:"bytes"`
	// PDFTimeout bounds the CPU time of extracting one PDF (default 20s): the child
	// process is stopped there, however busy the machine is.
	PDFTimeout time.Duration `mapstructure:"pdf_timeout"`
	// PDFMemoryLimit bounds the memory of the PDF extraction process, in bytes (default
	// 2 GiB); a unit may be given as for MaxFileSize.
	PDFMemoryLimit int64 `mapstructure:"pdf_memory_limit" unit:"bytes"`
}

// Default returns the configuration used when nothing else is set.
func Default() Config {
	return Config{
		Server: Server{
			Addr:          "127.0.0.1:8080",
			BaseURL:       "http://127.0.0.1:8080",
			CORSOrigins:   []string{},
			SearchTimeout: 5 * time.Second,
		},
		Corpus: Corpus{Dir: "corpus"},
		Index:  Index{Dir: "data/index"},
		Extract: Extract{
			MaxFileSize:    50 << 20,
			PDFTimeout:     20 * time.Second,
			PDFMemoryLimit: 2 << 30,
		},
	}
}

// Load reads the configuration. With path empty it looks for kennisbank.yaml in the
// working directory and uses defaults when there is none; a path that is given must
// exist. Environment variables override the file. The result is validated.
func Load(path string) (Config, error) {
	v := viper.New()
	setDefaults(v, "", reflect.ValueOf(Default()))
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	// A variable that is set but empty means empty (KENNISBANK_SERVER_INGEST_TOKEN= turns
	// uploads off whatever the file says), not "not set".
	v.AllowEmptyEnv(true)

	switch {
	case path != "":
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return Config{}, fmt.Errorf("configuratiebestand %s is niet te lezen: %w", path, err)
		}
	default:
		if _, err := os.Stat(FileName); err == nil {
			v.SetConfigFile(FileName)
			if err := v.ReadInConfig(); err != nil {
				return Config{}, fmt.Errorf("configuratiebestand %s is niet te lezen: %w", FileName, err)
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return Config{}, fmt.Errorf("configuratiebestand %s: %w", FileName, err)
		}
	}

	// Every value is decoded and checked before anything is reported, so that an
	// operator sees all problems of a configuration at once.
	c := Default()
	problems := unknownKeys(v)
	problems = append(problems, decode(v, "", reflect.ValueOf(&c).Elem())...)
	c.Server.CORSOrigins = splitList(c.Server.CORSOrigins)
	problems = append(problems, c.problems(keysOf(problems))...)
	if len(problems) > 0 {
		sortProblems(problems)
		return Config{}, &Error{Problems: problems}
	}
	return c, nil
}

// setDefaults registers every key of the Config struct with viper, so that environment
// variables reach Unmarshal even when the file does not name the key.
func setDefaults(v *viper.Viper, prefix string, val reflect.Value) {
	t := val.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("mapstructure")
		if prefix != "" {
			key = prefix + "." + key
		}
		if f.Type.Kind() == reflect.Struct {
			setDefaults(v, key, val.Field(i))
			continue
		}
		v.SetDefault(key, val.Field(i).Interface())
	}
}

// splitList accepts both YAML lists and comma-separated strings (from the environment).
func splitList(in []string) []string {
	out := []string{}
	for _, s := range in {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}
