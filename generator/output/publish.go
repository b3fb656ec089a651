package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The names of the folders a build makes beside its output folder out:
// the staging folder, from os.MkdirTemp, is ".out.new-" and decimal
// digits; the previous site moved aside by two renames adds ".old".
const (
	stagingSuffix = ".new-"
	oldSuffix     = ".old"
)

// stagingPattern is the os.MkdirTemp pattern of the staging folders of
// the output folder whose base name is base.
func stagingPattern(base string) string {
	return "." + base + stagingSuffix
}

// errNoExchange is what exchange returns when the system or the
// filesystem cannot swap two folders in one step.
var errNoExchange = errors.New("output: folders cannot be exchanged in one step here")

// publish puts the folder tmp in the place of dir, which readers never
// find missing where the system allows it:
//
//   - when dir does not exist yet, one rename, atomic on every system;
//   - when it does, on Linux and macOS one exchange of the two folders
//     (see exchange), after which tmp holds the previous site;
//   - elsewhere, or on a filesystem that refuses the exchange, two
//     renames: dir to tmp+".old", then tmp to dir. Between them dir is
//     missing for a moment; if the second fails, the first is undone.
//
// Once the new site is in place, the previous one is removed, and so are
// the folders that builds killed part way left beside dir. Failing to
// remove them does not fail publish, as the site is published: the next
// build tries again.
func publish(tmp, dir string) error {
	old := ""
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dir); err != nil {
			return err
		}
	} else {
		old = tmp
		err := exchange(tmp, dir)
		if errors.Is(err, errNoExchange) {
			old = tmp + oldSuffix
			err = renameTwice(tmp, old, dir)
		}
		if err != nil {
			return err
		}
	}
	if old != "" {
		os.RemoveAll(old)
	}
	removeLeftovers(dir)
	return nil
}

// renameTwice puts tmp in the place of dir by moving dir to old first,
// and moves it back if tmp cannot take its place.
func renameTwice(tmp, old, dir string) error {
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if err2 := os.Rename(old, dir); err2 != nil {
			return fmt.Errorf("%w; the previous site could not be moved back either and is in %s", err, old)
		}
		return err
	}
	return nil
}

// removeLeftovers removes the staging folders of dir that builds stopped
// part way left beside it: folders, not files or links, whose names are
// exactly those this package makes (see isLeftover).
func removeLeftovers(dir string) {
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() && isLeftover(e.Name(), base) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// isLeftover reports whether name is one of the names of a staging
// folder of the output folder base: "." + base + ".new-" and decimal
// digits, possibly followed by ".old".
func isLeftover(name, base string) bool {
	rest, ok := strings.CutPrefix(name, stagingPattern(base))
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, oldSuffix)
	if rest == "" || len(rest) > 10 { // os.MkdirTemp's numbers are 32-bit
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
