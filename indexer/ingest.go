package indexer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"kennisbank/indexer/extract"
	"kennisbank/indexer/privacy"
	"kennisbank/indexer/search"
)

// Errors of Ingest and Delete, each answered in its own way by the API.
var (
	// ErrTooLarge is an upload over the size limit.
	ErrTooLarge = errors.New("bestand is groter dan toegestaan")
	// ErrUnsupportedType is an upload whose bytes are no report format Kennisbank reads.
	ErrUnsupportedType = errors.New("bestandstype wordt niet ondersteund; lever tekst, Markdown, HTML of PDF aan")
)

// DuplicateError is an upload whose content is already in the corpus, or already
// waits for review.
type DuplicateError struct {
	ReportID string // the report it is; empty when it is held
	File     string // its file in the corpus folder, or in HoldDir when Held
	Held     bool   // it waits for review in HoldDir
}

func (e *DuplicateError) Error() string {
	if e.Held {
		return "dit verslag wacht al op controle: " + e.File
	}
	return "dit verslag staat er al in: " + e.ReportID
}

// UnreadableError is an upload that was stored but could not be read; it has been
// taken out of the corpus again.
type UnreadableError struct {
	Reason string // Dutch
}

func (e *UnreadableError) Error() string { return e.Reason }

// TrashDir is the folder inside the corpus folder where deleted reports go, and
// HoldDir the one where uploads with personal data wait for review. Their names start
// with an underscore, so the corpus scan leaves them out.
const (
	TrashDir = "_prullenbak"
	HoldDir  = "_wachtrij"
)

// HeldError is an upload that holds likely personal data (see package privacy): it
// waits in HoldDir for review instead of being published.
type HeldError struct {
	File     string // its name in HoldDir
	Findings []privacy.Finding
}

func (e *HeldError) Error() string {
	return fmt.Sprintf("het verslag bevat mogelijk persoonsgegevens (%d vondsten) en wacht op controle", len(e.Findings))
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	// Limit is the largest upload in bytes.
	Limit int64
	// Publish publishes a report even when it holds likely personal data: the uploader
	// has confirmed it may be public.
	Publish bool
}

