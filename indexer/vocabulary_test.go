package indexer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestThemeNames(t *testing.T) {
	own := t.TempDir()
	yaml := "themes:\n  - name: Pleegzorg\n    triggers: [pleeggezin]\n  - name: gesloten jeugdzorg\n"
	if err := os.WriteFile(filepath.Join(own, "themes.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, dir string
		want      func([]string) bool
	}{
		{"the corpus's own vocabulary", own, func(n []string) bool { return slices.Equal(n, []string{"pleegzorg", "gesloten jeugdzorg"}) }},
		{"the shipped vocabulary without a themes.yaml", t.TempDir(), func(n []string) bool {
			return len(n) > 30 && slices.Contains(n, "gesloten jeugdzorg") && !slices.Contains(n, "gesloten jeugzorg")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := &Index{opts: Options{CorpusDir: tt.dir}}
			got, err := ix.ThemeNames()
			if err != nil || !tt.want(got) {
				t.Errorf("ThemeNames() = %q, %v", got, err)
			}
		})
	}
}
