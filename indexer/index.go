// Package indexer owns Kennisbank's Bleve index on the write side: its mapping,
// opening and creating it, bringing it in line with a corpus folder (sync, ingest,
// watch, rebuild, compact) and the report records beside it. After each commit it
// hands package search a fresh snapshot; searches and suggestions go there.
package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"kennisbank/corpus"
	"kennisbank/indexer/extract"
	"kennisbank/indexer/search"
)

// ErrLocked is returned by Open when another process holds the index.
var ErrLocked = errors.New("index is in use by another process (a running server?)")

// Options configure an Index. Zero values get sane defaults.
type Options struct {
	// Dir is the index folder (created when missing).
	Dir string
	// CorpusDir is the folder of reports that is the source of truth.
	CorpusDir string
	// Extract tunes text extraction.
	Extract extract.Options
	// BatchSize is the number of documents per Bleve batch (default 1000). Larger
	// batches leave fewer segments to merge and hold more in memory: on 50 MB of
	// text, 1000 indexes 10% faster than 400 for a few tens of MB more peak memory.
	BatchSize int
	// Workers is the number of files read in parallel (default 2).
	Workers int
	// ReadTimeout is the budget for reading one report's text (default 2 minutes):
	// a report that takes longer is skipped with a reason.
	ReadTimeout time.Duration
	// MinFreeBytes is the free space an upload must leave on the disks of the corpus
	// and the index (default 64 MB): room for the segments and merges its indexing
	// writes. Uploads are refused (ErrDiskFull) below it.
	MinFreeBytes int64
	// FreeSpace returns the free bytes of the disk that holds a folder; nil reads the
	// file system (statfs). Tests stand in a full disk with it.
	FreeSpace func(dir string) (uint64, error)
	// LockTimeout is how long Open waits for another process's lock (default 1 s).
	LockTimeout time.Duration
	// ReleasePages drops the pages of the segment files from the process's resident
	// set every second while a sync runs (see releasingPages): for a command that
	// indexes and exits, not for a server, whose searches read those pages again and
	// again.
	ReleasePages bool
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = 1000
	}
	if o.MinFreeBytes <= 0 {
		o.MinFreeBytes = 64 << 20
	}
	if o.ReadTimeout <= 0 {
		o.ReadTimeout = 2 * time.Minute
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = time.Second
	}
	return o
}

// Index is an open Kennisbank index. It is safe for concurrent use; one Sync runs
// at a time.
type Index struct {
	opts Options
	// bleve is what searches and writes go through: an alias of the generation in
	// use, so that a rebuild can be swapped in while searches run.
	bleve bleve.IndexAlias

	syncMu   sync.Mutex // held for a whole Sync
	closed   bool       // Close has run; under syncMu
	ingestMu sync.Mutex // held for a whole Ingest or Delete

	// loadedSynonyms holds the synonyms the search side has, with the stamp of their
	// file (see synonymsStamp), so that a sync hands over a changed file and an
	// unchanged one is not read again.
	loadedSynonyms atomic.Value

	// search answers searches and suggestions on the snapshot handed to it after
	// each commit.
	search *search.Engine

	mu       sync.RWMutex // guards the fields below
	cur      bleve.Index  // the generation in use
	store    *recordStore // its report records and manifest
	path     string       // its folder
	manifest manifest
	records  []ReportRecord // cache of Reports(); nil until read, reset by changes
	lastSync time.Time
	syncTook time.Duration // how long the last sync or rebuild took
	synced   bool
}

// manifest records, per corpus file (by path relative to the corpus folder), what
// the index holds of it.
type manifest struct {
	// Version changes when the way reports are read or indexed changes, forcing a
	// re-read of every file.
	Version string                   `json:"version"`
	Files   map[string]manifestEntry `json:"files"`
}

type manifestEntry struct {
	Hash        string `json:"hash"`
	ContentHash string `json:"content_hash,omitempty"` // the file alone, without sidecars
	Stamp       string `json:"stamp,omitempty"`        // size and time of the file when hashed
	ReportID    string `json:"report_id,omitempty"`
	Passages    int    `json:"passages,omitempty"`
	Skip        string `json:"skip,omitempty"` // Dutch reason when the file could not be indexed
	Garbled     bool   `json:"garbled,omitempty"`
	// Attached are the reports made from the file's attachments (of an e-mail).
	Attached []attachedEntry `json:"attached,omitempty"`
}

const (
	// internalSavedAt holds when the manifest was last saved: the one small value
	// written to Bleve's internal space while syncing.
	internalSavedAt = "manifest_saved_at"
)

