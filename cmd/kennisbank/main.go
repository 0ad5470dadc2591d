// Command kennisbank is a full-text searchable knowledge base of meeting reports.
//
// Usage:
//
//	kennisbank serve  [--addr A] [--corpus DIR] [--index DIR] [--config FILE] [--watch]
//	kennisbank index  [--corpus DIR] [--index DIR] [--config FILE] [--strict] [--rebuild]
//	kennisbank search [--json] [--speaker N] [--theme T] [--from D] [--to D] QUERY
//	kennisbank export [--format ndjson|csv] [--corpus DIR] [--index DIR] [--config FILE] [FILE]
//	kennisbank backup [--corpus DIR] [--index DIR] [--config FILE] FILE
//	kennisbank restore [--force] [--corpus DIR] [--index DIR] [--config FILE] FILE
//	kennisbank version
//
// Configuration comes from defaults, then kennisbank.yaml (or --config), then
// KENNISBANK_<SECTION>_<KEY> environment variables, then flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"kennisbank/config"
	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/indexer/extract"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	extract.RunChildIfRequested()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `kennisbank: doorzoekbare kennisbank van vergaderverslagen

Gebruik:
  kennisbank serve   [--addr ADRES] [--corpus MAP] [--index MAP] [--config BESTAND] [--watch]
  kennisbank index   [--corpus MAP] [--index MAP] [--config BESTAND] [--strict] [--rebuild]
  kennisbank search  [--json] [--speaker NAAM] [--theme THEMA] [--from DATUM] [--to DATUM] ZOEKVRAAG
  kennisbank export  [--format ndjson|csv] [BESTAND]
  kennisbank backup  BESTAND
  kennisbank restore [--force] BESTAND
  kennisbank version
  kennisbank completion bash|zsh

  export   schrijft alle passages met de gegevens van hun verslag naar BESTAND, of naar
           de standaarduitvoer als er geen bestand is opgegeven.
  backup   schrijft een reservekopie (tar.gz) van de corpusmap en de index, ook terwijl
           de server draait.
  restore  zet een reservekopie terug in de corpusmap en de indexmap; mappen die niet
           leeg zijn alleen met --force.
  export, backup en restore nemen ook --corpus, --index en --config.
  completion  schrijft een aanvulscript voor de shell: source <(kennisbank completion bash).
  Elk commando toont zijn opties met --help.

Zonder instellingen worden de verslagen in ./corpus geïndexeerd in ./data/index en
luistert de server op 127.0.0.1:8080.
`

// run is the whole program; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = runServe(ctx, args[1:], stdout, stderr)
	case "index":
		err = runIndex(ctx, args[1:], stdout, stderr)
	case "search":
		err = runSearch(ctx, args[1:], stdout, stderr)
	case "export":
		err = runExport(ctx, args[1:], stdout, stderr)
	case "backup":
		err = runBackup(ctx, args[1:], stdout, stderr)
	case "restore":
		err = runRestore(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "kennisbank", versionString())
	case "completion":
		err = runCompletion(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "kennisbank: onbekend commando %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "kennisbank: %v\n", err)
		return 1
	}
}

// errUsage marks an error whose message has been printed with the usage.
var errUsage = errors.New("usage")

// commonFlags are the flags every command that opens the index shares.
type commonFlags struct {
	configFile string
	corpusDir  string
	indexDir   string
}

func (f *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.configFile, "config", "", "configuratiebestand (standaard ./kennisbank.yaml als dat bestaat)")
	fs.StringVar(&f.corpusDir, "corpus", "", "map met verslagen (corpus.dir)")
	fs.StringVar(&f.indexDir, "index", "", "map voor de index (index.dir)")
}

// load reads the configuration and applies the flags on top.
func (f *commonFlags) load() (config.Config, error) {
	c, err := config.Load(f.configFile)
	if err != nil {
		return c, err
	}
	if f.corpusDir != "" {
		c.Corpus.Dir = f.corpusDir
	}
	if f.indexDir != "" {
		c.Index.Dir = f.indexDir
	}
	return c, c.Validate()
}

// parseFlags parses a command's flags, printing errors and help to stderr in Dutch.
// Flags may stand anywhere on the line ("kennisbank search jeugdzorg --json"); after
// "--" everything is an argument. fs.Args() then holds the arguments.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	fs.Usage = func() { printDefaults(fs, stderr) }
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			positional = append(positional, args[1:]...)
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

// printDefaults prints a command's flags in Dutch.
func printDefaults(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "Gebruik: kennisbank %s [opties]\n\nOpties:\n", fs.Name())
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			if dutch, ok := argNames[name]; ok {
				name = dutch
			}
			line += " " + strings.ToUpper(name)
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(w, " (standaard %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// argNames are the Dutch names of the flag package's argument types.
var argNames = map[string]string{"string": "tekst", "int": "getal", "duration": "duur", "value": "waarde", "float": "getal", "uint": "getal"}

// versionString is the version set at build time, or else the module version and the
// commit from the build information.
func versionString() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if len(s.Value) > 12 {
				s.Value = s.Value[:12]
			}
			v += " (commit " + s.Value
		case "vcs.modified":
			if s.Value == "true" {
				v += ", gewijzigd"
			}
		}
	}
	if strings.Contains(v, "(commit") {
		v += ")"
	}
	return v
}

// openIndex prepares the corpus folder and opens the index with options from c.
func openIndex(c config.Config, logger *slog.Logger) (*indexer.Index, error) {
	return openIndexWith(c, logger, indexOptions(c))
}

// openIndexWith is openIndex with the indexer's options given.
func openIndexWith(c config.Config, logger *slog.Logger, opts indexer.Options) (*indexer.Index, error) {
	if err := ensureCorpus(c.Corpus.Dir, logger); err != nil {
		return nil, err
	}
	ix, err := indexer.Open(opts)
	return ix, indexError(c, err)
}

// indexOptions copies the configuration into the indexer's options.
func indexOptions(c config.Config) indexer.Options {
	return indexer.Options{
		Dir:       c.Index.Dir,
		CorpusDir: c.Corpus.Dir,
		Extract: extract.Options{
			MaxFileSize:    c.Extract.MaxFileSize,
			PDFTimeout:     c.Extract.PDFTimeout,
			PDFMemoryLimit: c.Extract.PDFMemoryLimit,
		},
	}
}

// indexError says in Dutch, in the operator's terms, what to do about an error of
// opening the index.
func indexError(c config.Config, err error) error {
	switch {
	case errors.Is(err, indexer.ErrLocked):
		return &lockedError{dir: c.Index.Dir}
	case errors.Is(err, indexer.ErrDamaged):
		return fmt.Errorf("de index in %s is beschadigd (%v); herstel hem met 'kennisbank index --rebuild': dat leest alle verslagen opnieuw in uit %s", c.Index.Dir, err, c.Corpus.Dir)
	}
	return err
}

// lockedError says in Dutch that a running server holds the index in dir; it wraps
// indexer.ErrLocked, so that a command can ask the server instead.
type lockedError struct{ dir string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("de index in %s is in gebruik door een draaiende server; stop die eerst of voeg verslagen toe via de server", e.dir)
}

func (e *lockedError) Unwrap() error { return indexer.ErrLocked }

// ensureCorpus sets up the default corpus in dir when dir does not exist.
func ensureCorpus(dir string, logger *slog.Logger) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("corpus: %w", err)
	}
	logger.Info("corpus folder missing; writing the sample reports into it", "dir", dir)
	return corpus.WriteTo(dir)
}
