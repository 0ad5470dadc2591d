package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"kennisbank/indexer/dutch"
	"kennisbank/indexer/extract"
	"kennisbank/indexer/meeting"
	"kennisbank/indexer/search"
)

// readVersion names the way reports are read and indexed. Changing it makes the next
// sync read every file again.
const readVersion = "7"

// garbledShare is the share of known Dutch words below which a text is flagged as garbled.
const garbledShare = 0.45

// Actions reported by Sync for each file.
const (
	ActionIndexed = "indexed"
	ActionRemoved = "removed"
	ActionSkipped = "skipped"
)

// Event reports progress: one event per file that changed or was skipped, and a
// progress tick (Action empty) as work completes.
type Event struct {
	Action   string // ActionIndexed, ActionRemoved, ActionSkipped, or "" for a tick
	File     string // path relative to the corpus folder
	ReportID string
	Passages int
	Reason   string // Dutch reason for a skip
	Garbled  bool
	Done     int // files handled so far
	Total    int // files to handle in this sync
}

// SyncSummary counts what a sync did.
type SyncSummary struct {
	Indexed   int
	Removed   int
	Skipped   int
	Unchanged int
	Passages  int
	TextBytes int64
	Duration  time.Duration
}

// Sync brings the index in line with the corpus folder: new and changed files (by
// content hash) are indexed, files that are gone are removed, unchanged files are not
// read again. A file that cannot be read is skipped with a reason and never stops the
// sync. progress, when not nil, is called from the calling goroutine's sync.
func (ix *Index) Sync(ctx context.Context, progress func(Event)) (SyncSummary, error) {
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	if ix.opts.ReleasePages {
		defer ix.releasingPages()()
	}
	return ix.syncLocked(ctx, progress)
}

