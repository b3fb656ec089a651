package locale

import (
	"bytes"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// NameKeys returns a sort key for each of names in the alphabetical order
// of the language lang: bytes.Compare of two keys orders their names as a
// reader of that language looks them up ("Đ" after "D" in Vietnamese, a
// letter with an accent after the plain one, case aside). Every list of
// names on a site is put in this one order; making the keys once lets a
// sort compare bytes, safely from any goroutine, where a collator may be
// used by one at a time.
func NameKeys(lang string, names []string) [][]byte {
	c := collate.New(language.Make(lang))
	// Each key stays valid in buf until buf is reset, which it never is.
	var buf collate.Buffer
	keys := make([][]byte, len(names))
	for i, name := range names {
		keys[i] = c.KeyFromString(&buf, name)
	}
	return keys
}

// SortedByName returns a copy of items sorted by name(item) in the
// alphabetical order of lang (see NameKeys); items of the same name keep
// their order.
func SortedByName[T any](lang string, items []T, name func(T) string) []T {
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = name(it)
	}
	keys := NameKeys(lang, names)
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	sorted := make([]T, len(items))
	for i, j := range order {
		sorted[i] = items[j]
	}
	return sorted
}
