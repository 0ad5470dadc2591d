package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"kennisbank/config"
	"kennisbank/indexer"
)

// runBackup writes a tar.gz archive of the corpus folder and the index in use to FILE.
// While a server holds the index, the server writes it (with server.ingest_token).
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	var cf commonFlags
	cf.register(fs)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "kennisbank backup: geef één bestand op, zoals kennisbank-reserve.tar.gz\n\n")
		printDefaults(fs, stderr)
		return errUsage
	}
	c, err := cf.load()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(c.Index.Dir, "CURRENT")); err != nil {
		return fmt.Errorf("er is geen index in %s om een reservekopie van te maken; maak die eerst met 'kennisbank index'", c.Index.Dir)
	}
	if _, err := os.Stat(c.Corpus.Dir); err != nil {
		return fmt.Errorf("de corpusmap %s is er niet: %w", c.Corpus.Dir, err)
	}
	file := fs.Arg(0)
	// Only the owner may read it: the review queue may hold personal data.
	err = writeOutput(file, 0o600, stdout, func(w io.Writer) error { return backupTo(ctx, c, w) })
	if err != nil {
		return err
	}
	if fi, err := os.Stat(file); err == nil {
		fmt.Fprintf(stdout, "reservekopie geschreven: %s (%.1f MB): corpusmap %s en index %s\n", file, float64(fi.Size())/1e6, c.Corpus.Dir, c.Index.Dir)
	}
	return nil
}

// backupTo writes the archive from the index, or from the server that holds it.
func backupTo(ctx context.Context, c config.Config, w io.Writer) error {
	ix, err := indexer.Open(indexOptions(c))
	switch {
	case err == nil:
		defer ix.Close()
		return ix.Backup(ctx, w)
	case errors.Is(err, indexer.ErrLocked):
		return backupRemote(ctx, c, w)
	default:
		return indexError(c, err)
	}
}

// backupRemote asks the server that holds the index for the archive.
func backupRemote(ctx context.Context, c config.Config, w io.Writer) error {
	addr := c.Server.Addr
	if c.Server.IngestToken == "" {
		return fmt.Errorf("de index in %s is in gebruik door een draaiende server; stel server.ingest_token in om de reservekopie via de server te maken, of stop de server eerst", c.Index.Dir)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/api/v1/backup", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.Server.IngestToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("de index is in gebruik door een server op %s, maar die antwoordt niet: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("server op %s antwoordt %s op de reservekopie", addr, resp.Status)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("reservekopie van de server op %s: %w", addr, err)
	}
	return nil
}

// runRestore puts an archive of runBackup back into the configured corpus and index
// folders, and opens the index to check it.
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	var cf commonFlags
	cf.register(fs)
	force := fs.Bool("force", false, "vervang een corpusmap en index die niet leeg zijn")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "kennisbank restore: geef het bestand van de reservekopie op\n\n")
		printDefaults(fs, stderr)
		return errUsage
	}
	c, err := cf.load()
	if err != nil {
		return err
	}
	file := fs.Arg(0)
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("reservekopie: %w", err)
	}
	defer f.Close()
	err = indexer.Restore(ctx, f, indexer.RestoreOptions{CorpusDir: c.Corpus.Dir, IndexDir: c.Index.Dir, Force: *force})
	var notEmpty *indexer.NotEmptyError
	var bad *indexer.BadArchiveError
	switch {
	case errors.As(err, &notEmpty):
		return fmt.Errorf("de map %s is niet leeg; gebruik --force om hem te vervangen door de reservekopie", notEmpty.Dir)
	case errors.As(err, &bad):
		return fmt.Errorf("%s is geen bruikbare reservekopie van Kennisbank; er is niets veranderd (%s)", file, bad.Reason)
	case errors.Is(err, indexer.ErrLocked):
		return fmt.Errorf("de index in %s is in gebruik door een draaiende server; stop die eerst", c.Index.Dir)
	case err != nil:
		return err
	}
	ix, err := indexer.Open(indexOptions(c))
	if err != nil {
		return indexError(c, err)
	}
	st := ix.Status()
	if err := ix.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "teruggezet uit %s: %d verslagen met %d passages; corpusmap %s, index %s\n", file, st.Reports, st.Passages, c.Corpus.Dir, c.Index.Dir)
	return nil
}
