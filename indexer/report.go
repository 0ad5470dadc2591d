package indexer

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolterrors "go.etcd.io/bbolt/errors"

	"kennisbank/corpus"
	"kennisbank/indexer/extract"
	"kennisbank/indexer/meeting"
	"kennisbank/indexer/search"
)

// ErrNotFound is returned for a report id the index does not hold.
var ErrNotFound = errors.New("not found")

// ReportRecord is the metadata of one indexed report, kept in the index beside its
// passages.
type ReportRecord struct {
	ID              string            `json:"id"`
	Title           string            `json:"title"`
	Date            string            `json:"date,omitempty"`
	DateSource      string            `json:"date_source,omitempty"`
	DateEvidence    string            `json:"date_evidence,omitempty"`
	PublicationDate string            `json:"publication_date,omitempty"`
	NextMeetingDate string            `json:"next_meeting_date,omitempty"`
	SourceFile      string            `json:"source_file"`
	Format          string            `json:"format"`
	Places          []string          `json:"places"`
	Organisations   []string          `json:"organisations"`
	Speakers        []meeting.Speaker `json:"speakers"`
	Sections        []string          `json:"sections"`
	Themes          []string          `json:"themes"`
	Passages        int               `json:"passages"`
	Decisions       []DecisionRecord  `json:"decisions"`
	Actions         []ActionRecord    `json:"actions"`
	// SeriesBody, SeriesOrgs and SeriesFixed are what the series is named from (see
	// linkSeries); Series is filled when the reports are read.
	SeriesBody  string   `json:"series_body,omitempty"`
	SeriesOrgs  []string `json:"series_orgs,omitempty"`
	SeriesFixed string   `json:"series_fixed,omitempty"`
	// DoneNotes are read when the series are linked (see markDone); the records
	// Reports returns leave them out.
	DoneNotes []string     `json:"done_notes,omitempty"`
	Series    SeriesRecord `json:"series"`
	// SpeakerPassages and ThemePassages count the passages per speaker and theme.
	SpeakerPassages search.PassageCounts `json:"speaker_passages,omitempty"`
	ThemePassages   search.PassageCounts `json:"theme_passages,omitempty"`
	Garbled         bool                 `json:"garbled,omitempty"`
	Warnings        []string             `json:"warnings,omitempty"`
	// Properties are the document properties of a Word or OpenDocument file, or the
	// headers of an e-mail: title, author and dates as the file states them.
	Properties *extract.Properties `json:"properties,omitempty"`
	// AttachedTo is the id of the report (an e-mail) this one was attached to.
	AttachedTo string `json:"attached_to,omitempty"`
	// Attachments are the ids of the reports made from this one's attachments.
	Attachments []string  `json:"attachments,omitempty"`
	IndexedAt   time.Time `json:"indexed_at"`
}

func newRecord(id, rel string, doc extract.Document, rep meeting.Report) ReportRecord {
	sp, th := map[string]int{}, map[string]int{}
	for _, p := range rep.Passages {
		for _, s := range p.Speakers {
			sp[s]++
		}
		for _, t := range p.Themes {
			th[t]++
		}
	}
	return ReportRecord{
		SpeakerPassages: search.CountsOf(sp),
		ThemePassages:   search.CountsOf(th),
		ID:              id,
		Title:           rep.Title,
		Date:            rep.Date,
		DateSource:      rep.DateSource,
		DateEvidence:    rep.DateEvidence,
		PublicationDate: cmp.Or(rep.PublicationDate, doc.Properties.PublicationDate()),
		NextMeetingDate: rep.NextMeetingDate,
		SourceFile:      rel,
		Format:          doc.Format,
		Places:          nonNil(rep.Places),
		Organisations:   nonNil(rep.Organisations),
		Speakers:        rep.Speakers,
		Sections:        nonNil(rep.Sections),
		Themes:          nonNil(rep.Themes),
		Passages:        len(rep.Passages),
		Decisions:       decisionRecords(id, rep.Decisions),
		Actions:         actionRecords(id, rep.Actions),
		SeriesBody:      rep.SeriesBody,
		SeriesOrgs:      rep.SeriesOrgs,
		SeriesFixed:     rep.Series,
		DoneNotes:       rep.DoneNotes,
		Warnings:        doc.Warnings,
		Properties:      propertiesOf(doc),
		IndexedAt:       time.Now().UTC(),
	}
}

