package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"kennisbank/server"
)

// TestExportCommand exports the sample corpus to stdout and to files, with the flags
// before and after the file name, and reads every answer back.
func TestExportCommand(t *testing.T) {
	t.Chdir(t.TempDir()) // the sample reports are written into ./corpus
	tests := []struct {
		args []string
		file string // where the export lands; empty for stdout
		csv  bool
	}{
		{args: []string{"export"}},
		{args: []string{"export", "--format", "csv"}, csv: true},
		{args: []string{"export", "--format=csv", "uit.csv"}, file: "uit.csv", csv: true},
		{args: []string{"export", "uit.ndjson", "--format", "ndjson"}, file: "uit.ndjson"},
	}
	var rows []int
	for _, tt := range tests {
		code, out, errOut := mustRun(t, tt.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		data := []byte(out)
		if tt.file != "" {
			if out != "" {
				t.Errorf("%v wrote to stdout: %.200s", tt.args, out)
			}
			var err error
			if data, err = os.ReadFile(tt.file); err != nil {
				t.Fatal(err)
			}
		}
		if tt.csv {
			rows = append(rows, csvRows(t, data))
		} else {
			rows = append(rows, ndjsonRows(t, data))
		}
	}
	for i, n := range rows {
		if n == 0 || n != rows[0] {
			t.Errorf("%v gave %d passages, want %d and more than none", tests[i].args, n, rows[0])
		}
	}
	leftovers, _ := os.ReadDir(".")
	for _, e := range leftovers {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestExportCommandUsage(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{"export", "--format", "xml"},
		{"export", "een.csv", "twee.csv"},
	} {
		code, _, errOut := mustRun(t, args...)
		if code != 2 || !strings.Contains(errOut, "kennisbank export:") {
			t.Errorf("%v: exit %d, %q; want 2 with a Dutch message", args, code, errOut)
		}
	}
	if _, err := os.Stat("corpus"); err == nil {
		t.Error("a refused export set up the corpus folder")
	}
}

func ndjsonRows(t *testing.T, data []byte) int {
	t.Helper()
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r server.ExportRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.PassageID == "" || r.Text == "" {
			t.Fatalf("line %d: %v: %.200s", n+1, err, sc.Bytes())
		}
		n++
	}
	return n
}

func csvRows(t *testing.T, data []byte) int {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(recs) == 0 || !reflect.DeepEqual(recs[0], server.ExportColumns) {
		t.Fatalf("csv header %v, want %v", recs, server.ExportColumns)
	}
	return len(recs) - 1
}
