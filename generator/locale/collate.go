package locale

import (
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
	var buf collate.Buffer
	keys := make([][]byte, len(names))
	for i, name := range names {
		// KeyFromString's result lives in buf until its next Reset; the
		// keys are kept, so each is copied out.
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, name)...)
		buf.Reset()
	}
	return keys
}
