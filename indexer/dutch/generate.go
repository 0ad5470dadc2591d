package dutch

// The lists under lists/ are derived from the Debian packages hunspell-nl and wdutch
// (OpenTaal). Regenerate them with `go generate ./indexer/dutch` on a machine that has
// both packages installed; the build itself only uses the committed lists.
//go:generate go run ./internal/genlists -out lists