// Open opens the index in opts.Dir, creating it when it does not exist. It fails with
// ErrLocked when another process holds the index.
func Open(opts Options) (*Index, error) {
	opts = opts.withDefaults()
	if opts.Dir == "" {
		return nil, errors.New("indexer: no index folder given")
	}
	path, err := currentPath(opts.Dir)
	if err != nil {
		return nil, err
	}
	var b bleve.Index
	if path != "" {
		b, err = openBleve(path, opts.LockTimeout)
		if err != nil && !errors.Is(err, ErrLocked) {
			err = &DamagedError{Path: path, Err: err}
		}
		if err == nil {
			b, path, err = renewOutdated(opts.Dir, path, b)
		}
		if err == nil {
			if verr := verifySegments(b); verr != nil {
				_ = b.Close()
				err = &DamagedError{Path: path, Err: verr}
			}
		}
	} else {
		path = filepath.Join(opts.Dir, "gen-1")
		if b, err = createBleve(path); err == nil {
			err = setCurrent(opts.Dir, path)
		}
	}
	if err != nil {
		return nil, err
	}
	store, err := openRecords(path, opts.LockTimeout)
	if err != nil {
		_ = b.Close()
		if !errors.Is(err, ErrLocked) {
			err = &DamagedError{Path: path, Err: err}
		}
		return nil, err
	}
	removeLeftovers(opts.CorpusDir)
	ix := &Index{opts: opts, cur: b, store: store, path: path, bleve: bleve.NewIndexAlias(b),
		manifest: manifest{Files: map[string]manifestEntry{}}, search: search.NewEngine()}
	ix.search.SetCountStore(countStore{ix})
	if err := ix.loadManifest(); err != nil {
		_ = b.Close()
		_ = store.close()
		return nil, &DamagedError{Path: path, Err: err}
	}
	if err := ix.checkCount(); err != nil {
		_ = b.Close()
		_ = store.close()
		return nil, &DamagedError{Path: path, Err: err}
	}
	ix.handOver()
	return ix, nil
}

// mappingVersion names the index mapping (fields and analysers). An index made with
// another mapping is replaced by an empty one when it is opened, and the next sync reads
// every report into it.
const mappingVersion = "18"

// internalMappingVersion is the key under which an index keeps its mappingVersion.
const internalMappingVersion = "mapping_version"

// renewOutdated returns b when its mapping is the current one; otherwise it closes b,
// puts an empty index of the current mapping in its place as the next generation and
// removes the outdated one.
func renewOutdated(dir, path string, b bleve.Index) (bleve.Index, string, error) {
	v, err := b.GetInternal([]byte(internalMappingVersion))
	if err != nil {
		_ = b.Close()
		return nil, "", fmt.Errorf("indexer: read mapping version: %w", err)
	}
	if string(v) == mappingVersion {
		return b, path, nil
	}
	if err := b.Close(); err != nil {
		return nil, "", fmt.Errorf("indexer: close outdated index: %w", err)
	}
	next := nextGeneration(dir, path)
	if err := os.RemoveAll(next); err != nil {
		return nil, "", fmt.Errorf("indexer: clear %s: %w", next, err)
	}
	nb, err := createBleve(next)
	if err != nil {
		return nil, "", err
	}
	if err := setCurrent(dir, next); err != nil {
		_ = nb.Close()
		return nil, "", err
	}
	if err := os.RemoveAll(path); err != nil {
		_ = nb.Close()
		return nil, "", fmt.Errorf("indexer: remove outdated index: %w", err)
	}
	return nb, next, nil
}

// The index folder holds generations of the Bleve index (gen-1, gen-2, …) and a file
// CURRENT naming the one in use, so that a rebuild can be made beside the index in use
// and swapped in.
const currentFile = "CURRENT"

// currentPath returns the path of the Bleve index in use in dir, or "" when there is none.
func currentPath(dir string) (string, error) {
	name, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("indexer: %w", err)
	}
	gen := strings.TrimSpace(string(name))
	if !filepath.IsLocal(gen) || strings.ContainsRune(gen, filepath.Separator) {
		return "", fmt.Errorf("indexer: %s names %q, want a generation folder such as gen-1", filepath.Join(dir, currentFile), gen)
	}
	return filepath.Join(dir, gen), nil
}

// setCurrent records path (a folder inside dir) as the generation in use, atomically.
func setCurrent(dir, path string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	if err := writeFileSync(tmp, []byte(filepath.Base(path)+"\n")); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return fmt.Errorf("indexer: %w", err)
	}
	return nil
}

func writeFileSync(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func openBleve(path string, lockTimeout time.Duration) (b bleve.Index, err error) {
	// A segment file cut short can make the segment reader index past its end; that
	// is damage to report, not a crash.
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, &DamagedError{Path: path, Err: fmt.Errorf("a segment cannot be read: %v", r)}
		}
	}()
	b, err = bleve.OpenUsing(path, bleveConfig(map[string]any{"bolt_timeout": lockTimeout.String()}))
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("indexer: open %s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("indexer: open %s: %w", path, err)
	}
	return b, nil
}

