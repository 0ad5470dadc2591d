//go:build race

package extract

// raceFactor scales the child's address space limit for the race detector, whose
// shadow memory grows with the heap.
const raceFactor = 4