// Ingest adds a report to the corpus folder and indexes it. name is the uploader's file
// name, used only as a hint for a readable file name (never as a path); the format is
// decided by the bytes. The file is written to a temporary file, synced and renamed into
// place, so the corpus folder never holds half a file. Reading more than opts.Limit
// bytes fails with ErrTooLarge; content that is already in the corpus fails with a
// *DuplicateError; a file that cannot be read fails with an *UnreadableError; a report
// with likely personal data is held for review (a *HeldError) unless opts.Publish.
func (ix *Index) Ingest(ctx context.Context, name string, r io.Reader, opts IngestOptions) (ReportRecord, error) {
	limit := opts.Limit
	ix.ingestMu.Lock()
	defer ix.ingestMu.Unlock()
	// A nearly full disk refuses before anything is written.
	if err := ix.checkRoom(0); err != nil {
		return ReportRecord{}, err
	}
	dir := ix.opts.CorpusDir
	tmp, err := os.CreateTemp(dir, uploadPrefix+"*")
	if err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: ingest: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	var head bytes.Buffer
	n, err := io.Copy(io.MultiWriter(tmp, h, &headWriter{&head, extract.SniffBytes}), io.LimitReader(r, limit+1))
	if err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: ingest: read upload: %w", err)
	}
	if n > limit {
		return ReportRecord{}, ErrTooLarge
	}
	// Its indexing writes about as much again as the file.
	if err := ix.checkRoom(n); err != nil {
		return ReportRecord{}, err
	}
	ext := extract.SniffFormat(head.Bytes(), name)
	if ext == "" {
		return ReportRecord{}, ErrUnsupportedType
	}
	content := shortHash(h)
	if dup := ix.findContent(content); dup != nil {
		return ReportRecord{}, dup
	}
	// The same file sent again waits once; sent with Publish, it is the uploader's
	// confirmation and goes through.
	if dup := ix.findHeld(content); dup != nil && !opts.Publish {
		return ReportRecord{}, dup
	}
	if err := tmp.Sync(); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: ingest: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: ingest: %w", err)
	}
	// Read it before it is published: a file that cannot be read goes no further, and
	// one with personal data waits for review.
	typed := tmp.Name() + ext
	if err := os.Rename(tmp.Name(), typed); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: ingest: %w", err)
	}
	defer os.Remove(typed) // gone once renamed into place
	doc, err := extract.File(ctx, typed, ix.opts.Extract)
	if err != nil {
		var se *extract.SkipError
		if errors.As(err, &se) {
			return ReportRecord{}, &UnreadableError{Reason: se.Reason}
		}
		return ReportRecord{}, fmt.Errorf("indexer: ingest: %w", err)
	}
	if strings.TrimSpace(doc.Text) == "" {
		return ReportRecord{}, &UnreadableError{Reason: "bestand bevat geen tekst; is het een scan?"}
	}
	if found := privacy.Find(doc.Text); len(found) > 0 && !opts.Publish {
		held, err := ix.hold(typed, safeBase(name), ext)
		if err != nil {
			return ReportRecord{}, err
		}
		return ReportRecord{}, &HeldError{File: held, Findings: found}
	}
	rel, err := freeName(dir, safeBase(name), ext)
	if err != nil {
		return ReportRecord{}, err
	}
	if err := os.Rename(typed, filepath.Join(dir, rel)); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: ingest: %w", err)
	}
	committed = true
	syncDir(dir)

	rec, err := ix.indexFile(ctx, filepath.ToSlash(rel), doc)
	var bad *UnreadableError
	if errors.As(err, &bad) {
		// Extracted, but no report came of it: take it out again. The index never
		// held it.
		_ = os.Remove(filepath.Join(dir, rel))
		syncDir(dir)
	}
	return rec, err
}

// indexFile indexes corpus file rel, a new file whose text is doc, and returns the
// report it became, or an *UnreadableError when none came of it (the index is then
// unchanged). When the corpus's vocabulary changed since the last sync, or a sidecar
// beside the file adds metadata, it runs a whole sync instead, which reads the file
// itself.
func (ix *Index) indexFile(ctx context.Context, rel string, doc extract.Document) (ReportRecord, error) {
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	ro, version, err := loadReadOptions(ix.opts.CorpusDir)
	if err != nil {
		return ReportRecord{}, err
	}
	path := filepath.Join(ix.opts.CorpusDir, filepath.FromSlash(rel))
	ix.mu.RLock()
	old := ix.manifest
	ix.mu.RUnlock()
	if old.Version != version || hasSidecar(path) || len(doc.Attachments) > 0 {
		if _, err := ix.syncLocked(ctx, nil); err != nil {
			return ReportRecord{}, err
		}
		return ix.reportOfFile(rel)
	}

	f := corpusFile{rel: rel, path: path}
	if f.stamp, f.err = stampFile(path); f.err == nil {
		f.hash, f.content, f.err = hashFile(path)
	}
	if f.err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: index %s: %w", rel, f.err)
	}
	files := make(map[string]manifestEntry, len(old.Files)+1)
	for k, e := range old.Files {
		if k != rel {
			files[k] = e
		}
	}
	prev, hadPrev := old.Files[rel]
	j := &job{file: f, prev: prev, hadPrev: hadPrev}
	assignIDs([]*job{j}, files)
	res := ix.parseOne(j, doc, ro)
	if res.skip != "" {
		return ReportRecord{}, &UnreadableError{Reason: res.skip}
	}

	w := ix.newWriter()
	defer w.close()
	if hadPrev && prev.ReportID != "" {
		if err := w.deleteReport(prev.ReportID, prev.Passages); err != nil {
			return ReportRecord{}, err
		}
	}
	if !hadPrev {
		// Passages of this id left by an interrupted sync go first.
		if err := w.deleteByReportID(ctx, j.id); err != nil {
			return ReportRecord{}, err
		}
	}
	if err := w.addReport(j.id, res); err != nil {
		return ReportRecord{}, err
	}
	if err := w.flush(); err != nil {
		return ReportRecord{}, err
	}
	files[rel] = manifestEntry{Hash: f.hash, ContentHash: f.content, Stamp: f.stamp, ReportID: j.id,
		Passages: res.count(), Garbled: res.record.Garbled}
	if err := ix.commitManifest(version, files); err != nil {
		return ReportRecord{}, err
	}
	return ix.reportOfFile(rel)
}

