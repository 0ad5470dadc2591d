package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kennisbank/corpus"
	"kennisbank/indexer"
	"kennisbank/indexer/extract"
	"kennisbank/internal/sharedtest"
)

const testToken = "geheim-token-voor-tests"

// ingestServer serves the default corpus with uploads on; it returns the corpus folder.
func ingestServer(t *testing.T, opts Options) (*httptest.Server, string) {
	t.Helper()
	ix, dir := mustIndexIn(t)
	opts.Searcher, opts.Library = ix, ix
	if opts.IngestToken == "" {
		opts.IngestToken = testToken
	}
	ts := httptest.NewServer(checkedByOpenAPI(t, New(opts).Handler()))
	t.Cleanup(ts.Close)
	return ts, dir
}

// upload posts one file as multipart field "file".
func upload(t *testing.T, ts *httptest.Server, token, name string, content []byte) (*http.Response, []byte) {
	t.Helper()
	return uploadWith(t, ts, token, nil, name, content)
}

// uploadWith posts a file with form fields before it.
func uploadWith(t *testing.T, ts *httptest.Server, token string, fields map[string]string, name string, content []byte) (*http.Response, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/v1/reports", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, ts, req)
}

// do sends req to ts and reads the answer.
func do(t *testing.T, ts *httptest.Server, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}

// corpusFiles lists the corpus folder's files (not folders), sorted.
func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

func errorField(t *testing.T, body []byte) (code, field string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message, Field string } `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" {
		t.Fatalf("no error body: %s", body)
	}
	return e.Error.Code, e.Error.Field
}

const uploadText = `Verslag werkgroep onderwijs en jeugdhulp

Dinsdag 12 maart 2024

Aanwezig: Marieke de Boer (gemeente Utrecht), Ahmed Yilmaz (GGD)

Marieke de Boer opent de bijeenkomst en vertelt over de samenwerking tussen scholen en jeugdhulp.

