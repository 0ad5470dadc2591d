//go:build !race

package extract

// raceFactor scales the child's address space limit for the race detector; 1 without it.
const raceFactor = 1
