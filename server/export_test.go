package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"kennisbank/corpus"
	"kennisbank/indexer"
)

// exportIndex indexes the sample corpus and the reports of testdata/export (quotes,
// commas, semicolons, line breaks and accents in one passage) into a temporary index.
func exportIndex(tb testing.TB) *indexer.Index {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "corpus")
	if err := corpus.WriteTo(dir); err != nil {
		tb.Fatal(err)
	}
	copyDir(tb, filepath.Join("testdata", "export"), dir)
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(tb.TempDir(), "index"), CorpusDir: dir})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		tb.Fatal(err)
	}
	return ix
}

// copyDir copies the files of folder from into folder to.
func copyDir(tb testing.TB, from, to string) {
	tb.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestExportRoundTrip exports a real index as ndjson and as csv and reads both back:
// every passage once, with its text and its report's metadata as the index has them.
func TestExportRoundTrip(t *testing.T) {
	ix := exportIndex(t)
	ts := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: ix}).Handler()))
	t.Cleanup(ts.Close)

	want := indexRows(t, ix)
	if len(want) != ix.Status().Passages {
		t.Fatalf("the index lists %d passages, its status counts %d", len(want), ix.Status().Passages)
	}

	tests := []struct {
		query       string
		contentType string
		read        func(*testing.T, []byte) []ExportRow
	}{
		{"", "application/x-ndjson; charset=utf-8", readNDJSON},
		{"?format=ndjson", "application/x-ndjson; charset=utf-8", readNDJSON},
		{"?format=csv", "text/csv; charset=utf-8", readCSV},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			resp, body := mustGet(t, ts, "/api/v1/export"+tt.query)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %.300s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
				t.Errorf("Content-Disposition = %q, want an attachment", cd)
			}
			got := tt.read(t, body)
			if len(got) != len(want) {
				t.Fatalf("%d rows, want %d", len(got), len(want))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
				}
			}
		})
	}

	// The hard passage came through whole.
	var hard *ExportRow
	for i, r := range want {
		if strings.Contains(r.Text, `"aanhalingstekens"`) {
			hard = &want[i]
		}
	}
	if hard == nil || !strings.Contains(hard.Text, "€ 1.250,-") || !strings.Contains(hard.Text, "ë, ï en ü") {
		t.Fatalf("no passage with quotes, commas and accents in the export: %+v", hard)
	}
}

// indexRows are the rows an export of ix must hold: its reports in their order, each
// with its passages in reading order.
func indexRows(t *testing.T, ix *indexer.Index) []ExportRow {
	t.Helper()
	reports, err := ix.Reports()
	if err != nil {
		t.Fatal(err)
	}
	var rows []ExportRow
	for _, rep := range reports {
		passages, err := ix.Passages(context.Background(), rep.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range passages {
			r := reportRow(rep)
			r.Section, r.Passage, r.PassageID, r.Text = p.Section, p.N, p.ID, p.Text
			r.Speakers, r.Themes = nonNil(p.Speakers), nonNil(p.Themes)
			rows = append(rows, r)
		}
	}
	return rows
}

// readNDJSON parses one ExportRow per line, refusing unknown fields.
func readNDJSON(t *testing.T, body []byte) []ExportRow {
	t.Helper()
	var rows []ExportRow
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var r ExportRow
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d is no export row: %v\n%s", len(rows)+1, err, sc.Bytes())
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// readCSV parses the csv with encoding/csv and turns its rows back into ExportRows.
func readCSV(t *testing.T, body []byte) []ExportRow {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("the csv does not parse: %v", err)
	}
	if len(records) == 0 || !reflect.DeepEqual(records[0], ExportColumns) {
		t.Fatalf("header = %q, want %q", records[0], ExportColumns)
	}
	list := func(s string) []string {
		if s == "" {
			return []string{}
		}
		return strings.Split(s, csvListSep)
	}
	rows := make([]ExportRow, 0, len(records)-1)
	for _, rec := range records[1:] {
		n, err := strconv.Atoi(rec[9])
		if err != nil {
			t.Fatalf("passage %q is no number", rec[9])
		}
		rows = append(rows, ExportRow{ReportID: rec[0], ReportTitle: rec[1], Date: rec[2], SourceFile: rec[3],
			ReportSpeakers: list(rec[4]), ReportThemes: list(rec[5]), Organisations: list(rec[6]), Places: list(rec[7]),
			Section: rec[8], Passage: n, PassageID: rec[10], Text: rec[11], Speakers: list(rec[12]), Themes: list(rec[13])})
	}
	return rows
}

// TestExportBadRequest checks the answers to bad parameters: 400 in the API's error
// shape, with a Dutch message and the field.
func TestExportBadRequest(t *testing.T) {
	ts := mustServer(t, Options{})
	tests := []struct {
		query   string
		field   string
		message string
	}{
		{"?format=xml", "format", "format moet ndjson of csv zijn"},
		{"?format=CSV", "format", "format moet ndjson of csv zijn"},
		{"?formaat=csv", "formaat", "onbekende parameter"},
	}
	for _, tt := range tests {
		resp, body := mustGet(t, ts, "/api/v1/export"+tt.query)
		var e apiError
		if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400 with an error", tt.query, resp.StatusCode, body)
			continue
		}
		if e.Error.Field != tt.field || !strings.Contains(e.Error.Message, tt.message) {
			t.Errorf("%s: error %+v, want field %q and %q", tt.query, e.Error, tt.field, tt.message)
		}
	}
}

// TestExportOneAtATime answers a second export 503 while one runs.
func TestExportOneAtATime(t *testing.T) {
	srv := New(Options{Searcher: mustIndex(t)})
	ts := httptest.NewServer(checkedByOpenAPI(t, srv.Handler()))
	t.Cleanup(ts.Close)
	srv.exports <- struct{}{} // an export runs
	resp, body := mustGet(t, ts, "/api/v1/export?format=csv")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "er loopt al een export") {
		t.Errorf("second export: %d %s, want 503", resp.StatusCode, body)
	}
	<-srv.exports
	resp, _ = mustGet(t, ts, "/api/v1/export?format=csv")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("export after the first ended: %d, want 200", resp.StatusCode)
	}
}

// failingReports is an index whose report list cannot be read.
type failingReports struct{ Searcher }

func (failingReports) Reports() ([]indexer.ReportRecord, error) {
	return nil, errors.New("de schijf is weg")
}

// TestExportFailsBeforeWriting answers an export that fails before its first byte with
// an error in the API's shape, not with half a download.
func TestExportFailsBeforeWriting(t *testing.T) {
	logs := &strings.Builder{}
	ts := httptest.NewServer(New(Options{Searcher: failingReports{mustIndex(t)},
		Logger: slog.New(slog.NewTextHandler(logs, nil))}).Handler())
	t.Cleanup(ts.Close)
	resp, body := mustGet(t, ts, "/api/v1/export?format=csv")
	var e apiError
	if resp.StatusCode != http.StatusInternalServerError || json.Unmarshal(body, &e) != nil || e.Error.Code != "internal" {
		t.Errorf("export with a failing index: %d %s, want 500 in the error shape", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || resp.Header.Get("Content-Disposition") != "" {
		t.Errorf("Content-Type %q, Content-Disposition %q; want JSON and no attachment", ct, resp.Header.Get("Content-Disposition"))
	}
	if strings.Contains(string(body), "schijf") || !strings.Contains(logs.String(), "de schijf is weg") {
		t.Errorf("the cause must be logged, not answered: body %s, log %s", body, logs)
	}
}