func createBleve(path string) (bleve.Index, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("indexer: %w", err)
	}
	m, err := NewMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, bleveConfig(nil))
	if err != nil {
		return nil, fmt.Errorf("indexer: create %s: %w", path, err)
	}
	if err := b.SetInternal([]byte(internalMappingVersion), []byte(mappingVersion)); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("indexer: create %s: %w", path, err)
	}
	return b, nil
}

// Close closes the index. Closing it again does nothing.
func (ix *Index) Close() error {
	ix.syncMu.Lock()
	defer ix.syncMu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	ix.mu.RLock()
	cur, store := ix.cur, ix.store
	ix.mu.RUnlock()
	err := cur.Close()
	if err2 := store.close(); err == nil {
		err = err2
	}
	if err != nil {
		return fmt.Errorf("indexer: close: %w", err)
	}
	return nil
}

// Ready reports whether the index has been brought in line with the corpus at least once.
func (ix *Index) Ready() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.synced
}

func (ix *Index) loadManifest() error {
	raw, err := ix.store.manifest()
	if err != nil {
		return err
	}
	if len(raw) == 0 {
		return nil
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("indexer: decode manifest: %w", err)
	}
	if m.Files == nil {
		m.Files = map[string]manifestEntry{}
	}
	ix.mu.Lock()
	ix.manifest = m
	ix.mu.Unlock()
	return nil
}

// saveManifest waits until every change made to the index so far is on disk, then
// saves the manifest: after a crash, the manifest never claims more than the index
// holds. Bleve acknowledges batches before they reach the disk (see bleveConfig) and
// persists them in order, so the wait is for one last small batch.
func (ix *Index) saveManifest() error {
	ix.mu.RLock()
	raw, err := json.Marshal(ix.manifest)
	store := ix.store
	ix.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("indexer: encode manifest: %w", err)
	}
	b := ix.bleve.NewBatch()
	b.SetInternal([]byte(internalSavedAt), []byte(time.Now().UTC().Format(time.RFC3339Nano)))
	persisted := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { persisted <- err })
	if err := ix.bleve.Batch(b); err != nil {
		return fmt.Errorf("indexer: write manifest: %w", err)
	}
	if err := ix.waitPersisted(persisted); err != nil {
		return fmt.Errorf("indexer: write manifest: %w", err)
	}
	return store.setManifest(raw)
}

// persistTimeout bounds the wait for the index to reach the disk.
const persistTimeout = 2 * time.Minute

// bleveConfig is the runtime configuration of every Bleve index Kennisbank opens.
// unsafe_batch lets a batch return once it is searchable, while Bleve writes it to
// disk in the background: indexing no longer waits for an fsync per batch, and
// saveManifest waits for the disk instead. Background merges stop at
// maxMergedSegmentDocs (see there).
func bleveConfig(extra map[string]any) map[string]any {
	cfg := map[string]any{
		"unsafe_batch":           true,
		"scorchMergePlanOptions": map[string]any{"MaxSegmentSize": maxMergedSegmentDocs},
	}
	for k, v := range extra {
		cfg[k] = v
	}
	return cfg
}

// maxMergedSegmentDocs bounds the segments Bleve's background merges make (Bleve's
// default is 5 million documents): a segment of more than half of it is merged no
// further in the background, only by Compact, which makes one segment of all. Batches
// of about a thousand passages are merged a few tens at a time into segments of
// 10,000–20,000, and those wait for Compact, instead of being merged again into ever
// larger ones while a sync goes on: on the 200,000 passages of the benchmark corpus
// each passage is merged once less, and a sync no longer maps hundreds of megabytes of
// segments into memory for a merge that Compact would redo.
//
// It is a variable so that a test can make an index of many small segments.
var maxMergedSegmentDocs = 20_000

// Status describes the index for operators.
type Status struct {
	Reports   int
	Passages  int
	Files     int
	LastSync  time.Time
	SizeBytes int64
	Skipped   []SkippedFile
	// DiskFreeBytes is the free space of the fuller disk of corpus and index, -1 when
	// it cannot be read; DiskNearlyFull says it is below Options.MinFreeBytes, so
	// that uploads are refused.
	DiskFreeBytes  int64
	DiskNearlyFull bool
	// LastSyncDuration is how long the last sync or rebuild took.
	LastSyncDuration time.Duration
}

// SkippedFile is a corpus file that is not in the index, and why.
type SkippedFile struct {
	File   string
	Reason string
}

