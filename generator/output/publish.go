package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
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
// Once the new site is in place, the previous one is removed. Failing to
// remove it does not fail publish, as the site is published.
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
