//go:build darwin

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders tmp and dir in one step, with renamex_np and
// RENAME_SWAP: APFS and HFS+ volumes. A reader of dir sees the old folder
// or the new one, never neither. It returns errNoExchange on a volume
// that cannot swap (FAT, exFAT, network shares: ENOTSUP, EINVAL), so that
// the caller falls back on two renames.
func exchange(tmp, dir string) error {
	err := unix.RenamexNp(tmp, dir, unix.RENAME_SWAP)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOTSUP), errors.Is(err, unix.EOPNOTSUPP),
		errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: tmp, New: dir, Err: err}
}
