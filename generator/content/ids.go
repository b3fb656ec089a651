package content

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/gosimple/slug"
)

// MaxIDLength is the longest ID allowed; IDs become URLs.
const MaxIDLength = 64

// ValidID reports whether id can name a unit or an activity: lowercase
// letters and digits in words joined by single hyphens, at most 64 bytes.
func ValidID(id string) bool {
	// As ^[a-z0-9]+(-[a-z0-9]+)*$, which the schemas use, but without a
	// regular expression: the loader checks every file name of every load.
	if id == "" || len(id) > MaxIDLength || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// SuggestID turns a name into a valid ID, for hints: "Trung tâm Khuyến
// nông" becomes "trung-tam-khuyen-nong".
func SuggestID(name string) string {
	// slug keeps underscores, which IDs do not allow.
	s := slug.Make(strings.NewReplacer("đ", "d", "Đ", "D", "_", " ").Replace(name))
	s = strings.Trim(s[:min(len(s), MaxIDLength)], "-")
	if !ValidID(s) {
		return ""
	}
	return s
}

// idProblem says what is wrong with a file name used as an ID, or "";
// ext is the file's extension, for the name to rename it to.
func (l *loader) idProblem(folder, id, ext string) string {
	if folder == "years" {
		if len(id) != 4 || strings.Trim(id, "0123456789") != "" {
			return fmt.Sprintf("file name %q is not a year; name year files after their year, e.g. 2023.yaml", id)
		}
		return ""
	}
	if ValidID(id) {
		return ""
	}
	if len(id) > MaxIDLength {
		return fmt.Sprintf("file name %q is longer than %d characters; file names become web addresses, so keep them short", id, MaxIDLength)
	}
	msg := fmt.Sprintf("file name %q is not a valid ID: use lowercase letters a-z, digits and single hyphens", id)
	if s := SuggestID(id); s != "" {
		msg += fmt.Sprintf("; rename the file to %s%s", s, ext)
	}
	return msg
}

// compareListed orders IDs as the names of their files sort, whatever
// their extension: "a-b" before "a", as a-b.yaml sorts before a.yaml.
// It compares a+"." with b+".", which holds since IDs have no dot.
func compareListed(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 || len(a) == len(b) {
		return c
	}
	if len(a) < len(b) {
		return cmp.Compare('.', b[n])
	}
	return cmp.Compare(a[n], '.')
}