// hasSidecar reports whether a sidecar metadata file stands beside path.
func hasSidecar(path string) bool {
	for _, p := range extract.SidecarPaths(path) {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return false
}

// hold moves an upload into HoldDir under a free name and returns that name.
func (ix *Index) hold(path, base, ext string) (string, error) {
	dir := filepath.Join(ix.opts.CorpusDir, HoldDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("indexer: hold upload: %w", err)
	}
	name, err := freeName(dir, base, ext)
	if err != nil {
		return "", err
	}
	if err := os.Rename(path, filepath.Join(dir, name)); err != nil {
		return "", fmt.Errorf("indexer: hold upload: %w", err)
	}
	syncDir(dir)
	return name, nil
}

// HeldUpload is an upload waiting in HoldDir for review.
type HeldUpload struct {
	File     string
	Size     int64
	HeldAt   time.Time
	Findings []privacy.Finding
}

// Held lists the uploads waiting for review, oldest first, with what was found in them.
func (ix *Index) Held(ctx context.Context) ([]HeldUpload, error) {
	dir := filepath.Join(ix.opts.CorpusDir, HoldDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []HeldUpload{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: held uploads: %w", err)
	}
	out := []HeldUpload{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || !extract.Supported(e.Name()) {
			continue
		}
		h := HeldUpload{File: e.Name(), Size: info.Size(), HeldAt: info.ModTime().UTC()}
		if doc, err := extract.File(ctx, filepath.Join(dir, e.Name()), ix.opts.Extract); err == nil {
			h.Findings = privacy.Find(doc.Text)
		}
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].HeldAt.Before(out[j].HeldAt) })
	return out, nil
}

// Release decides on a held upload: publish puts it into the corpus and indexes it
// (the reviewer accepts what it holds); otherwise it goes to the trash folder.
func (ix *Index) Release(ctx context.Context, file string, publish bool) (ReportRecord, error) {
	ix.ingestMu.Lock()
	defer ix.ingestMu.Unlock()
	if file != filepath.Base(file) || strings.HasPrefix(file, ".") {
		return ReportRecord{}, ErrNotFound
	}
	src := filepath.Join(ix.opts.CorpusDir, HoldDir, file)
	if _, err := os.Stat(src); err != nil {
		return ReportRecord{}, ErrNotFound
	}
	if !publish {
		if err := ix.toTrash(src); err != nil {
			return ReportRecord{}, fmt.Errorf("indexer: discard upload: %w", err)
		}
		return ReportRecord{}, nil
	}
	ext := filepath.Ext(file)
	rel, err := freeName(ix.opts.CorpusDir, strings.TrimSuffix(file, ext), ext)
	if err != nil {
		return ReportRecord{}, err
	}
	if err := os.Rename(src, filepath.Join(ix.opts.CorpusDir, rel)); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: publish upload: %w", err)
	}
	syncDir(ix.opts.CorpusDir)
	if _, err := ix.Sync(ctx, nil); err != nil {
		return ReportRecord{}, err
	}
	return ix.reportOfFile(rel)
}

