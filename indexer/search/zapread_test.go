package search

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"

	"kennisbank/corpus"
)

// zapTestSegments indexes the sentences of the sample reports, each many times over in
// passages of varying length (so that common words fill many chunks and words
// repeat within a passage), into a Bleve index on disk, and opens its zap segments.
func zapTestSegments(t *testing.T) []*zapx.Segment {
	t.Helper()
	reports, err := corpus.Reports()
	var lines []string
	for _, text := range reports {
		for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '.' }) {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	if err != nil || len(lines) < 100 {
		t.Fatalf("sample reports: %d lines, %v", len(lines), err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := bleve.New(dir, bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	for i := 0; i < 6000; i++ {
		// Passage i: one to four lines, starting at a line that walks the reports
		// at a stride, so that passages differ.
		var text []string
		for k := 0; k <= i%4; k++ {
			text = append(text, lines[(i*7+k*13)%len(lines)])
		}
		if err := b.Index(fmt.Sprintf("p%05d", i), map[string]any{"body": strings.Join(text, " ")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(files) == 0 {
		t.Fatal("the index has no zap segment")
	}
	var segs []*zapx.Segment
	for _, f := range files {
		seg, err := (&zapx.ZapPlugin{}).Open(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { seg.Close() })
		segs = append(segs, seg.(*zapx.Segment))
	}
	return segs
}

// zapPosting is what a walk sees of one posting.
type zapPosting struct {
	doc, freq, length uint64
	positions         string
}

// postingOf is what a walk sees of zap's posting p.
func postingOf(p segment.Posting, locs bool) zapPosting {
	var pos []uint64
	if locs {
		for _, l := range p.Locations() {
			pos = append(pos, l.Pos())
		}
	}
	return zapPosting{p.Number(), p.Frequency(), p.(*zapx.Posting).NormUint64(), fmt.Sprint(pos)}
}

// TestZapPostingsAgreeWithZap walks every term of a real index's segments with
// zapPostings and with zap's own iterator, with and without deleted documents and
// positions, in full and by seeks, and wants the same documents, frequencies, field
// lengths and positions.
func TestZapPostingsAgreeWithZap(t *testing.T) {
	segs := zapTestSegments(t)
	var terms, chunked, positioned int
	for _, seg := range segs {
		dict, err := seg.Dictionary("body")
		if err != nil {
			t.Fatal(err)
		}
		zd, err := openZapDictionary(seg, "body")
		if err != nil || zd.fst == nil {
			t.Fatalf("dictionary: %v", err)
		}
		deletedSome := roaring.New()
		for d := uint32(0); d < uint32(seg.NumDocs()); d += 7 {
			deletedSome.Add(d)
		}
		it, err := zd.fst.Iterator(nil, nil)
		for err == nil {
			term, _ := it.Current()
			terms++
			for _, deleted := range []*roaring.Bitmap{nil, deletedSome} {
				pl, err := dict.PostingsList(term, deleted, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, locs := range []bool{false, true} {
					z := zapPostingsOf(zd, string(term), deleted, locs, pl.Count())
					if z == nil {
						if pl.Count() == 0 {
							continue // its one document is deleted
						}
						t.Fatalf("%q: not read from the segment", term)
					}
					if len(z.ends) > 1 {
						chunked++
					}
					// In full.
					var want, got []zapPosting
					zi := pl.Iterator(true, true, locs, nil)
					for p, err := zi.Next(); err == nil && p != nil; p, err = zi.Next() {
						want = append(want, postingOf(p, locs))
					}
					for d := z.advance(0); d != math.MaxUint64; d = z.advance(d + 1) {
						f, l := z.freqLength()
						got = append(got, zapPosting{d, f, l, fmt.Sprint(z.positions())})
						if locs && len(z.pos) > 0 {
							positioned++
						}
					}
					if !samePostings(got, want) {
						t.Fatalf("%q (deleted %v, locations %v): read %v, zap %v", term, deleted != nil, locs, head(got), head(want))
					}
					// By seeks, reading at every third stop only: the frequency, or
					// the positions (which read it first).
					if len(want) < 20 {
						continue
					}
					z, zi = zapPostingsOf(zd, string(term), deleted, locs, pl.Count()), pl.Iterator(true, true, locs, nil)
					step := uint64(seg.NumDocs()) / uint64(len(want)) * 3
					// Like termCursor.moveTo, zap's iterator only moves when it is
					// before the target: its Advance always takes the next posting.
					var p segment.Posting
					for n, target := 0, uint64(1); ; n, target = n+1, target+step+uint64(n%5) {
						if p == nil || p.Number() < target {
							if p, err = zi.Advance(target); err != nil {
								t.Fatal(err)
							}
						}
						d := z.advance(target)
						if p == nil {
							if d != math.MaxUint64 {
								t.Fatalf("%q: seek to %d found %d, zap nothing", term, target, d)
							}
							break
						}
						if d != p.Number() {
							t.Fatalf("%q (deleted %v): seek to %d found %d, zap %d; in full %v", term, deleted != nil, target, d, p.Number(), nearDoc(want, target))
						}
						if n%3 != 0 {
							continue
						}
						var pos []uint64
						if locs && n%2 == 0 {
							pos = z.positions()
						}
						f, l := z.freqLength()
						if !locs || n%2 == 0 {
							if w, g := postingOf(p, locs), (zapPosting{d, f, l, fmt.Sprint(pos)}); g != w {
								t.Fatalf("%q: at %d read %v, zap %v", term, d, g, w)
							}
						}
					}
				}
			}
			err = it.Next()
		}
	}
	if terms < 500 || chunked < 20 || positioned < 1000 {
		t.Fatalf("walked %d terms, %d of them over several chunks, %d postings with positions: too few to test", terms, chunked, positioned)
	}
}

func samePostings(a, b []zapPosting) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func head(ps []zapPosting) []zapPosting { return ps[:min(len(ps), 5)] }

// TestZapPostingsDamaged reads postings whose bytes are cut short: the walk ends or
// the frequencies fall back, without a panic.
func TestZapPostingsDamaged(t *testing.T) {
	z := &zapPostings{chunk: -1, all: roaring.BitmapOf(1, 2, 3), data: []byte{2, 5}, ends: []uint64{2}, size: 10}
	z.it = z.all.ManyIterator()
	for d := z.advance(0); d != math.MaxUint64; d = z.advance(d + 1) {
		z.freqLength()
	}
	if !z.failed {
		t.Fatal("a frequency stream of one entry for three documents read without failing")
	}
	if _, err := openZapDictionary(&zapx.Segment{}, "body"); err != nil {
		t.Fatalf("a segment without the field: %v", err)
	}
}

func nearDoc(ps []zapPosting, target uint64) []zapPosting {
	for i, p := range ps {
		if p.doc >= target {
			return ps[max(0, i-2):min(len(ps), i+3)]
		}
	}
	return nil
}