Ahmed Yilmaz vraagt hoe de wachtlijsten voor gesloten jeugdzorg korter kunnen worden.
`

func TestUploadAndDelete(t *testing.T) {
	ts, dir := ingestServer(t, Options{})
	before := corpusFiles(t, dir)

	// A hostile name becomes a plain file name inside the corpus folder.
	resp, body := upload(t, ts, testToken, "../../Verslag werkgroep 12 maart 2024.TXT", []byte(uploadText))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: status %d %s", resp.StatusCode, body)
	}
	var rep ReportResponse
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Date != "2024-03-12" || rep.DateSource != "text" || rep.SourceFile != "verslag-werkgroep-12-maart-2024.txt" ||
		len(rep.Passages) == 0 || !slices.Contains(speakerNamesOf(rep), "Ahmed Yilmaz") {
		t.Errorf("uploaded report = %+v", rep)
	}
	if loc := resp.Header.Get("Location"); loc != "/api/v1/reports/"+rep.ID {
		t.Errorf("Location = %q", loc)
	}
	after := corpusFiles(t, dir)
	if want := append(slices.Clone(before), "verslag-werkgroep-12-maart-2024.txt"); !sameSet(after, want) {
		t.Errorf("corpus files %v, want %v (no temporary files left)", after, want)
	}
	if r := mustSearch(t, ts, "q="+url.QueryEscape("wachtlijsten")); !hitsReport(r, rep.ID) {
		t.Errorf("uploaded report not found by search: %+v", r.Hits)
	}

	// The same content again, under another name: 409, pointing at the report.
	resp, body = upload(t, ts, testToken, "kopie.txt", []byte(uploadText))
	if code, field := errorField(t, body); resp.StatusCode != http.StatusConflict || code != "duplicate" || field != "file" ||
		resp.Header.Get("Location") != "/api/v1/reports/"+rep.ID {
		t.Errorf("duplicate: status %d %s, Location %q", resp.StatusCode, body, resp.Header.Get("Location"))
	}

	// Delete: the file goes to the trash folder and out of the index.
	req, _ := http.NewRequest(http.MethodDelete, ts.URL+"/api/v1/reports/"+rep.ID, nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	dresp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	dresp.Body.Close()
	if dresp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: status %d", dresp.StatusCode)
	}
	if got := corpusFiles(t, dir); !sameSet(got, before) {
		t.Errorf("corpus files after delete %v, want %v", got, before)
	}
	trashed, _ := filepath.Glob(filepath.Join(dir, "_prullenbak", "*-verslag-werkgroep-12-maart-2024.txt"))
	if len(trashed) != 1 {
		t.Errorf("trash holds %v, want the deleted file", trashed)
	}
	if r, _ := mustGet(t, ts, "/api/v1/reports/"+rep.ID); r.StatusCode != http.StatusNotFound {
		t.Errorf("deleted report: status %d, want 404", r.StatusCode)
	}
	if r := mustSearch(t, ts, "q=wachtlijsten"); hitsReport(r, rep.ID) {
		t.Error("deleted report still found by search")
	}
	dresp2, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	dresp2.Body.Close()
	if dresp2.StatusCode != http.StatusNotFound {
		t.Errorf("second delete: status %d, want 404", dresp2.StatusCode)
	}
}

func TestUploadRefusals(t *testing.T) {
	ts, dir := ingestServer(t, Options{MaxUploadBytes: 4000})
	before := corpusFiles(t, dir)
	tests := []struct {
		name    string
		token   string
		file    string
		content []byte
		status  int
		code    string
	}{
		{"no token", "", "a.txt", []byte(uploadText), http.StatusUnauthorized, "unauthorized"},
		{"wrong token", "fout", "a.txt", []byte(uploadText), http.StatusUnauthorized, "unauthorized"},
		{"too large", testToken, "groot.txt", bytes.Repeat([]byte("jeugdhulp en onderwijs. "), 500), http.StatusRequestEntityTooLarge, "too_large"},
		{"image", testToken, "foto.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...), http.StatusUnsupportedMediaType, "unsupported_type"},
		{"spreadsheet", testToken, "begroting.xlsx", append([]byte("PK\x03\x04\x14\x00\x06\x00"), make([]byte, 100)...), http.StatusUnsupportedMediaType, "unsupported_type"},
		{"broken word file", testToken, "verslag.docx", append([]byte("PK\x03\x04\x14\x00\x06\x00"), make([]byte, 100)...), http.StatusUnprocessableEntity, "unreadable"},
		{"empty", testToken, "leeg.txt", nil, http.StatusUnsupportedMediaType, "unsupported_type"},
		{"broken pdf", testToken, "kapot.pdf", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref"), http.StatusUnprocessableEntity, "unreadable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := upload(t, ts, tt.token, tt.file, tt.content)
			code, _ := errorField(t, body)
			if resp.StatusCode != tt.status || code != tt.code {
				t.Errorf("status %d code %q (%s), want %d %q", resp.StatusCode, code, body, tt.status, tt.code)
			}
			if got := corpusFiles(t, dir); !sameSet(got, before) {
				t.Errorf("corpus files %v after a refused upload, want %v", got, before)
			}
		})
	}

	off := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: mustIndex(t)}).Handler()))
	defer off.Close()
	resp, body := upload(t, off, testToken, "a.txt", []byte(uploadText))
	if code, _ := errorField(t, body); resp.StatusCode != http.StatusForbidden || code != "uploads_off" {
		t.Errorf("uploads off: status %d %s", resp.StatusCode, body)
	}
}

func TestUploadFormats(t *testing.T) {
	ts, dir := ingestServer(t, Options{})
	pdf, err := os.ReadFile(filepath.Join(sharedtest.Path(t, "eval-corpus", "reports"), "tk-besluitenlijst-procedurevergadering-bzk-2009-04-02.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		content    []byte
		want       string // stored file name
		format     string
	}{
		{"markdown by name", "Notulen Mei.md", []byte("# Notulen mei\n\nDe **werkgroep** sprak over inkoop van jeugdhulp.\n"), "notulen-mei.md", "md"},
		{"html by bytes", "pagina.txt", []byte("<!DOCTYPE html><html><body><h1>Terugblik</h1><p>Over preventie en onderwijs.</p></body></html>"), "pagina.html", "html"},
		{"pdf by bytes", "besluiten", pdf, "besluiten.pdf", "pdf"},
		{"latin-1 text", "oud.txt", []byte("Co\xf6rdinatie van de jeugdhulp in de regio, financi\xeble afspraken.\n"), "oud.txt", "txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := upload(t, ts, testToken, tt.file, tt.content)
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("status %d %s", resp.StatusCode, body)
			}
			var rep ReportResponse
			if err := json.Unmarshal(body, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.SourceFile != tt.want || rep.Format != tt.format {
				t.Errorf("stored as %s (%s), want %s (%s)", rep.SourceFile, rep.Format, tt.want, tt.format)
			}
			if _, err := os.Stat(filepath.Join(dir, tt.want)); err != nil {
				t.Error(err)
			}
		})
	}
}

func speakerNamesOf(r ReportResponse) []string {
	var out []string
	for _, s := range r.Speakers {
		out = append(out, s.Name)
	}
	return out
}

func hitsReport(r SearchResponse, id string) bool {
	for _, h := range r.Hits {
		if h.ReportID == id {
			return true
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

func patch(t *testing.T, ts *httptest.Server, id, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPatch, ts.URL+"/api/v1/reports/"+id, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	return do(t, ts, req)
}

func TestCorrectReport(t *testing.T) {
	ts, dir := ingestServer(t, Options{})
	const id = "mvs-terugkoppelbijeenkomst"
	resp, body := patch(t, ts, id, `{"title": "Terugkoppeling MVS", "date": "2021-05-19", "themes": ["onderwijs"]}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("patch: status %d %s", resp.StatusCode, body)
	}
	var rep ReportResponse
	if err := json.Unmarshal(body, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Title != "Terugkoppeling MVS" || rep.Date != "2021-05-19" || rep.DateSource != "front_matter" || !slices.Contains(rep.Themes, "onderwijs") {
		t.Errorf("corrected report = title %q date %q (%s) themes %v", rep.Title, rep.Date, rep.DateSource, rep.Themes)
	}
	sidecar, err := os.ReadFile(filepath.Join(dir, "mvs-terugkoppelbijeenkomst.txt.yaml"))
	if err != nil || !strings.Contains(string(sidecar), "Terugkoppeling MVS") {
		t.Fatalf("sidecar: %v %s", err, sidecar)
	}
	if r := mustSearch(t, ts, "q=terugkoppeling&from=2021-05-19&to=2021-05-19"); !hitsReport(r, id) {
		t.Error("corrected date not searchable")
	}
	// An empty value lets the text decide again; other corrections stay.
	resp, body = patch(t, ts, id, `{"date": ""}`)
	if err := json.Unmarshal(body, &rep); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("patch: status %d %s", resp.StatusCode, body)
	}
	if rep.Date != "2021-05-18" || rep.Title != "Terugkoppeling MVS" {
		t.Errorf("after clearing the date: %q %q, want the text's 2021-05-18 and the corrected title", rep.Date, rep.Title)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"date": "19-05-2021"}`, "date"},
		{`{"datum": "2021-05-19"}`, "datum"},
		{`{"speakers": "Jan"}`, "speakers"},
		{`nee`, ""},
	} {
		resp, body := patch(t, ts, id, tc.body)
		code, field := "", ""
		if resp.StatusCode == http.StatusBadRequest {
			var e struct {
				Error struct{ Code, Field string } `json:"error"`
			}
			_ = json.Unmarshal(body, &e)
			code, field = e.Error.Code, e.Error.Field
		}
		if resp.StatusCode != http.StatusBadRequest || code != "bad_request" || field != tc.field {
			t.Errorf("%s: status %d %s, want 400 on field %q", tc.body, resp.StatusCode, body, tc.field)
		}
	}
	if resp, _ := patch(t, ts, "bestaat-niet", `{"title": "x"}`); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown report: status %d, want 404", resp.StatusCode)
	}
}

// TestUploadRobustnessPDFs uploads every file of ../shared/eval-corpus/pdf-robustness
// (broken, fuzzed, encrypted and cyclic PDFs, one that makes the PDF library allocate
// 137 GB, three that make it loop) to a running server while another client searches:
// each gets 201 or a 422 with a Dutch reason within its deadline, and the server
// answers searches throughout and after.
func TestUploadRobustnessPDFs(t *testing.T) {
	if testing.Short() {
		t.Skip("robustness uploads skipped in -short mode")
	}
	src := sharedtest.Path(t, "eval-corpus", "pdf-robustness")
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := corpus.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	const pdfTimeout = 5 * time.Second
	ix, err := indexer.Open(indexer.Options{Dir: filepath.Join(t.TempDir(), "index"), CorpusDir: dir,
		Extract: extract.Options{PDFTimeout: pdfTimeout}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(checkedByOpenAPI(t, New(Options{Searcher: ix, Library: ix, IngestToken: testToken, SearchTimeout: 10 * time.Second}).Handler()))
	defer ts.Close()

	// A client that searches all along.
	stop := make(chan struct{})
	searchErr := make(chan error, 1)
	searches := 0
	go func() {
		defer close(searchErr)
		for {
			select {
			case <-stop:
				return
			default:
			}
			resp, err := ts.Client().Get(ts.URL + "/api/v1/search?q=jeugdzorg")
			if err != nil {
				searchErr <- err
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				searchErr <- fmt.Errorf("search during uploads: status %d", resp.StatusCode)
				return
			}
			searches++
			time.Sleep(20 * time.Millisecond)
		}
	}()

	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[int]int{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		resp, body := upload(t, ts, testToken, e.Name(), data)
		took := time.Since(start)
		counts[resp.StatusCode]++
		switch resp.StatusCode {
		case http.StatusCreated:
		case http.StatusUnprocessableEntity, http.StatusUnsupportedMediaType:
			var eb struct {
				Error struct{ Message string } `json:"error"`
			}
			if json.Unmarshal(body, &eb) != nil || !strings.Contains(eb.Error.Message, " ") {
				t.Errorf("%s: %d without a reason: %s", e.Name(), resp.StatusCode, body)
			}
		default:
			t.Errorf("%s: status %d %s", e.Name(), resp.StatusCode, body)
		}
		// The PDF budget is CPU time; wall time is bounded only by the backstop of ten
		// times as much, so that a busy machine does not fail the test.
		if took > 10*pdfTimeout+15*time.Second {
			t.Errorf("%s: answered after %s, beyond its deadline", e.Name(), took)
		}
	}
	close(stop)
	if err := <-searchErr; err != nil {
		t.Fatal(err)
	}
	if r, _ := mustGet(t, ts, "/healthz"); r.StatusCode != http.StatusOK {
		t.Errorf("healthz after the uploads: %d", r.StatusCode)
	}
	if r := mustSearch(t, ts, "q=jeugdzorg"); r.Total == 0 {
		t.Error("search after the uploads finds nothing")
	}
	t.Logf("%d files: %v by status; %d searches answered meanwhile", len(entries), counts, searches)
	if counts[http.StatusCreated] == 0 || counts[http.StatusUnprocessableEntity] == 0 {
		t.Errorf("answers %v: want both readable and refused files", counts)
	}
}

func authorised(t *testing.T, ts *httptest.Server, method, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	return do(t, ts, req)
}

func TestUploadWithPersonalDataIsHeld(t *testing.T) {
	ts, dir := ingestServer(t, Options{})
	before := corpusFiles(t, dir)
	private := uploadText + "\nDe casus van de jongen (BSN 111222333, geboren op 3 mei 2011) werd besproken; moeder is bereikbaar op 06-12345678.\n"

	resp, body := upload(t, ts, testToken, "casus overleg.txt", []byte(private))
	var held HeldResponse
	if err := json.Unmarshal(body, &held); err != nil || resp.StatusCode != http.StatusAccepted || held.Status != "held" {
		t.Fatalf("upload with personal data: status %d %s", resp.StatusCode, body)
	}
	kinds := map[string]bool{}
	for _, f := range held.Findings {
		kinds[f.Kind] = true
	}
	if !kinds["bsn"] || !kinds["geboortedatum"] || !kinds["telefoonnummer"] || strings.Contains(string(body), "111222333") {
		t.Errorf("findings %+v: want bsn, date of birth and phone number, masked", held.Findings)
	}
	if got := corpusFiles(t, dir); !sameSet(got, before) {
		t.Errorf("held upload reached the corpus: %v", got)
	}
	// The same file again, under another name, waits once: 409.
	resp, body = upload(t, ts, testToken, "casus overleg (2).txt", []byte(private))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "wacht op controle") {
		t.Errorf("the held file again: status %d %s, want 409", resp.StatusCode, body)
	}
	if r := mustSearch(t, ts, "q=casus"); r.Total != 0 {
		t.Errorf("held upload is searchable: %d hits", r.Total)
	}

	// The review queue lists it; publishing it puts it into the knowledge base.
	var list HeldListResponse
	_, body = authorised(t, ts, http.MethodGet, "/api/v1/review")
	if err := json.Unmarshal(body, &list); err != nil || len(list.Held) != 1 || list.Held[0].File != held.File || len(list.Held[0].Findings) == 0 {
		t.Fatalf("review queue = %s", body)
	}
	resp, body = authorised(t, ts, http.MethodPost, "/api/v1/review/"+url.PathEscape(held.File))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("publish: status %d %s", resp.StatusCode, body)
	}
	if r := mustSearch(t, ts, "q=casus"); r.Total == 0 {
		t.Error("published upload is not searchable")
	}

	// Another one is discarded: it goes to the trash.
	resp, body = upload(t, ts, testToken, "tweede.txt", []byte(private+"Nog een regel.\n"))
	if err := json.Unmarshal(body, &held); err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("second upload: %d %s", resp.StatusCode, body)
	}
	if resp, _ := authorised(t, ts, http.MethodDelete, "/api/v1/review/"+url.PathEscape(held.File)); resp.StatusCode != http.StatusNoContent {
		t.Errorf("discard: status %d", resp.StatusCode)
	}
	if trashed, _ := filepath.Glob(filepath.Join(dir, "_prullenbak", "*-"+held.File)); len(trashed) != 1 {
		t.Errorf("discarded upload not in the trash: %v", trashed)
	}
	for _, path := range []string{"/api/v1/review/" + url.PathEscape(held.File), "/api/v1/review/..%2Fmvs-terugkoppelbijeenkomst.txt"} {
		if resp, _ := authorised(t, ts, http.MethodPost, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: status %d, want 404", path, resp.StatusCode)
		}
	}

	// The uploader may confirm that it can be public.
	resp, body = uploadWith(t, ts, testToken, map[string]string{"publish": "ja"}, "bevestigd.txt", []byte(private+"Derde versie.\n"))
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("confirmed upload: status %d %s", resp.StatusCode, body)
	}
}
