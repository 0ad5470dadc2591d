package indexer

// countStore keeps the term counts of the index's segments in its record store (see
// search.CountStore).
type countStore struct{ ix *Index }

// LoadCounts returns the counts kept for the segment file at path, or nil.
func (c countStore) LoadCounts(path string) (data []byte, err error) {
	err = c.ix.withStore(func(s *recordStore) error {
		data, err = s.counts(path)
		return err
	})
	return data, err
}

// SaveCounts keeps the counts of the segment file at path.
func (c countStore) SaveCounts(path string, data []byte) error {
	return c.ix.withStore(func(s *recordStore) error { return s.setCounts(path, data) })
}

// CountTerms counts the terms of the index's segments for BM25 and keeps the counts,
// so that a server started later does not read every posting to count them (see
// search.CountStore). Counts kept before are not counted again.
func (ix *Index) CountTerms() error { return ix.search.CountTerms() }