// DocumentProperties are what a Word or OpenDocument file or an e-mail states about
// itself: title, author and dates.
type DocumentProperties = extract.Properties

// propertiesOf returns the document properties of doc, or nil when it states none.
func propertiesOf(doc extract.Document) *extract.Properties {
	if doc.Properties == (extract.Properties{}) {
		return nil
	}
	p := doc.Properties
	return &p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// PassageRecord is one passage of a report as stored in the index.
type PassageRecord struct {
	ID       string   `json:"id"`
	N        int      `json:"n"`
	Section  string   `json:"section,omitempty"`
	Text     string   `json:"text"`
	Speakers []string `json:"speakers"`
	Themes   []string `json:"themes"`
}

// Report returns the metadata of report id, or ErrNotFound.
func (ix *Index) Report(id string) (ReportRecord, error) {
	all, err := ix.Reports()
	if err != nil {
		return ReportRecord{}, err
	}
	for _, r := range all {
		if r.ID == id {
			return r, nil
		}
	}
	// Not in the list (held back, or changed since): read it alone.
	return ix.readReport(id)
}

// readReports reads the records of ids in one transaction and decodes them on every
// processor (decoding JSON is most of the start of a server on a large index: 200,000
// records took 14 s on one); found says which were there.
func (ix *Index) readReports(ids []string) (recs []ReportRecord, found []bool, err error) {
	var raws [][]byte
	err = ix.withStore(func(s *recordStore) (err error) {
		raws, err = s.reports(ids)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("indexer: read reports: %w", err)
	}
	recs, found = make([]ReportRecord, len(ids)), make([]bool, len(ids))
	parts := min(runtime.NumCPU(), max(len(ids), 1))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p * len(ids) / parts; i < (p+1)*len(ids)/parts; i++ {
				if raws[i] == nil {
					continue // removed since the manifest was read
				}
				if recs[i], errs[p] = decodeRecord(ids[i], raws[i]); errs[p] != nil {
					return
				}
				found[i] = true
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	return recs, found, nil
}

// readReport reads the stored metadata of report id, or ErrNotFound.
func (ix *Index) readReport(id string) (ReportRecord, error) {
	var raw []byte
	err := ix.withStore(func(s *recordStore) (err error) {
		raw, err = s.report(id)
		return err
	})
	if err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: read report %s: %w", id, err)
	}
	if len(raw) == 0 {
		return ReportRecord{}, ErrNotFound
	}
	return decodeRecord(id, raw)
}

// withStore runs read on the record store in use, and once more on the new one when
// a rebuild swapped the records while it ran.
func (ix *Index) withStore(read func(*recordStore) error) error {
	ix.mu.RLock()
	store := ix.store
	ix.mu.RUnlock()
	err := read(store)
	if errors.Is(err, bolterrors.ErrDatabaseNotOpen) {
		ix.mu.RLock()
		store = ix.store
		ix.mu.RUnlock()
		err = read(store)
	}
	return err
}

// decodeRecord decodes the stored record raw of report id.
func decodeRecord(id string, raw []byte) (ReportRecord, error) {
	var r ReportRecord
	if err := json.Unmarshal(raw, &r); err != nil {
		return ReportRecord{}, fmt.Errorf("indexer: decode report %s: %w", id, err)
	}
	return r, nil
}

// Reports returns the metadata of every indexed report, newest meeting first (reports
// without a date last, by title). The list is cached until the next change.
func (ix *Index) Reports() ([]ReportRecord, error) {
	ix.mu.RLock()
	cached := ix.records
	var ids []string
	if cached == nil {
		ids = make([]string, 0, len(ix.manifest.Files))
		for _, e := range ix.manifest.Files {
			if e.ReportID != "" && e.Skip == "" {
				ids = append(ids, e.ReportID)
				for _, a := range e.Attached {
					ids = append(ids, a.ReportID)
				}
			}
		}
	}
	ix.mu.RUnlock()
	if cached != nil {
		return cached, nil
	}
	recs, found, err := ix.readReports(ids)
	if err != nil {
		return nil, err
	}
	out := make([]ReportRecord, 0, len(ids))
	shared := stringTable{}
	for i := range recs {
		if !found[i] { // removed since the manifest was read
			continue
		}
		shared.shareStrings(&recs[i])
		out = append(out, recs[i])
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date > out[j].Date
		}
		return out[i].Title < out[j].Title
	})
	linkSeries(out)
	var arenas recordArenas
	for i := range out {
		out[i].DoneNotes = nil // read by linkSeries alone
		arenas.pack(&out[i])
	}
	ix.mu.Lock()
	ix.records = out
	ix.mu.Unlock()
	return out, nil
}

