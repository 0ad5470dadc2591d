package search

import "sort"

// firstN returns the first n of items in the order before gives (a strict order),
// sorted: in time proportional to len(items)·log n, not to sorting every item, for
// a page of results out of thousands. items may be reordered.
func firstN[T any](items []T, n int, before func(a, b T) bool) []T {
	if n <= 0 {
		return items[:0]
	}
	if n >= len(items) {
		sort.Slice(items, func(i, j int) bool { return before(items[i], items[j]) })
		return items
	}
	// items[:n] is a heap with the last (the one every other goes before) on top.
	top := items[:n]
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < n && before(top[m], top[l]) {
				m = l
			}
			if r := l + 1; r < n && before(top[m], top[r]) {
				m = r
			}
			if m == i {
				return
			}
			top[i], top[m] = top[m], top[i]
			i = m
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		down(i)
	}
	for _, it := range items[n:] {
		if before(it, top[0]) {
			top[0] = it
			down(0)
		}
	}
	sort.Slice(top, func(i, j int) bool { return before(top[i], top[j]) })
	return top
}