// syncLocked is Sync for a caller that holds syncMu.
func (ix *Index) syncLocked(ctx context.Context, progress func(Event)) (SyncSummary, error) {
	start := time.Now()
	if progress == nil {
		progress = func(Event) {}
	}
	var sum SyncSummary

	files, err := scanCorpus(ix.opts.CorpusDir)
	if err != nil {
		return sum, err
	}
	ropts, version, err := loadReadOptions(ix.opts.CorpusDir)
	if err != nil {
		return sum, err
	}

	ix.mu.RLock()
	old := ix.manifest
	ix.mu.RUnlock()
	forceAll := old.Version != version

	// Plan the work.
	var work []*job
	var removed []string
	seen := map[string]bool{}
	for i := range files {
		f := &files[i]
		seen[f.rel] = true
		prev, ok := old.Files[f.rel]
		// The content hash decides; size and modification time only spare reading a
		// file whose stamp has not moved since it was hashed.
		if ok && prev.Stamp != "" && prev.Stamp == f.stamp {
			f.hash, f.content = prev.Hash, prev.ContentHash
		} else {
			f.hash, f.content, f.err = hashFile(f.path)
		}
		if ok && !forceAll && f.err == nil && prev.Hash == f.hash {
			if prev.Skip != "" {
				sum.Skipped++
				progress(Event{Action: ActionSkipped, File: f.rel, Reason: prev.Skip})
			} else {
				sum.Unchanged++
			}
			continue
		}
		work = append(work, &job{file: *f, prev: prev, hadPrev: ok})
	}
	for rel := range old.Files {
		if !seen[rel] {
			removed = append(removed, rel)
		}
	}
	sort.Strings(removed)

	newFiles := make(map[string]manifestEntry, len(files))
	for rel, e := range old.Files {
		if seen[rel] {
			newFiles[rel] = e
		}
	}
	assignIDs(work, newFiles)

	total := len(work) + len(removed)
	done := 0
	w := ix.newWriter()
	defer w.close()

	// Removals first, so their ids are free.
	for _, rel := range removed {
		e := old.Files[rel]
		if e.ReportID != "" {
			if err := w.deleteReport(e.ReportID, e.Passages); err != nil {
				return sum, err
			}
		}
		if err := w.deleteAttached(e.Attached); err != nil {
			return sum, err
		}
		done++
		sum.Removed++
		progress(Event{Action: ActionRemoved, File: rel, ReportID: e.ReportID, Done: done, Total: total})
	}

	docCount, _ := ix.bleve.DocCount()
	// An early return below cancels readCtx, which stops the readers; they would
	// otherwise wait forever to hand over their next result.
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	results := ix.readAll(readCtx, work, ropts)
	lastSave := time.Now()
	for res := range results {
		j := res.job
		entry := manifestEntry{Hash: j.file.hash, ContentHash: j.file.content, Stamp: j.file.stamp}
		if j.hadPrev && j.prev.ReportID != "" {
			if err := w.deleteReport(j.prev.ReportID, j.prev.Passages); err != nil {
				return sum, err
			}
		}
		if err := w.deleteAttached(j.prev.Attached); err != nil {
			return sum, err
		}
		if res.skip != "" {
			entry.Skip = res.skip
			sum.Skipped++
			done++
			progress(Event{Action: ActionSkipped, File: j.file.rel, Reason: res.skip, Done: done, Total: total})
		} else {
			if !j.hadPrev && docCount > 0 {
				// A file the manifest does not know may still have passages in the index
				// after an interrupted sync: clear them.
				if err := w.deleteByReportID(ctx, j.id); err != nil {
					return sum, err
				}
			}
			entry.ReportID = j.id
			entry.Passages = res.count()
			entry.Garbled = res.record.Garbled
			if err := w.addReport(j.id, res); err != nil {
				return sum, err
			}
			if entry.Attached, err = w.addAttached(ctx, res.attached, !j.hadPrev && docCount > 0); err != nil {
				return sum, err
			}
			for _, a := range res.attached {
				sum.Passages += len(a.docs)
			}
			sum.Indexed++
			sum.Passages += res.count()
			sum.TextBytes += res.textBytes
			done++
			progress(Event{Action: ActionIndexed, File: j.file.rel, ReportID: j.id, Passages: res.count(),
				Garbled: res.record.Garbled, Done: done, Total: total})
		}
		newFiles[j.file.rel] = entry
		if time.Since(lastSave) > 10*time.Second {
			if err := w.flush(); err != nil {
				return sum, err
			}
			if err := ix.commitManifest(version, newFiles); err != nil {
				return sum, err
			}
			lastSave = time.Now()
		}
	}
	if err := ctx.Err(); err != nil {
		// Keep what was done; the next sync carries on from the manifest.
		_ = w.flush()
		_ = ix.commitManifest(version, newFiles)
		return sum, fmt.Errorf("indexer: sync interrupted: %w", err)
	}
	if err := w.flush(); err != nil {
		return sum, err
	}
	if err := ix.commitManifest(version, newFiles); err != nil {
		return sum, err
	}
	ix.mu.Lock()
	ix.lastSync = time.Now()
	ix.syncTook = ix.lastSync.Sub(start)
	ix.synced = true
	ix.mu.Unlock()
	sum.Duration = time.Since(start)
	return sum, nil
}

func (ix *Index) commitManifest(version string, files map[string]manifestEntry) error {
	cp := make(map[string]manifestEntry, len(files))
	for k, v := range files {
		cp[k] = v
	}
	ix.mu.Lock()
	changed := ix.manifest.Version != version || !maps.EqualFunc(ix.manifest.Files, cp, manifestEntry.equal)
	if changed {
		// The cached report records go, and searches read a fresh snapshot.
		ix.records = nil
	}
	ix.manifest = manifest{Version: version, Files: cp}
	ix.mu.Unlock()
	if changed || !ix.synonymsCurrent() {
		ix.handOver() // a new synonyms.yaml applies without reading the reports again
	}
	return ix.saveManifest()
}

// corpusFile is one report file found in the corpus folder.
type corpusFile struct {
	rel     string // path relative to the corpus folder, with forward slashes
	path    string
	stamp   string // size and modification time of the file and its sidecars
	hash    string // hash of the file and its sidecars, filled in by Sync
	content string // hash of the file alone, likewise
	err     error  // set when the file could not be read
}

