package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFirstN(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 5, 17, 100, 1000} {
		for _, n := range []int{0, 1, 3, 10, 50, 2000} {
			items := make([]int, size)
			for i := range items {
				items[i] = rng.IntN(50) // many ties: the order must still be total
			}
			want := slices.Clone(items)
			slices.Sort(want)
			want = want[:min(n, len(want))]
			got := firstN(slices.Clone(items), n, func(a, b int) bool { return a < b })
			if !slices.Equal(got, want) {
				t.Errorf("size %d, n %d: %v, want %v", size, n, got, want)
			}
		}
	}
}