// reportOfFile returns the report that corpus file rel became, or why it was skipped.
func (ix *Index) reportOfFile(rel string) (ReportRecord, error) {
	ix.mu.RLock()
	e, ok := ix.manifest.Files[rel]
	ix.mu.RUnlock()
	switch {
	case !ok:
		return ReportRecord{}, fmt.Errorf("indexer: %s not found after the sync", rel)
	case e.Skip != "":
		return ReportRecord{}, &UnreadableError{Reason: e.Skip}
	}
	return ix.Report(e.ReportID)
}

// Delete takes report id out of the knowledge base: its file and sidecars move to the
// trash folder inside the corpus folder, and the index follows.
func (ix *Index) Delete(ctx context.Context, id string) error {
	ix.ingestMu.Lock()
	defer ix.ingestMu.Unlock()
	rel := ix.fileOf(id)
	if rel == "" {
		return ErrNotFound
	}
	src := filepath.Join(ix.opts.CorpusDir, filepath.FromSlash(rel))
	if err := ix.toTrash(append([]string{src}, extract.SidecarPaths(src)...)...); err != nil {
		return fmt.Errorf("indexer: delete: %w", err)
	}
	_, err := ix.Sync(ctx, nil)
	return err
}

// toTrash moves files into TrashDir, each name behind the time of the move. The first
// file must exist; later ones (sidecars) may be missing.
func (ix *Index) toTrash(paths ...string) error {
	trash := filepath.Join(ix.opts.CorpusDir, TrashDir)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return err
	}
	stamp := time.Now().UTC().Format("20060102T150405Z") + "-"
	for i, p := range paths {
		err := os.Rename(p, filepath.Join(trash, stamp+filepath.Base(p)))
		if err != nil && (i == 0 || !errors.Is(err, os.ErrNotExist)) {
			return err
		}
	}
	syncDir(ix.opts.CorpusDir)
	return nil
}

// findContent returns the report whose file has the given content hash, or nil.
func (ix *Index) findContent(content string) *DuplicateError {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for rel, e := range ix.manifest.Files {
		if e.ContentHash == content && e.Skip == "" {
			return &DuplicateError{ReportID: e.ReportID, File: rel}
		}
	}
	return nil
}

// findHeld returns the held upload with the given content hash, or nil.
func (ix *Index) findHeld(content string) *DuplicateError {
	dir := filepath.Join(ix.opts.CorpusDir, HoldDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !extract.Supported(e.Name()) {
			continue
		}
		if _, c, err := hashFile(filepath.Join(dir, e.Name())); err == nil && c == content {
			return &DuplicateError{File: e.Name(), Held: true}
		}
	}
	return nil
}

// headWriter keeps the first max bytes written to it.
type headWriter struct {
	buf *bytes.Buffer
	max int
}

func (w *headWriter) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// safeBase makes an uploader's file name into a file name without directories or odd
// characters: "../../Verslag 18 mei (def).PDF" becomes "verslag-18-mei-def".
func safeBase(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	base := filepath.Base("/" + name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if s := Slug(base); s != "" {
		return s
	}
	return "verslag"
}

// freeName returns base+ext, or base-2+ext, base-3+ext, …, whichever is not yet taken
// in dir.
func freeName(dir, base, ext string) (string, error) {
	for n := 1; n < 10000; n++ {
		name := base + ext
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + ext
		}
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
	}
	return "", fmt.Errorf("indexer: ingest: no free file name for %s%s", base, ext)
}

// writeFileAtomic replaces path with data: written to a hidden temporary file beside
// it, synced, and renamed over it, so a crash leaves the old file or the new one.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, writePrefix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing left to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// Prefixes of the temporary files that Ingest and Correct write into the corpus folder.
const (
	uploadPrefix = ".upload-"
	writePrefix  = ".write-"
)

