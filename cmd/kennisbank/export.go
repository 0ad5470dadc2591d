package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"kennisbank/config"
	"kennisbank/indexer"
	"kennisbank/server"
)

// runExport writes every passage with its report's metadata as ndjson or csv, to FILE
// or to stdout. While a server holds the index, the server is asked for the export.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var cf commonFlags
	cf.register(fs)
	format := fs.String("format", server.ExportNDJSON, "ndjson (één JSON-object per regel) of csv (met een kopregel)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "kennisbank export: geef hoogstens één bestand op\n\n")
		printDefaults(fs, stderr)
		return errUsage
	}
	if err := server.CheckExportFormat(*format); err != nil {
		fmt.Fprintf(stderr, "kennisbank export: --format moet ndjson of csv zijn, niet %q\n", *format)
		return errUsage
	}
	c, err := cf.load()
	if err != nil {
		return err
	}
	return writeOutput(fs.Arg(0), 0o644, stdout, func(w io.Writer) error {
		return exportTo(ctx, c, *format, w)
	})
}

// exportTo writes the export from the index, or from the server that holds it.
func exportTo(ctx context.Context, c config.Config, format string, w io.Writer) error {
	ix, err := openIndex(c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	switch {
	case err == nil:
		defer ix.Close()
		if _, err := ix.Sync(ctx, nil); err != nil {
			return err
		}
		return server.WriteExport(ctx, w, ix, format)
	case errors.Is(err, indexer.ErrLocked):
		return exportRemote(ctx, c.Server.Addr, format, w)
	default:
		return err
	}
}

// exportRemote asks the server at addr for the export.
func exportRemote(ctx context.Context, addr, format string, w io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/api/v1/export?format="+url.QueryEscape(format), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("de index is in gebruik door een server op %s, maar die antwoordt niet: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("server op %s antwoordt %s op de export", addr, resp.Status)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("export van de server op %s: %w", addr, err)
	}
	return nil
}

// writeOutput runs write on stdout when path is empty; otherwise on a temporary file
// beside path that replaces path, with the given permissions, only when write
// succeeded, so that a failed run never leaves half a file under the name asked for.
func writeOutput(path string, perm os.FileMode, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("schrijven naar %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename there is nothing left to remove
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("schrijven naar %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("schrijven naar %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("schrijven naar %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("schrijven naar %s: %w", path, err)
	}
	return nil
}