// SpeakerSummary is a person across all reports.
type SpeakerSummary struct {
	Name          string
	Slug          string
	Aliases       []string
	Roles         []string
	Organisations []string
	Reports       []string // report ids, newest first
	Passages      int
}

// Speakers returns every speaker over all reports, most passages first.
func (ix *Index) Speakers() ([]SpeakerSummary, error) {
	recs, err := ix.Reports()
	if err != nil {
		return nil, err
	}
	by := map[string]*SpeakerSummary{}
	var order []string
	for _, r := range recs {
		for _, sp := range r.Speakers {
			s := by[sp.Name]
			if s == nil {
				s = &SpeakerSummary{Name: sp.Name, Slug: Slug(sp.Name)}
				by[sp.Name] = s
				order = append(order, sp.Name)
			}
			s.Aliases = addUnique(s.Aliases, sp.Aliases...)
			if sp.Role != "" {
				s.Roles = addUnique(s.Roles, sp.Role)
			}
			if sp.Organisation != "" {
				s.Organisations = addUnique(s.Organisations, sp.Organisation)
			}
			s.Reports = appendReport(s.Reports, r.ID)
			s.Passages += r.SpeakerPassages.Get(sp.Name)
		}
	}
	out := make([]SpeakerSummary, 0, len(order))
	for _, name := range order {
		out = append(out, *by[name])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Passages != out[j].Passages {
			return out[i].Passages > out[j].Passages
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// ThemeSummary is a theme across all reports.
type ThemeSummary struct {
	Name     string
	Slug     string
	Reports  []string // report ids, newest first
	Passages int
}

// Themes returns every theme that some report carries, most reports first.
func (ix *Index) Themes() ([]ThemeSummary, error) {
	recs, err := ix.Reports()
	if err != nil {
		return nil, err
	}
	by := map[string]*ThemeSummary{}
	var order []string
	for _, r := range recs {
		for _, th := range r.Themes {
			t := by[th]
			if t == nil {
				t = &ThemeSummary{Name: th, Slug: Slug(th)}
				by[th] = t
				order = append(order, th)
			}
			t.Reports = appendReport(t.Reports, r.ID)
			t.Passages += r.ThemePassages.Get(th)
		}
	}
	out := make([]ThemeSummary, 0, len(order))
	for _, name := range order {
		out = append(out, *by[name])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Reports) != len(out[j].Reports) {
			return len(out[i].Reports) > len(out[j].Reports)
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// appendReport adds report id to list unless it is already its last entry: records
// are visited one report at a time, so that is the only place it can be.
func appendReport(list []string, id string) []string {
	if n := len(list); n > 0 && list[n-1] == id {
		return list
	}
	return append(list, id)
}

func addUnique(list []string, vals ...string) []string {
	for _, v := range vals {
		found := false
		for _, x := range list {
			if x == v {
				found = true
				break
			}
		}
		if !found {
			list = append(list, v)
		}
	}
	return list
}

// Passages returns the passages of report id in reading order.
func (ix *Index) Passages(ctx context.Context, id string) ([]PassageRecord, error) {
	q := bleve.NewTermQuery(id)
	q.SetField(search.FieldReportID)
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	req.Fields = []string{search.FieldSection, search.FieldBody, search.FieldSpeakers, search.FieldThemes}
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("indexer: passages of %s: %w", id, err)
	}
	out := make([]PassageRecord, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, PassageRecord{
			ID:       h.ID,
			N:        search.PassageNumber(h.ID),
			Section:  str(h.Fields[search.FieldSection]),
			Text:     str(h.Fields[search.FieldBody]),
			Speakers: strs(h.Fields[search.FieldSpeakers]),
			Themes:   strs(h.Fields[search.FieldThemes]),
		})
	}
	slices.SortFunc(out, func(a, b PassageRecord) int { return cmp.Compare(a.N, b.N) })
	return out, nil
}

// readOptions are the corpus-wide settings that reading a report depends on.
type readOptions struct {
	meeting meeting.Options
}

// loadReadOptions reads the corpus's vocabulary files (themes.yaml, people.yaml,
// speech.yaml) and returns the options for meeting.Parse and a version string that
// changes whenever they change. A corpus without themes.yaml uses the default
// vocabulary; speech.yaml extends the built-in vocabulary of speech.
func loadReadOptions(corpusDir string) (readOptions, string, error) {
	h := sha256.New()
	h.Write([]byte(readVersion))
	var ro readOptions
	themes, err := os.ReadFile(filepath.Join(corpusDir, "themes.yaml"))
	if errors.Is(err, os.ErrNotExist) {
		themes, err = corpus.FS.ReadFile("themes.yaml")
	}
	if err != nil {
		return ro, "", fmt.Errorf("indexer: themes: %w", err)
	}
	if ro.meeting.Themes, err = meeting.ParseThemes(themes); err != nil {
		return ro, "", fmt.Errorf("indexer: themes.yaml in %s: %w", corpusDir, err)
	}
	h.Write(themes)
	people, err := os.ReadFile(filepath.Join(corpusDir, "people.yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return ro, "", fmt.Errorf("indexer: people: %w", err)
	default:
		if ro.meeting.People, err = meeting.ParsePeople(people); err != nil {
			return ro, "", fmt.Errorf("indexer: people.yaml in %s: %w", corpusDir, err)
		}
		h.Write([]byte{0})
		h.Write(people)
	}
	speech, err := os.ReadFile(filepath.Join(corpusDir, "speech.yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return ro, "", fmt.Errorf("indexer: speech: %w", err)
	default:
		if ro.meeting.Speech, err = meeting.ParseSpeech(speech); err != nil {
			return ro, "", fmt.Errorf("indexer: speech.yaml in %s: %w", corpusDir, err)
		}
		h.Write([]byte{1})
		h.Write(speech)
	}
	minutes, err := os.ReadFile(filepath.Join(corpusDir, "minutes.yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return ro, "", fmt.Errorf("indexer: minutes: %w", err)
	default:
		if ro.meeting.Minutes, err = meeting.ParseMinutes(minutes); err != nil {
			return ro, "", fmt.Errorf("indexer: minutes.yaml in %s: %w", corpusDir, err)
		}
		h.Write([]byte{2})
		h.Write(minutes)
	}
	return ro, hex.EncodeToString(h.Sum(nil)[:8]), nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strs reads a stored multi-valued field, which Bleve returns as a string for one
// value and a slice for more.
func strs(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

// SourcePath returns the path of report id's original file in the corpus folder.
func (ix *Index) SourcePath(id string) (string, error) {
	r, err := ix.Report(id)
	if err != nil {
		return "", err
	}
	rel := filepath.FromSlash(r.SourceFile)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("indexer: report %s has a source outside the corpus: %w", id, ErrNotFound)
	}
	p := filepath.Join(ix.opts.CorpusDir, rel)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("indexer: source of %s: %w", id, ErrNotFound)
	}
	return p, nil
}