// removeLeftovers removes temporary files that an interrupted upload or correction (a
// crash, a kill) left in the corpus folder. Open calls it: whoever opens the index is
// the one writer of the corpus folder.
func removeLeftovers(dir string) {
	if dir == "" {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && (strings.HasPrefix(n, uploadPrefix) || strings.HasPrefix(n, writePrefix)) {
			_ = os.Remove(filepath.Join(dir, n))
		}
	}
}

// syncDir flushes a folder's entries to disk, so that a rename survives a crash.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Correction changes a report's metadata. A nil field is left as it is; an empty one
// removes an earlier correction, so the report's own text counts again.
type Correction struct {
	Title    *string   `json:"title"`
	Date     *string   `json:"date"` // YYYY-MM-DD
	Speakers *[]string `json:"speakers"`
	Themes   *[]string `json:"themes"`
	// Decisions and Actions replace the decisions and action items read from the text
	// (an empty list: none).
	Decisions *[]string             `json:"decisions"`
	Actions   *[]extract.ActionMeta `json:"actions"`
}

// Correct writes c into the sidecar file of report id (<file>.yaml beside it in the
// corpus folder), so that the correction survives every re-index, and indexes the
// report again. A bad date fails with a *search.RequestError.
func (ix *Index) Correct(ctx context.Context, id string, c Correction) (ReportRecord, error) {
	if c.Actions != nil {
		for _, a := range *c.Actions {
			if a.Status != "" && a.Status != "open" && a.Status != "done" {
				return ReportRecord{}, &search.RequestError{Field: "actions", Message: "de status van een actie is open of done"}
			}
		}
	}
	if c.Date != nil && *c.Date != "" {
		if _, err := time.Parse(time.DateOnly, *c.Date); err != nil {
			return ReportRecord{}, &search.RequestError{Field: "date", Message: "date is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2021-05-18"}
		}
	}
	ix.ingestMu.Lock()
	defer ix.ingestMu.Unlock()
	rel := ix.fileOf(id)
	if rel == "" {
		return ReportRecord{}, ErrNotFound
	}
	src := filepath.Join(ix.opts.CorpusDir, filepath.FromSlash(rel))
	sidecar := extract.SidecarPaths(src)[0]
	meta := map[string]any{}
	if data, err := os.ReadFile(sidecar); err == nil {
		if err := yaml.Unmarshal(data, &meta); err != nil {
			return ReportRecord{}, fmt.Errorf("indexer: correct %s: read %s: %w", id, filepath.Base(sidecar), err)
		}
		if meta == nil {
			meta = map[string]any{}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return ReportRecord{}, fmt.Errorf("indexer: correct %s: %w", id, err)
	}
	set := func(key string, v any, empty bool) {
		if empty {
			delete(meta, key)
		} else {
			meta[key] = v
		}
	}
	if c.Title != nil {
		set("title", strings.TrimSpace(*c.Title), strings.TrimSpace(*c.Title) == "")
	}
	if c.Date != nil {
		set("date", *c.Date, *c.Date == "")
	}
	if c.Speakers != nil {
		set("speakers", *c.Speakers, len(*c.Speakers) == 0)
	}
	if c.Themes != nil {
		set("themes", *c.Themes, len(*c.Themes) == 0)
	}
	if c.Decisions != nil {
		meta["decisions"] = *c.Decisions
	}
	if c.Actions != nil {
		meta["actions"] = *c.Actions
	}
	data, err := yaml.Marshal(meta)
	if err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: correct %s: %w", id, err)
	}
	if err := writeFileAtomic(sidecar, data); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: correct %s: %w", id, err)
	}
	if _, err := ix.Sync(ctx, nil); err != nil {
		return ReportRecord{}, err
	}
	return ix.Report(id)
}

// fileOf returns the corpus file of report id, or "".
func (ix *Index) fileOf(id string) string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for rel, e := range ix.manifest.Files {
		if e.ReportID == id && e.Skip == "" {
			return rel
		}
	}
	return ""
}