// scanCorpus lists the report files in dir, with their content hashes. Hidden files
// and folders, sidecar and vocabulary .yaml files are left out.
func scanCorpus(dir string) ([]corpusFile, error) {
	if dir == "" {
		return nil, errors.New("indexer: no corpus folder given")
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("indexer: corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("indexer: corpus folder %s is not a folder", dir)
	}
	var files []corpusFile
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil // an unreadable subfolder is left out, not fatal
		}
		name := d.Name()
		if path != dir && ignoredName(name) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(name))
		// Vocabulary files and sidecars are read with the reports, not as reports; the
		// repository's own corpus folder also holds the Go file that embeds it.
		if ext == ".yaml" || ext == ".yml" || ext == ".go" || name == "README.md" || name == "LICENSE" || name == "NOTICE" {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return nil
		}
		f := corpusFile{rel: filepath.ToSlash(rel), path: path}
		f.stamp, f.err = stampFile(path)
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("indexer: scan corpus: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, nil
}

// hashFile hashes a file together with its sidecar metadata, so that a correction in
// the sidecar counts as a change; content is the hash of the file alone (see
// contentHash), by which an upload of the same report is recognised.
func hashFile(path string) (all, content string, err error) {
	h := sha256.New()
	for i, p := range append([]string{path}, extract.SidecarPaths(path)...) {
		f, err := os.Open(p)
		if err != nil {
			if i > 0 && errors.Is(err, os.ErrNotExist) {
				continue
			}
			return "", "", err
		}
		fmt.Fprintf(h, "\x00%d\x00", i)
		var w io.Writer = h
		c := sha256.New()
		if i == 0 {
			w = io.MultiWriter(h, c)
		}
		_, err = io.Copy(w, f)
		f.Close()
		if err != nil {
			return "", "", err
		}
		if i == 0 {
			content = shortHash(c)
		}
	}
	return shortHash(h), content, nil
}

// shortHash is how the manifest writes a hash: the first 16 bytes, in hex.
func shortHash(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)[:16]) }

// stampFile describes the size and modification time of a file and its sidecars.
func stampFile(path string) (string, error) {
	var b strings.Builder
	for i, p := range append([]string{path}, extract.SidecarPaths(path)...) {
		info, err := os.Stat(p)
		if err != nil {
			if i > 0 && errors.Is(err, os.ErrNotExist) {
				continue
			}
			return "", err
		}
		fmt.Fprintf(&b, "%d:%d:%d;", i, info.Size(), info.ModTime().UnixNano())
	}
	return b.String(), nil
}

// job is one file to read and index.
type job struct {
	file    corpusFile
	prev    manifestEntry
	hadPrev bool
	id      string
}

// assignIDs gives every job a report id: the slug of its file name, kept from the
// previous sync when the file was indexed before, with a short suffix on a clash.
func assignIDs(work []*job, kept map[string]manifestEntry) {
	taken := map[string]bool{}
	for _, e := range kept {
		if e.ReportID != "" {
			taken[e.ReportID] = true
		}
		for _, a := range e.Attached {
			taken[a.ReportID] = true
		}
	}
	for _, j := range work {
		if j.hadPrev && j.prev.ReportID != "" {
			j.id = j.prev.ReportID
			continue
		}
	}
	for _, j := range work {
		if j.id != "" {
			continue
		}
		base := Slug(strings.TrimSuffix(filepath.Base(j.file.rel), filepath.Ext(j.file.rel)))
		if base == "" {
			base = "verslag"
		}
		id := base
		for n := 0; taken[id]; n++ {
			sum := sha256.Sum256([]byte(j.file.rel + strconv.Itoa(n)))
			id = base + "-" + hex.EncodeToString(sum[:2])
		}
		taken[id] = true
		j.id = id
	}
}

// readResult is one job's outcome.
type readResult struct {
	job  *job
	docs []*document.Document
	// passages are the passages of a report too long to analyse at once (more than a
	// batch): the writer analyses them a batch at a time, so memory stays bounded.
	passages  []*passageDoc
	mapping   mapping.IndexMapping
	record    ReportRecord
	skip      string
	textBytes int64
	attached  []attachedResult // reports made from the file's attachments
}