// Status returns counts, the last sync time, the index size and the skipped files.
func (ix *Index) Status() Status {
	ix.mu.RLock()
	s := Status{LastSync: ix.lastSync, LastSyncDuration: ix.syncTook, Files: len(ix.manifest.Files)}
	for file, e := range ix.manifest.Files {
		if e.Skip != "" {
			s.Skipped = append(s.Skipped, SkippedFile{File: file, Reason: e.Skip})
			continue
		}
		s.Reports++
		s.Passages += e.Passages
	}
	ix.mu.RUnlock()
	sortSkipped(s.Skipped)
	s.SizeBytes = dirSize(ix.opts.Dir)
	if free, err := ix.DiskFree(); err == nil {
		s.DiskFreeBytes = int64(free)
		s.DiskNearlyFull = s.DiskFreeBytes < ix.opts.MinFreeBytes
	} else {
		s.DiskFreeBytes = -1
	}
	return s
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func sortSkipped(s []SkippedFile) {
	sort.Slice(s, func(i, j int) bool { return s[i].File < s[j].File })
}

// handOver gives the search side a snapshot of the index as it is now: called after
// every commit that changed it. The snapshot's reports are read when a search first
// needs them.
func (ix *Index) handOver() {
	ix.search.Update(search.Snapshot{Index: ix.bleve, Reports: ix.searchReports, Synonyms: ix.synonyms()})
}

// synonymsStamp is the size and time of the corpus folder's synonyms.yaml, or empty.
func (ix *Index) synonymsStamp() string {
	fi, err := os.Stat(filepath.Join(ix.opts.CorpusDir, "synonyms.yaml"))
	if err != nil || ix.opts.CorpusDir == "" {
		return ""
	}
	return fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
}

// synonyms returns the synonyms of the corpus folder's synonyms.yaml, or of the
// default one when the folder has none. The file is read again only when its stamp
// changed since the last hand-over. A file that cannot be read leaves searches without
// synonyms and is logged: a search must not fail for it.
func (ix *Index) synonyms() *search.Synonyms {
	stamp := ix.synonymsStamp()
	if prev, ok := ix.loadedSynonyms.Load().(loadedSynonyms); ok && prev.stamp == stamp {
		return prev.syn
	}
	syn := ix.readSynonyms()
	ix.loadedSynonyms.Store(loadedSynonyms{stamp: stamp, syn: syn})
	return syn
}

// synonymsCurrent reports whether the search side has the synonyms file as it is now.
func (ix *Index) synonymsCurrent() bool {
	prev, ok := ix.loadedSynonyms.Load().(loadedSynonyms)
	return ok && prev.stamp == ix.synonymsStamp()
}

// loadedSynonyms are the synonyms the search side has, with the stamp of their file.
type loadedSynonyms struct {
	stamp string
	syn   *search.Synonyms
}

func (ix *Index) readSynonyms() *search.Synonyms {
	data, err := os.ReadFile(filepath.Join(ix.opts.CorpusDir, "synonyms.yaml"))
	if errors.Is(err, os.ErrNotExist) || ix.opts.CorpusDir == "" {
		data, err = corpus.FS.ReadFile("synonyms.yaml")
	}
	if err != nil {
		slog.Warn("synonyms not read; searching without them", "err", err)
		return nil
	}
	syn, err := search.ParseSynonyms(data)
	if err != nil {
		slog.Warn("synonyms.yaml not used", "err", err)
		return nil
	}
	return syn
}

// searchReports lists the reports as the search side reads them.
func (ix *Index) searchReports() ([]search.Report, error) {
	recs, err := ix.Reports()
	if err != nil {
		return nil, err
	}
	out := make([]search.Report, len(recs))
	var names arena[string]
	for i, r := range recs {
		var speakers []string
		if len(r.Speakers) > 0 {
			speakers = names.take(len(r.Speakers))
			for k, s := range r.Speakers {
				speakers[k] = s.Name
			}
		}
		out[i] = search.Report{ID: r.ID, Title: r.Title, Date: r.Date, Speakers: speakers,
			Themes: r.Themes, Organisations: r.Organisations, Places: r.Places,
			SpeakerPassages: r.SpeakerPassages, ThemePassages: r.ThemePassages}
	}
	return out, nil
}

// Search runs a search on the latest snapshot (see search.Engine.Search).
func (ix *Index) Search(ctx context.Context, r search.Request) (*search.Result, error) {
	return ix.search.Search(ctx, r)
}

// Suggest completes what a user is typing (see search.Engine.Suggest).
func (ix *Index) Suggest(ctx context.Context, prefix string, n int) ([]search.Suggestion, error) {
	return ix.search.Suggest(ctx, prefix, n)
}

// Searcher returns the search side of the index.
func (ix *Index) Searcher() *search.Engine { return ix.search }
