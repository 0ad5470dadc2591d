// Package corpus is Kennisbank's default knowledge base: the sample reports and the
// vocabulary files that ship with the product. The binary carries them, so that it can
// set up a corpus folder on a machine that has none.
package corpus

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// FS holds the default corpus files.
//
//go:embed *.txt *.yaml
var FS embed.FS

// Reports returns the texts of the sample reports (the .txt files), in the order of
// their names.
func Reports() ([]string, error) {
	var out []string
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		data, err := FS.ReadFile(path)
		out = append(out, string(data))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return out, nil
}

// WriteTo copies the default corpus into dir, which is created. Files that exist
// already are left alone.
func WriteTo(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if _, err := os.Stat(dst); err == nil {
			return nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("corpus: %w", err)
		}
		data, err := FS.ReadFile(path)
		if err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		return nil
	})
}
