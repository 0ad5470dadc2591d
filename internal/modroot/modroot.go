// Package modroot finds the module's root folder, and the shared evaluation material
// that lives beside it (../shared), for the development commands and the tests.
package modroot

import (
	"errors"
	"os"
	"path/filepath"
)

// Root returns the nearest folder at or above the working folder that holds go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working folder")
		}
		dir = parent
	}
}

// Shared returns the folder "shared" beside the module root.
func Shared() (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	shared := filepath.Join(filepath.Dir(root), "shared")
	if _, err := os.Stat(shared); err != nil {
		return "", err
	}
	return shared, nil
}