// readAll extracts and parses the jobs with a pool of workers and hands out the
// results in the order of work, whichever worker finishes first: the index gets the
// same batches, and its documents the same numbers, however the work was scheduled.
// At most readAhead results wait beyond the one the caller takes next. Cancelling ctx
// stops the workers: they hand out no more work and drop the results nobody takes;
// the channel closes once they are gone.
func (ix *Index) readAll(ctx context.Context, work []*job, ro readOptions) <-chan readResult {
	type task struct {
		job *job
		res chan readResult // buffered: a worker never waits to hand over
	}
	out := make(chan readResult)
	tasks := make(chan task)
	order := make(chan chan readResult, ix.readAhead())
	var wg sync.WaitGroup
	for i := 0; i < ix.opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				t.res <- ix.readOne(ctx, t.job, ro)
			}
		}()
	}
	// The dispatcher takes a place in the line for a job before a worker gets it, so
	// that the line bounds the work ahead.
	go func() {
		defer close(order)
		defer close(tasks)
		for _, j := range work {
			res := make(chan readResult, 1)
			select {
			case order <- res:
			case <-ctx.Done():
				return
			}
			select {
			case tasks <- task{job: j, res: res}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		defer close(out)
		defer wg.Wait()
		for res := range order {
			var r readResult
			select {
			case r = <-res:
			case <-ctx.Done():
				return
			}
			select {
			case out <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// readAhead is how many read results may wait in readAll beyond the next one.
func (ix *Index) readAhead() int { return ix.opts.Workers * 8 }

// readOne extracts and parses one file into passage documents.
func (ix *Index) readOne(ctx context.Context, j *job, ro readOptions) readResult {
	res := readResult{job: j}
	if j.file.err != nil {
		res.skip = "bestand kan niet worden gelezen"
		return res
	}
	doc, err := extract.File(ctx, j.file.path, ix.opts.Extract)
	if err != nil {
		var se *extract.SkipError
		if errors.As(err, &se) {
			res.skip = se.Reason
		} else {
			res.skip = "bestand kan niet worden gelezen"
		}
		return res
	}
	return ix.parseOne(j, doc, ro)
}

// parseOne parses the text of one extracted file into passage documents.
func (ix *Index) parseOne(j *job, doc extract.Document, ro readOptions) readResult {
	res := readResult{job: j}
	if strings.TrimSpace(doc.Text) == "" {
		res.skip = "bestand bevat geen tekst"
		return res
	}
	// The passages' texts as the parse analysed them for their themes: the body
	// field is analysed with the same analyser, so the index takes these tokens.
	kept := keptTokens{}
	mopts := ro.meeting
	mopts.Analysed = kept.keep
	rep, ok := parseWithin(meeting.Input{
		Name:      filepath.Base(j.file.rel),
		Format:    doc.Format,
		Text:      doc.Text,
		Overrides: overridesFrom(doc.Meta),
	}, mopts, ix.opts.ReadTimeout)
	if !ok {
		res.skip = fmt.Sprintf("verwerking duurde te lang (meer dan %s): splits het verslag in delen", dutchDuration(ix.opts.ReadTimeout))
		return res
	}
	if len(rep.Passages) == 0 {
		res.skip = "bestand bevat geen tekst"
		return res
	}
	res.textBytes = int64(len(doc.Text))
	res.record = newRecord(j.id, j.file.rel, doc, rep)
	res.record.Garbled = dutch.KnownWordShare(doc.Text) < garbledShare
	if res.record.Garbled {
		res.record.Warnings = append(res.record.Warnings, "de tekst lijkt onleesbaar (weinig Nederlandse woorden); controleer het bronbestand")
	}
	m := ix.bleve.Mapping()
	if m == nil { // the index was closed meanwhile
		res.skip = "de index is gesloten"
		return res
	}
	pds := passageDocs(res.record, rep)
	for _, d := range pds {
		d.bodyTokens = kept[d.Body]
	}
	if len(pds) > ix.opts.BatchSize {
		res.passages, res.mapping = pds, m
		return res
	}
	for i, d := range pds {
		res.docs = append(res.docs, passageDocument(m, PassageID(j.id, i+1), d))
	}
	res.attached = ix.parseAttachments(j, doc, ro, &res.record)
	return res
}

// keptTokens holds, by text, the tokens a parse analysed passage texts into
// (meeting.Options.Analysed).
type keptTokens map[string]analysis.TokenStream

func (k keptTokens) keep(text string, tokens analysis.TokenStream) { k[text] = tokens }

// count is the number of passages the report has.
func (res readResult) count() int { return len(res.docs) + len(res.passages) }

func overridesFrom(m extract.Meta) meeting.Overrides {
	return meeting.Overrides{
		Title:         m.Title,
		Date:          m.Date,
		Speakers:      m.Speakers,
		Themes:        m.Themes,
		Places:        m.Places,
		Organisations: m.Organisations,
		Series:        m.Series,
		Decisions:     m.Decisions,
		Actions:       actionFixes(m.Actions),
	}
}

// passageDocs turns a parsed report into its passage documents.
func passageDocs(rec ReportRecord, rep meeting.Report) []*passageDoc {
	year, month := "", ""
	if len(rec.Date) >= 7 {
		year, month = rec.Date[:4], rec.Date[:7]
	}
	kinds := passageKinds(rep)
	docs := make([]*passageDoc, 0, len(rep.Passages))
	for i, p := range rep.Passages {
		titleExact := ""
		if i == 0 {
			titleExact = rec.Title
		}
		docs = append(docs, &passageDoc{
			TitleExact: titleExact,
			ReportID:   rec.ID,
			Title:      rec.Title,
			Section:    p.Section,
			Body:       p.Text,
			PassageNo:  passageNo(i + 1),
			Date:       rec.Date,
			Year:       year,
			Month:      month,
			Speakers:   p.Speakers,
			Themes:     p.Themes,
			Kinds:      kinds[i],
		})
	}
	return docs
}

// PassageID returns the id of passage n (from 1) of a report.
func PassageID(reportID string, n int) string {
	return reportID + "#p" + strconv.Itoa(n)
}

// writer collects index changes into batches and applies them in order on a goroutine
// of its own, so that the next batch is being filled while the last one is written.
type writer struct {
	ix    *Index
	batch *bleve.Batch
	ops   []recordOp // report records to write once the batch is in
	size  int

	queue   chan pendingBatch
	pending sync.WaitGroup // batches handed over and not yet applied
	errMu   sync.Mutex
	err     error // the first failed batch
}

func (ix *Index) newWriter() *writer {
	w := &writer{ix: ix, batch: ix.bleve.NewBatch(), queue: make(chan pendingBatch, 1)}
	go w.apply()
	return w
}

// apply writes the batches handed over, in order; after a failure it drops the rest.
//
// Bleve acknowledges a batch once it is searchable and writes it to disk behind the
// scenes; apply lets at most maxUnpersisted batches wait for the disk, so that memory
// stays bounded when the disk is slower than the analysis.
func (w *writer) apply() {
	var unpersisted []chan error
	for p := range w.queue {
		if w.failed() == nil {
			persisted := make(chan error, 1)
			p.batch.SetPersistedCallback(func(err error) { persisted <- err })
			err := w.ix.bleve.Batch(p.batch)
			if err == nil {
				err = w.ix.store.apply(p.ops)
			}
			if err == nil {
				unpersisted = append(unpersisted, persisted)
				for err == nil && len(unpersisted) > maxUnpersisted {
					err = w.ix.waitPersisted(unpersisted[0])
					unpersisted = unpersisted[1:]
				}
			}
			if err != nil {
				w.errMu.Lock()
				w.err = fmt.Errorf("indexer: write batch: %w", err)
				w.errMu.Unlock()
			}
		}
		w.pending.Done()
	}
}

// pendingBatch is a batch of passages with the report records that go with it.
type pendingBatch struct {
	batch *bleve.Batch
	ops   []recordOp
}

// maxUnpersisted is how many acknowledged batches may be waiting for the disk.
const maxUnpersisted = 2

// waitPersisted waits for a batch's persisted callback, at most persistTimeout. A
// write that waits longer than stallBeforeCheck on a disk that has less than
// Options.MinFreeBytes left is taken for one that cannot finish: ErrDiskFull.
func (ix *Index) waitPersisted(persisted <-chan error) error {
	start := time.Now()
	deadline := time.NewTimer(persistTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-persisted:
			return err
		case <-tick.C:
			if time.Since(start) >= stallBeforeCheck && ix.diskLow() {
				return fmt.Errorf("not on disk after %s: %w", time.Since(start).Round(time.Second), ErrDiskFull)
			}
		case <-deadline.C:
			if ix.diskLow() {
				return fmt.Errorf("not on disk after %s: %w", persistTimeout, ErrDiskFull)
			}
			return fmt.Errorf("not on disk after %s", persistTimeout)
		}
	}
}

// stallBeforeCheck is how long a write waits for the disk before waitPersisted asks
// whether the disk is full.
const stallBeforeCheck = 5 * time.Second

// diskLow reports whether the file system of the index has less than
// Options.MinFreeBytes free. It reads the file system itself (statfs), not
// Options.FreeSpace: it asks why a write stalls.
func (ix *Index) diskLow() bool {
	free, err := statfsFree(ix.opts.Dir)
	return err == nil && int64(free) < ix.opts.MinFreeBytes
}

func (w *writer) failed() error {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// close stops the writer's goroutine once the batches handed over are applied; call
// flush first to write what is still collected.
func (w *writer) close() {
	close(w.queue)
	w.pending.Wait()
}

func (w *writer) deleteReport(id string, passages int) error {
	for n := 1; n <= passages; n++ {
		w.batch.Delete(PassageID(id, n))
	}
	w.ops = append(w.ops, recordOp{id: id})
	w.size += passages
	return w.maybeFlush()
}

// deleteByReportID removes every passage whose report_id is id.
func (w *writer) deleteByReportID(ctx context.Context, id string) error {
	q := bleve.NewTermQuery(id)
	q.SetField(search.FieldReportID)
	res, err := w.ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return fmt.Errorf("indexer: count passages of %s: %w", id, err)
	}
	if res.Total == 0 {
		return w.failed()
	}
	res, err = w.ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, int(res.Total), 0, false))
	if err != nil {
		return fmt.Errorf("indexer: find passages of %s: %w", id, err)
	}
	for _, h := range res.Hits {
		w.batch.Delete(h.ID)
	}
	w.size += len(res.Hits)
	return w.maybeFlush()
}

func (w *writer) addReport(id string, res readResult) error {
	rec := res.record
	for _, d := range res.docs {
		if err := w.batch.IndexAdvanced(d); err != nil {
			return fmt.Errorf("indexer: index %s: %w", id, err)
		}
	}
	w.size += len(res.docs)
	// A long report goes in a batch at a time; its record comes with the last.
	for i, p := range res.passages {
		if err := w.batch.IndexAdvanced(passageDocument(res.mapping, PassageID(id, i+1), p)); err != nil {
			return fmt.Errorf("indexer: index %s: %w", id, err)
		}
		w.size++
		if i+1 < len(res.passages) {
			if err := w.maybeFlush(); err != nil {
				return err
			}
		}
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("indexer: encode report %s: %w", id, err)
	}
	w.ops = append(w.ops, recordOp{id: id, raw: raw})
	return w.maybeFlush()
}

func (w *writer) maybeFlush() error {
	if w.size >= w.ix.opts.BatchSize {
		return w.handOver()
	}
	return w.failed()
}

// handOver passes the collected batch to the writer's goroutine.
func (w *writer) handOver() error {
	if err := w.failed(); err != nil {
		return err
	}
	if w.batch.Size() == 0 && w.size == 0 && len(w.ops) == 0 {
		return nil
	}
	w.pending.Add(1)
	w.queue <- pendingBatch{w.batch, w.ops}
	w.batch = w.ix.bleve.NewBatch()
	w.ops = nil
	w.size = 0
	return nil
}

// flush writes everything collected so far and waits until it is in the index.
func (w *writer) flush() error {
	if err := w.handOver(); err != nil {
		return err
	}
	w.pending.Wait()
	return w.failed()
}

// parseWithin parses in under budget: after that it gives up on the report, so one
// pathological file never holds up the others. The abandoned parse is told to stop
// (meeting.Options.Stop) and ends at its next check; its result is dropped.
func parseWithin(in meeting.Input, opts meeting.Options, budget time.Duration) (meeting.Report, bool) {
	stop := make(chan struct{})
	opts.Stop = stop
	done := make(chan meeting.Report, 1)
	go func() { done <- meeting.Parse(in, opts) }()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case rep := <-done:
		return rep, true
	case <-timer.C:
		close(stop)
		return meeting.Report{}, false
	}
}

// dutchDuration writes a budget as people say it: "2 minuten", "30 seconden".
func dutchDuration(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d minuten", d/time.Minute)
	}
	return fmt.Sprintf("%g seconden", d.Seconds())
}
